"""The sentences of a passage worth asking about: statements that stand on their own.

A question is read without its passage, so a sentence that points back at the one before
("Esses cursos foram ...", "This method ...") cannot become one: the student would not know
what "esses cursos" are. Lists and headings are no statements either (`statements`).
"""

from __future__ import annotations

import re

from chatgepeto.ingest.sentences import statements
from chatgepeto.study.text import word_set

MIN_WORDS = 6
MAX_WORDS = 45
MAX_CHARS = 320
# How far into a sentence a pointer makes it depend on the previous one.
_OPENING_WORDS = 6
# Not folded: "esta" points back, "está" (a verb) does not. These point back wherever they
# stand ("..., esses cursos foram absorvidos"); "este", "deste" often name the document
# itself ("deste Regulamento") and count only near the start.
_POINTERS = word_set(
    """ele ela eles elas isso isto esse essa esses essas aquele aquela aqueles aquelas aquilo
    dele dela deles delas nele nela neles nelas disso disto desse dessa desses dessas nesse
    nessa nesses nessas naquele naquela daquele daquela they them their these those he she
    his former latter"""
)
_OPENING_POINTERS = word_set(
    "este esta estes estas deste desta destes destas neste nesta tal tais mesmo mesma it its "
    "this such"
)
# Openings that continue an argument rather than state something.
_CONTINUATION = re.compile(
    r"^(?:além disso|por isso|portanto|assim|entretanto|no entanto|contudo|mas|e|ou|porém|"
    r"todavia|logo|dessa forma|desse modo|nesse sentido|por outro lado|então|enfim|apenas|também|"
    r"em outras palavras|ou seja|isto é|"
    r"however|but|and|so|thus|therefore|moreover|also|then)\b"
    # A verb first: the subject was in the previous sentence ("É uma forma de ...").
    r"|^(?:é|foi|era|são|foram|eram|existem|existe|há|trata-se|is|was|are|were)\s",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


def standalone_sentences(text: str) -> list[str]:
    """The passage's statements a question can be made from, in reading order."""
    return [s for s in statements(text) if stands_alone(s)]


def stands_alone(sentence: str) -> bool:
    """A whole statement, of a question's size, that names what it is about."""
    words = _WORD.findall(sentence)
    if not MIN_WORDS <= len(words) <= MAX_WORDS or len(sentence) > MAX_CHARS:
        return False
    if "\n" in sentence or sentence.rstrip().endswith((":", "?", ";", ",")):
        return False  # a list's intro, a question, a fragment
    if not (sentence[0].isupper() or sentence[0].isdigit()):
        return False  # cut out of a longer sentence
    lowered = [w.lower() for w in words]
    if _POINTERS.intersection(lowered) or _OPENING_POINTERS.intersection(lowered[:_OPENING_WORDS]):
        return False
    return not _CONTINUATION.match(sentence)

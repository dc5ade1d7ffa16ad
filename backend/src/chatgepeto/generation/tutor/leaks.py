"""The check on a model's reply in `tutor` (before the answer) and `prova`: no sentence of it
may give the answer away.

A reply sentence leaks when 60% or more of its content terms the question lacks are those of
one sentence of the cited passages (a copy, or a paraphrase that keeps its words), or when it
holds a number or a name of the passages that the question lacks (a paraphrase that keeps the
fact), or when it says one of the terms the cloze hides (the answer's key word in any
wording). The words of the question and of the hint (its document, page and section) are left
out of these tests: a guiding question may name what was asked and where to read. A leaking
sentence is replaced by the offline hint and its page, once; later leaking ones are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from chatgepeto.generation.evidence import matched_terms
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.facts import facts, mentioned, words
from chatgepeto.generation.tutor.lesson import Lesson
from chatgepeto.generation.tutor.modes import HintLevel, TutorMode
from chatgepeto.generation.tutor.replies import reply_for
from chatgepeto.ingest.sentences import statements
from chatgepeto.retrieval.types import RetrievedChunk

COPY_SHARE = 0.6
# Words that point at the material rather than say what it holds ("Segundo o material,",
# "o trecho da página 3 diz"): a copy framed by them is still a copy.
FRAMING = (
    "segundo conforme acordo material trecho trechos texto passagem página seção documento "
    "aula capítulo according material passage text page section document lecture chapter"
)
# A sentence ends at its final punctuation followed by a blank, or at a line break; the
# stream holds text back until one of these, so both paths cut at the same places.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|\n\s*")
_MARKER = re.compile(r"\[\d{1,3}(?:\s*[-–,;]\s*\d{1,3})*\]")


class LeakGuard:
    """Checks a reply sentence by sentence against the passages' sentences, names and numbers."""

    def __init__(
        self,
        question: str,
        passages: Sequence[RetrievedChunk],
        replacement: str,
        hidden: frozenset[str] = frozenset(),
    ) -> None:
        # The question and the hint are what the student reads anyway: naming them leaks nothing.
        known = f"{question} {replacement} {FRAMING}"
        self._known_terms = set(analyse(known))
        # What the cloze hides (the answer's rarest new terms) stays hidden in any wording.
        self._hidden = {t for t in hidden if not matched_terms(self._known_terms, {t})}
        self._sentences = [frozenset(analyse(s)) for p in passages for s in statements(p.text)]
        self._facts = {f for p in passages for f in facts(p.text)} - words(known)
        self._replacement = replacement

    def leaks(self, sentence: str) -> bool:
        """Whether `sentence` copies a passage sentence or names one of its facts."""
        text = _MARKER.sub(" ", sentence)
        if self._facts & mentioned(text):
            return True
        terms = set(analyse(text))
        if self._hidden and matched_terms(terms, self._hidden):
            return True
        new = {t for t in terms if not matched_terms(self._known_terms, {t})}
        if not new:
            return False
        return any(
            len(matched_terms(set(s), new)) >= COPY_SHARE * len(new) for s in self._sentences
        )

    def filter(self, reply: str) -> str:
        """The whole reply, its leaking sentences replaced (the first) or dropped."""
        return "".join(self.stream([reply]))

    def stream(self, pieces: Iterable[str]) -> Iterator[str]:
        """The reply's pieces, each sentence held back until it ends, then passed or replaced."""
        buffer = ""
        replaced = False
        for piece in pieces:
            buffer += piece
            while (end := _END.search(buffer)) is not None and end.end() < len(buffer):
                sentence, buffer = buffer[: end.end()], buffer[end.end() :]
                out, replaced = self._checked(sentence, replaced)
                if out:
                    yield out
        if buffer:
            out, replaced = self._checked(buffer, replaced)
            if out:
                yield out

    def _checked(self, sentence: str, replaced: bool) -> tuple[str, bool]:
        if not self.leaks(sentence):
            return sentence, replaced
        if replaced:
            return "", True
        blanks = sentence[len(sentence.rstrip()) :]
        return self._replacement + blanks, True


def guard_for(
    lesson: Lesson,
    passages: Sequence[RetrievedChunk],
    mode: TutorMode,
    level: HintLevel = HintLevel.GUIDE,
) -> LeakGuard | None:
    """The guard a model's reply in `mode` at `level` goes through, its leaks replaced by the
    offline reply of that rung; None when nothing is withheld (`direto`, the answer rung).

    `passages` are those the model was given: which it cites is known only once it ends.
    """
    if mode is TutorMode.DIRETO or (mode is TutorMode.TUTOR and level >= HintLevel.ANSWER):
        return None
    replacement = reply_for(lesson, mode, level).text
    return LeakGuard(lesson.question, passages, replacement, lesson.hidden)

"""The check on a model's reply in `tutor` (before the answer) and `prova`: no sentence of it
may give the answer away.

A reply sentence leaks when 60% or more of its content terms the question lacks are those of
one sentence of the cited passages (a copy, or a paraphrase that keeps its words), or when it
holds a number or a name of the passages that the question lacks (a paraphrase that keeps the
fact). The question's own terms are left out of the share so that a guiding question may name
what was asked. A leaking sentence is replaced by the offline hint and its page, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from chatgepeto.generation.evidence import matched_terms, statements
from chatgepeto.generation.terms import analyse, fold
from chatgepeto.language.words import QUESTION_WORDS
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.retrieval.types import RetrievedChunk

COPY_SHARE = 0.6
# A sentence ends at its final punctuation followed by a blank, or at a line break; the
# stream holds text back until one of these, so both paths cut at the same places.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|\n\s*")
_MARKER = re.compile(r"\[\d{1,3}(?:\s*[-–,;]\s*\d{1,3})*\]")
_TOKEN = re.compile(r"\w+")
# A capitalised word inside a sentence names something; at its start it may not.
_NAME = re.compile(r"(?<=[^\s.!?…])\s+[(\"'«“\[]?([^\W\d_][\w-]*)")
_STOP = Analyzer(extra_stopwords=QUESTION_WORDS)


class LeakGuard:
    """Checks a reply sentence by sentence against the passages' sentences, names and numbers."""

    def __init__(self, question: str, passages: Sequence[RetrievedChunk], replacement: str) -> None:
        self._question_terms = set(analyse(question))
        self._question_words = {fold(w) for w in _TOKEN.findall(question)}
        self._sentences = [frozenset(analyse(s)) for p in passages for s in statements(p.text)]
        self._facts = _facts(p.text for p in passages) - self._question_words
        self._replacement = replacement

    def leaks(self, sentence: str) -> bool:
        """Whether `sentence` copies a passage sentence or names one of its facts."""
        text = _MARKER.sub(" ", sentence)
        if self._facts & _facts_of_reply(text):
            return True
        terms = set(analyse(text))
        new = {t for t in terms if not matched_terms(self._question_terms, {t})}
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


def _facts(texts: Iterable[str]) -> set[str]:
    """The folded numbers and mid-sentence capitalised names of the passages."""
    found: set[str] = set()
    for text in texts:
        found |= {fold(t) for t in _TOKEN.findall(text) if any(c.isdigit() for c in t)}
        for match in _NAME.finditer(text):
            word = match.group(1)
            if word[0].isupper() and _STOP.terms(word):
                found.add(fold(word))
    return found


def _facts_of_reply(text: str) -> set[str]:
    """The reply's numbers and capitalised words (a name at a sentence's start counts too)."""
    return {
        fold(t)
        for t in _TOKEN.findall(text)
        if any(c.isdigit() for c in t) or (t[0].isupper() and _STOP.terms(t))
    }

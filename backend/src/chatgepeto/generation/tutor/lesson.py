"""What the tutor teaches from: today's extractive answer, split into its cited sentences.

The sentence choice is the extractive answerer's own (`ExtractiveAnswerer.answer`): the
tutor only hides, points at or withholds what `direto` would have said.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from chatgepeto.generation.evidence import Evidence, matched_terms
from chatgepeto.generation.extractive import ExtractiveAnswerer
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.facts import facts, words
from chatgepeto.generation.types import Answer, Citation, Language
from chatgepeto.language.detect import detect_language
from chatgepeto.retrieval.types import RetrievedChunk

# `_compose` writes "<prefix>: s1 [1]. s2 [2]."; a marker closes each sentence.
# A sentence may end past its marker in more than one stop ("a.C [1]..").
_MARKED = re.compile(r"(.+?)\s\[(\d+)\]([.!?…]*)(?:\s+|$)", re.S)
# Of the answer's content terms the question lacks, the rarest share is hidden in the cloze.
HIDDEN_SHARE = 0.5


@dataclass(frozen=True)
class Location:
    """Where to look, with no excerpt: a document, its page and its section."""

    document_id: str
    title: str
    page: int | None
    section: str | None
    chunk_id: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape the API sends."""
        return asdict(self)


@dataclass(frozen=True)
class Rarity:
    """The scope's term statistics (`DocumentStore.term_statistics`): chunks and document
    frequencies; a term the mapping lacks counts as found in no chunk."""

    chunks: int
    frequencies: Mapping[str, int]

    def idf(self, term: str) -> float:
        """BM25's IDF of `term` in the scope."""
        df = self.frequencies.get(term, 0)
        return math.log(1 + (self.chunks - df + 0.5) / (df + 0.5))


@dataclass(frozen=True)
class AnswerSentence:
    """One sentence of the extractive answer and the passage it comes from."""

    text: str
    passage: RetrievedChunk
    terms: frozenset[str]


@dataclass(frozen=True)
class Lesson:
    """The extractive answer (or the refusal), its sentences, where they are, what to hide."""

    question: str
    language: Language
    answer: Answer
    sentences: tuple[AnswerSentence, ...] = ()
    locations: tuple[Location, ...] = ()
    hidden: frozenset[str] = field(default_factory=frozenset)  # the cloze's key terms

    @property
    def refused(self) -> bool:
        """True when the material does not cover the question: every mode refuses."""
        return self.answer.mode == "refused" or not self.sentences


def location_of(passage: RetrievedChunk) -> Location:
    """The passage's document, page and section (its innermost heading path, joined)."""
    section = " › ".join(h.strip() for h in passage.heading_path if h.strip()) or None
    return Location(passage.document_id, passage.title, passage.page, section, passage.chunk_id)


def locations_for(
    citations: Sequence[Citation], passages: Sequence[RetrievedChunk]
) -> list[Location]:
    """The places of a model's citations (`map_markers`), without their snippets."""
    by_chunk = {p.chunk_id: p for p in passages}
    cited = [by_chunk[c.chunk_id] for c in citations if c.chunk_id in by_chunk]
    return list(dict.fromkeys(location_of(p) for p in cited))


def build_lesson(
    question: str,
    passages: Sequence[RetrievedChunk],
    evidence: Evidence | None = None,
    rarity: Rarity | None = None,
    answerer: ExtractiveAnswerer | None = None,
) -> Lesson:
    """The lesson for `question`, from the answer `direto` gives offline for these passages.

    `rarity` ranks the terms to hide by the course's statistics; without it, the retrieved
    passages stand for the course.
    """
    answer = (answerer or ExtractiveAnswerer()).answer(question, passages, evidence)
    return lesson_from_answer(question, passages, answer, rarity)


def lesson_from_answer(
    question: str, passages: Sequence[RetrievedChunk], answer: Answer, rarity: Rarity | None = None
) -> Lesson:
    """The lesson of an extractive `answer` already computed for these passages."""
    language: Language = "en" if detect_language(question) == "en" else "pt"
    if answer.mode != "extractive":
        return Lesson(question, language, answer)
    by_chunk = {p.chunk_id: p for p in passages}
    sentences = []
    body = answer.text.partition(": ")[2]
    for match in _MARKED.finditer(body):
        number = int(match.group(2))
        if not 1 <= number <= len(answer.citations):
            continue
        passage = by_chunk.get(answer.citations[number - 1].chunk_id)
        if passage is not None:
            text = match.group(1).strip() + (match.group(3)[:1] or ".")
            sentences.append(AnswerSentence(text, passage, frozenset(analyse(text))))
    locations = tuple(locations_for(answer.citations, passages))
    hidden = key_terms(question, sentences, rarity or _rarity_of(passages))
    return Lesson(question, language, answer, tuple(sentences), locations, hidden)


def new_terms(question: str, terms: frozenset[str] | set[str]) -> set[str]:
    """The content terms of `terms` the question does not hold (derivations count as held)."""
    asked = set(analyse(question))
    return {t for t in terms if not matched_terms(asked, {t})}


def key_terms(question: str, sentences: Sequence[AnswerSentence], rarity: Rarity) -> frozenset[str]:
    """What the cloze hides: in each answer sentence, the rarest HIDDEN_SHARE of the terms
    the question lacks, and its numbers and names the question lacks (however common)."""
    hidden: set[str] = set()
    asked = words(question)
    for sentence in sentences:
        candidates = new_terms(question, sentence.terms)
        if not candidates:
            continue
        ranked = sorted(candidates, key=lambda t: (-rarity.idf(t), t))
        hidden.update(ranked[: max(1, math.ceil(HIDDEN_SHARE * len(ranked)))])
        named = " ".join(facts(sentence.text) - asked)
        hidden.update(t for t in analyse(named) if t in candidates)
    return frozenset(hidden)


def _rarity_of(passages: Sequence[RetrievedChunk]) -> Rarity:
    frequencies: dict[str, int] = {}
    for passage in passages:
        for term in set(analyse(passage.text)):
            frequencies[term] = frequencies.get(term, 0) + 1
    return Rarity(len(passages), frequencies)

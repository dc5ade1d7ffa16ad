"""Deciding when the material does not cover a question, and saying so honestly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chatgepeto.generation.evidence import Evidence
from chatgepeto.generation.types import Answer, Language

MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class RefusalPolicy:
    """When the evidence is too weak to answer; one configuration for every course.

    Calibrated together on faquad/dev-open, its lower-cased copy, a 2-document subset and
    the latex-pt PDFs (README, "Refusals"). multilingual-e5 cosines are compressed (unrelated
    text still scores ~0.80), so support leans on the best sentence's cosine (whether one
    statement of the material addresses the question) over the best passage's, adds how far
    the best passage stands out of the question's other nearest chunks (a background the
    course itself gives, whatever its size), and is nudged by how much of the question the
    best sentence holds and held back by the share of it the course never mentions.
    """

    support: float = 0.885
    sentence_weight: float = 0.7
    gap_weight: float = 0.25
    coverage_weight: float = 0.03
    absent_weight: float = 0.01
    # A Portuguese question over English material (or the reverse) scores lower cosines
    # and shares no words: it is judged on the cosines alone, against a lower bar.
    cross_lingual_support: float = 0.83

    def support_of(self, evidence: Evidence) -> float:
        """The figure compared with the bar: cosines, then the relative and lexical nudges."""
        if evidence.best_cosine is None:
            return 0.0
        sentence = evidence.sentence_cosine or evidence.best_cosine
        if evidence.cross_lingual:
            return (evidence.best_cosine + sentence) / 2
        cosine = (1 - self.sentence_weight) * evidence.best_cosine + self.sentence_weight * sentence
        return (
            cosine
            + self.gap_weight * evidence.cosine_gap
            + self.coverage_weight * evidence.coverage
            - self.absent_weight * evidence.absent
        )


def should_refuse(evidence: Evidence, policy: RefusalPolicy | None = None) -> bool:
    """True when the passages do not show that the material covers the question."""
    policy = policy or RefusalPolicy()
    bar = policy.cross_lingual_support if evidence.cross_lingual else policy.support
    return evidence.best_cosine is None or policy.support_of(evidence) < bar


# The one refusal sentence: the extractive answerer says it, the prompt tells the LLM to say
# it, and `says_not_found` recognises an LLM that did (with or without these exact words).
NOT_FOUND: dict[Language, str] = {
    "pt": "Não encontrei isso no material do curso.",
    "en": "I couldn't find this in the course material.",
}
_NOT_FOUND_MARKERS = ("não encontrei", "couldn't find", "could not find")
_SUGGEST = {
    "pt": "Talvez ajude consultar: {titles}.",
    "en": "It may help to look at: {titles}.",
}


def refusal_answer(question: str, language: Language, suggestions: Sequence[str]) -> Answer:
    """The honest "not in the material" answer, with a few titles worth a look."""
    lang: Language = "en" if language == "en" else "pt"
    titles = list(dict.fromkeys(t.strip() for t in suggestions if t and t.strip()))
    text = NOT_FOUND[lang]
    if titles:
        joined = ", ".join(f'"{t}"' for t in titles[:MAX_SUGGESTIONS])
        text = f"{text} {_SUGGEST[lang].format(titles=joined)}"
    return Answer(text=text, citations=[], mode="refused", confidence=0.0)


def says_not_found(text: str) -> bool:
    """True when a model's answer is the refusal sentence (or words to its effect)."""
    folded = text.lower()
    return any(marker in folded for marker in _NOT_FOUND_MARKERS)

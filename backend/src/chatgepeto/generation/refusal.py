"""Deciding when the material does not cover a question, and saying so honestly."""

from __future__ import annotations

from collections.abc import Sequence

from chatgepeto.generation.types import Answer, Language
from chatgepeto.retrieval.types import RetrievedChunk

# Starting points, to be tuned on the dev-open set. multilingual-e5 cosines are compressed
# (unrelated text still scores ~0.70-0.78), so "covered" starts around 0.80.
DEFAULT_DENSE_THRESHOLD = 0.80
# A BM25 score: one rare question term matched in a short chunk scores ~3-5 on a course-sized
# corpus, so below 5 the words of the question barely appear in the material.
DEFAULT_LEXICAL_THRESHOLD = 5.0
MAX_SUGGESTIONS = 3

_NOT_FOUND = {
    "pt": "Não encontrei isso no material do curso.",
    "en": "I couldn't find this in the course material.",
}
_SUGGEST = {
    "pt": "Talvez ajude consultar: {titles}.",
    "en": "It may help to look at: {titles}.",
}


def should_refuse(
    passages: Sequence[RetrievedChunk],
    threshold_dense: float = DEFAULT_DENSE_THRESHOLD,
    threshold_lexical: float = DEFAULT_LEXICAL_THRESHOLD,
) -> bool:
    """True when neither the best dense nor the best lexical score shows real support."""
    dense = [p.dense for p in passages if p.dense is not None]
    lexical = [p.lexical for p in passages if p.lexical is not None]
    # Either method alone is enough evidence: a paraphrase scores only densely, and an exact
    # technical term may score only lexically. A method that saw nothing supports nothing.
    dense_support = bool(dense) and max(dense) >= threshold_dense
    lexical_support = bool(lexical) and max(lexical) >= threshold_lexical
    return not (dense_support or lexical_support)


def refusal_answer(question: str, language: Language, suggestions: Sequence[str]) -> Answer:
    """The honest "not in the material" answer, with a few titles worth a look."""
    lang: Language = "en" if language == "en" else "pt"
    titles = list(dict.fromkeys(t.strip() for t in suggestions if t and t.strip()))
    text = _NOT_FOUND[lang]
    if titles:
        joined = ", ".join(f'"{t}"' for t in titles[:MAX_SUGGESTIONS])
        text = f"{text} {_SUGGEST[lang].format(titles=joined)}"
    return Answer(text=text, citations=[], mode="refused", confidence=0.0)

"""Calibration variants of an evaluation set, derived in memory: no file is written by hand."""

from __future__ import annotations

from dataclasses import dataclass, replace

from chatgepeto.evaluation.dataset import CorpusDocument, EvalQuery


@dataclass(frozen=True)
class Variant:
    """`lower`: lower-case corpus and questions; `subset`: keep these documents only, plus
    `others` questions about other documents, which become unanswerable."""

    lower: bool = False
    subset: tuple[str, ...] = ()
    others: int = 0

    def __post_init__(self) -> None:
        if self.others < 0:
            raise ValueError(f"--others must be >= 0, got {self.others}")
        if self.others and not self.subset:
            raise ValueError("--others needs --subset (the documents the others are not about)")

    @staticmethod
    def parse_subset(value: str | None) -> tuple[str, ...]:
        """`a,b` -> ("a", "b"); None or blank -> ()."""
        return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def lowered_corpus(corpus: list[CorpusDocument]) -> list[CorpusDocument]:
    """Every text lower-cased (titles stay: they name the upload)."""
    return [replace(doc, text=doc.text.lower()) for doc in corpus]


def lowered_queries(queries: list[EvalQuery]) -> list[EvalQuery]:
    """Every question lower-cased; gold answers stay (they are compared folded)."""
    return [replace(q, question=q.question.lower()) for q in queries]


def require_known(subset: tuple[str, ...], available: list[str]) -> None:
    """Refuse a subset naming a document the set does not have, listing the valid ids."""
    unknown = [doc_id for doc_id in subset if doc_id not in available]
    if unknown:
        raise ValueError(
            f"--subset names unknown documents {', '.join(unknown)}; valid: {', '.join(available)}"
        )


def subset_queries(
    queries: list[EvalQuery], subset: tuple[str, ...], others: int
) -> list[EvalQuery]:
    """The questions about `subset`, plus the first `others` (in file order) about any other
    document or none, with their answers emptied: the subset does not answer them."""
    keep = frozenset(subset)
    kept: list[EvalQuery] = []
    extra = 0
    for query in queries:
        if query.doc_id in keep:
            kept.append(query)
        elif extra < others:
            kept.append(replace(query, answers=(), doc_id=None, pages=()))
            extra += 1
    return kept


def apply_to_queries(queries: list[EvalQuery], variant: Variant) -> list[EvalQuery]:
    """The questions of the variant (subset first, then lower-casing)."""
    if variant.subset:
        queries = subset_queries(queries, variant.subset, variant.others)
    return lowered_queries(queries) if variant.lower else queries


def apply_to_corpus(corpus: list[CorpusDocument], variant: Variant) -> list[CorpusDocument]:
    """The corpus of the variant."""
    if variant.subset:
        require_known(variant.subset, [doc.doc_id for doc in corpus])
        corpus = [doc for doc in corpus if doc.doc_id in variant.subset]
    return lowered_corpus(corpus) if variant.lower else corpus

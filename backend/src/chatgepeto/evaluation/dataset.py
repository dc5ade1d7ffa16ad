"""The evaluation format: corpus.jsonl, queries.jsonl and its sidecar (shared/eval/README.md)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chatgepeto.retrieval.analyzer import fold


@dataclass(frozen=True)
class CorpusDocument:
    """One document of the corpus."""

    doc_id: str
    title: str
    text: str


@dataclass(frozen=True)
class EvalQuery:
    """One question; `answers` empty means the corpus does not answer it.

    `pages` are the 1-based pages of `doc_id` holding a gold answer (sets over real files).
    """

    qid: str
    question: str
    answers: tuple[str, ...]
    doc_id: str | None
    pages: tuple[int, ...] = ()


def _lines(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_corpus(path: Path) -> list[CorpusDocument]:
    """Read corpus.jsonl."""
    return [CorpusDocument(str(r["doc_id"]), str(r["title"]), str(r["text"])) for r in _lines(path)]


def load_queries(path: Path) -> list[EvalQuery]:
    """Read queries.jsonl."""
    return [
        EvalQuery(
            str(r["qid"]),
            str(r["question"]),
            tuple(str(a) for a in r.get("answers") or []),  # type: ignore[attr-defined]
            str(r["doc_id"]) if r.get("doc_id") else None,
            tuple(int(p) for p in r.get("pages") or []),  # type: ignore[attr-defined]
        )
        for r in _lines(path)
    ]


def meta_path(queries_path: Path) -> Path:
    """Where the sidecar of `queries.jsonl` lives: `queries.meta.jsonl` beside it."""
    return queries_path.with_suffix(".meta.jsonl")


def load_meta(queries_path: Path) -> dict[str, dict[str, Any]]:
    """The sidecar's rows by qid (e.g. `evidence_pages`), empty when there is none."""
    path = meta_path(queries_path)
    return {str(r["qid"]): r for r in _lines(path)} if path.exists() else {}


def normalise(text: str) -> str:
    """Case, accents and whitespace folded, as the README defines "contains"."""
    return re.sub(r"\s+", " ", fold(text)).strip()


def contains_answer(chunk_text: str, answers: tuple[str, ...]) -> bool:
    """True when any gold answer occurs in the chunk after folding."""
    haystack = normalise(chunk_text)
    return any(normalise(a) in haystack for a in answers if a.strip())

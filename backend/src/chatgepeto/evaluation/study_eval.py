r"""Offline study items measured through the product's own retrieval (issue 18).

The corpus is ingested as uploads are (the worker's chunker, the index's BM25 statistics,
the embedder); items are generated from the first documents' stored passages with the
course's own term statistics; each question is then asked of the product's `Retriever`,
and the figure is the share whose source passage comes back in the top k (the question is
specific enough to find what it was made from).

    python -m chatgepeto.evaluation.study_eval \
        --corpus ../shared/eval/faquad/dev/corpus.jsonl \
        --queries ../shared/eval/faquad/dev/queries.jsonl \
        --embedding-cache .bench-cache/eval-embeddings
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from chatgepeto.evaluation.runner import EvalSource, Prepared, prepare
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.lesson import Rarity
from chatgepeto.settings import load_settings
from chatgepeto.study.generate import generate_items
from chatgepeto.study.items import BLANK, Source, StudyItem

# Issue 18's bar: a question finds its source passage in the top 5 for >= 0.80 of the items.
TOP_K = 5
MIN_FOUND = 0.80


def stored_passages(prepared: Prepared) -> list[Source]:
    """Every stored chunk, in document then reading order, as the generator reads it."""
    passages = prepared.store.passages
    count = passages.count_chunks()
    rows = passages.chunks_by_rowid(list(range(1, 4 * count + 1)))
    order = list(prepared.report.document_ids)
    chunks = sorted(rows.values(), key=lambda c: (order.index(c.document_id), c.position))
    return [
        Source(
            document_id=c.document_id,
            title=c.title,
            page=c.page,
            passage_id=c.id,
            passage_text=c.text,
        )
        for c in chunks
    ]


def question_of(item: StudyItem) -> str:
    """What a student would type: the question, a cloze's blank left out."""
    return " ".join(item.question.replace(BLANK, " ").split())


def evaluate_study(prepared: Prepared, documents: int, k: int = TOP_K) -> dict[str, Any]:
    """Generate from the first `documents` documents and ask each question of the retriever."""
    course = stored_passages(prepared)
    terms = sorted({t for p in course for t in analyse(p.passage_text)})
    chunks, frequencies = prepared.retriever.term_statistics(terms, None)
    first = list(prepared.report.document_ids)[:documents]
    chosen = [p for p in course if p.document_id in first]
    items = generate_items(chosen, Rarity(chunks, frequencies))
    found: Counter[str] = Counter()
    for item in items:
        hits = prepared.retriever.retrieve(question_of(item), None, k=k)
        if item.source.passage_id in {h.chunk_id for h in hits}:
            found[item.kind] += 1
    kinds = Counter(i.kind for i in items)
    return {
        "documents": len({i.source.document_id for i in items}),
        "items": len(items),
        "kinds": dict(sorted(kinds.items())),
        f"found_top{k}": round(sum(found.values()) / len(items), 4) if items else 0.0,
        f"found_top{k}_by_kind": {
            kind: round(found[kind] / n, 4) for kind, n in sorted(kinds.items())
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Index the corpus, measure, print the figures and the JSON; 1 below the bar."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--queries", required=True, type=Path, help="the set's questions file")
    parser.add_argument("--documents", type=int, default=10)
    parser.add_argument("--embedding-cache", type=Path, default=None)
    args = parser.parse_args(argv)
    settings = load_settings()
    source = EvalSource(args.queries, corpus=args.corpus)
    with prepare(settings, source, embedding_cache=args.embedding_cache) as prepared:
        summary = evaluate_study(prepared, args.documents)
    for key, value in summary.items():
        sys.stdout.write(f"{key:<20}  {value}\n")
    sys.stdout.write(json.dumps(summary, ensure_ascii=False) + "\n")
    return 0 if summary[f"found_top{TOP_K}"] >= MIN_FOUND else 1


if __name__ == "__main__":
    raise SystemExit(main())

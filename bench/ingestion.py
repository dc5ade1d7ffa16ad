"""Ingestion: a generated 300-page PDF and a DOCX through the worker's own code path.

Each document is indexed in a fresh child process (`python -m bench.ingestion FILE`), so its
peak memory is its own. The child loads the configured embedder, measures the model's raw
rate on a sample of the document's own chunks (half before, half after the pipeline, to
bracket it in time on a shared CPU), then runs the worker loop (`run_once`: claim, parse,
chunk, embed, store) with the embedder and store timed by proxies.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.layout import ROOT

SAMPLE_BATCHES = 4  # of EMBED_BATCH chunks, before and again after the pipeline


def _rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _raw_rate(embedder: Any, texts: list[str], batch: int) -> dict[str, float]:
    """Tokens/s of the bare model on `texts`, in the Indexer's batch size."""
    tokens = sum(embedder.count_tokens(t) for t in texts)
    started = time.perf_counter()
    for start in range(0, len(texts), batch):
        embedder.embed_passages(texts[start : start + batch])
    seconds = time.perf_counter() - started
    return {"chunks": len(texts), "tokens": tokens, "seconds": round(seconds, 3)}


def _sample(texts: list[str], batch: int) -> tuple[list[str], list[str]]:
    """Two disjoint, evenly spread samples of SAMPLE_BATCHES batches each."""
    step = max(1, len(texts) // (2 * SAMPLE_BATCHES * batch))
    spread = texts[::step][: 2 * SAMPLE_BATCHES * batch]
    return spread[0::2], spread[1::2]


def measure(path: Path) -> dict[str, Any]:
    """Index one file in this process; what it cost (run in a child process)."""
    from chatgepeto.embeddings.factory import build_embedder
    from chatgepeto.ingest.chunker import split
    from chatgepeto.ingest.parse import parse_document
    from chatgepeto.services.library import Library
    from chatgepeto.settings import Settings
    from chatgepeto.storage.sqlite_store import SqliteStore
    from chatgepeto.worker.indexer import EMBED_BATCH, Indexer, passage_text
    from chatgepeto.worker.loop import run_once

    from bench.timing import TimedEmbedder, TimedStore

    embedder = build_embedder(Settings())
    embedder.embed_passages(["aquecimento do modelo"])
    rss_ready = _rss_mib()
    data = path.read_bytes()
    started = time.perf_counter()
    parsed = parse_document(data, path.name)
    parse_s = time.perf_counter() - started
    started = time.perf_counter()
    drafts = split(parsed.blocks)
    chunk_s = time.perf_counter() - started
    before, after = _sample([passage_text(d) for d in drafts], EMBED_BATCH)
    raw_before = _raw_rate(embedder, before, EMBED_BATCH)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        store = SqliteStore(f"sqlite:///{folder}/ingest.db")
        store.migrate()
        timed_store = TimedStore(store, ("claim_job", "heartbeat", "complete_job"))
        timed_embedder = TimedEmbedder(embedder)
        document = Library(store, 1 << 40).upload(path.name, data, None).document
        started = time.perf_counter()
        run_once(timed_store, Indexer(timed_store, timed_embedder), 300.0)
        pipeline_s = time.perf_counter() - started
        ready = store.get_document(document.id)
    raw_after = _raw_rate(embedder, after, EMBED_BATCH)
    assert ready is not None and ready.status.value == "ready", ready
    return {
        "file": path.name, "bytes": len(data), "pages": parsed.page_count,
        "chars": sum(len(b.text) for b in parsed.blocks), "chunks": ready.chunk_count,
        "tokens": ready.tokens, "pipeline_s": round(pipeline_s, 3),
        "embed_s": round(timed_embedder.seconds["embed_passages"], 3),
        "count_tokens_s": round(timed_embedder.seconds["count_tokens"], 3),
        "store_s": round(sum(timed_store.seconds.values()), 3),
        "parse_s": round(parse_s, 3), "chunk_s": round(chunk_s, 3),
        "raw_before": raw_before, "raw_after": raw_after,
        "rss_model_loaded_mib": round(rss_ready, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def figures(m: dict[str, Any], pages: int) -> dict[str, Any]:
    """Rates and shares from one child's raw measurements."""
    raw_tokens = m["raw_before"]["tokens"] + m["raw_after"]["tokens"]
    raw_rate = raw_tokens / (m["raw_before"]["seconds"] + m["raw_after"]["seconds"])
    pipeline_rate = m["tokens"] / m["pipeline_s"]
    return {
        "pages": m["pages"] or pages,
        "pages_per_s": round((m["pages"] or pages) / m["pipeline_s"], 2),
        "chunks_per_s": round(m["chunks"] / m["pipeline_s"], 2),
        "tokens_per_s": round(pipeline_rate, 1),
        "model_raw_tokens_per_s": round(raw_rate, 1),
        "model_in_pipeline_tokens_per_s": round(m["tokens"] / m["embed_s"], 1),
        "pipeline_over_raw": round(pipeline_rate / raw_rate, 3),
        "embedding_share": round(m["embed_s"] / m["pipeline_s"], 3),
        "other_s": {"parse": m["parse_s"], "chunk": m["chunk_s"],
                    "count_tokens": m["count_tokens_s"], "store": m["store_s"],
                    "rest": round(m["pipeline_s"] - m["embed_s"] - m["parse_s"] - m["chunk_s"]
                                  - m["count_tokens_s"] - m["store_s"], 3)},
    }


def run(log: Any) -> dict[str, Any]:
    """The ingestion section of the report."""
    from bench.documents import generated

    documents = {}
    for label, (path, pages) in generated().items():
        log(f"ingestion: {path.name} in a child process")
        done = subprocess.run([sys.executable, "-m", "bench.ingestion", str(path)], cwd=ROOT,
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"ingestion child failed:\n{done.stderr[-3000:]}")
        measured = json.loads(done.stdout)
        documents[label] = {"measured": measured, **figures(measured, pages)}
    return {"documents": documents, "ceiling_gap_allowed": 0.15}


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))

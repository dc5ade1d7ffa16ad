"""Ingestion: a generated 300-page PDF and a DOCX through the worker's own code path.

Each document is indexed in a fresh child process (`python -m bench.ingestion FILE`), so its
peak memory is its own. The child loads the configured embedder, measures the model's raw
rate on a sample of the document's own chunks (half before, half after the pipeline), and
runs the worker loop (`run_once`: claim, parse, chunk, embed, store) with the embedder and
store timed by proxies. Rates are given in wall-clock seconds (what a teacher waits) and in
CPU seconds of the process; the ceiling check uses CPU seconds, which other people's load
on the shared CPU hardly moves (wall-clock samples taken minutes apart differ by 2x).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.layout import ROOT
from bench.timing import Clock, TimedEmbedder, TimedStore

SAMPLE_BATCHES = 4  # of EMBED_BATCH chunks, before and again after the pipeline


def _rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _pair(wall: float, cpu: float) -> dict[str, float]:
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}


def _raw_rate(embedder: Any, texts: list[str], batch: int) -> dict[str, float]:
    """The bare model on `texts`, in the Indexer's batch size: tokens, wall and CPU seconds."""
    tokens = sum(embedder.count_tokens(t) for t in texts)
    clock = Clock()
    for start in range(0, len(texts), batch):
        embedder.embed_passages(texts[start : start + batch])
    return {"chunks": len(texts), "tokens": tokens, **_pair(*clock.read())}


def _sample(texts: list[str], batch: int) -> tuple[list[str], list[str]]:
    """Two disjoint, evenly spread samples of SAMPLE_BATCHES batches each."""
    step = max(1, len(texts) // (2 * SAMPLE_BATCHES * batch))
    spread = texts[::step][: 2 * SAMPLE_BATCHES * batch]
    return spread[0::2], spread[1::2]


def _pipeline(path: Path, data: bytes, embedder: Any) -> dict[str, Any]:
    """Upload the file and let the worker's loop index it, with the model and store timed."""
    from chatgepeto.services.indexer import Indexer
    from chatgepeto.services.library import Library
    from chatgepeto.storage.sqlite_store import SqliteStore
    from chatgepeto.worker.loop import run_once

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        store = SqliteStore(f"sqlite:///{folder}/ingest.db")
        store.migrate()
        timed_jobs = TimedStore(store.jobs, ("claim_job", "heartbeat", "complete_job"))
        timed_embedder = TimedEmbedder(embedder)
        document = (
            Library(store.courses, store.documents, store.passages, store.jobs, 1 << 40)
            .upload(path.name, data, None)
            .document
        )
        clock = Clock()
        run_once(timed_jobs, Indexer(store.documents, timed_jobs, timed_embedder), 300.0)
        total = clock.read()
        ready = store.documents.get_document(document.id)
        store.engine.dispose()
    if ready is None or ready.status.value != "ready":
        raise RuntimeError(f"{path.name} did not index: {ready}")
    return {
        "chunks": ready.chunk_count,
        "tokens": ready.tokens,
        "pipeline": _pair(*total),
        "embed": _pair(
            timed_embedder.seconds["embed_passages"], timed_embedder.cpu_seconds["embed_passages"]
        ),
        "count_tokens": _pair(
            timed_embedder.seconds["count_tokens"], timed_embedder.cpu_seconds["count_tokens"]
        ),
        "store": _pair(sum(timed_jobs.seconds.values()), sum(timed_jobs.cpu_seconds.values())),
    }


def measure(path: Path) -> dict[str, Any]:
    """Index one file in this process; what it cost (run in a child process)."""
    from chatgepeto.embeddings.factory import build_embedder
    from chatgepeto.ingest.chunker import split
    from chatgepeto.ingest.parse import parse_document
    from chatgepeto.services.indexer import EMBED_BATCH, passage_text
    from chatgepeto.settings import Settings

    embedder = build_embedder(Settings())
    embedder.embed_passages(["aquecimento do modelo"])
    rss_ready = _rss_mib()
    data = path.read_bytes()
    clock = Clock()
    parsed = parse_document(data, path.name)
    parse = clock.read()
    clock = Clock()
    drafts = split(parsed.blocks)
    chunk = clock.read()
    before, after = _sample([passage_text(d) for d in drafts], EMBED_BATCH)
    raw_before = _raw_rate(embedder, before, EMBED_BATCH)
    pipeline = _pipeline(path, data, embedder)
    raw_after = _raw_rate(embedder, after, EMBED_BATCH)
    return {
        "file": path.name,
        "bytes": len(data),
        "pages": parsed.page_count,
        "chars": sum(len(b.text) for b in parsed.blocks),
        **pipeline,
        "parse": _pair(*parse),
        "chunk": _pair(*chunk),
        "raw_before": raw_before,
        "raw_after": raw_after,
        "rss_model_loaded_mib": round(rss_ready, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _rates(m: dict[str, Any], clock: str) -> dict[str, float]:
    """Tokens per second of the pipeline, of the model inside it and of the bare model."""
    raw_tokens = m["raw_before"]["tokens"] + m["raw_after"]["tokens"]
    raw_seconds = m["raw_before"][clock] + m["raw_after"][clock]
    pipeline = m["tokens"] / m["pipeline"][clock]
    raw = raw_tokens / raw_seconds
    return {
        "pipeline": round(pipeline, 1),
        "model_in_pipeline": round(m["tokens"] / m["embed"][clock], 1),
        "bare_model": round(raw, 1),
        "pipeline_over_bare": round(pipeline / raw, 3),
        "model_share": round(m["embed"][clock] / m["pipeline"][clock], 3),
    }


def figures(m: dict[str, Any], pages: int) -> dict[str, Any]:
    """Rates and shares from one child's raw measurements."""
    pages = m["pages"] or pages
    wall = m["pipeline"]["wall_s"]
    outside = {part: m[part]["cpu_s"] for part in ("parse", "chunk", "count_tokens", "store")}
    outside["rest"] = round(
        max(0.0, m["pipeline"]["cpu_s"] - m["embed"]["cpu_s"] - sum(outside.values())), 3
    )
    cpu = _rates(m, "cpu_s")
    return {
        "pages": pages,
        "pages_per_s": round(pages / wall, 2),
        "chunks_per_s": round(m["chunks"] / wall, 2),
        "tokens_per_s": round(m["tokens"] / wall, 1),
        "tokens_per_s_wall": _rates(m, "wall_s"),
        "tokens_per_cpu_s": cpu,
        "pipeline_over_raw": cpu["pipeline_over_bare"],
        "embedding_share": cpu["model_share"],
        "model_raw_tokens_per_cpu_s": cpu["bare_model"],
        "cpu_outside_model_s": outside,
    }


def run(log: Any) -> dict[str, Any]:
    """The ingestion section of the report."""
    from bench.documents import generated

    documents = {}
    for label, (path, pages) in generated().items():
        log(f"ingestion: {path.name} in a child process")
        done = subprocess.run(
            [sys.executable, "-m", "bench.ingestion", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"ingestion child failed:\n{done.stderr[-3000:]}")
        measured = json.loads(done.stdout)
        documents[label] = {"measured": measured, **figures(measured, pages)}
    return {"documents": documents, "ceiling_gap_allowed": 0.15}


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))

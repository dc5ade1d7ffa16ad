"""What each `chatgepeto` subcommand does."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from chatgepeto.cli.output import emit_json, emit_table
from chatgepeto.errors import AppError
from chatgepeto.ingest.parse import IngestLimits
from chatgepeto.ingest.sandbox import SandboxLimits
from chatgepeto.retrieval.retriever import RetrieverMode
from chatgepeto.services.container import Services
from chatgepeto.services.indexer import Indexer
from chatgepeto.services.library import clean_name, slugify
from chatgepeto.settings import load_settings
from chatgepeto.storage.types import DocumentStatus
from chatgepeto.telemetry import configure_json_logging, emit_metrics
from chatgepeto.worker.loop import RETENTION_EVERY_S, Every, run_forever, run_once, run_study_once

log = logging.getLogger("chatgepeto.cli")


def serve(args: argparse.Namespace) -> int:
    """The HTTP API under gunicorn, with an ingestion worker process beside it."""
    from chatgepeto.api.auth import access_notice
    from chatgepeto.api.server import run_gunicorn

    settings = load_settings()
    configure_json_logging(settings.log_level)  # serve logs JSON on stdout (CloudWatch)
    Services.from_settings(settings)  # migrate once, before any worker forks
    host = args.host or settings.host
    (log.info if settings.admin_token else log.warning)(access_notice(settings, host))
    worker = None
    if not args.no_worker:
        worker = subprocess.Popen([sys.executable, "-m", "chatgepeto.cli.main", "worker"])
    try:
        run_gunicorn(settings, host, args.port or settings.port, args.workers)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
    return 0


def worker(args: argparse.Namespace) -> int:
    """Index queued documents and draft queued study items until stopped (or, with --once,
    until the queue is empty)."""
    services = Services.from_settings(load_settings())
    settings = services.settings
    indexer = build_indexer(services)
    if args.once:
        count = 0
        while run_once(services.store.jobs, indexer, settings.job_lease_s):
            count += 1
        drafted = 0
        while run_study_once(services.study_runner, settings.job_lease_s):
            drafted += 1
        if args.json:
            emit_json({"indexed": count, "study_jobs": drafted})
        return 0
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    configure_json_logging(settings.log_level, sys.stderr)
    log.info("worker started")
    run_forever(
        services.store.jobs,
        indexer,
        settings.job_lease_s,
        settings.worker_poll_s,
        stop,
        metrics=lambda values: emit_metrics(values, service="worker"),
        study=services.study_runner,
        periodic=[
            Every("conversation retention", RETENTION_EVERY_S, services.retention.sweep),
            Every("finished study jobs", RETENTION_EVERY_S, services.study_runner.forget_finished),
        ],
    )
    return 0


def build_indexer(services: Services) -> Indexer:
    """The indexer with the lease, caps, time limit and parse sandbox of the settings."""
    settings = services.settings
    return Indexer(
        services.store.documents,
        services.store.jobs,
        services.embedder,
        lease_s=settings.job_lease_s,
        limits=IngestLimits(settings.max_pages, settings.max_text_chars),
        time_limit_s=settings.ingest_time_limit_s,
        sandbox=SandboxLimits(settings.parse_memory_limit_mb, settings.parse_time_limit_s),
    )


def ingest(args: argparse.Namespace) -> int:
    """Upload files, index them (helping any running worker) and report each status."""
    services = Services.from_settings(load_settings())
    store, library = services.store, services.library
    collection = args.collection  # a course's id, or the name of one to use or create
    if store.courses.get_collection(collection) is None:
        collection = slugify(args.collection) or "default"
        if store.courses.get_collection(collection) is None:
            # The admin's command line: exactly the slug as id, so a script can name it again
            # (the API adds a random suffix instead); turma, like every new course.
            store.courses.create_collection(collection, clean_name(args.collection))
    rows: list[dict[str, Any]] = []
    for path in map(Path, args.paths):
        try:
            result = library.upload(path.name, path.read_bytes(), collection)
            rows.append({"id": result.document.id, "file": str(path)})
        except (OSError, AppError) as exc:
            message = exc.message if isinstance(exc, AppError) else str(exc)
            rows.append({"id": "-", "file": str(path), "status": "failed", "error": message})
    indexer = build_indexer(services)
    _wait_until_indexed(services, indexer, rows)
    if args.json:
        emit_json({"collection": collection, "documents": rows})
    else:
        for row in rows:
            sys.stdout.write(f"{row['id']}\t{row['status']}\t{row['file']}\n")
    return 1 if any(row["status"] == "failed" for row in rows) else 0


def _wait_until_indexed(services: Services, indexer: Indexer, rows: list[dict[str, Any]]) -> None:
    pending = [row for row in rows if "status" not in row]
    while pending:
        worked = run_once(services.store.jobs, indexer, services.settings.job_lease_s)
        for row in list(pending):
            document = services.store.documents.get_document(row["id"])
            if document is None or document.status in (DocumentStatus.READY, DocumentStatus.FAILED):
                row["status"] = document.status.value if document else "failed"
                row["error"] = document.error if document else "documento excluído"
                pending.remove(row)
        if pending and not worked:
            time.sleep(0.2)


def search(args: argparse.Namespace) -> int:
    """Print the best passages for a question."""
    services = Services.from_settings(load_settings())
    mode = RetrieverMode.from_str(args.retriever)
    results = services.retriever.retrieve(args.query, args.collection, args.k, mode)
    if args.json:
        emit_json({"query": args.query, "results": [r.__dict__ for r in results]})
        return 0
    emit_table(
        ["#", "score", "title", "page", "text"],
        [
            [i, f"{r.score:.3f}", r.title, r.page or "-", r.text[:80].replace("\n", " ")]
            for i, r in enumerate(results, start=1)
        ],
    )
    return 0


def evaluate(args: argparse.Namespace) -> int:
    """Run the evaluation and print its metrics (and, with --records, write each answer)."""
    from chatgepeto.evaluation.runner import EvalSource, run_evaluation
    from chatgepeto.evaluation.variants import Variant

    records: list[dict[str, Any]] = []
    report = run_evaluation(
        load_settings(),
        EvalSource(
            Path(args.queries),
            Path(args.corpus) if args.corpus else None,
            Path(args.files) if args.files else None,
        ),
        [RetrieverMode.from_str(name) for name in args.retrievers.split(",") if name.strip()],
        args.mode,
        Variant(args.lower, Variant.parse_subset(args.subset), args.others),
        Path(args.embedding_cache) if args.embedding_cache else None,
        records,
    )
    if args.records:
        with Path(args.records).open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if args.json:
        emit_json(report)
    else:
        metrics = sorted({key for values in report.values() for key in values})
        emit_table(
            ["metric", *report],
            [[m, *(_cell(v.get(m, "")) for v in report.values())] for m in metrics],
        )
    return 0


def _cell(value: object) -> object:
    return "-" if value is None else value


def reindex(args: argparse.Namespace) -> int:
    """Queue stored originals to be parsed again (all, one collection or one document);
    with --wait, index them here (helping any running worker) and report each status."""
    services = Services.from_settings(load_settings())
    queued, skipped = services.library.reindex_many(args.document, args.collection)
    rows: list[dict[str, Any]] = [{"id": d.id, "file": d.filename} for d in queued]
    if args.wait:
        _wait_until_indexed(services, build_indexer(services), rows)
    else:
        for row in rows:
            row["status"] = DocumentStatus.QUEUED.value
    # Busy documents are left to the job already queued for them.
    rows += [{"id": d.id, "file": d.filename, "status": "skipped"} for d in skipped]
    if args.json:
        emit_json({"documents": rows})
    else:
        for row in rows:
            sys.stdout.write(f"{row['id']}\t{row['status']}\t{row['file']}\n")
    # A re-index that failed leaves the document ready on its old passages, with an error.
    return 1 if any(row["status"] == "failed" or row.get("error") for row in rows) else 0

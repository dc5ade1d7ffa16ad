"""The ingestion worker: claims durable jobs from the database and indexes them."""

from __future__ import annotations

import logging
import os
import socket
import threading

from chatgepeto.storage.base import DocumentStore
from chatgepeto.worker.indexer import Indexer

log = logging.getLogger(__name__)


def worker_name() -> str:
    """host:pid, so a lease names the process that holds it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def run_once(store: DocumentStore, indexer: Indexer, lease_s: float) -> bool:
    """Claim and index one job; False when there was none."""
    job = store.claim_job(worker_name(), lease_s)
    if job is None:
        return False
    log.info("indexing document %s (attempt %d)", job.document_id, job.attempts)
    indexer.index(job.document_id)
    return True


def run_forever(
    store: DocumentStore,
    indexer: Indexer,
    lease_s: float,
    poll_s: float,
    stop: threading.Event | None = None,
) -> None:
    """Index jobs until `stop` is set; sleeps `poll_s` when the queue is empty."""
    stop = stop or threading.Event()
    while not stop.is_set():
        try:
            busy = run_once(store, indexer, lease_s)
        except Exception:  # the database went away: wait and try again
            log.exception("worker iteration failed")
            busy = False
        if not busy:
            stop.wait(poll_s)

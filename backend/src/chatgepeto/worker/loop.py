"""The ingestion worker: claims durable jobs from the database and indexes them."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable

from chatgepeto.services.indexer import Indexer
from chatgepeto.storage.roles import JobQueue

log = logging.getLogger(__name__)


def worker_name() -> str:
    """host:pid, so a lease names the process that holds it."""
    return f"{socket.gethostname()}:{os.getpid()}"


Metrics = Callable[[dict[str, float]], None]


def run_once(
    jobs: JobQueue, indexer: Indexer, lease_s: float, metrics: Metrics | None = None
) -> bool:
    """Claim and index one job; False when there was none."""
    job = jobs.claim_job(worker_name(), lease_s)
    if job is None:
        return False
    log.info("indexing document %s (attempt %d)", job.document_id, job.attempts)
    done = threading.Event()
    keeper = threading.Thread(
        target=_keep_lease, args=(jobs, job.document_id, lease_s, done), daemon=True
    )
    keeper.start()
    started = time.monotonic()
    try:
        ready = indexer.index(job.document_id)
    finally:
        done.set()
        keeper.join()
    if metrics is not None:
        seconds = time.monotonic() - started
        metrics({"IngestionSeconds": seconds} if ready else {"IngestionFailures": 1.0})
    return True


def _keep_lease(jobs: JobQueue, document_id: str, lease_s: float, done: threading.Event) -> None:
    """Renew the lease while the job runs, so a long parse is never taken by a second worker.

    Only a live process renews: a killed worker stops renewing and its job is taken up again
    within one lease.
    """
    while not done.wait(lease_s / 3):
        try:
            jobs.extend_lease(document_id, lease_s)
        except Exception:  # the database blinked: the next renewal will try again
            log.warning("could not renew the lease of %s", document_id)


def run_forever(
    jobs: JobQueue,
    indexer: Indexer,
    lease_s: float,
    poll_s: float,
    stop: threading.Event | None = None,
    metrics: Metrics | None = None,
) -> None:
    """Index jobs until `stop` is set; sleeps `poll_s` when the queue is empty."""
    stop = stop or threading.Event()
    while not stop.is_set():
        try:
            busy = run_once(jobs, indexer, lease_s, metrics)
        except Exception:  # the database went away: wait and try again
            log.exception("worker iteration failed")
            busy = False
        if not busy:
            stop.wait(poll_s)

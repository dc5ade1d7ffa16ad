"""The worker: claims durable jobs from the database, indexes documents and drafts study items.

Ingestion comes first: a study job (issue 18) is claimed when no document waits. Both kinds
run under a lease this process renews while it lives. Between jobs it runs periodic sweeps
(the conversation retention, hourly), first when it starts."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from chatgepeto.services.indexer import Indexer
from chatgepeto.services.study_jobs import StudyJobRunner
from chatgepeto.storage.roles import JobQueue

log = logging.getLogger(__name__)


def worker_name() -> str:
    """host:pid, so a lease names the process that holds it."""
    return f"{socket.gethostname()}:{os.getpid()}"


Metrics = Callable[[dict[str, float]], None]
# How often the retention sweep runs (LGPD): conversations idle past their retention go.
RETENTION_EVERY_S = 3600.0


@dataclass
class Every:
    """Work the worker runs every `every_s` seconds between jobs, first when it starts."""

    name: str
    every_s: float
    work: Callable[[], object]
    due: float | None = None  # time.monotonic() of the next run; None: at once

    def run_if_due(self) -> None:
        """Run the work when its time has come (a failure waits for the next time)."""
        moment = time.monotonic()
        if self.due is not None and moment < self.due:
            return
        self.due = moment + self.every_s
        try:
            self.work()
        except Exception:  # the database went away: the next period tries again
            log.exception("periodic %s failed", self.name)


def run_once(
    jobs: JobQueue,
    indexer: Indexer,
    lease_s: float,
    metrics: Metrics | None = None,
    study: StudyJobRunner | None = None,
) -> bool:
    """Claim and index one job (else, with `study`, run one study job); False when there
    was none."""
    job = jobs.claim_job(worker_name(), lease_s)
    if job is None:
        return study is not None and run_study_once(study, lease_s, metrics)
    log.info("indexing document %s (attempt %d)", job.document_id, job.attempts)
    started = time.monotonic()
    with _leased(lambda: jobs.extend_lease(job.document_id, lease_s), lease_s, job.document_id):
        ready = indexer.index(job.document_id)
    if metrics is not None:
        seconds = time.monotonic() - started
        metrics({"IngestionSeconds": seconds} if ready else {"IngestionFailures": 1.0})
    return True


def run_study_once(study: StudyJobRunner, lease_s: float, metrics: Metrics | None = None) -> bool:
    """Claim and run one study job; False when there was none."""
    job = study.jobs.claim(worker_name(), lease_s)
    if job is None:
        return False
    log.info("drafting study items, job %d (attempt %d)", job.id, job.attempts)
    started = time.monotonic()
    with _leased(lambda: study.jobs.extend_lease(job.id, lease_s), lease_s, f"study {job.id}"):
        done = study.run(job)
    if metrics is not None:
        seconds = time.monotonic() - started
        metrics({"StudyGenerationSeconds": seconds} if done else {"StudyGenerationFailures": 1.0})
    return True


@contextmanager
def _leased(renew: Callable[[], None], lease_s: float, what: str) -> Iterator[None]:
    """Renew the lease while the block runs, so a long job is never taken by a second worker.

    Only a live process renews: a killed worker stops renewing and its job is taken up again
    within one lease.
    """
    done = threading.Event()
    keeper = threading.Thread(target=_keep_lease, args=(renew, lease_s, done, what), daemon=True)
    keeper.start()
    try:
        yield
    finally:
        done.set()
        keeper.join()


def _keep_lease(
    renew: Callable[[], None], lease_s: float, done: threading.Event, what: str
) -> None:
    while not done.wait(lease_s / 3):
        try:
            renew()
        except Exception:  # the database blinked: the next renewal will try again
            log.warning("could not renew the lease of %s", what)


def run_forever(
    jobs: JobQueue,
    indexer: Indexer,
    lease_s: float,
    poll_s: float,
    stop: threading.Event | None = None,
    metrics: Metrics | None = None,
    study: StudyJobRunner | None = None,
    periodic: Sequence[Every] = (),
) -> None:
    """Run jobs until `stop` is set; sleeps `poll_s` when the queue is empty; runs each of
    `periodic` when it is due."""
    stop = stop or threading.Event()
    while not stop.is_set():
        for sweep in periodic:
            sweep.run_if_due()
        try:
            busy = run_once(jobs, indexer, lease_s, metrics, study)
        except Exception:  # the database went away: wait and try again
            log.exception("worker iteration failed")
            busy = False
        if not busy:
            stop.wait(poll_s)

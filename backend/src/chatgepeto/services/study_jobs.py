"""Runs a claimed study job (issue 18): plans it again (the course may have changed since it
was queued), drafts from where its progress stands, records each step, and completes it or
records why it failed. The worker (worker/loop.py) claims the job and keeps its lease."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from chatgepeto.errors import AppError
from chatgepeto.services.library import Library
from chatgepeto.services.study_generation import OFFLINE, Drafter, plan_generation
from chatgepeto.storage.roles import Passages, StudyJobs
from chatgepeto.storage.types import StudyJob, StudyProgress

log = logging.getLogger(__name__)

UNEXPECTED = "A geração dos itens falhou inesperadamente; peça uma nova geração."
# How long a finished job stays for the teacher to read (its items stay in the bank).
KEEP_FINISHED_DAYS = 30


class StudyJobRunner:
    """Turns one claimed study job into drafts in the bank."""

    def __init__(
        self,
        jobs: StudyJobs,
        library: Library,
        passages: Passages,
        drafter: Drafter,
        lease_s: float = 300.0,
    ) -> None:
        self.jobs = jobs
        self._library = library
        self._passages = passages
        self._drafter = drafter
        self._lease_s = lease_s

    def run(self, job: StudyJob) -> bool:
        """Draft the job's items; True when it ended done, False when it failed (reason
        stored). A job taken over from a dead worker resumes at the passage it reached."""
        resume = StudyProgress(
            job.done, job.total, job.created or 0, job.generated or 0, job.mode or OFFLINE
        )
        try:
            plan = plan_generation(
                self._library,
                self._passages,
                job.collection_id,
                job.document_id,
                job.first_page,
                job.last_page,
            )
            drafted = self._drafter.draft(
                plan, resume, lambda step: self.jobs.progress(job.id, step, self._lease_s)
            )
        except AppError as exc:  # the course changed since: deleted, not ready, fewer pages
            self.jobs.fail(job.id, exc.message)
            return False
        except Exception:  # a bug must fail the job, not kill the worker
            log.exception("study generation failed", extra={"study_job": job.id})
            self.jobs.fail(job.id, UNEXPECTED)
            return False
        self.jobs.complete(job.id, drafted.progress)
        return True

    def forget_finished(self, at: datetime | None = None) -> int:
        """Delete the jobs finished more than KEEP_FINISHED_DAYS ago (their items stay)."""
        before = (at or datetime.now(UTC)) - timedelta(days=KEEP_FINISHED_DAYS)
        deleted = self.jobs.forget_finished(before)
        log.info(
            "study jobs: %d finished job(s) older than %d days deleted", deleted, KEEP_FINISHED_DAYS
        )
        return deleted

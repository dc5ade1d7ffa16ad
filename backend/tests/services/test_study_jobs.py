"""Study generation as a job, through the service and the worker's code, on both databases:
queued, running with its progress, done; taken over after a worker died, resuming where it
got; failed with a reason when the course changed under it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from api.course import BIOLOGY_MD, HISTORY_MD, index_all, run_study_jobs
from generation.fake_llm_server import FakeLLMServer, hang
from sqlalchemy import update
from study.llm_replies import answering

from chatgepeto.services.container import Services
from chatgepeto.services.study_generation import Drafter, StudyLlmConfig, plan_generation
from chatgepeto.services.study_jobs import StudyJobRunner
from chatgepeto.storage import schema
from chatgepeto.storage.clock import now
from chatgepeto.storage.types import StudyJob, StudyProgress
from chatgepeto.worker.loop import run_study_once


@pytest.fixture
def course(services: Services) -> Services:
    services.store.courses.create_collection("biologia", "Biologia", "aberto")
    services.library.upload("biologia.md", BIOLOGY_MD.encode(), "biologia")
    services.library.upload("historia.md", HISTORY_MD.encode(), "biologia")
    assert index_all(services) == 2
    return services


def _job(services: Services, job: StudyJob) -> StudyJob:
    return services.study.generation_job(str(job.id))


def test_a_job_is_queued_then_run_by_the_worker_to_done(course: Services) -> None:
    queued = course.study.start_generation("biologia")
    total = len(plan_generation(course.library, course.store.passages, "biologia").chosen)
    assert (queued.state, queued.done, queued.total) == ("queued", 0, total)
    assert course.study.list_items("biologia") == []
    assert run_study_jobs(course) == 1
    done = _job(course, queued)
    assert (done.state, done.done, done.total, done.mode, done.error) == (
        "done",
        total,
        total,
        "offline",
        None,
    )
    items = course.study.list_items("biologia")
    assert done.created == done.generated == len(items) > 0
    # The same drafts a synchronous generation makes: a second run stores nothing new.
    again = course.study.generate("biologia")
    assert again.created == 0 and again.generated == done.generated


def test_a_running_job_reports_its_progress(
    course: Services, with_llm: Callable[..., Services], llm_server: FakeLLMServer
) -> None:
    # One passage a call; the second call hangs, so the job is seen running half-way.
    llm_server.script = [answering(), hang(30.0), answering()]
    services = with_llm(course, llm_timeout_s=20.0)
    one_at_a_time = StudyJobRunner(
        services.store.study_jobs,
        services.library,
        services.store.passages,
        Drafter(
            services.store.study,
            services.retriever,
            services.study_model,
            config=StudyLlmConfig(batch=1),
        ),
    )
    job = services.study.start_generation("biologia")
    worker = threading.Thread(target=run_study_once, args=(one_at_a_time, 60))
    worker.start()
    try:
        deadline = time.monotonic() + 20
        seen = _job(services, job)
        while not (seen.state == "running" and seen.done == 1) and time.monotonic() < deadline:
            time.sleep(0.05)
            seen = _job(services, job)
        assert (seen.state, seen.done, seen.total) == ("running", 1, job.total)
        assert seen.total > 1
    finally:
        llm_server.release.set()  # the hanging call answers at once
        worker.join(30)
    done = _job(services, job)
    assert done.state == "done" and done.done == done.total and done.mode == "llm"


def test_a_job_a_dead_worker_held_is_taken_again_and_resumes(course: Services) -> None:
    job = course.study.start_generation("biologia")
    plan = plan_generation(course.library, course.store.passages, "biologia")
    first_document = plan.chosen[0].document_id
    first = sum(1 for p in plan.chosen if p.document_id == first_document)
    claimed = course.store.study_jobs.claim("dead-worker", 60)
    assert claimed is not None and claimed.id == job.id
    # It got through the first document's passages (storing nothing here), then died.
    course.store.study_jobs.progress(job.id, StudyProgress(first, job.total, 0, 0, "offline"), 60)
    assert run_study_jobs(course) == 0  # its lease still holds
    with course.store.engine.begin() as conn:
        conn.execute(update(schema.jobs).values(lease_until=now() - timedelta(seconds=1)))
    assert run_study_jobs(course) == 1
    done = _job(course, job)
    assert (done.state, done.attempts, done.done) == ("done", 2, job.total)
    items = course.study.list_items("biologia")
    assert items and done.created == done.generated == len(items)
    assert {i.document_id for i in items} == {p.document_id for p in plan.chosen} - {first_document}


def test_a_job_whose_course_changed_fails_with_a_reason(course: Services) -> None:
    job = course.study.start_generation("biologia")
    for document in course.library.list_documents("biologia"):
        course.library.reindex(document.id)  # queued again: not ready when the job runs
    assert run_study_jobs(course) == 1
    failed = _job(course, job)
    assert failed.state == "failed" and failed.error is not None and "prontos" in failed.error
    assert course.study.list_items("biologia") == []


def test_finished_jobs_are_forgotten_after_30_days_and_their_items_stay(course: Services) -> None:
    done = course.study.start_generation("biologia")
    assert run_study_jobs(course) == 1
    failed = course.study.start_generation("biologia")
    course.store.study_jobs.fail(failed.id, "falhou")
    waiting = course.study.start_generation("biologia")
    items = len(course.study.list_items("biologia"))
    assert items > 0
    with course.store.engine.begin() as conn:  # all three last changed 31 days ago
        conn.execute(update(schema.jobs).values(updated_at=now() - timedelta(days=31)))
    recent = course.study.start_generation("biologia")
    assert run_study_jobs(course) == 2  # the waiting one and the recent one run now
    runner = course.study_runner
    assert runner.forget_finished(now() - timedelta(days=2)) == 0  # 29 days then: kept
    # `waiting` finished just now (it ran above): only `done` and `failed` are past 30 days.
    assert runner.forget_finished() == 2
    assert runner.forget_finished() == 0  # a second sweep finds nothing more
    gone = {done.id, failed.id}
    assert all(course.store.study_jobs.get(job) is None for job in gone)
    assert course.store.study_jobs.get(waiting.id) is not None
    assert course.store.study_jobs.get(recent.id) is not None
    assert len(course.study.list_items("biologia")) >= items  # the bank keeps its items

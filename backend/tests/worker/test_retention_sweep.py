"""The worker runs its periodic sweeps between jobs, first when it starts: the conversation
retention (LGPD) deletes what is idle past its retention, and logs how many, no client id."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from processes import start, stop, wait_for
from sqlalchemy import select, update

from chatgepeto.services.container import Services
from chatgepeto.services.indexer import Indexer
from chatgepeto.storage import schema
from chatgepeto.storage.clock import now
from chatgepeto.storage.conversations import new_id
from chatgepeto.worker.loop import Every, run_forever

STUDENT = "aluno-8d1e4b7a2c9f3e50"


def test_periodic_work_runs_at_once_then_when_due_and_survives_a_failure(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[str] = []
    hourly = Every("hourly", 3600, lambda: calls.append("hourly"))
    hourly.run_if_due()
    hourly.run_if_due()
    assert calls == ["hourly"]

    def broken() -> None:
        calls.append("broken")
        raise RuntimeError("database went away")

    failing = Every("retention", 0, broken)
    with caplog.at_level(logging.ERROR, logger="chatgepeto.worker.loop"):
        failing.run_if_due()
        failing.run_if_due()  # a failure only waits for the next period
    assert calls == ["hourly", "broken", "broken"]
    assert "periodic retention failed" in caplog.text


def test_run_forever_runs_the_sweeps_between_jobs(services: Services) -> None:
    stopped = threading.Event()
    often: list[int] = []
    hourly: list[int] = []

    def every_loop() -> None:
        often.append(1)
        if len(often) == 3:
            stopped.set()

    indexer = Indexer(services.store.documents, services.store.jobs, services.embedder)
    run_forever(
        services.store.jobs,
        indexer,
        60,
        0.01,
        stopped,
        periodic=[Every("often", 0, every_loop), Every("hourly", 3600, lambda: hourly.append(1))],
    )
    assert len(often) == 3 and len(hourly) == 1


@pytest.mark.slow
def test_the_worker_process_deletes_idle_conversations_when_it_starts(
    services: Services, tmp_path: Path
) -> None:
    log = services.store.conversations
    ids = {}
    for name, idle_days in (("old", 31), ("recent", 29)):
        ids[name], answer = new_id(), new_id()
        log.add_exchange(ids[name], "Onde?", "Ali.", [], "extractive", None, answer, STUDENT)
        log.add_feedback(answer, "down", None, STUDENT)
        with services.store.engine.begin() as conn:
            conn.execute(
                update(schema.conversations)
                .where(schema.conversations.c.id == ids[name])
                .values(updated_at=now() - timedelta(days=idle_days))
            )

    def left() -> set[str]:
        with services.store.engine.connect() as conn:
            return set(conn.execute(select(schema.conversations.c.id)).scalars())

    output = tmp_path / "worker.log"
    worker = start(
        ["worker"], services.settings, output, conversation_retention_days=30, worker_poll_s=0.2
    )
    try:
        wait_for(lambda: left() == {ids["recent"]}, 120, "the retention sweep", log=output)
        wait_for(lambda: "deleted" in output.read_text(), 30, "its log line", log=output)
    finally:
        stop(worker)
    text = output.read_text()
    assert "retention: 1 conversation(s) deleted" in text, text[-2000:]
    assert STUDENT not in text

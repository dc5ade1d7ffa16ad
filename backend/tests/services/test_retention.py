"""LGPD retention (issue 16): conversations idle past their course's `retention_days`, or past
CONVERSATION_RETENTION_DAYS when they have no course, go with their messages and feedback;
a second sweep deletes nothing more, and sweeps running at once delete each conversation once."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from chatgepeto.services.container import Services
from chatgepeto.services.retention import ConversationRetention
from chatgepeto.storage import schema
from chatgepeto.storage.clock import now
from chatgepeto.storage.conversations import new_id

STUDENT = "aluno-3f2a9c1e7b5d4a60"


def _conversation(services: Services, course: str | None, idle_days: float) -> str:
    """A conversation of one exchange with a thumbs-down, last active `idle_days` ago."""
    conversation, answer = new_id(), new_id()
    log = services.store.conversations
    log.add_exchange(
        conversation, "Onde?", "Nos cloroplastos.", [], "extractive", course, answer, STUDENT
    )
    log.add_feedback(answer, "down", "curta", STUDENT)
    with services.store.engine.begin() as conn:
        conn.execute(
            update(schema.conversations)
            .where(schema.conversations.c.id == conversation)
            .values(updated_at=now() - timedelta(days=idle_days))
        )
    return conversation


def _left(services: Services) -> set[str]:
    with services.store.engine.connect() as conn:
        return set(conn.execute(select(schema.conversations.c.id)).scalars())


def _rows(services: Services) -> tuple[int, int]:
    with services.store.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(schema.messages)).scalar_one(),
            conn.execute(select(func.count()).select_from(schema.feedback)).scalar_one(),
        )


def _course(services: Services, course: str, retention_days: int | None) -> None:
    services.store.courses.create_collection(course, course.title(), "turma")
    services.classroom.set_access(course, "turma", retention_days)


def _retention(
    services: Services, default_days: int | None, batch: int = 500
) -> ConversationRetention:
    store = services.store
    return ConversationRetention(store.courses, store.conversations, default_days, batch)


def test_each_course_keeps_its_conversations_its_days_and_the_rest_follow_the_setting(
    services: Services,
) -> None:
    _course(services, "biologia", 30)
    _course(services, "historia", 7)
    _course(services, "quimica", None)  # kept forever, whatever the setting
    _course(services, "extinto", 30)
    kept = {
        _conversation(services, "biologia", 29),
        _conversation(services, "historia", 6),
        _conversation(services, "quimica", 5000),
        _conversation(services, None, 89),
    }
    gone = {
        _conversation(services, "biologia", 31),
        _conversation(services, "historia", 8),
        _conversation(services, "historia", 400),
        _conversation(services, None, 91),
        _conversation(services, "extinto", 100),  # its course is deleted below: none now
    }
    services.store.courses.delete_collection("extinto")
    assert _rows(services) == (18, 9)

    assert _retention(services, 90).sweep() == len(gone)

    assert _left(services) == kept
    assert _rows(services) == (2 * len(kept), len(kept))  # their messages and votes went too
    assert _retention(services, 90).sweep() == 0  # idempotent
    assert _left(services) == kept


def test_without_the_setting_conversations_of_no_course_are_kept(services: Services) -> None:
    _course(services, "biologia", 30)
    old = _conversation(services, None, 10_000)
    assert _retention(services, None).deadlines(now()).keys() == {"biologia"}
    assert _retention(services, None).sweep() == 0
    assert _left(services) == {old}


def test_the_setting_is_read_from_the_environment_and_wired_into_the_services(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chatgepeto.settings import Settings

    monkeypatch.setenv("CONVERSATION_RETENTION_DAYS", "45")
    assert Settings().conversation_retention_days == 45
    monkeypatch.setenv("CONVERSATION_RETENTION_DAYS", "")
    assert Settings().conversation_retention_days is None
    for wrong in ("0", "3651", "sempre"):
        monkeypatch.setenv("CONVERSATION_RETENTION_DAYS", wrong)
        with pytest.raises(ValueError):
            Settings()
    services.settings = services.settings.model_copy(update={"conversation_retention_days": 45})
    _conversation(services, None, 46)
    assert services.retention.sweep() == 1


def test_batches_delete_everything_and_the_log_counts_without_client_ids(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    _course(services, "biologia", 30)
    for _ in range(12):
        _conversation(services, "biologia", 40)
    kept = _conversation(services, "biologia", 1)
    with caplog.at_level(logging.INFO, logger="chatgepeto.services.retention"):
        assert _retention(services, None, batch=5).sweep() == 12
    assert _left(services) == {kept}
    assert "12 conversation(s) deleted" in caplog.text and STUDENT not in caplog.text


def test_sweeps_at_once_delete_each_conversation_once(services: Services) -> None:
    _course(services, "biologia", 30)
    stale = {_conversation(services, "biologia", 31) for _ in range(30)}
    stale |= {_conversation(services, None, 31) for _ in range(10)}
    kept = _conversation(services, "biologia", 2)
    counts: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def sweep() -> None:
        try:
            start.wait()
            counts.append(_retention(services, 30, batch=3).sweep())
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=sweep) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors and len(counts) == 4
    assert sum(counts) == len(stale)  # no conversation counted twice
    assert _left(services) == {kept}
    assert _rows(services) == (2, 1)

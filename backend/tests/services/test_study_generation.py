"""LLM study generation through the job path, with the protocol stand-in LLM: items failing
a check are dropped, never stored; every call is metered in the ledger like chat; past the
budget, past the per-run cap or on a model failure the rest is drafted offline."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from api.course import BIOLOGY_MD, HISTORY_MD, index_all, run_study_jobs
from generation.fake_llm_server import FakeLLMServer, reply_json, reply_status
from study.llm_replies import NOT_IN_PASSAGE, OUT_OF_RANGE, answering, passages_of, sound_items

from chatgepeto.services.container import Services
from chatgepeto.services.metering import tokens
from chatgepeto.services.study_generation import plan_generation
from chatgepeto.storage.types import StudyJob

COURSE_ACCOUNT = "course:biologia"


@pytest.fixture
def course(services: Services) -> Services:
    services.store.courses.create_collection("biologia", "Biologia", "aberto")
    services.library.upload("biologia.md", BIOLOGY_MD.encode(), "biologia")
    services.library.upload("historia.md", HISTORY_MD.encode(), "biologia")
    assert index_all(services) == 2
    return services


def _run(services: Services) -> StudyJob:
    job = services.study.start_generation("biologia")
    assert run_study_jobs(services) == 1
    return services.study.generation_job(str(job.id))


def _documents(services: Services) -> list[str]:
    """The course's documents in the order a run drafts them (one model call each here)."""
    plan = plan_generation(services.library, services.store.passages, "biologia")
    return list(dict.fromkeys(p.document_id for p in plan.chosen))


def _spent(services: Services, account: str) -> int:
    day = datetime.now(UTC).date().isoformat()
    return services.store.ledger.add_tokens(day, {account: 0})[account]


def test_items_failing_a_check_are_dropped_and_a_malformed_reply_drafts_offline(
    course: Services, with_llm: Callable[..., Services], llm_server: FakeLLMServer
) -> None:
    llm_server.script = [
        answering(NOT_IN_PASSAGE, OUT_OF_RANGE),
        reply_json('{"items": [{"kind": "short_answer", "question": '),  # cut JSON
    ]
    services = with_llm(course)
    job = _run(services)
    assert job.state == "done" and job.mode == "llm"
    first, second = llm_server.requests
    assert first.path == "/v1/chat/completions"
    items = services.study.list_items("biologia")
    questions = {i.question for i in items}
    sound = sound_items(passages_of(first.body))
    assert {s["question"] for s in sound} <= questions  # the model's sound items are stored
    assert NOT_IN_PASSAGE["question"] not in questions
    assert OUT_OF_RANGE["question"] not in questions
    assert not {i.answer for i in items} & {"Netuno", "Lua"}
    # The malformed reply's passages were drafted offline instead: none of the model's.
    first_document, second_document = _documents(services)
    second_items = [i for i in items if i.document_id == second_document]
    assert second_items and not {i.question for i in second_items} & {
        s["question"] for s in sound_items(passages_of(second.body))
    }
    assert {i.document_id for i in items if i.question in {s["question"] for s in sound}} == {
        first_document
    }
    assert job.created == job.generated == len(items)


def test_every_call_is_metered_in_the_ledger_like_chat(
    course: Services, with_llm: Callable[..., Services], llm_server: FakeLLMServer
) -> None:
    llm_server.script = [answering()]
    services = with_llm(course)
    job = _run(services)
    assert job.state == "done" and job.mode == "llm"
    assert len(llm_server.requests) == len(_documents(services))
    expected = 0
    for seen in llm_server.requests:
        assert seen.body["max_tokens"] == services.settings.study_llm_max_tokens
        prompt = sum(len(m["content"]) for m in seen.body["messages"])
        reply = json.dumps({"items": sound_items(passages_of(seen.body))}, ensure_ascii=False)
        expected += tokens(prompt) + tokens(len(reply))  # what chat's Meter charges
    assert _spent(services, COURSE_ACCOUNT) == expected
    assert _spent(services, "global") == expected


def test_past_the_token_budget_the_rest_is_drafted_offline(
    course: Services, with_llm: Callable[..., Services], llm_server: FakeLLMServer
) -> None:
    llm_server.script = [answering()]
    max_tokens = 300
    # A first run tells what the first call's prompt costs; its counts are then forgotten.
    assert _run(with_llm(course, study_llm_max_tokens=max_tokens)).mode == "llm"
    first_prompt = sum(len(m["content"]) for m in llm_server.requests[0].body["messages"])
    course.store.ledger.forget_token_usage("9999-12-31")
    llm_server.requests.clear()
    # Room for exactly the first call's reservation: the second finds none.
    budget = tokens(first_prompt) + max_tokens
    services = with_llm(course, study_llm_max_tokens=max_tokens, llm_daily_token_budget=budget)
    job = _run(services)
    assert len(llm_server.requests) == 1
    assert job.state == "done" and job.mode == "llm" and job.generated
    assert 0 < _spent(services, COURSE_ACCOUNT) <= budget
    second_document = _documents(services)[1]
    assert any(i.document_id == second_document for i in course.study.list_items("biologia"))


def test_a_spent_budget_sends_nothing_to_the_model(
    course: Services, with_llm: Callable[..., Services], llm_server: FakeLLMServer
) -> None:
    services = with_llm(course, llm_daily_token_budget=10)
    job = _run(services)
    assert llm_server.requests == []
    assert job.state == "done" and job.mode == "offline" and job.created and job.created > 0
    assert _spent(services, COURSE_ACCOUNT) == 0


def test_the_model_gets_at_most_the_per_run_cap_of_passages(
    course: Services, with_llm: Callable[..., Services], llm_server: FakeLLMServer
) -> None:
    llm_server.script = [answering()]
    services = with_llm(course, study_llm_max_passages=1)
    job = _run(services)
    (only,) = llm_server.requests
    assert len(passages_of(only.body)) == 1
    assert job.state == "done" and job.mode == "llm" and job.done == job.total > 1


def test_a_failing_model_leaves_the_run_to_offline_generation(
    course: Services, with_llm: Callable[..., Services], llm_server: FakeLLMServer
) -> None:
    llm_server.script = [reply_status(400)]
    services = with_llm(course)
    job = _run(services)
    assert len(llm_server.requests) == 1  # not asked again after it failed
    assert job.state == "done" and job.mode == "offline" and job.created and job.created > 0
    assert job.error is None

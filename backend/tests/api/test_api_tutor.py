"""Tutor modes through the API: the teacher's switch, the ladder in JSON and SSE, prova's
search, and the stand-in LLM behind the leak guard (issue 19)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from generation.fake_llm_server import FakeLLMServer, reply_json, reply_stream

from chatgepeto.api import create_app
from chatgepeto.generation.sse import parse_sse
from chatgepeto.services.container import Services

from .client_ids import issued_id
from .course import BIOLOGY_MD, HISTORY_MD, index_all, upload

SSE = {"Accept": "text/event-stream"}
QUESTION = "Onde ocorre a fotossíntese?"


@pytest.fixture
def course(services: Services) -> Services:
    client = create_app(services.settings, services).test_client()
    # A fixed id the tests name (the API gives new courses a random suffix).
    services.store.courses.create_collection("biologia", "Biologia", "aberto")
    upload(client, "biologia.md", BIOLOGY_MD.encode(), "biologia")
    upload(client, "historia.md", HISTORY_MD.encode())
    assert index_all(services) == 2
    return services


@pytest.fixture
def client(course: Services) -> FlaskClient:
    return create_app(course.settings, course).test_client()


@pytest.fixture
def student(client: FlaskClient) -> dict[str, str]:
    return issued_id(client)


def _set_mode(client: FlaskClient, mode: str) -> None:
    response = client.put("/api/collections/biologia/tutor-mode", json={"tutor_mode": mode})
    assert response.status_code == 200, response.json
    assert response.json["tutor_mode"] == mode == response.json["tutor_mode_now"]


def _chat(client: FlaskClient, headers: dict[str, str], **body: str) -> dict:
    response = client.post("/api/chat", json={"collection": "biologia", **body}, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def _stream(client: FlaskClient, headers: dict[str, str], **body: str) -> list[tuple[str, dict]]:
    response = client.post(
        "/api/chat", json={"collection": "biologia", **body}, headers=SSE | headers
    )
    return list(parse_sse(response.get_data(as_text=True).splitlines()))


def test_the_teacher_sets_the_mode_and_every_list_shows_it(client: FlaskClient) -> None:
    _set_mode(client, "tutor")
    listed = {c["id"]: c for c in client.get("/api/collections").json["collections"]}
    assert listed["biologia"]["tutor_mode"] == "tutor"
    assert listed["default"]["tutor_mode"] == "direto"
    bad = client.put("/api/collections/biologia/tutor-mode", json={"tutor_mode": "livre"})
    assert bad.status_code == 400 and bad.json["code"] == "bad_request:tutor_mode"
    assert "direto, tutor ou prova" in bad.json["error"]
    missing = client.put("/api/collections/nada/tutor-mode", json={"tutor_mode": "tutor"})
    assert missing.status_code == 404 and missing.json["code"] == "not_found:collection"


def test_json_ladder_hint_then_stronger_hint_then_the_answer(
    client: FlaskClient, student: dict[str, str]
) -> None:
    _set_mode(client, "tutor")
    first = _chat(client, student, message=QUESTION)
    assert first["tutor"]["level"] == 1 and first["citations"] == []
    assert first["tutor"]["locations"][0]["title"] == "biologia.md"
    assert "snippet" not in first["tutor"]["locations"][0]
    assert "cloroplastos" not in first["answer"].lower()
    early = client.post(
        "/api/chat",
        json={
            "message": "resposta",
            "action": "reveal",
            "collection": "biologia",
            "conversation_id": first["conversation_id"],
        },
        headers=student,
    )
    assert early.status_code == 409 and early.json["code"] == "conflict:reveal_too_early"
    conversation = first["conversation_id"]
    second = _chat(client, student, message="dica", action="hint", conversation_id=conversation)
    assert second["tutor"]["level"] == 2 and second["tutor"]["can_reveal"] is True
    assert "cloroplastos" not in second["answer"].lower()
    third = _chat(
        client, student, message="resposta", action="reveal", conversation_id=conversation
    )
    assert third["tutor"]["level"] == 3 and "cloroplastos" in third["answer"]
    assert third["citations"][0]["title"] == "biologia.md" and third["citations"][0]["snippet"]


def test_the_teachers_insights_show_modes_hints_and_prova_questions(
    client: FlaskClient, student: dict[str, str]
) -> None:
    _chat(client, student, message=QUESTION)
    _set_mode(client, "tutor")
    first = _chat(client, student, message=QUESTION)
    conversation = first["conversation_id"]
    _chat(client, student, message="dica", action="hint", conversation_id=conversation)
    _chat(client, student, message="resposta", action="reveal", conversation_id=conversation)
    _set_mode(client, "prova")
    _chat(client, student, message="O que a fase clara produz?")
    insights = client.get("/api/insights?collection=biologia").json
    assert insights["questions_per_mode"] == [
        {"mode": "direto", "questions": 1},
        {"mode": "prova", "questions": 1},
        {"mode": "tutor", "questions": 1},
    ]
    assert insights["hints_before_answer"] == [{"hints": 2, "answers": 1}]
    assert [q["question"] for q in insights["prova_questions"]] == ["O que a fase clara produz?"]
    assert insights["prova_questions"][0]["count"] == 1
    assert all(v not in str(insights) for v in student.values())


def test_sse_ladder_streams_hints_and_the_done_event_carries_the_tutor_state(
    client: FlaskClient, student: dict[str, str]
) -> None:
    _set_mode(client, "tutor")
    events = _stream(client, student, message=QUESTION)
    assert events[-1][0] == "done" and [e for e, _ in events].count("token") >= 1
    streamed = "".join(d["text"] for e, d in events if e == "token")
    done = events[-1][1]
    assert done["tutor"]["level"] == 1 and streamed.strip() == done["answer"]
    assert "cloroplastos" not in streamed.lower()
    conversation = done["conversation_id"]
    hint = _stream(client, student, message="dica", action="hint", conversation_id=conversation)
    assert hint[-1][1]["tutor"]["level"] == 2
    answer = _stream(client, student, message="dica", action="hint", conversation_id=conversation)
    assert answer[-1][1]["tutor"]["level"] == 3 and "cloroplastos" in answer[-1][1]["answer"]
    fresh = _stream(client, student, message="dica", action="hint")
    assert [e for e, _ in fresh] == ["error"] and fresh[0][1]["code"] == "conflict:no_question"


def test_prova_points_to_the_page_and_search_gives_places_not_text(
    client: FlaskClient, student: dict[str, str]
) -> None:
    _set_mode(client, "prova")
    body = _chat(client, student, message=QUESTION)
    assert body["tutor"]["mode"] == "prova" and body["citations"] == []
    assert "cloroplastos" not in body["answer"].lower() and "biologia.md" in body["answer"]
    attempt = client.post(
        "/api/chat",
        json={
            "message": "cloroplastos",
            "action": "attempt",
            "collection": "biologia",
            "conversation_id": body["conversation_id"],
        },
        headers=student,
    )
    assert attempt.status_code == 409 and attempt.json["code"] == "conflict:exam_mode"
    found = client.post("/api/search", json={"query": QUESTION, "collection": "biologia"}).json
    assert found["tutor_mode"] == "prova" and found["results"]
    assert all(r["text"] == "" and r["title"] == "biologia.md" for r in found["results"])
    # Open book: the page itself can still be read.
    chunk = found["results"][0]["chunk_id"]
    assert "cloroplastos" in client.get(f"/api/chunks/{chunk}").json["text"]


@pytest.fixture
def llm_client(course: Services, with_llm: Callable[..., Services]) -> FlaskClient:
    services = with_llm(course)
    app: Flask = create_app(services.settings, services)
    return app.test_client()


def test_the_model_gets_the_modes_rule_and_only_the_courses_passages(
    llm_client: FlaskClient, llm_server: FakeLLMServer
) -> None:
    _set_mode(llm_client, "tutor")
    llm_server.script = [
        reply_stream(["Releia a página sobre ", "fotossíntese [1]. ", "Onde ela acontece?"])
    ]
    body = _chat(llm_client, {}, message=QUESTION)
    system = llm_server.requests[-1].body["messages"][0]["content"]
    sent = str(llm_server.requests[-1].body["messages"])
    assert "Modo tutor: NÃO dê a resposta" in system
    assert "cloroplastos" in sent and "Ipiranga" not in sent  # historia.md is another course
    assert body["mode"] == "llm" and body["citations"] == [] and "[1]" not in body["answer"]
    assert body["answer"].startswith("Releia a página") and body["tutor"]["locations"]


@pytest.mark.parametrize(
    "reply",
    [
        ["A fotossíntese ocorre nos ", "cloroplastos, organelas que contêm clorofila. ", "Veja!"],
        ["Ela se passa dentro das organelas verdes chamadas ", "Cloroplastos. ", "Veja!"],
    ],
    ids=["copy", "paraphrase-with-a-name"],
)
def test_a_reply_that_gives_the_answer_away_is_replaced_by_the_hint(
    llm_client: FlaskClient, llm_server: FakeLLMServer, reply: list[str]
) -> None:
    _set_mode(llm_client, "tutor")
    llm_server.script = [reply_stream(reply)]
    events = _stream(llm_client, {}, message=QUESTION)
    streamed = "".join(d["text"] for e, d in events if e == "token")
    done = events[-1][1]
    assert "cloroplastos" not in streamed.lower() and "cloroplastos" not in done["answer"].lower()
    assert "Releia" in done["answer"] and "biologia.md" in done["answer"]


def test_with_a_model_an_attempt_is_judged_against_the_passage_then_answered(
    llm_client: FlaskClient, llm_server: FakeLLMServer
) -> None:
    _set_mode(llm_client, "tutor")
    llm_server.script = [
        reply_stream(["Releia a seção Fotossíntese. ", "Onde ela acontece?"]),
        reply_json("correct"),
        reply_stream(["Ocorre nos cloroplastos ", "[1]."]),
    ]
    first = _chat(llm_client, {}, message=QUESTION)
    answered = _chat(
        llm_client,
        {},
        message="nos cloroplastos",
        action="attempt",
        conversation_id=first["conversation_id"],
    )
    judge = llm_server.requests[1].body
    assert not judge.get("stream") and "nos cloroplastos" in judge["messages"][-1]["content"]
    assert "organelas que contêm clorofila" in judge["messages"][-1]["content"]
    assert answered["tutor"]["verdict"] == "correct" and answered["answer"].startswith("Isso mesmo")
    assert answered["citations"][0]["title"] == "biologia.md"

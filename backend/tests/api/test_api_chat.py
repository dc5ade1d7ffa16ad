"""The chat through Flask's test client: extractive and LLM modes, SSE, refusals, faults."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import LLM_KEY, LLM_MODEL
from flask import Flask
from flask.testing import FlaskClient
from generation.fake_llm_server import FakeLLMServer, hang, reply_status, reply_stream

from chatgepeto.api import create_app
from chatgepeto.generation.sse import parse_sse
from chatgepeto.services.container import Services

from .client_ids import issued_id
from .course import BIOLOGY_MD, HISTORY_MD, index_all, upload

SSE = {"Accept": "text/event-stream"}


@pytest.fixture
def course(services: Services) -> Services:
    client = create_app(services.settings, services).test_client()
    upload(client, "biologia.md", BIOLOGY_MD.encode())
    upload(client, "historia.md", HISTORY_MD.encode())
    assert index_all(services) == 2
    return services


@pytest.fixture
def client(course: Services) -> FlaskClient:
    return create_app(course.settings, course).test_client()


@pytest.fixture
def client_a(client: FlaskClient) -> dict[str, str]:
    return issued_id(client)


@pytest.fixture
def client_b(client: FlaskClient) -> dict[str, str]:
    return issued_id(client)


@pytest.fixture
def llm_app(course: Services, with_llm: Callable[..., Services]) -> Flask:
    services = with_llm(course)
    return create_app(services.settings, services)


def _events(response) -> list[tuple[str, dict]]:
    return list(parse_sse(response.get_data(as_text=True).splitlines()))


def test_extractive_answer_cites_the_page_and_persists(
    client: FlaskClient, client_a: dict[str, str]
) -> None:
    response = client.post(
        "/api/chat", json={"message": "Quando foi proclamada a independência?"}, headers=client_a
    )
    body = response.json
    assert response.status_code == 200 and body["mode"] == "extractive"
    assert "1822" in body["answer"] and "[1]" in body["answer"]
    citation = body["citations"][0]
    assert citation["title"] == "historia.md" and citation["page"] is None
    assert set(citation) == {"document_id", "title", "page", "snippet", "chunk_id"}
    conversation = client.get(f"/api/conversations/{body['conversation_id']}", headers=client_a)
    messages = conversation.json["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert messages[1]["citations"] == body["citations"]


def test_sse_streams_tokens_then_one_done(client: FlaskClient, client_a: dict[str, str]) -> None:
    response = client.post(
        "/api/chat", json={"message": "Onde ocorre o ciclo de Calvin?"}, headers=SSE | client_a
    )
    assert response.mimetype == "text/event-stream"
    assert response.get_data(as_text=True).startswith(": ok\n\nevent: token\n")
    events = _events(response)
    assert events[0][0] == "token" and [e for e, _ in events].count("done") == 1
    assert events[-1][0] == "done"
    streamed = "".join(data["text"] for event, data in events if event == "token")
    assert events[-1][1]["answer"].startswith(streamed.strip()[:40])
    assert "estroma" in events[-1][1]["answer"]


def test_refusal_in_the_users_language_without_citations(client: FlaskClient) -> None:
    pt = client.post("/api/chat", json={"message": "Qual é a capital da Austrália?"}).json
    assert pt["mode"] == "refused" and pt["citations"] == []
    assert pt["answer"].startswith("Não encontrei isso no material do curso")
    en = client.post(
        "/api/chat", json={"message": "Who won the 1994 football World Cup?"}, headers=SSE
    )
    events = _events(en)
    assert events[0][0] == "token" and events[-1][0] == "done"
    assert events[-1][1]["mode"] == "refused"
    assert events[-1][1]["answer"].startswith("I couldn't find this in the course material")
    insights = client.get("/api/insights").json
    assert {r["question"] for r in insights["refused"]} >= {"Qual é a capital da Austrália?"}
    assert "client" not in str(insights)


def test_conversations_belong_to_their_client(
    client: FlaskClient, client_a: dict[str, str], client_b: dict[str, str]
) -> None:
    body = client.post(
        "/api/chat", json={"message": "O que é a fotossíntese?"}, headers=client_a
    ).json
    conversation_id = body["conversation_id"]
    assert [
        c["id"] for c in client.get("/api/conversations", headers=client_a).json["conversations"]
    ] == [conversation_id]
    assert client.get("/api/conversations", headers=client_b).json["conversations"] == []
    assert client.get(f"/api/conversations/{conversation_id}", headers=client_b).status_code == 404
    follow = client.post(
        "/api/chat",
        json={"message": "E o que é a fotossíntese?", "conversation_id": conversation_id},
        headers=client_b,
    )
    assert follow.status_code == 404
    assert (
        client.delete(f"/api/conversations/{conversation_id}", headers=client_b).status_code == 404
    )
    assert (
        client.delete(f"/api/conversations/{conversation_id}", headers=client_a).status_code == 204
    )


def test_follow_up_carries_the_previous_question(
    client: FlaskClient, client_a: dict[str, str]
) -> None:
    first = client.post(
        "/api/chat", json={"message": "Quem proclamou a independência do Brasil?"}, headers=client_a
    ).json
    follow = client.post(
        "/api/chat",
        json={"message": "E em que ano ele abdicou?", "conversation_id": first["conversation_id"]},
        headers=client_a,
    ).json
    assert follow["mode"] == "extractive" and "1831" in follow["answer"]


def test_feedback_is_stored_and_reaches_insights(client: FlaskClient) -> None:
    body = client.post("/api/chat", json={"message": "O que a fase clara produz?"}).json
    response = client.post(
        "/api/feedback",
        json={"message_id": body["message_id"], "rating": "down", "comment": "incompleto"},
    )
    assert response.status_code == 201
    down = client.get("/api/insights").json["thumbs_down"]
    assert (
        down[0]["comment"] == "incompleto" and down[0]["question"] == "O que a fase clara produz?"
    )
    assert (
        client.post("/api/feedback", json={"message_id": "nope", "rating": "up"}).status_code == 404
    )
    assert (
        client.post("/api/feedback", json={"message_id": "x", "rating": "meh"}).status_code == 400
    )


def test_feedback_only_on_own_answers_and_the_last_vote_counts(course: Services) -> None:
    app = create_app(course.settings, course)
    owner, other = app.test_client(), app.test_client()
    message_id = owner.post("/api/chat", json={"message": "O que a fase clara produz?"}).json[
        "message_id"
    ]

    stranger = other.post("/api/feedback", json={"message_id": message_id, "rating": "down"})
    first = owner.post("/api/feedback", json={"message_id": message_id, "rating": "down"})
    again = owner.post(
        "/api/feedback", json={"message_id": message_id, "rating": "down", "comment": "curta"}
    )

    assert stranger.status_code == 404 and stranger.json["code"] == "not_found:message"
    assert first.status_code == 201 and again.status_code == 201
    assert [row["comment"] for row in owner.get("/api/insights").json["thumbs_down"]] == ["curta"]
    owner.post("/api/feedback", json={"message_id": message_id, "rating": "up"})
    assert owner.get("/api/insights").json["thumbs_down"] == []


@pytest.mark.parametrize("body", [{}, {"message": ""}, {"message": "a" * 2001}, {"message": 3}])
def test_invalid_chat_requests_are_json_400(client: FlaskClient, body: dict) -> None:
    response = client.post("/api/chat", json=body, headers=SSE)
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert response.json["code"].startswith("bad_request")


def test_llm_mode_sends_passages_key_model_and_streams(
    llm_app: Flask, llm_server: FakeLLMServer
) -> None:
    llm_server.script = [reply_stream(["A independência foi em 1822 ", "[1]", " e [7]."])]
    response = llm_app.test_client().post(
        "/api/chat", json={"message": "Quando foi a independência?"}, headers=SSE
    )
    events = _events(response)
    assert [e for e, _ in events].count("token") >= 2 and events[-1][0] == "done"
    done = events[-1][1]
    assert done["mode"] == "llm" and done["answer"] == "A independência foi em 1822 [1] e."
    assert done["citations"][0]["title"] == "historia.md" and done["grounded"] is True
    seen = llm_server.requests[-1]
    assert seen.headers["authorization"] == f"Bearer {LLM_KEY}"
    assert seen.body["model"] == LLM_MODEL and seen.body["stream"] is True
    assert "7 de setembro de 1822" in str(seen.body["messages"])


def test_llm_is_not_called_for_a_refusal(llm_app: Flask, llm_server: FakeLLMServer) -> None:
    body = (
        llm_app.test_client()
        .post("/api/chat", json={"message": "Qual é a capital da Austrália?"})
        .json
    )
    assert body["mode"] == "refused" and llm_server.requests == []


@pytest.mark.parametrize(
    ("action", "status"),
    [(reply_status(500), 502), (hang(10), 504), (reply_status(429, {"Retry-After": "30"}), 503)],
)
def test_llm_faults_before_the_first_token_are_json_errors_or_error_events(
    llm_app: Flask,
    llm_server: FakeLLMServer,
    course: Services,
    action,
    status: int,
    client_a: dict[str, str],
) -> None:
    llm_server.script = [action, action]
    client = llm_app.test_client()
    question = {"message": "Quando foi a independência?"}
    response = client.post("/api/chat", json=question, headers=client_a)
    assert response.status_code == status and response.mimetype == "application/json"
    assert response.json["code"].startswith("upstream:llm")
    assert LLM_KEY not in response.get_data(as_text=True)
    # A stream is open from its first bytes (a comment): the fault is its one event.
    stream = client.post("/api/chat", json=question, headers=SSE | client_a)
    text = stream.get_data(as_text=True)
    assert stream.status_code == 200 and text.startswith(": ok\n\n")
    events = _events(stream)
    assert [e for e, _ in events] == ["error"]
    assert events[0][1]["code"] == response.json["code"] and LLM_KEY not in text
    assert client.get("/api/conversations", headers=client_a).json["conversations"] == []


def test_stream_cut_midway_ends_with_an_error_event_and_stores_nothing(
    llm_app: Flask, llm_server: FakeLLMServer, course: Services, client_a: dict[str, str]
) -> None:
    llm_server.script = [reply_stream(["Parte da resposta ", "[1]"], cut=True)]
    client = llm_app.test_client()
    response = client.post(
        "/api/chat", json={"message": "Quando foi a independência?"}, headers=SSE | client_a
    )
    events = _events(response)
    assert events[0][0] == "token" and events[-1][0] == "error"
    assert "done" not in [e for e, _ in events]
    # the failed answer was not saved as if complete, and no empty conversation was left
    assert client.get("/api/conversations", headers=client_a).json["conversations"] == []


def test_llm_answer_without_a_valid_citation_is_marked_not_grounded(
    llm_app: Flask, llm_server: FakeLLMServer
) -> None:
    llm_server.script = [
        reply_stream(["Foi em 1822 ", "[7]."]),
        reply_stream(["Foi em 1822 ", "[1]."]),
    ]
    client = llm_app.test_client()

    streamed = _events(
        client.post("/api/chat", json={"message": "Quando foi a independência?"}, headers=SSE)
    )[-1][1]
    cited = client.post("/api/chat", json={"message": "Quando foi a independência?"}).json

    assert streamed["mode"] == "llm" and streamed["citations"] == []
    assert streamed["grounded"] is False and cited["grounded"] is True
    stored = client.get(f"/api/conversations/{streamed['conversation_id']}").json["messages"]
    assert [(m["role"], m["grounded"]) for m in stored] == [("user", True), ("assistant", False)]

"""LGPD through the API: a student deletes their whole chat history, and the teacher's insights
never carry the client id of a browser that asked."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from chatgepeto.api import create_app
from chatgepeto.api.client_id import HEADER
from chatgepeto.services.container import Services
from chatgepeto.storage import schema

from .client_ids import issued_id
from .course import BIOLOGY_MD, HISTORY_MD, index_all, upload

TOKEN = "privacidade-3f9a1c7e5b2d8a4c6e0f"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def course(services: Services) -> Services:
    services.settings = services.settings.model_copy(update={"admin_token": TOKEN})
    client = create_app(services.settings, services).test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = ADMIN["Authorization"]
    # A fixed id the tests name (the API gives new courses a random suffix).
    services.store.courses.create_collection("biologia", "Biologia", "aberto")
    assert upload(client, "biologia.md", BIOLOGY_MD.encode(), "biologia").status_code == 202
    assert upload(client, "historia.md", HISTORY_MD.encode()).status_code == 202
    assert index_all(services) == 2
    return services


@pytest.fixture
def client(course: Services) -> FlaskClient:
    return create_app(course.settings, course).test_client()


def _ask(client: FlaskClient, who: dict[str, str], message: str, **body: str) -> dict:
    response = client.post("/api/chat", json={"message": message, **body}, headers=who)
    assert response.status_code == 200, response.json
    return response.json


def _down(client: FlaskClient, who: dict[str, str], message_id: str, comment: str) -> None:
    body = {"message_id": message_id, "rating": "down", "comment": comment}
    assert client.post("/api/feedback", json=body, headers=who).status_code == 201


def _rows(services: Services) -> dict[str, int]:
    with services.store.engine.connect() as conn:
        return {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (schema.conversations, schema.messages, schema.feedback)
        }


def test_a_student_deletes_their_whole_history_and_only_theirs(
    client: FlaskClient, course: Services
) -> None:
    student, classmate = issued_id(client), issued_id(client)
    first = _ask(client, student, "O que a fase clara produz?", collection="biologia")
    _ask(client, student, "E onde ela acontece?", conversation_id=first["conversation_id"])
    second = _ask(client, student, "Quando foi proclamada a independência?")
    _down(client, student, first["message_id"], "incompleta")
    _down(client, student, second["message_id"], "curta")
    kept = _ask(client, classmate, "Onde ocorre o ciclo de Calvin?", collection="biologia")
    _down(client, classmate, kept["message_id"], "confusa")
    assert _rows(course) == {"conversations": 3, "messages": 8, "feedback": 3}

    assert client.delete("/api/conversations", headers=student).status_code == 204

    assert client.get("/api/conversations", headers=student).json["conversations"] == []
    for gone in (first, second):
        path = f"/api/conversations/{gone['conversation_id']}"
        assert client.get(path, headers=student).status_code == 404
    assert _rows(course) == {"conversations": 1, "messages": 2, "feedback": 1}
    theirs = client.get("/api/conversations", headers=classmate).json["conversations"]
    assert [c["id"] for c in theirs] == [kept["conversation_id"]]
    down = client.get("/api/insights", headers=ADMIN).json["thumbs_down"]
    assert [row["comment"] for row in down] == ["confusa"]  # the deleted votes are gone too
    # Nothing left to delete is no error; a new browser has nothing either.
    assert client.delete("/api/conversations", headers=student).status_code == 204
    assert client.delete("/api/conversations", headers=issued_id(client)).status_code == 204
    assert _rows(course) == {"conversations": 1, "messages": 2, "feedback": 1}


def test_the_insights_never_carry_a_client_id_of_the_browsers_that_asked(
    client: FlaskClient, course: Services
) -> None:
    students = [issued_id(client) for _ in range(3)]
    for n, student in enumerate(students):
        answered = _ask(client, student, "O que a fase clara produz?", collection="biologia")
        _down(client, student, answered["message_id"], f"não entendi {n}")
        _ask(client, student, "Qual é a capital da Austrália?", collection="biologia")
        _ask(client, student, "Quando foi proclamada a independência?")
    mode = {"tutor_mode": "tutor"}
    put = client.put("/api/collections/biologia/tutor-mode", json=mode, headers=ADMIN)
    assert put.status_code == 200
    tutored = _ask(client, students[0], "Onde ocorre a fotossíntese?", collection="biologia")
    ladder = {"collection": "biologia", "conversation_id": tutored["conversation_id"]}
    _ask(client, students[0], "dica", action="hint", **ladder)
    _ask(client, students[0], "resposta", action="reveal", **ladder)
    mode = {"tutor_mode": "prova"}
    put = client.put("/api/collections/biologia/tutor-mode", json=mode, headers=ADMIN)
    assert put.status_code == 200
    _ask(client, students[1], "O que o ciclo de Calvin fixa?", collection="biologia")

    ids = [student[HEADER] for student in students]
    for path in ("/api/insights", "/api/insights?collection=biologia"):
        response = client.get(path, headers=ADMIN)
        assert response.status_code == 200
        body = response.json
        # Every section has rows, so every section is checked.
        assert all(body[section] for section in body), body
        raw = response.get_data(as_text=True)
        headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
        for client_id in ids:
            _issued, nonce, mac = client_id.split(".")
            for part in (client_id, nonce, mac):
                assert part not in raw and part not in headers, path

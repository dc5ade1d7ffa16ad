"""The OpenAPI contract: committed, a schema for every 2xx, and the bodies routes send match it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pydantic import BaseModel

from chatgepeto.api import create_app, schemas
from chatgepeto.api.openapi import UNDECLARED, build_openapi, describe_api, render
from chatgepeto.errors import CATALOGUE
from chatgepeto.generation.sse import parse_sse
from chatgepeto.services.container import Services

from .client_ids import issued_id
from .course import BIOLOGY_MD, index_all, upload

COMMITTED = Path(__file__).resolve().parents[2] / "openapi.json"
FIXTURES = Path(__file__).resolve().parents[3] / "frontend" / "tests" / "fixtures" / "sse"
QUESTION = "Onde ocorre a fotossíntese?"
SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def app(services: Services) -> Flask:
    return create_app(services.settings, services)


def test_the_committed_openapi_is_what_the_code_describes() -> None:
    # Regenerate with `make openapi` (also rewrites the web app's generated types).
    assert COMMITTED.read_text("utf-8") == render(describe_api()), "run make openapi"


@SQLITE
def test_every_2xx_declares_its_schema_and_every_error_the_catalogue(app: Flask) -> None:
    spec = build_openapi(app)
    undeclared, errors = [], []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                content = response.get("content", {})
                schema = next(iter(content.values()), {}).get("schema")
                if status.startswith("2") and status != "204" and schema in (None, UNDECLARED):
                    undeclared.append(f"{method.upper()} {path} {status}")
                if int(status) >= 400 and schema != {"$ref": "#/components/schemas/Error"}:
                    errors.append(f"{method.upper()} {path} {status}")
    assert undeclared == [], "declare documented(response=Model) on these routes"
    assert errors == []
    assert spec["components"]["schemas"]["ErrorCode"]["enum"] == list(CATALOGUE)
    error = spec["components"]["schemas"]["Error"]
    assert error["properties"]["code"] == {"$ref": "#/components/schemas/ErrorCode"}


def _check(model: type[BaseModel], response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    model.model_validate(response.json)  # unknown fields are refused (schemas.Out)
    return response.json


@SQLITE
def test_what_each_route_sends_validates_against_its_response_model(app: Flask) -> None:
    client: FlaskClient = app.test_client()
    headers = issued_id(client)
    _check(schemas.Health, client.get("/api/health"))
    _check(schemas.OpenAPIDocument, client.get("/api/openapi.json"))
    created = _check(
        schemas.CreatedCollection, client.post("/api/collections", json={"name": "Bio"}), 201
    )
    _check(
        schemas.CollectionOut,
        client.patch(f"/api/collections/{created['id']}", json={"name": "Biologia"}),
    )
    _check(schemas.CollectionList, client.get("/api/collections"))
    bio = created["id"]
    access = {"visibility": "turma", "retention_days": 90}
    _check(schemas.CollectionOut, client.put(f"/api/collections/{bio}/access", json=access))
    link = _check(
        schemas.CourseInvitationOut,
        client.post(f"/api/collections/{bio}/invitations", json={"expires_in_days": 7}),
        201,
    )
    _check(schemas.CourseInvitationList, client.get(f"/api/collections/{bio}/invitations"))
    _check(schemas.JoinOut, client.get(f"/api/join/{link['code']}"))
    _check(schemas.JoinOut, client.post("/api/join", json={"code": link["code"]}))
    document = _check(
        schemas.UploadedDocument, upload(client, "bio.md", BIOLOGY_MD.encode(), bio), 202
    )
    _check(schemas.UploadedDocument, upload(client, "bio.md", BIOLOGY_MD.encode(), bio))
    index_all(app.extensions["chatgepeto"])
    _check(schemas.DocumentList, client.get(f"/api/documents?collection={bio}"))
    _check(schemas.DocumentOut, client.get(f"/api/documents/{document['id']}"))
    _check(
        schemas.DocumentOut,
        client.patch(f"/api/documents/{document['id']}", json={"title": "Fotossíntese"}),
    )
    found = _check(schemas.SearchOut, client.post("/api/search", json={"query": "cloroplastos"}))
    _check(schemas.ChunkOut, client.get(f"/api/chunks/{found['results'][0]['chunk_id']}"))
    answer = _check(
        schemas.ChatAnswer,
        client.post("/api/chat", json={"message": QUESTION, "collection": bio}, headers=headers),
    )
    assert answer["citations"] and "notice" not in answer
    _check(schemas.ConversationList, client.get("/api/conversations", headers=headers))
    _check(
        schemas.ConversationOut,
        client.get(f"/api/conversations/{answer['conversation_id']}", headers=headers),
    )
    vote = {"message_id": answer["message_id"], "rating": "down", "comment": "curta"}
    _check(schemas.FeedbackStored, client.post("/api/feedback", json=vote, headers=headers), 201)
    insights = _check(schemas.InsightsOut, client.get(f"/api/insights?collection={bio}"))
    assert insights["thumbs_down"][0]["at"].endswith("+00:00")
    _check(schemas.DocumentOut, client.post(f"/api/documents/{document['id']}/reindex"), 202)


@SQLITE
def test_error_bodies_carry_catalogued_codes(app: Flask) -> None:
    client = app.test_client()
    for response in (
        client.get("/api/documents/nope"),
        client.get("/api/chunks/nope"),
        client.get("/api/conversations/nope"),
        client.delete("/api/collections/default"),
        client.get("/api/insights?collection=nope"),
        client.post("/api/chat", json={}),
        client.post("/api/chat", data="x", content_type="text/plain"),
        client.put("/api/health"),
        client.get("/api/nothing-here"),
    ):
        assert set(response.json) == {"error", "code"}
        assert response.json["code"] in CATALOGUE
        assert response.status_code == CATALOGUE[response.json["code"]].status


def test_every_fixture_event_is_what_the_openapi_declares() -> None:
    # The chat route's `text/event-stream` answer names each event's payload model
    # (`x-sse-events`); every frame of the streams the backend sends (the fixtures
    # tests/api/test_sse_contract.py checks byte for byte; the web app's other fixtures are
    # hand-written edge cases, an older server's included) validates against it, and every
    # declared event occurs in them.
    spec = describe_api()
    stream = spec["paths"]["/api/chat"]["post"]["responses"]["200"]["content"]["text/event-stream"]
    declared = {name: ref["$ref"].rsplit("/", 1)[1] for name, ref in stream["x-sse-events"].items()}
    assert declared == {"token": "TokenEvent", "done": "ChatAnswer", "error": "Error"}
    seen = set()
    for path in (FIXTURES / "chat-answer.sse", FIXTURES / "chat-unknown-conversation.sse"):
        for event, data in parse_sse(path.read_text("utf-8").splitlines(keepends=True)):
            assert event in declared, f"{path.name}: undeclared event {event!r}"
            seen.add(event)
            if declared[event] == "Error":
                assert set(data) == {"error", "code"} and data["code"] in CATALOGUE
            else:
                getattr(schemas, declared[event]).model_validate(data)
    assert seen == set(declared)


def test_query_parameters_come_from_the_route_s_query_model() -> None:
    spec = describe_api()
    study = "/api/collections/{collection_id}/study"

    def query(path: str) -> list[dict[str, Any]]:
        parameters = spec["paths"][path]["get"]["parameters"]
        return [p for p in parameters if p["in"] == "query"]

    assert query(f"{study}/items") == [
        {
            "name": "status",
            "in": "query",
            "required": False,
            "schema": {"enum": ["draft", "approved", "rejected"], "type": "string"},
        }
    ]
    assert query(f"{study}/export") == [
        {
            "name": "format",
            "in": "query",
            "required": True,
            "schema": {"enum": ["apkg", "moodle", "csv"], "type": "string"},
        }
    ]
    (limit,) = query(f"{study}/due")
    assert limit["name"] == "limit" and not limit["required"]
    assert limit["schema"] == {"type": "integer", "minimum": 1, "maximum": 200, "default": 20}
    # A route without a query model documents its path parameters only.
    assert query("/api/study/jobs/{job_id}") == []
    generate = spec["paths"][f"{study}/generate"]["post"]["responses"]
    assert "202" in generate and "200" not in generate  # queued, never drafted in the request
    job = generate["202"]["content"]["application/json"]["schema"]
    assert job == {"$ref": "#/components/schemas/StudyJobOut"}

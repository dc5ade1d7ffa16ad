"""POST /api/documents/<id>/reindex and the suspect pages in the document JSON."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from chatgepeto.api import create_app
from chatgepeto.ingest.parse import parse_document
from chatgepeto.ingest.types import ParsedDocument
from chatgepeto.services import indexer
from chatgepeto.services.container import Services

from .course import BIOLOGY_MD, BOUNDARY, index_all, multipart

TOKEN = "prof-7a1c9e3b5d2f4a6c8e0b1d3f"
TEACHER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def app(services: Services) -> Flask:
    return create_app(services.settings.model_copy(update={"admin_token": TOKEN}), services)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _flagged(
    data: bytes, filename: str, limits: Any = None, _sandbox: Any = None
) -> ParsedDocument:
    return replace(parse_document(data, filename, limits), suspect_pages=[14, 12, 13])


def test_reindex_queues_then_reports_the_new_suspect_pages(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = client.post(
        "/api/documents",
        data=multipart("bio.md", BIOLOGY_MD.encode()),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        headers=TEACHER,
    ).json
    assert document["suspect_pages"] == []
    index_all(services)
    ready = client.get(f"/api/documents/{document['id']}").json
    assert ready["status"] == "ready" and ready["suspect_pages"] == []

    url = f"/api/documents/{document['id']}/reindex"
    assert client.post(url).status_code == 401  # a write: the teacher's token
    response = client.post(url, headers=TEACHER)
    assert response.status_code == 202
    assert response.json["status"] == "queued" and response.json["chunks"] == ready["chunks"]
    busy = client.post(url, headers=TEACHER)
    assert busy.status_code == 409 and busy.json["code"] == "conflict:indexing"
    assert busy.json["error"]

    monkeypatch.setattr(indexer, "parse_isolated", _flagged)
    assert index_all(services) == 1
    again = client.get(f"/api/documents/{document['id']}").json
    assert again["status"] == "ready" and again["suspect_pages"] == [12, 13, 14]
    listed = client.get("/api/documents").json["documents"]
    assert [d["suspect_pages"] for d in listed] == [[12, 13, 14]]


def test_reindex_of_an_unknown_document_is_a_json_404(client: FlaskClient) -> None:
    response = client.post("/api/documents/nao-existe/reindex", headers=TEACHER)
    assert response.status_code == 404
    assert response.json["code"] == "not_found:document" and response.json["error"]


def test_openapi_describes_the_reindex_route(client: FlaskClient) -> None:
    operation = client.get("/api/openapi.json").json["paths"][
        "/api/documents/{document_id}/reindex"
    ]
    assert {"202", "401", "404", "409"} <= set(operation["post"]["responses"])

"""Collections, documents, originals, passages and search through Flask's test client."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from chatgepeto.api import create_app
from chatgepeto.services.container import Services

from .course import BIOLOGY_MD, HISTORY_MD, create_course, index_all, upload


@pytest.fixture
def app(services: Services) -> Flask:
    return create_app(services.settings, services)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_health_and_openapi_describe_every_route(client: FlaskClient, app: Flask) -> None:
    assert client.get("/api/health").json == {"status": "ok"}
    spec = client.get("/api/openapi.json").json
    api_rules = {r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/api/")}
    assert len(spec["paths"]) == len(api_rules)
    assert "requestBody" in spec["paths"]["/api/search"]["post"]
    assert spec["paths"]["/api/documents"]["post"]["requestBody"]["content"]["multipart/form-data"]


def test_collections_crud(client: FlaskClient) -> None:
    created = client.post("/api/collections", json={"name": "Cálculo I"})
    assert created.status_code == 201
    course = created.json["id"]
    # The slug of its name and a random suffix: one name twice is two courses, ids unguessable.
    assert course.startswith("calculo-i-") and len(course) == len("calculo-i-") + 8
    assert created.json == {"id": course, "name": "Cálculo I", "visibility": "turma"}
    again = client.post("/api/collections", json={"name": "Cálculo I"})
    assert again.status_code == 201 and again.json["id"] not in {course, "calculo-i"}
    ids = [c["id"] for c in client.get("/api/collections").json["collections"]]
    assert ids == ["default", course, again.json["id"]]
    renamed = client.patch(f"/api/collections/{course}", json={"name": "Cálculo 1"})
    assert renamed.json["name"] == "Cálculo 1"
    assert client.delete(f"/api/collections/{course}").status_code == 204
    assert client.delete(f"/api/collections/{course}").json["code"] == "not_found:collection"
    assert client.delete("/api/collections/default").status_code == 400


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "bad_request:validation"),
        ({"name": ""}, "bad_request:validation"),
        ({"name": "ok", "extra": 1}, "bad_request:validation"),
        ({"name": "!!!"}, "bad_request:name"),
    ],
)
def test_bad_collection_bodies_are_400_json(client: FlaskClient, body: dict, code: str) -> None:
    response = client.post("/api/collections", json=body)
    assert response.status_code == 400
    assert response.json["code"] == code and response.json["error"]


def test_upload_index_search_and_fetch(client: FlaskClient, services: Services) -> None:
    response = upload(client, "biologia.md", BIOLOGY_MD.encode())
    assert response.status_code == 202
    document = response.json
    assert (document["status"], document["collection"], document["title"]) == (
        "queued",
        "default",
        "biologia.md",
    )
    assert index_all(services) == 1
    ready = client.get(f"/api/documents/{document['id']}").json
    assert ready["status"] == "ready" and ready["chunks"] >= 1 and ready["error"] is None

    results = client.post("/api/search", json={"query": "onde ocorre o ciclo de Calvin?"}).json
    top = results["results"][0]
    assert "estroma" in top["text"] and top["title"] == "biologia.md"
    assert top["heading_path"] == ["Fotossíntese", "Fases"] and top["page"] is None

    passage = client.get(f"/api/chunks/{top['chunk_id']}").json
    assert passage["document_id"] == document["id"] and passage["text"] == top["text"]

    original = client.get(f"/api/documents/{document['id']}/file")
    assert original.data == BIOLOGY_MD.encode()
    assert original.mimetype == "text/markdown"
    assert original.headers["Content-Disposition"].startswith("inline")


def test_duplicates_renames_and_delete(client: FlaskClient, services: Services) -> None:
    first = upload(client, "historia.md", HISTORY_MD.encode()).json
    again = upload(client, "historia-copia.md", HISTORY_MD.encode())
    assert again.status_code == 200 and again.json["duplicate"] is True
    assert again.json["id"] == first["id"]
    index_all(services)
    other_course = create_course(client, "Outra")
    other = upload(client, "historia.md", HISTORY_MD.encode(), other_course)
    assert other.status_code == 202 and other.json["id"] != first["id"]
    assert other.json["status"] == "ready"  # reused the indexed chunks
    listed = client.get(f"/api/documents?collection={other_course}").json["documents"]
    assert [d["id"] for d in listed] == [other.json["id"]]

    renamed = client.patch(f"/api/documents/{first['id']}", json={"title": "História do Brasil"})
    assert renamed.json["title"] == "História do Brasil"
    hit = client.post("/api/search", json={"query": "independência", "collection": "default"})
    assert hit.json["results"][0]["title"] == "História do Brasil"

    assert client.delete(f"/api/documents/{first['id']}").status_code == 204
    assert client.get(f"/api/documents/{first['id']}").status_code == 404
    assert client.get(f"/api/documents/{first['id']}/file").status_code == 404
    left = client.post("/api/search", json={"query": "independência"}).json["results"]
    assert {r["collection"] for r in left} == {other_course}


def test_upload_errors_are_clear_json(client: FlaskClient, services: Services) -> None:
    assert upload(client, "x.md", b"", None).json["code"] == "empty_document"
    unknown = upload(client, "a.md", b"# A\n\ntexto", "nao-existe")
    assert unknown.status_code == 404 and unknown.json["code"] == "not_found:collection"
    binary = upload(client, "programa.txt", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8)
    assert binary.status_code == 422 and binary.json["code"] == "unsupported_type"
    missing = client.post("/api/documents", data={}, content_type="multipart/form-data")
    assert missing.status_code == 400 and missing.json["code"] == "bad_request:upload"
    assert client.get("/api/documents?collection=nope").status_code == 404
    assert client.get("/api/nothing-here").json["code"] == "not_found"
    assert client.put("/api/health").json["code"] == "method_not_allowed"


def test_upload_over_the_limit_is_413_json(services: Services) -> None:
    small = services.settings.model_copy(update={"max_upload_mb": 1})
    client = create_app(small, services).test_client()
    response = upload(client, "grande.txt", b"a " * (1024 * 1024 + 10))
    assert response.status_code == 413 and response.json["code"] == "too_large"
    assert services.store.documents.list_documents() == []


def test_a_broken_file_fails_with_a_reason_and_leaves_others_intact(
    client: FlaskClient, services: Services
) -> None:
    good = upload(client, "biologia.md", BIOLOGY_MD.encode()).json
    bad = upload(client, "quebrado.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog").json
    index_all(services)
    failed = client.get(f"/api/documents/{bad['id']}").json
    assert failed["status"] == "failed" and failed["error"]
    assert client.get(f"/api/documents/{good['id']}").json["status"] == "ready"
    results = client.post("/api/search", json={"query": "cloroplastos"}).json["results"]
    assert results and all(r["document_id"] == good["id"] for r in results)


def test_search_validation(client: FlaskClient) -> None:
    assert client.post("/api/search", json={"query": ""}).status_code == 400
    assert client.post("/api/search", json={"query": "x", "k": 0}).status_code == 400
    assert client.post("/api/search", data="nada").json["code"] == "bad_request:json"
    assert client.post("/api/search", json={"query": "x", "collection": "nope"}).status_code == 404
    assert client.post("/api/search", json={"query": "fotossíntese"}).json["results"] == []

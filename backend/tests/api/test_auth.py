"""The teacher credential: writes and insights need it; reading and asking do not."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from chatgepeto.api import create_app
from chatgepeto.api.auth import access_notice
from chatgepeto.errors import AppError
from chatgepeto.services.container import Services
from chatgepeto.settings import Settings, load_settings

from .course import BOUNDARY, HISTORY_MD, index_all, multipart, upload

TOKEN = "prof-3f9c2a7d1e8b4c6a9f0d2e5b"
TEACHER = {"Authorization": f"Bearer {TOKEN}"}
REMOTE = {"REMOTE_ADDR": "203.0.113.7"}


@pytest.fixture
def app(services: Services) -> Flask:
    return create_app(services.settings.model_copy(update={"admin_token": TOKEN}), services)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _writes(client: FlaskClient, headers: dict[str, str], environ: dict[str, str] | None = None):
    """One request of each teacher-only kind, answered in order."""
    env = environ or {}
    created = client.post(
        "/api/collections", json={"name": "Física"}, headers=headers, environ_base=env
    )
    course = created.json["id"] if created.status_code == 201 else "fisica-00000000"
    return [
        created,
        client.patch(
            "/api/collections/default", json={"name": "X"}, headers=headers, environ_base=env
        ),
        client.delete(f"/api/collections/{course}", headers=headers, environ_base=env),
        upload_with(client, headers, env),
        client.patch("/api/documents/any", json={"title": "T"}, headers=headers, environ_base=env),
        client.delete("/api/documents/any", headers=headers, environ_base=env),
        client.get("/api/insights", headers=headers, environ_base=env),
        client.post(
            "/api/collections/default/study/generate", json={}, headers=headers, environ_base=env
        ),
        client.get("/api/study/jobs/1", headers=headers, environ_base=env),
    ]


def upload_with(client: FlaskClient, headers: dict[str, str], environ: dict[str, str]):
    return client.post(
        "/api/documents",
        data=multipart("a.md", b"# A\n\ntexto"),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        headers=headers,
        environ_base=environ,
    )


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": TOKEN},
        {"Authorization": "Basic " + TOKEN},
        {"Authorization": f"Bearer {TOKEN}x"},
    ],
)
def test_writes_without_the_token_are_401_with_a_bearer_challenge(
    client: FlaskClient, services: Services, headers: dict[str, str]
) -> None:
    for response in _writes(client, headers):
        assert response.status_code == 401, response.request.path
        assert response.json["code"] == "unauthorized" and "professor" in response.json["error"]
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert TOKEN not in response.get_data(as_text=True)
    # loopback does not open writes once a token is configured
    assert services.store.documents.list_documents() == []
    assert [c.id for c in services.store.courses.list_collections()] == ["default"]


def test_the_token_opens_writes_and_insights_from_anywhere(
    client: FlaskClient, services: Services
) -> None:
    statuses = [r.status_code for r in _writes(client, TEACHER, REMOTE)]
    # created, renamed, deleted, queued, unknown document twice, insights, a study generation
    # of a course without documents, an unknown study job
    assert statuses == [201, 200, 204, 202, 404, 404, 200, 409, 404]


def test_reading_and_chatting_need_no_token(client: FlaskClient, services: Services) -> None:
    assert upload(client, "historia.md", HISTORY_MD.encode()).status_code == 401
    services.library.upload("historia.md", HISTORY_MD.encode(), None)
    index_all(services)
    for path in ("/api/health", "/api/collections", "/api/documents", "/api/openapi.json"):
        assert client.get(path, environ_base=REMOTE).status_code == 200, path
    answer = client.post(
        "/api/chat", json={"message": "Quando foi a independência?"}, environ_base=REMOTE
    )
    assert answer.status_code == 200 and answer.json["citations"]
    assert (
        client.post("/api/search", json={"query": "Ipiranga"}, environ_base=REMOTE).status_code
        == 200
    )
    feedback = client.post(
        "/api/feedback",
        json={"message_id": answer.json["message_id"], "rating": "up"},
        environ_base=REMOTE,
    )
    assert feedback.status_code == 201
    conversation = answer.json["conversation_id"]
    assert (
        client.delete(f"/api/conversations/{conversation}", environ_base=REMOTE).status_code == 204
    )


def test_without_a_token_writes_are_open_only_from_loopback(services: Services) -> None:
    client = create_app(services.settings, services).test_client()
    remote = _writes(client, {}, REMOTE)
    assert {r.status_code for r in remote} == {403}
    assert remote[0].json["code"] == "forbidden" and "ADMIN_TOKEN" in remote[0].json["error"]
    assert services.store.documents.list_documents() == []
    for environ in (
        {"REMOTE_ADDR": "127.0.0.1"},
        {"REMOTE_ADDR": "::1"},
        {"REMOTE_ADDR": "::ffff:127.0.0.1"},
    ):
        assert (
            client.post(
                "/api/collections",
                json={"name": environ["REMOTE_ADDR"] + " c"},
                environ_base=environ,
            ).status_code
            == 201
        )


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Forwarded-For": "198.51.100.4"},  # a local proxy forwarding a remote browser
        {"X-Forwarded-For": "127.0.0.1, 198.51.100.4"},
        {"Origin": "https://evil.example"},  # a page on another site posting to localhost (CSRF)
        {"Origin": "http://rebound.example:8000"},  # DNS rebinding
        {"Origin": "null"},
    ],
)
def test_loopback_is_not_enough_when_the_request_came_from_elsewhere(
    services: Services, headers: dict[str, str]
) -> None:
    client = create_app(services.settings, services).test_client()
    response = client.post("/api/collections", json={"name": "Química"}, headers=headers)
    assert response.status_code == 403 and response.json["code"] == "forbidden"


def test_the_local_web_app_and_configured_origins_may_write(services: Services) -> None:
    settings = services.settings.model_copy(update={"cors_origins": ["https://app.example.org"]})
    client = create_app(settings, services).test_client()
    for n, origin in enumerate(
        ("http://localhost:3000", "http://127.0.0.1:3000", "https://app.example.org")
    ):
        response = client.post(
            "/api/collections",
            json={"name": f"Curso {n}"},
            headers={"Origin": origin, "X-Forwarded-For": "127.0.0.1"},
        )
        assert response.status_code == 201, origin


def test_behind_one_trusted_proxy_the_forwarded_address_decides(services: Services) -> None:
    settings = services.settings.model_copy(update={"trusted_proxy_count": 1})
    client = create_app(settings, services).test_client()
    # The ALB appends the peer it saw; a client-written first hop is not believed.
    spoofed = {"X-Forwarded-For": "127.0.0.1, 198.51.100.4"}
    response = client.post(
        "/api/collections",
        json={"name": "Geo"},
        headers=spoofed,
        environ_base={"REMOTE_ADDR": "10.0.0.5"},
    )
    assert response.status_code == 403


def test_production_refuses_to_start_without_a_real_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("LLM_API_KEY", "sk-should-never-be-printed")
    for token in (None, "", "changeme"):
        if token is None:
            monkeypatch.delenv("ADMIN_TOKEN", raising=False)
        else:
            monkeypatch.setenv("ADMIN_TOKEN", token)
        with pytest.raises(AppError) as refused:
            load_settings()
        assert "ADMIN_TOKEN" in refused.value.message
        assert "sk-should-never" not in refused.value.message
        assert "changeme" not in refused.value.message
    monkeypatch.setenv("ADMIN_TOKEN", TOKEN)
    assert load_settings().admin_token == TOKEN


def test_serve_says_who_may_write() -> None:
    open_local = access_notice(Settings(admin_token=None), "127.0.0.1")
    assert "ADMIN_TOKEN não definido" in open_local and "127.0.0.1" in open_local
    exposed = access_notice(Settings(admin_token=None), "0.0.0.0")
    assert "X-Forwarded-For" in exposed
    assert "Bearer" in access_notice(Settings(admin_token=TOKEN), "0.0.0.0")
    assert TOKEN not in access_notice(Settings(admin_token=TOKEN), "0.0.0.0")


def test_openapi_marks_teacher_routes(client: FlaskClient) -> None:
    paths = client.get("/api/openapi.json").json["paths"]
    assert "401" in paths["/api/documents"]["post"]["responses"]
    assert "401" in paths["/api/insights"]["get"]["responses"]
    assert "401" not in paths["/api/chat"]["post"]["responses"]

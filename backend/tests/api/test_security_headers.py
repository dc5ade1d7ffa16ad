"""Security headers on every API response, CORS closed by default, no internals in errors."""

from __future__ import annotations

import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from reportlab.pdfgen import canvas
from werkzeug.test import TestResponse

from chatgepeto.api import create_app
from chatgepeto.services.container import Services
from chatgepeto.settings import Settings

from .course import BIOLOGY_MD, upload

APP_ORIGIN = "https://app.example.org"


@pytest.fixture
def app(services: Services) -> Flask:
    return create_app(services.settings, services)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _assert_api_headers(response: TestResponse) -> None:
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "Access-Control-Allow-Origin" not in headers
    assert "Strict-Transport-Security" not in headers  # only in production


def test_every_kind_of_api_response_carries_the_headers(client: FlaskClient) -> None:
    responses = [
        client.get("/api/health"),
        client.get("/api/openapi.json"),
        client.get("/api/documents/nope"),
        client.post("/api/search", data="x"),
        client.put("/api/health"),
        client.get("/api/nothing"),
        client.post(
            "/api/chat",
            json={"message": "Onde ocorre a fotossíntese?"},
            headers={"Accept": "text/event-stream"},
        ),
    ]
    assert [r.status_code for r in responses] == [200, 200, 404, 400, 405, 404, 200]
    assert responses[-1].mimetype == "text/event-stream"
    for response in responses:
        _assert_api_headers(response)


def test_413_and_500_carry_them_too(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    small = create_app(services.settings.model_copy(update={"max_upload_mb": 1}), services)
    too_large = upload(small.test_client(), "grande.txt", b"a" * (3 * 1024 * 1024))
    assert too_large.status_code == 413
    _assert_api_headers(too_large)
    broken = _broken_client(services, monkeypatch)
    _assert_api_headers(broken.get("/api/collections"))


def _broken_client(services: Services, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(
            'Traceback (most recent call last):\n  File "/work/main/backend/src/x.py", line 3\n'
            "sqlite3.OperationalError: near SELECT secret_column"
        )

    monkeypatch.setattr(services.store.courses, "list_collections", explode)
    for name in ("list_documents", "get_document"):
        monkeypatch.setattr(services.store.documents, name, explode)
    return create_app(services.settings, services).test_client()


def test_no_stack_trace_or_internal_path_in_any_error(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _broken_client(services, monkeypatch)
    for path in ("/api/collections", "/api/documents", "/api/documents/x"):
        response = client.get(path)
        assert response.status_code == 500 and response.json["code"] == "internal"
        text = response.get_data(as_text=True)
        assert not re.search(r"Traceback|/work/|\.py\b|sqlite3|secret_column|RuntimeError", text)


def test_uploaded_html_is_served_sandboxed_and_pdfs_viewable(
    client: FlaskClient, services: Services
) -> None:
    html = b"<!doctype html><html><body><script>alert(document.cookie)</script>oi</body></html>"
    page = upload(client, "pagina.html", html).json
    served = client.get(f"/api/documents/{page['id']}/file")
    assert served.mimetype == "text/html" and served.data == html
    csp = served.headers["Content-Security-Policy"]
    assert csp.startswith("sandbox") and "default-src 'none'" in csp and "script-src" not in csp
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["X-Frame-Options"] == "SAMEORIGIN"

    buffer = io.BytesIO()  # a real, small PDF
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Fotossíntese")
    pdf.save()
    document = upload(client, "aula.pdf", buffer.getvalue()).json
    shown = client.get(f"/api/documents/{document['id']}/file")
    assert shown.mimetype == "application/pdf"
    assert "sandbox" not in shown.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in shown.headers["Content-Security-Policy"]


def test_cors_is_closed_unless_origins_are_configured(client: FlaskClient) -> None:
    origin = {"Origin": APP_ORIGIN}
    assert "Access-Control-Allow-Origin" not in client.get("/api/health", headers=origin).headers
    preflight = client.options(
        "/api/chat",
        headers=origin
        | {
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers
    assert "Access-Control-Allow-Methods" not in preflight.headers


def test_cors_allows_exactly_the_configured_origins(services: Services) -> None:
    settings = services.settings.model_copy(update={"cors_origins": [APP_ORIGIN]})
    client = create_app(settings, services).test_client()
    allowed = client.get("/api/health", headers={"Origin": APP_ORIGIN})
    assert allowed.headers["Access-Control-Allow-Origin"] == APP_ORIGIN
    assert allowed.headers["Access-Control-Allow-Credentials"] == "true"
    assert "Origin" in allowed.headers.get_all("Vary")
    preflight = client.options(
        "/api/documents",
        headers={
            "Origin": APP_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
    for other in ("https://evil.example", "https://app.example.org.evil.example", "null"):
        refused = client.get("/api/health", headers={"Origin": other})
        assert "Access-Control-Allow-Origin" not in refused.headers, other


def test_production_adds_hsts(services: Services) -> None:
    settings = services.settings.model_copy(
        update={"environment": "production", "admin_token": "t" * 32}
    )
    app = create_app(settings, services)
    response = app.test_client().get("/api/health", base_url="https://chatgepeto.test")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in response.headers["Set-Cookie"]
    # Over plain http (a demo without a certificate) a Secure cookie would never come back.
    plain = app.test_client().get("/api/health", base_url="http://chatgepeto.test")
    assert (
        "cg_client=" in plain.headers["Set-Cookie"] and "Secure" not in plain.headers["Set-Cookie"]
    )


def test_a_wildcard_origin_is_refused() -> None:
    with pytest.raises(ValueError, match="não '\\*'"):
        Settings(cors_origins="*")
    assert Settings(cors_origins=f"{APP_ORIGIN}/, http://localhost:3000").cors_origins == [
        APP_ORIGIN,
        "http://localhost:3000",
    ]


def test_uploads_keep_only_the_file_name(client: FlaskClient, services: Services) -> None:
    response = upload(client, "../../../etc/cron.d/biologia.md", BIOLOGY_MD.encode())
    assert response.status_code == 202 and response.json["title"] == "biologia.md"

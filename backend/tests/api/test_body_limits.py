"""Body limits per route: JSON routes refuse past 64 KiB before reading, declared or chunked;
only POST /api/documents takes the upload limit."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask import Flask

from chatgepeto.api import create_app
from chatgepeto.api.body_limits import BodyLimits
from chatgepeto.services.container import Services
from chatgepeto.settings import Settings

from .course import BOUNDARY, multipart

KIB = 1024
MB = 1024 * 1024


class EndlessBody(io.RawIOBase):
    """A request body that never ends (`[` forever), counting the bytes read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        buffer[:] = b"[" * len(buffer)
        self.read_bytes += len(buffer)
        return len(buffer)


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    settings = Settings(data_dir=tmp_path / "data", environment="test", sample_course=False)
    return create_app(settings, Services.from_settings(settings))


def _post(app: Flask, path: str, body: EndlessBody, declared: int | None) -> tuple[int, dict]:
    environ = {"wsgi.input": body, "CONTENT_TYPE": "application/json"}
    if declared is None:
        environ["wsgi.input_terminated"] = True  # what gunicorn says of a chunked body
    else:
        environ["CONTENT_LENGTH"] = str(declared)
    response = app.test_client().post(path, environ_overrides=environ)
    return response.status_code, response.json or {}


@pytest.mark.parametrize("path", ["/api/search", "/api/chat", "/api/collections"])
def test_a_declared_50_mb_json_body_is_refused_without_reading_a_byte(
    app: Flask, path: str
) -> None:
    body = EndlessBody()
    status, error = _post(app, path, body, declared=50 * MB)
    assert status == 413 and error["code"] == "too_large"
    assert error["error"] == "O corpo da requisição passa do limite de 64 KiB."
    assert body.read_bytes == 0


@pytest.mark.parametrize("path", ["/api/search", "/api/chat", "/api/feedback"])
def test_an_endless_chunked_json_body_is_cut_at_the_limit(app: Flask, path: str) -> None:
    body = EndlessBody()
    status, error = _post(app, path, body, declared=None)
    assert status == 413 and error["code"] == "too_large"
    assert body.read_bytes <= 64 * KIB + 1, body.read_bytes


def test_a_small_json_body_still_reaches_the_route(app: Flask) -> None:
    client = app.test_client()
    created = client.post("/api/collections", json={"name": "Biologia " + "a" * 40})
    assert created.status_code == 201
    padded = client.post(
        "/api/search",
        data=b'{"query": "' + b"x" * 200 + b'"}' + b" " * (60 * KIB),
        content_type="application/json",
    )
    assert padded.status_code == 200


def test_only_the_upload_route_takes_the_upload_limit(app: Flask) -> None:
    text = ("A fotossíntese ocorre nos cloroplastos. " * 5000).encode()  # ~200 KB
    client = app.test_client()
    uploaded = client.post(
        "/api/documents",
        data=multipart("grande.md", text),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert uploaded.status_code == 202, uploaded.json
    elsewhere = client.post(
        "/api/documents/x/reindex",
        data=multipart("grande.md", text),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert elsewhere.status_code == 413 and "64 KiB" in elsewhere.json["error"]
    body = EndlessBody()
    status, error = _post(app, "/api/documents", body, declared=60 * MB)
    assert status == 413 and error["error"] == "O arquivo passa do limite de 50 MB."
    assert body.read_bytes == 0


def test_the_json_limit_is_a_setting(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", environment="test", sample_course=False, max_json_body_kb=1
    )
    app = create_app(settings, Services.from_settings(settings))
    response = app.test_client().post("/api/search", json={"query": "x" * 2000})
    assert response.status_code == 413
    assert response.json["error"] == "O corpo da requisição passa do limite de 1 KiB."


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="must be > 0"):
        BodyLimits(None, 0, MB, 1)

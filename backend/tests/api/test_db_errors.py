"""A database that goes away answers 503 JSON, and the service recovers when it returns."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from pg_server import EmbeddedPostgres
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from chatgepeto.api import create_app
from chatgepeto.api.db_errors import register_db_error_handlers
from chatgepeto.services.container import Services
from chatgepeto.settings import Settings


def _raising(exc: Exception) -> Flask:
    app = Flask("t")
    register_db_error_handlers(app)

    @app.get("/boom")
    def boom() -> str:
        raise exc

    return app


@pytest.mark.parametrize(
    "exc",
    [
        OperationalError("SELECT 1", {}, ConnectionRefusedError("server closed the connection")),
        PoolTimeout("QueuePool limit reached"),
    ],
)
def test_lost_database_is_503_json(exc: Exception) -> None:
    response = _raising(exc).test_client().get("/boom")
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert response.json["code"] == "unavailable:database" and response.json["error"]


def test_other_database_errors_stay_500() -> None:
    response = _raising(IntegrityError("INSERT", {}, ValueError("dup"))).test_client().get("/boom")
    assert response.status_code == 500 and response.json["code"] == "internal"


@pytest.mark.slow
def test_service_answers_503_while_postgres_is_down_then_recovers(
    pg_server: EmbeddedPostgres, tmp_path: Path
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        environment="test",
        llm_api_key=None,
        database_url=pg_server.empty_database(),
        sample_course=False,
    )
    services = Services.from_settings(settings)
    app = create_app(settings, services)
    register_db_error_handlers(app)
    client = app.test_client()
    assert client.get("/api/collections").status_code == 200
    pg_server.pause()
    try:
        down = client.get("/api/collections")
        assert down.status_code == 503 and down.json["code"] == "unavailable:database"
    finally:
        pg_server.resume()
    assert client.get("/api/collections").status_code == 200  # pre-ping reconnects by itself
    services.store.close()  # type: ignore[attr-defined]

"""A database that is away answers 503 JSON; the pool's pre-ping reconnects once it returns."""

from __future__ import annotations

import logging

from flask import Flask, Response
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from chatgepeto.api.errors import INTERNAL_MESSAGE, error_response

log = logging.getLogger(__name__)

UNAVAILABLE = (
    "O banco de dados está indisponível; tente de novo em instantes.",
    "unavailable:database",
)


def _unavailable() -> tuple[Response, int]:
    message, code = UNAVAILABLE
    return error_response(message, code, headers={"Retry-After": "5"})


def is_unavailable(exc: BaseException) -> bool:
    """True for a lost or refused connection, a full pool or a server shutting down."""
    if isinstance(exc, OperationalError | PoolTimeout):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def register_db_error_handlers(app: Flask) -> None:
    """Install the 503 handler; other database errors stay 500s."""

    @app.errorhandler(DBAPIError)
    def _database(exc: DBAPIError) -> tuple[Response, int]:
        if is_unavailable(exc):
            log.warning("database unavailable: %s", exc.orig)
            return _unavailable()
        log.exception("database error")
        return error_response(INTERNAL_MESSAGE, "internal")

    @app.errorhandler(PoolTimeout)
    def _pool_exhausted(_exc: PoolTimeout) -> tuple[Response, int]:
        log.warning("no database connection free within the pool timeout")
        return _unavailable()

"""One handler per failure kind; every error leaves through `error_response`."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from flask import Flask, Response, jsonify
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from chatgepeto.errors import AppError, error_body, status_for

log = logging.getLogger(__name__)

INTERNAL_MESSAGE = "Erro interno; tente de novo em instantes."
_HTTP_MESSAGES = {
    400: ("Requisição inválida.", "bad_request"),
    404: ("Endereço não encontrado.", "not_found"),
    405: ("Método não permitido neste endereço.", "method_not_allowed"),
    413: ("O arquivo passa do limite de tamanho.", "too_large"),
    415: ("Tipo de conteúdo não suportado.", "unsupported_media_type"),
}


def error_response(
    message: str,
    code: str,
    status: int | None = None,
    headers: Mapping[str, str] | None = None,
) -> tuple[Response, int]:
    """The `{"error", "code"}` response; the status is the code's unless given."""
    response = jsonify(error_body(message, code))
    response.headers.update(headers or {})
    return response, status or status_for(code)


def register_error_handlers(app: Flask, max_upload_mb: int) -> None:
    """Install the JSON error handlers on `app`."""

    @app.errorhandler(AppError)
    def _app_error(exc: AppError) -> tuple[Response, int]:
        wait = getattr(exc, "retry_after_s", None)
        headers = {"Retry-After": str(wait)} if wait is not None else None
        return error_response(exc.message, exc.code, exc.status, headers=headers)

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_exc: RequestEntityTooLarge) -> tuple[Response, int]:
        return error_response(f"O arquivo passa do limite de {max_upload_mb} MB.", "too_large")

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> tuple[Response, int]:
        status = exc.code or 500
        message, code = _HTTP_MESSAGES.get(status, (exc.description or "Erro.", f"http_{status}"))
        return error_response(message, code, status)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> tuple[Response, int]:
        log.exception("unhandled error")
        return error_response(INTERNAL_MESSAGE, "internal")

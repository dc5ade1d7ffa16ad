"""One handler per failure kind; every error leaves as {"error", "code"} JSON."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from chatgepeto.errors import AppError

log = logging.getLogger(__name__)

_HTTP_MESSAGES = {
    400: ("Requisição inválida.", "bad_request"),
    404: ("Endereço não encontrado.", "not_found"),
    405: ("Método não permitido neste endereço.", "method_not_allowed"),
    413: ("O arquivo passa do limite de tamanho.", "too_large"),
    415: ("Tipo de conteúdo não suportado.", "unsupported_media_type"),
}


def _json(message: str, code: str, status: int) -> tuple[Response, int]:
    return jsonify({"error": message, "code": code}), status


def register_error_handlers(app: Flask, max_upload_mb: int) -> None:
    """Install the JSON error handlers on `app`."""

    @app.errorhandler(AppError)
    def _app_error(exc: AppError) -> tuple[Response, int]:
        return _json(exc.message, exc.code, exc.status)

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_exc: RequestEntityTooLarge) -> tuple[Response, int]:
        return _json(f"O arquivo passa do limite de {max_upload_mb} MB.", "too_large", 413)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> tuple[Response, int]:
        status = exc.code or 500
        message, code = _HTTP_MESSAGES.get(status, (exc.description or "Erro.", f"http_{status}"))
        return _json(message, code, status)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> tuple[Response, int]:
        log.exception("unhandled error")
        return _json("Erro interno; tente de novo em instantes.", "internal", 500)

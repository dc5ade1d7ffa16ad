"""Liveness and the API description."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from chatgepeto.api import schemas
from chatgepeto.api.openapi import build_openapi
from chatgepeto.api.serializers import send
from chatgepeto.api.validation import documented

bp = Blueprint("health", __name__)


@bp.get("/api/health")
@documented(response=schemas.Health, responses={200: "The service is up"})
def health() -> tuple[Response, int]:
    """Liveness probe used by the load balancer."""
    return send(schemas.Health(status="ok"))


@bp.get("/api/openapi.json")
@documented(response=schemas.OpenAPIDocument, responses={200: "This description"})
def openapi() -> Response:
    """The OpenAPI 3.1 description of every route, generated from the code."""
    return jsonify(build_openapi(current_app))

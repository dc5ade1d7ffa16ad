"""Search: ranked passages for a question."""

from __future__ import annotations

from flask import Blueprint, Response

from chatgepeto.api import schemas
from chatgepeto.api.context import services
from chatgepeto.api.serializers import result_out, send
from chatgepeto.api.validation import SearchBody, documented, parse_body

bp = Blueprint("search", __name__)


@bp.post("/api/search")
@documented(
    body=SearchBody,
    response=schemas.SearchOut,
    responses={200: "Ranked passages", 404: "Unknown collection"},
)
def search() -> tuple[Response, int]:
    """Hybrid search over one collection or all of them."""
    body = parse_body(SearchBody)
    results = services().search(body.query, body.collection, body.k)
    return send(schemas.SearchOut(query=body.query, results=[result_out(r) for r in results]))

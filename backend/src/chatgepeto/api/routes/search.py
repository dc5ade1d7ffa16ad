"""Search: ranked passages for a question."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from chatgepeto.api.context import services
from chatgepeto.api.serializers import result_json
from chatgepeto.api.validation import SearchBody, documented, parse_body

bp = Blueprint("search", __name__)


@bp.post("/api/search")
@documented(body=SearchBody, responses={200: "Ranked passages", 404: "Unknown collection"})
def search() -> Response:
    """Hybrid search over one collection or all of them."""
    body = parse_body(SearchBody)
    results = services().search(body.query, body.collection, body.k)
    return jsonify({"query": body.query, "results": [result_json(r) for r in results]})

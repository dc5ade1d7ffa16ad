"""Search: ranked passages for a question."""

from __future__ import annotations

from flask import Blueprint, Response

from chatgepeto.api import schemas
from chatgepeto.api.context import services
from chatgepeto.api.serializers import result_out, send
from chatgepeto.api.validation import SearchBody, documented, parse_body
from chatgepeto.api.viewer import current_viewer
from chatgepeto.generation.tutor.modes import TutorMode

bp = Blueprint("search", __name__)


@bp.post("/api/search")
@documented(
    body=SearchBody,
    response=schemas.SearchOut,
    responses={200: "Ranked passages (in prova: places only)", 404: "Unknown collection"},
)
def search() -> tuple[Response, int]:
    """Hybrid search over one collection or all those one may see."""
    body = parse_body(SearchBody)
    found = services().search(body.query, body.collection, body.k, current_viewer())
    withheld = found.mode is TutorMode.PROVA
    return send(
        schemas.SearchOut(
            query=body.query,
            results=[result_out(r, withheld) for r in found.results],
            tutor_mode=found.mode.value,
        )
    )

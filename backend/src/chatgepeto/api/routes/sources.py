"""The source panel: a cited passage inside its page's text, with the passage's offsets."""

from __future__ import annotations

from flask import Blueprint, Response

from chatgepeto.api import schemas
from chatgepeto.api.context import services
from chatgepeto.api.serializers import send, source_out
from chatgepeto.api.validation import documented
from chatgepeto.api.viewer import guarded
from chatgepeto.services.access import Item

bp = Blueprint("sources", __name__)


@bp.get("/api/chunks/<chunk_id>/source")
@guarded(Item.CHUNK)
@documented(
    response=schemas.SourceOut,
    responses={200: "The passage in its page's text", 404: "Unknown passage"},
)
def chunk_source(chunk_id: str) -> tuple[Response, int]:
    """A cited passage with its page's text, headings and the passage's offsets in it."""
    return send(source_out(services().sources.source(chunk_id)))

"""Courses: create, list, rename, set the tutor mode, delete."""

from __future__ import annotations

from flask import Blueprint, Response

from chatgepeto.api import schemas
from chatgepeto.api.auth import teacher_only
from chatgepeto.api.context import services
from chatgepeto.api.serializers import collection_out, send
from chatgepeto.api.validation import NameBody, TutorModeBody, documented, parse_body

bp = Blueprint("collections", __name__)


@bp.get("/api/collections")
@documented(
    response=schemas.CollectionList, responses={200: "All collections with document counts"}
)
def list_collections() -> tuple[Response, int]:
    """List collections."""
    found = services().library.list_collections()
    return send(schemas.CollectionList(collections=[collection_out(c) for c in found]))


@bp.post("/api/collections")
@teacher_only
@documented(
    body=NameBody, response=schemas.CreatedCollection, responses={201: "Created", 409: "Exists"}
)
def create_collection() -> tuple[Response, int]:
    """Create a collection; its id is the slug of its name."""
    body = parse_body(NameBody)
    collection = services().library.create_collection(body.name)
    return send(schemas.CreatedCollection(id=collection.id, name=collection.name), 201)


@bp.patch("/api/collections/<collection_id>")
@teacher_only
@documented(
    body=NameBody,
    response=schemas.CollectionOut,
    responses={200: "Renamed", 404: "Unknown collection"},
)
def rename_collection(collection_id: str) -> tuple[Response, int]:
    """Rename a collection (its id stays)."""
    body = parse_body(NameBody)
    return send(collection_out(services().library.rename_collection(collection_id, body.name)))


@bp.put("/api/collections/<collection_id>/tutor-mode")
@teacher_only
@documented(
    body=TutorModeBody,
    response=schemas.CollectionOut,
    responses={200: "Set", 400: "Unknown mode or bad prova window", 404: "Unknown collection"},
)
def set_tutor_mode(collection_id: str) -> tuple[Response, int]:
    """Set how a course answers: direto, tutor or prova (optionally in a time window)."""
    body = parse_body(TutorModeBody)
    settings = services().tutor.set_mode(
        collection_id, body.tutor_mode, body.prova_starts_at, body.prova_ends_at
    )
    return send(collection_out(settings.course))


@bp.delete("/api/collections/<collection_id>")
@teacher_only
@documented(
    responses={
        204: "Deleted with its documents",
        400: "The default collection",
        404: "Unknown collection",
    }
)
def delete_collection(collection_id: str) -> tuple[str, int]:
    """Delete a collection and every document in it (not `default`)."""
    services().library.delete_collection(collection_id)
    return "", 204

"""Courses: create, list, rename, delete."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from chatgepeto.api.auth import teacher_only
from chatgepeto.api.context import services
from chatgepeto.api.serializers import collection_json
from chatgepeto.api.validation import NameBody, documented, parse_body
from chatgepeto.errors import AppError

bp = Blueprint("collections", __name__)


@bp.get("/api/collections")
@documented(responses={200: "All collections with document counts"})
def list_collections() -> Response:
    """List collections."""
    return jsonify(
        {"collections": [collection_json(c) for c in services().store.list_collections()]}
    )


@bp.post("/api/collections")
@teacher_only
@documented(body=NameBody, responses={201: "Created", 409: "Exists"})
def create_collection() -> tuple[Response, int]:
    """Create a collection; its id is the slug of its name."""
    body = parse_body(NameBody)
    collection = services().library.create_collection(body.name)
    return jsonify({"id": collection.id, "name": collection.name}), 201


@bp.patch("/api/collections/<collection_id>")
@teacher_only
@documented(body=NameBody, responses={200: "Renamed", 404: "Unknown collection"})
def rename_collection(collection_id: str) -> Response:
    """Rename a collection (its id stays)."""
    body = parse_body(NameBody)
    return jsonify(collection_json(services().store.rename_collection(collection_id, body.name)))


@bp.delete("/api/collections/<collection_id>")
@teacher_only
@documented(responses={204: "Deleted with its documents", 404: "Unknown collection"})
def delete_collection(collection_id: str) -> tuple[str, int]:
    """Delete a collection and every document in it (not `default`)."""
    if collection_id == "default":
        raise AppError(
            "A coleção 'default' não pode ser excluída.", "bad_request:default_collection"
        )
    services().store.delete_collection(collection_id)
    return "", 204

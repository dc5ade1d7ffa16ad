"""Courses: create, list, rename, set the tutor mode and who may see it, delete."""

from __future__ import annotations

from typing import cast

from flask import Blueprint, Response

from chatgepeto.api import schemas
from chatgepeto.api.context import services
from chatgepeto.api.serializers import collection_out, send
from chatgepeto.api.validation import (
    AccessBody,
    NameBody,
    NewCourseBody,
    TutorModeBody,
    documented,
    parse_body,
)
from chatgepeto.api.viewer import current_viewer, guarded, teacher_only
from chatgepeto.services.access import Item

bp = Blueprint("collections", __name__)


@bp.get("/api/collections")
@documented(
    response=schemas.CollectionList,
    responses={200: "The collections this browser or teacher may see, with document counts"},
)
def list_collections() -> tuple[Response, int]:
    """List the collections one may see (`owned`: those one may change)."""
    found = services().catalogue.courses(current_viewer())
    return send(
        schemas.CollectionList(collections=[collection_out(c.course, c.owned) for c in found])
    )


@bp.post("/api/collections")
@teacher_only
@documented(
    body=NewCourseBody,
    response=schemas.CreatedCollection,
    responses={201: "Created, owned by the signed-in teacher", 400: "Bad name or visibility"},
)
def create_collection() -> tuple[Response, int]:
    """Create a course (turma unless told aberto); its id is its name's slug and a suffix."""
    body = parse_body(NewCourseBody)
    course = services().catalogue.create_course(current_viewer(), body.name, body.visibility)
    return send(
        schemas.CreatedCollection(
            id=course.id,
            name=course.name,
            visibility=cast(schemas.VisibilityName, course.visibility),
        ),
        201,
    )


@bp.patch("/api/collections/<collection_id>")
@teacher_only
@guarded(Item.COURSE, write=True)
@documented(
    body=NameBody,
    response=schemas.CollectionOut,
    responses={200: "Renamed", 404: "Unknown collection, or not one's own"},
)
def rename_collection(collection_id: str) -> tuple[Response, int]:
    """Rename a collection (its id stays)."""
    body = parse_body(NameBody)
    course = services().library.rename_collection(collection_id, body.name)
    return send(collection_out(course, owned=True))


@bp.put("/api/collections/<collection_id>/tutor-mode")
@teacher_only
@guarded(Item.COURSE, write=True)
@documented(
    body=TutorModeBody,
    response=schemas.CollectionOut,
    responses={
        200: "Set",
        400: "Unknown mode or bad prova window",
        404: "Unknown collection, or not one's own",
    },
)
def set_tutor_mode(collection_id: str) -> tuple[Response, int]:
    """Set how a course answers: direto, tutor or prova (optionally in a time window)."""
    body = parse_body(TutorModeBody)
    settings = services().tutor.set_mode(
        collection_id, body.tutor_mode, body.prova_starts_at, body.prova_ends_at
    )
    return send(collection_out(settings.course, owned=True))


@bp.put("/api/collections/<collection_id>/access")
@teacher_only
@guarded(Item.COURSE, write=True)
@documented(
    body=AccessBody,
    response=schemas.CollectionOut,
    responses={
        200: "Set",
        400: "Unknown visibility or a retention outside 1-3650 days",
        404: "Unknown collection, or not one's own",
    },
)
def set_access(collection_id: str) -> tuple[Response, int]:
    """Who may see a course (turma: a join link; aberto: anyone) and its retention."""
    body = parse_body(AccessBody)
    course = services().classroom.set_access(collection_id, body.visibility, body.retention_days)
    return send(collection_out(course, owned=True))


@bp.delete("/api/collections/<collection_id>")
@teacher_only
@guarded(Item.COURSE, write=True)
@documented(
    responses={
        204: "Deleted with its documents",
        400: "The default collection",
        404: "Unknown collection, or not one's own",
    }
)
def delete_collection(collection_id: str) -> tuple[str, int]:
    """Delete a collection and every document in it (not `default`)."""
    services().library.delete_collection(collection_id)
    return "", 204

"""Classes (issue 16): a course's student links, and joining a course by its code."""

from __future__ import annotations

from flask import Blueprint, Response

from chatgepeto.api import schemas
from chatgepeto.api.client_id import client_id
from chatgepeto.api.context import services
from chatgepeto.api.limits import rate_limited
from chatgepeto.api.serializers import collection_out, course_invitation_out, send
from chatgepeto.api.validation import CourseInvitationBody, JoinBody, documented, parse_body
from chatgepeto.api.viewer import guarded, teacher_only
from chatgepeto.services.access import Item

bp = Blueprint("classes", __name__)

_JOIN_RESPONSES = {
    404: "Unknown code",
    410: "The link expired or was revoked (the course is not named)",
    429: "Too many join attempts from this address",
}


@bp.get("/api/collections/<collection_id>/invitations")
@teacher_only
@guarded(Item.COURSE, write=True)
@documented(
    response=schemas.CourseInvitationList,
    responses={200: "The course's links, newest first", 404: "Unknown course, or not one's own"},
)
def list_invitations(collection_id: str) -> tuple[Response, int]:
    """A course's student links with how many browsers joined through each."""
    found = services().classroom.invitations(collection_id)
    return send(schemas.CourseInvitationList(invitations=[course_invitation_out(i) for i in found]))


@bp.post("/api/collections/<collection_id>/invitations")
@teacher_only
@guarded(Item.COURSE, write=True)
@documented(
    body=CourseInvitationBody,
    response=schemas.CourseInvitationOut,
    responses={
        201: "A new link",
        400: "An expiry outside 1-365 days",
        404: "Unknown course, or not one's own",
    },
)
def create_invitation(collection_id: str) -> tuple[Response, int]:
    """A new link (and code) that lets students join the course."""
    body = parse_body(CourseInvitationBody)
    invitation = services().classroom.invite(collection_id, body.expires_in_days)
    return send(course_invitation_out(invitation), 201)


@bp.delete("/api/invitations/<invitation_id>")
@teacher_only
@guarded(Item.INVITATION, write=True)
@documented(responses={204: "Revoked: its passes are gone", 404: "Unknown, or not one's own"})
def revoke_invitation(invitation_id: str) -> tuple[str, int]:
    """Revoke a link: browsers that joined through it lose the course."""
    services().classroom.revoke(invitation_id)
    return "", 204


@bp.get("/api/join/<code>")
@rate_limited("join")
@documented(
    response=schemas.JoinOut, responses={200: "The course the code opens"} | _JOIN_RESPONSES
)
def preview_join(code: str) -> tuple[Response, int]:
    """What a join link opens, before the student accepts."""
    return send(schemas.JoinOut(course=collection_out(services().classroom.preview(code))))


@bp.post("/api/join")
@rate_limited("join")
@documented(
    body=JoinBody,
    response=schemas.JoinOut,
    responses={200: "Joined: this browser holds a pass"} | _JOIN_RESPONSES,
)
def join() -> tuple[Response, int]:
    """Join a course with its code: this browser (its client id) gets a pass."""
    body = parse_body(JoinBody)
    course = services().classroom.join(body.code, client_id())
    return send(schemas.JoinOut(course=collection_out(course)))

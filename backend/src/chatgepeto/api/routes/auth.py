"""Teacher accounts (issue 16): sign in and out, who is signed in, and the admin's
invitation and reset links (ADMIN_TOKEN), which the teacher opens to set a password."""

from __future__ import annotations

from flask import Blueprint, Response, request

from chatgepeto.api import schemas
from chatgepeto.api.context import services
from chatgepeto.api.serializers import invitation_out, send, teacher_out
from chatgepeto.api.session import (
    csrf_token,
    end_session,
    require_csrf,
    session_teacher_id,
    start_session,
)
from chatgepeto.api.validation import (
    AcceptBody,
    InviteBody,
    ResetBody,
    SignInBody,
    documented,
    parse_body,
)
from chatgepeto.api.viewer import admin_only

bp = Blueprint("auth", __name__)


@bp.post("/api/auth/sign-in")
@documented(
    body=SignInBody,
    response=schemas.SessionOut,
    responses={
        200: "Signed in: the session cookie is set",
        401: "Wrong e-mail or password (the same answer for an unknown account)",
        429: "Too many failed attempts for this account or from this address",
    },
)
def sign_in() -> tuple[Response, int]:
    """Sign a teacher in with e-mail and password."""
    body = parse_body(SignInBody)
    teacher = services().accounts.sign_in(body.email, body.password, request.remote_addr or "")
    return send(
        schemas.SessionOut(teacher=teacher_out(teacher), csrf_token=start_session(teacher.id))
    )


@bp.post("/api/auth/sign-out")
@documented(
    response=schemas.SessionOut,
    responses={200: "Signed out", 401: "Signed in, but without the X-CSRF-Token header"},
)
def sign_out() -> tuple[Response, int]:
    """Sign this browser out (a signed-in session must send its CSRF token)."""
    if session_teacher_id() is not None:
        require_csrf()
    end_session()
    return send(schemas.SessionOut(teacher=None, csrf_token=None))


@bp.get("/api/auth/session")
@documented(response=schemas.SessionOut, responses={200: "Who is signed in (teacher null: none)"})
def current_session() -> tuple[Response, int]:
    """The signed-in teacher and the session's CSRF token."""
    teacher_id = session_teacher_id()
    teacher = services().accounts.teacher(teacher_id) if teacher_id else None
    if teacher is None:
        return send(schemas.SessionOut(teacher=None, csrf_token=None))
    return send(schemas.SessionOut(teacher=teacher_out(teacher), csrf_token=csrf_token()))


@bp.post("/api/auth/invitations")
@admin_only
@documented(
    body=InviteBody,
    response=schemas.InvitationOut,
    responses={201: "The teacher and the link that sets their password", 409: "E-mail exists"},
)
def invite() -> tuple[Response, int]:
    """Invite a teacher (admin): a link to copy, valid for 7 days."""
    body = parse_body(InviteBody)
    return send(invitation_out(services().accounts.invite(body.email, body.name)), 201)


@bp.post("/api/auth/resets")
@admin_only
@documented(
    body=ResetBody,
    response=schemas.InvitationOut,
    responses={201: "A new link that sets the password", 404: "Unknown teacher"},
)
def reset() -> tuple[Response, int]:
    """Give a teacher a link to set a new password (admin); the previous link stops working."""
    body = parse_body(ResetBody)
    return send(invitation_out(services().accounts.reset(body.email)), 201)


@bp.post("/api/auth/accept")
@documented(
    body=AcceptBody,
    response=schemas.SessionOut,
    responses={
        200: "Password set and signed in",
        400: "A password shorter than 10 or longer than 256 characters",
        404: "The link is unknown, used or expired",
    },
)
def accept() -> tuple[Response, int]:
    """Set the password of an invitation or reset link, and sign in."""
    body = parse_body(AcceptBody)
    teacher = services().accounts.accept(body.token, body.password)
    return send(
        schemas.SessionOut(teacher=teacher_out(teacher), csrf_token=start_session(teacher.id))
    )


def _signed_in(teacher: schemas.TeacherOut) -> schemas.SessionOut:
    """Start this browser's session as `teacher`."""
    return schemas.SessionOut(teacher=teacher, csrf_token=start_session(teacher.id))

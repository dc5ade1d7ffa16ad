"""Teacher accounts (issue 16): sign in and out, who is signed in, and the admin's
invitation and reset links (ADMIN_TOKEN), which the teacher opens to set a password; the
sign-in with an OIDC provider (Google, Microsoft), when the admin configured one."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, request, url_for
from werkzeug.wrappers import Response as Navigation

from chatgepeto.api import schemas
from chatgepeto.api.context import services
from chatgepeto.api.serializers import invitation_out, send, teacher_out
from chatgepeto.api.session import (
    csrf_token,
    end_session,
    keep_oidc_sign_in,
    require_csrf,
    session_teacher_id,
    start_session,
    take_oidc_sign_in,
)
from chatgepeto.api.validation import (
    AcceptBody,
    InviteBody,
    OidcCallbackQuery,
    OidcStartQuery,
    ResetBody,
    SignInBody,
    documented,
    parse_body,
)
from chatgepeto.api.viewer import admin_only
from chatgepeto.errors import AppError
from chatgepeto.services.oidc import BROWSER_REASON, PendingSignIn

bp = Blueprint("auth", __name__)
# The web app's sign-in page: an OIDC refusal goes back there with `?erro=<reason>`.
SIGN_IN_PAGE = "/entrar"


def _session_out(teacher: schemas.TeacherOut | None, csrf: str | None) -> schemas.SessionOut:
    label = services().oidc.label
    return schemas.SessionOut(
        teacher=teacher,
        csrf_token=csrf,
        oidc_available=label is not None,
        oidc_label=label,
    )


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
    return send(_session_out(teacher_out(teacher), start_session(teacher.id)))


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
    return send(_session_out(None, None))


@bp.get("/api/auth/session")
@documented(
    response=schemas.SessionOut,
    responses={200: "Who is signed in (teacher null: none), and whether OIDC sign-in is offered"},
)
def current_session() -> tuple[Response, int]:
    """The signed-in teacher, the session's CSRF token and the OIDC sign-in button."""
    teacher_id = session_teacher_id()
    teacher = services().accounts.teacher(teacher_id) if teacher_id else None
    if teacher is None:
        return send(_session_out(None, None))
    return send(_session_out(teacher_out(teacher), csrf_token()))


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
    return send(_session_out(teacher_out(teacher), start_session(teacher.id)))


_OIDC_REFUSALS = ", ".join(f"{reason} ({code})" for code, reason in BROWSER_REASON.items())
_OIDC_OFF = "OIDC is not configured (not_found:oidc)"


@bp.get("/api/auth/oidc/start")
@documented(
    query=OidcStartQuery,
    responses={
        302: "To the provider's sign-in page (state, nonce and PKCE kept in the session); "
        f"to {SIGN_IN_PAGE}?erro=oidc_provedor when the provider cannot be reached",
        404: _OIDC_OFF,
    },
)
def oidc_start() -> Navigation:
    """Start a teacher's sign-in at the OIDC provider (a browser navigation)."""
    own_callback = url_for("auth.oidc_callback", _external=True)
    try:
        url, pending = services().oidc.begin(own_callback, request.args.get("next"))
    except AppError as exc:
        return _refused(exc)
    keep_oidc_sign_in(pending.to_dict())
    return redirect(url, 302)


@bp.get("/api/auth/oidc/callback")
@documented(
    query=OidcCallbackQuery,
    responses={
        302: "Signed in: to the start's `next` (default /meus-cursos), the session cookie set; "
        f"refused: to {SIGN_IN_PAGE}?erro=<reason>, one of {_OIDC_REFUSALS}",
        404: _OIDC_OFF,
    },
)
def oidc_callback() -> Navigation:
    """Finish the OIDC sign-in: the invited teacher whose verified e-mail the provider gives."""
    pending = PendingSignIn.from_dict(take_oidc_sign_in())
    try:
        teacher, next_path = services().oidc.finish(
            pending, request.args.get("state"), request.args.get("code"), request.args.get("error")
        )
    except AppError as exc:
        return _refused(exc)
    start_session(teacher.id)
    return redirect(next_path, 302)


def _refused(exc: AppError) -> Navigation:
    """An OIDC refusal as the web app's sign-in page with its reason; others stay errors."""
    reason = BROWSER_REASON.get(exc.code)
    if reason is None:
        raise exc
    current_app.logger.info("oidc sign-in refused: %s (%s)", exc.code, exc.message)
    return redirect(f"{SIGN_IN_PAGE}?erro={reason}", 302)

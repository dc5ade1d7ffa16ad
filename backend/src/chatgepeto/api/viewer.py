"""Who is asking (issue 16), and the decorators that guard routes with it.

`teacher_only` lets in the admin (ADMIN_TOKEN; without one, this machine) and signed-in
teachers (a write must carry the session's CSRF token); `admin_only` only the admin.
`guarded(Item.X)` resolves the route's item to its course and asks the one course guard
(`services.access.CourseAccess.require`) whether this viewer may read it, or with
`write=True` change it: a course one may not see answers 404, as if it did not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import current_app, g, request

from chatgepeto.api.auth import (
    TEACHER_RESPONSES,
    Unauthorized,
    is_admin,
    require_teacher,
)
from chatgepeto.api.client_id import client_id
from chatgepeto.api.context import services
from chatgepeto.api.session import require_csrf, session_teacher_id
from chatgepeto.services.access import Item, Viewer
from chatgepeto.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])
_SAFE = {"GET", "HEAD", "OPTIONS"}


def _settings() -> Settings:
    found: Settings = current_app.extensions["chatgepeto_settings"]
    return found


def current_viewer() -> Viewer:
    """This request's viewer (computed once per request)."""
    if "viewer" not in g:
        teacher_id = session_teacher_id()
        if teacher_id is not None and services().accounts.teacher(teacher_id) is None:
            teacher_id = None  # a session outliving its account
        g.viewer = Viewer(client_id(), teacher_id, is_admin(_settings()))
    viewer: Viewer = g.viewer
    return viewer


def _with_responses(guarded: Any, view: Any, extra: dict[int, str]) -> None:
    meta = dict(getattr(view, "openapi", None) or {"responses": {200: "OK"}})
    meta["responses"] = dict(meta.get("responses") or {}) | extra
    guarded.openapi = meta


def teacher_only(view: F) -> F:
    """The admin, or a signed-in teacher (with the CSRF token on a write)."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        viewer = current_viewer()
        if not viewer.admin:
            if viewer.teacher_id is None:
                require_teacher(_settings())  # raises the admin's 401 or 403
            elif request.method not in _SAFE:
                require_csrf()
        return view(*args, **kwargs)

    _with_responses(guarded, view, TEACHER_RESPONSES)
    return guarded  # type: ignore[return-value]


def admin_only(view: F) -> F:
    """Only the admin: ADMIN_TOKEN (without one, this machine)."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if not current_viewer().admin:
            require_teacher(_settings())
            raise Unauthorized("Esta ação é só do administrador (ADMIN_TOKEN).", "unauthorized")
        return view(*args, **kwargs)

    _with_responses(guarded, view, TEACHER_RESPONSES)
    return guarded  # type: ignore[return-value]


def guarded(item: Item, write: bool = False) -> Callable[[F], F]:
    """Answer 404 unless this viewer may read (or, `write`, change) the route's item."""

    def decorate(view: F) -> F:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            services().access.require(current_viewer(), item, str(kwargs[item.value]), write)
            return view(*args, **kwargs)

        checked.openapi = getattr(view, "openapi", None)  # type: ignore[attr-defined]
        checked.guard = (item, write)  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return decorate

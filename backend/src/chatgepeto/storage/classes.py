"""Classes over SQLAlchemy Core (issue 16): a course's owners, its student invitations and
the passes they issued to browsers (keyed on the signed client id)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from chatgepeto.errors import NotFound
from chatgepeto.storage import schema as s
from chatgepeto.storage.clock import aware, now
from chatgepeto.storage.types import CourseInvitation

_INVITATIONS = s.course_invitations
_PASSES = s.course_passes
_OWNERS = s.course_owners


def delete_course_classes(conn: Connection, course_id: str) -> None:
    """A deleted course's passes, invitations and owners (inside its deletion)."""
    for table in (_PASSES, _INVITATIONS, _OWNERS):
        conn.execute(delete(table).where(table.c.course_id == course_id))


def _invitation(row: Any) -> CourseInvitation:
    created = aware(row.created_at)
    assert created is not None
    return CourseInvitation(
        row.id,
        row.course_id,
        row.code,
        created,
        aware(row.expires_at),
        aware(row.revoked_at),
        int(getattr(row, "passes", 0) or 0),
    )


class SqlClasses:
    """Who owns a course and which browsers hold a pass to it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # Owners (the first one is written with its course: SqlCourses.create_collection) ----
    def is_owner(self, course_id: str, teacher_id: str) -> bool:
        query = select(_OWNERS.c.course_id).where(
            _OWNERS.c.course_id == course_id, _OWNERS.c.teacher_id == teacher_id
        )
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def owned_courses(self, teacher_id: str) -> set[str]:
        query = select(_OWNERS.c.course_id).where(_OWNERS.c.teacher_id == teacher_id)
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    def open_courses(self) -> set[str]:
        query = select(s.collections.c.id).where(s.collections.c.visibility == "aberto")
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    # Invitations ---------------------------------------------------------------------
    def create_invitation(
        self, invitation_id: str, course_id: str, code: str, expires_at: datetime | None
    ) -> CourseInvitation:
        created = now()
        values = {
            "id": invitation_id,
            "course_id": course_id,
            "code": code,
            "created_at": created,
            "expires_at": expires_at,
        }
        with self.engine.begin() as conn:
            conn.execute(insert(_INVITATIONS).values(**values))
        return CourseInvitation(invitation_id, course_id, code, created, expires_at, None)

    def invitations(self, course_id: str) -> list[CourseInvitation]:
        counts = (
            select(_PASSES.c.invitation_id, func.count().label("passes"))
            .group_by(_PASSES.c.invitation_id)
            .subquery()
        )
        query = (
            select(_INVITATIONS, counts.c.passes)
            .outerjoin(counts, counts.c.invitation_id == _INVITATIONS.c.id)
            .where(_INVITATIONS.c.course_id == course_id)
            .order_by(_INVITATIONS.c.created_at.desc(), _INVITATIONS.c.id)
        )
        with self.engine.connect() as conn:
            return [_invitation(r) for r in conn.execute(query)]

    def invitation(self, invitation_id: str) -> CourseInvitation | None:
        query = select(_INVITATIONS).where(_INVITATIONS.c.id == invitation_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else _invitation(row)

    def invitation_by_code(self, code: str) -> CourseInvitation | None:
        query = select(_INVITATIONS).where(_INVITATIONS.c.code == code)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else _invitation(row)

    def revoke(self, invitation_id: str) -> None:
        """Close the link and delete the passes it issued, in one transaction."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(_INVITATIONS)
                .where(_INVITATIONS.c.id == invitation_id, _INVITATIONS.c.revoked_at.is_(None))
                .values(revoked_at=now())
            )
            conn.execute(delete(_PASSES).where(_PASSES.c.invitation_id == invitation_id))
        if result.rowcount == 0 and self.invitation(invitation_id) is None:
            raise NotFound("Este convite não existe.", "not_found:invitation")

    # Passes --------------------------------------------------------------------------
    def add_pass(self, client_id: str, invitation: CourseInvitation) -> None:
        """Idempotent: joining twice with one link keeps one pass."""
        values = {
            "client_id": client_id,
            "invitation_id": invitation.id,
            "course_id": invitation.course_id,
            "created_at": now(),
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(_PASSES).values(**values))
        except IntegrityError:
            return

    def pass_courses(self, client_id: str) -> set[str]:
        query = select(_PASSES.c.course_id).where(_PASSES.c.client_id == client_id).distinct()
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

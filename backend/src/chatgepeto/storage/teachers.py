"""Teacher accounts over SQLAlchemy Core (issue 16)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from chatgepeto.errors import Conflict, NotFound
from chatgepeto.storage import schema as s
from chatgepeto.storage.clock import aware, now
from chatgepeto.storage.types import Teacher


def _teacher(row: Any) -> Teacher:
    created = aware(row.created_at)
    assert created is not None
    return Teacher(
        row.id, row.email, row.name, row.password_hash, aware(row.invite_expires_at), created
    )


class SqlTeachers:
    """Creating teachers, their invitation links and their password hashes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create_teacher(
        self, teacher_id: str, email: str, name: str, invite_hash: str, expires_at: datetime
    ) -> Teacher:
        """A teacher without a password yet, with a pending invitation (Conflict: e-mail)."""
        values = {
            "id": teacher_id,
            "email": email,
            "name": name,
            "invite_hash": invite_hash,
            "invite_expires_at": expires_at,
            "created_at": now(),
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(s.teachers).values(**values))
        except IntegrityError:
            raise Conflict(
                "Já existe um professor com esse e-mail: gere um link de nova senha para ele.",
                "conflict:teacher",
            ) from None
        found = self.get_teacher(teacher_id)
        assert found is not None
        return found

    def get_teacher(self, teacher_id: str) -> Teacher | None:
        """One teacher by id, or None."""
        return self._one(s.teachers.c.id == teacher_id)

    def teacher_by_email(self, email: str) -> Teacher | None:
        """One teacher by (folded) e-mail, or None."""
        return self._one(s.teachers.c.email == email)

    def teacher_by_invite(self, invite_hash: str) -> Teacher | None:
        """The teacher whose pending link has this token hash (expired or not), or None."""
        return self._one(s.teachers.c.invite_hash == invite_hash)

    def set_invite(self, teacher_id: str, invite_hash: str, expires_at: datetime) -> None:
        """Replace the teacher's pending link (the old one stops working) (NotFound)."""
        self._update(teacher_id, invite_hash=invite_hash, invite_expires_at=expires_at)

    def set_password(self, teacher_id: str, password_hash: str) -> None:
        """Store a new hash and close the pending link, in one statement (NotFound)."""
        self._update(
            teacher_id, password_hash=password_hash, invite_hash=None, invite_expires_at=None
        )

    def _one(self, condition: Any) -> Teacher | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.teachers).where(condition)).first()
        return _teacher(row) if row is not None else None

    def _update(self, teacher_id: str, **values: Any) -> None:
        with self.engine.begin() as conn:
            done = conn.execute(
                update(s.teachers).where(s.teachers.c.id == teacher_id).values(**values)
            )
        if done.rowcount == 0:
            raise NotFound("Professor não encontrado.", "not_found:teacher")

"""Classes (issue 16): who may see a course, the links that let students join it, and the
passes those links give (a browser's signed client id, no account needed).

A join code has 10 symbols of Crockford's base-32 alphabet (50 bits): typed from a
projector, `O`/`I`/`L` read as `0`/`1`/`1`, dashes and spaces ignored. An expired or revoked
link answers 410 without naming the course.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta

from chatgepeto.errors import AppError
from chatgepeto.services.access import Item, check_visibility, missing
from chatgepeto.storage.roles import Classes, Courses
from chatgepeto.storage.types import Collection, CourseInvitation

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
CODE_LENGTH = 10
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
MAX_EXPIRY_DAYS, MAX_RETENTION_DAYS = 365, 3650


def new_code() -> str:
    """A fresh join code."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a student typed, as stored: upper case, no dashes or blanks, O/I/L as 0/1/1."""
    kept = "".join(ch for ch in typed.upper() if ch not in "- \t")
    return kept.translate(_READ_AS)[:32]


class Classroom:
    """Course visibility and retention, invitations, joining and leaving."""

    def __init__(self, courses: Courses, classes: Classes) -> None:
        self._courses = courses
        self._classes = classes

    def set_access(self, course_id: str, visibility: str, retention_days: int | None) -> Collection:
        """Who may see the course and how long its conversations are kept (400s)."""
        check_visibility(visibility)
        if retention_days is not None and not 1 <= retention_days <= MAX_RETENTION_DAYS:
            raise AppError(
                f"Guarde as conversas de 1 a {MAX_RETENTION_DAYS} dias, ou sem prazo (null).",
                "bad_request:retention",
            )
        return self._courses.set_access(course_id, visibility, retention_days)

    def invite(self, course_id: str, expires_in_days: int | None) -> CourseInvitation:
        """A new link for students, valid for `expires_in_days` (None: until revoked)."""
        if expires_in_days is not None and not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
            raise AppError(
                f"O convite vale de 1 a {MAX_EXPIRY_DAYS} dias, ou até ser revogado (null).",
                "bad_request:expiry",
            )
        expires = (
            None if expires_in_days is None else datetime.now(UTC) + timedelta(days=expires_in_days)
        )
        return self._classes.create_invitation(uuid.uuid4().hex, course_id, new_code(), expires)

    def invitations(self, course_id: str) -> list[CourseInvitation]:
        """A course's links, newest first, with how many browsers joined through each."""
        return self._classes.invitations(course_id)

    def revoke(self, invitation_id: str) -> None:
        """Close a link; the passes it gave are deleted with it."""
        self._classes.revoke(invitation_id)

    def preview(self, code: str) -> Collection:
        """The course a valid code opens (404 unknown; 410 expired or revoked, unnamed)."""
        invitation = self._valid(code)
        course = self._courses.get_collection(invitation.course_id)
        if course is None:  # deleted with its invitations in between
            raise missing(Item.INVITATION, code)
        return course

    def join(self, code: str, client_id: str) -> Collection:
        """Record this browser's pass from a valid code (joining twice is harmless); the
        course it opens."""
        course = self.preview(code)
        self._classes.add_pass(client_id, self._valid(code))
        return course

    def _valid(self, code: str) -> CourseInvitation:
        invitation = self._classes.invitation_by_code(normalise_code(code))
        if invitation is None:
            raise missing(Item.INVITATION, code)
        if invitation.revoked_at is not None:
            raise AppError(
                "Este link de turma foi revogado pelo professor. Peça um link novo a ele.",
                "gone:invitation_revoked",
            )
        if invitation.expires_at is not None and invitation.expires_at <= datetime.now(UTC):
            raise AppError(
                "Este link de turma expirou. Peça um link novo ao professor.",
                "gone:invitation_expired",
            )
        return invitation

"""Teacher accounts (issue 16): invitation and reset links, argon2 passwords, sign-in.

There is no mail server: an admin invites a teacher (or resets a password) and gets a link to
hand over; only the token's SHA-256 is stored. Sign-in answers the same for an unknown e-mail
and a wrong password, and runs one argon2 verification either way (against a dummy hash for
an unknown account), so neither the answer nor its time tells which accounts exist. Failed
attempts are counted per account and per address (`SignInThrottle`).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from chatgepeto.errors import AppError, NotFound
from chatgepeto.services.sign_in_throttle import SignInThrottle
from chatgepeto.storage.roles import Teachers
from chatgepeto.storage.types import Teacher

INVITE_DAYS = 7
PASSWORD_MIN, PASSWORD_MAX = 10, 256
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SIGN_IN_FAILED = "E-mail ou senha incorretos."


@dataclass(frozen=True)
class Invitation:
    """A link's token (shown once, stored only as its hash) for a teacher, and its expiry."""

    teacher: Teacher
    token: str
    expires_at: datetime

    @property
    def path(self) -> str:
        """The web app's page that takes the token."""
        return f"/entrar/senha?token={self.token}"


def token_hash(token: str) -> str:
    """What is stored of a link's token."""
    return hashlib.sha256(token.encode()).hexdigest()


def fold_email(email: str) -> str:
    """The account key of an e-mail address (blank-trimmed, lower case); 400 when malformed."""
    folded = email.strip().lower()
    if not _EMAIL.match(folded) or len(folded) > 254:
        raise AppError(
            "Informe um e-mail válido, como professora@escola.edu.br.", "bad_request:email"
        )
    return folded


class Accounts:
    """Invite, reset, accept a link, sign in; `hasher` is argon2's (its defaults: RFC 9106)."""

    def __init__(
        self,
        teachers: Teachers,
        throttle: SignInThrottle,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._teachers = teachers
        self._throttle = throttle
        self._hasher = hasher or PasswordHasher()
        self._clock = clock
        # Verified when the account is unknown: the same work as a real verification.
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))

    @property
    def dummy_hash(self) -> str:
        """The hash an unknown account's sign-in is verified against."""
        return self._dummy_hash

    def invite(self, email: str, name: str) -> Invitation:
        """A new teacher and the link that sets their password (409 when the e-mail exists)."""
        token, expires = self._new_link()
        teacher = self._teachers.create_teacher(
            uuid.uuid4().hex,
            fold_email(email),
            name.strip() or email.strip(),
            token_hash(token),
            expires,
        )
        return Invitation(teacher, token, expires)

    def reset(self, email: str) -> Invitation:
        """A new link for an existing teacher (the previous link stops working)."""
        teacher = self._teachers.teacher_by_email(fold_email(email))
        if teacher is None:
            raise NotFound("Nenhum professor tem esse e-mail.", "not_found:teacher")
        token, expires = self._new_link()
        self._teachers.set_invite(teacher.id, token_hash(token), expires)
        return Invitation(teacher, token, expires)

    def accept(self, token: str, password: str) -> Teacher:
        """Set the password of the link's teacher; the link then stops working."""
        teacher = self._teachers.teacher_by_invite(token_hash(token))
        expires = teacher.invite_expires_at if teacher is not None else None
        if teacher is None or expires is None or expires <= self._clock():
            raise NotFound(
                "Este link não vale mais (já foi usado ou expirou). Peça um novo ao administrador.",
                "not_found:invite",
            )
        self._teachers.set_password(teacher.id, self._hash(password))
        found = self._teachers.get_teacher(teacher.id)
        assert found is not None
        return found

    def set_password(self, email: str, password: str) -> Teacher:
        """Set a password directly (the command line's reset-password)."""
        teacher = self._teachers.teacher_by_email(fold_email(email))
        if teacher is None:
            raise NotFound("Nenhum professor tem esse e-mail.", "not_found:teacher")
        self._teachers.set_password(teacher.id, self._hash(password))
        return teacher

    def sign_in(self, email: str, password: str, address: str) -> Teacher:
        """The teacher whose password this is; 401 otherwise, 429 past the failed-attempt limits."""
        folded = email.strip().lower()
        self._throttle.check(folded, address)
        teacher = self._teachers.teacher_by_email(folded)
        stored = teacher.password_hash if teacher is not None else None
        if not self._verify(stored or self._dummy_hash, password) or teacher is None or not stored:
            self._throttle.failed(folded, address)
            raise AppError(_SIGN_IN_FAILED, "unauthorized:sign_in")
        if self._hasher.check_needs_rehash(stored):
            self._teachers.set_password(teacher.id, self._hasher.hash(password))
        return teacher

    def teacher(self, teacher_id: str) -> Teacher | None:
        """A signed-in session's teacher (None once the account is gone)."""
        return self._teachers.get_teacher(teacher_id)

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def _hash(self, password: str) -> str:
        if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
            raise AppError(
                f"A senha precisa ter de {PASSWORD_MIN} a {PASSWORD_MAX} caracteres.",
                "bad_request:password",
            )
        return self._hasher.hash(password)

    def _new_link(self) -> tuple[str, datetime]:
        return secrets.token_urlsafe(24), self._clock() + timedelta(days=INVITE_DAYS)

"""One error type with a machine code and a message a person understands."""

from __future__ import annotations


class AppError(Exception):
    """An expected failure: carries an HTTP status, a code and a human message."""

    status: int = 400

    def __init__(self, message: str, code: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        if status is not None:
            self.status = status

    def to_dict(self) -> dict[str, str]:
        """The JSON body every error response carries."""
        return {"error": self.message, "code": self.code}


class NotFound(AppError):
    """A resource that does not exist (or is not visible to this client)."""

    status = 404


class Conflict(AppError):
    """A resource that already exists."""

    status = 409


class IngestError(AppError):
    """A document that cannot be read; the message says what the teacher can do."""

    status = 422

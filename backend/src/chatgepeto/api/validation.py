"""Request bodies as pydantic models; a bad body becomes a 400 a person can read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal, TypeVar

from flask import request
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chatgepeto.errors import AppError

M = TypeVar("M", bound=BaseModel)
F = TypeVar("F", bound=Callable[..., Any])


class Body(BaseModel):
    """Base of every JSON body: unknown fields are refused, so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NameBody(Body):
    """A collection name."""

    name: str = Field(min_length=1, max_length=200)


class NewCourseBody(NameBody):
    """A new course's name and who may see it (default turma: students need a link)."""

    visibility: str = Field(default="turma", max_length=8, description="turma or aberto")


class AccessBody(Body):
    """Who may see a course, and how long its conversations are kept (null: no limit)."""

    visibility: str = Field(min_length=1, max_length=8, description="turma or aberto")
    retention_days: int | None = Field(default=None, description="1-3650, or null")


class CourseInvitationBody(Body):
    """How long a new student link lasts (null: until revoked)."""

    expires_in_days: int | None = Field(default=None, description="1-365, or null")


class JoinBody(Body):
    """A join code, typed or from a link."""

    code: str = Field(min_length=1, max_length=40)


class TutorModeBody(Body):
    """A course's tutor mode and an optional prova window (America/Sao_Paulo when the times
    carry no offset)."""

    tutor_mode: str = Field(min_length=1, max_length=12, description="direto, tutor or prova")
    prova_starts_at: datetime | None = None
    prova_ends_at: datetime | None = None


class TitleBody(Body):
    """A document title."""

    title: str = Field(min_length=1, max_length=500)


class SearchBody(Body):
    """A search request."""

    query: str = Field(min_length=1, max_length=2000)
    collection: str | None = None
    k: int = Field(default=5, ge=1, le=50)


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "corpo"
    return f"Campo '{where}' inválido: {first['msg']}."


def parse_body(model: type[M]) -> M:
    """The request's JSON body validated against `model`."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise AppError(
            "Envie um corpo JSON (um objeto) com Content-Type application/json.", "bad_request:json"
        )
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise AppError(_describe(exc), "bad_request:validation") from None


# `documented(response=FILE)`: the 2xx body is the stored bytes of a document.
FILE: Literal["file"] = "file"


def documented(
    body: type[BaseModel] | None = None,
    responses: dict[int, str] | None = None,
    multipart: dict[str, str] | None = None,
    response: type[BaseModel] | Literal["file"] | None = None,
    events: dict[str, type[BaseModel] | None] | None = None,
    query: type[BaseModel] | None = None,
) -> Callable[[F], F]:
    """Attach what the OpenAPI generator reads: the body model, the response model of the
    2xx answers (every route declares one, see CONTRIBUTING.md) and the responses. `events`
    names the SSE events a `text/event-stream` answer may send and each one's payload model
    (None: the `Error` body); `query` is a model whose fields are the query parameters."""

    def decorate(view: F) -> F:
        view.openapi = {  # type: ignore[attr-defined]
            "body": body,
            "responses": responses or {200: "OK"},
            "multipart": multipart,
            "response_model": response,
            "events": events,
            "query": query,
        }
        return view

    return decorate


class ChatBody(Body):
    """A chat message."""

    message: str = Field(min_length=1, max_length=2000)
    conversation_id: str | None = Field(default=None, max_length=64)
    collection: str | None = Field(default=None, max_length=80)
    action: Literal["ask", "hint", "attempt", "reveal"] = Field(
        default="ask",
        description="ask: a new question; hint, attempt (message = the student's answer) and "
        "reveal move along the tutor's ladder of the conversation's open question",
    )


class FeedbackBody(Body):
    """A thumbs up or down on an answer."""

    message_id: str = Field(min_length=1, max_length=64)
    rating: Literal["up", "down"]
    comment: str | None = Field(default=None, max_length=2000)


class SignInBody(Body):
    """A teacher's e-mail and password."""

    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1024)


class InviteBody(Body):
    """The teacher to invite: e-mail and the name shown to them."""

    email: str = Field(min_length=3, max_length=254)
    name: str = Field(default="", max_length=200)


class ResetBody(Body):
    """The teacher whose password gets a new link."""

    email: str = Field(min_length=3, max_length=254)


class AcceptBody(Body):
    """An invitation or reset link's token and the password it sets."""

    token: str = Field(min_length=8, max_length=200)
    password: str = Field(min_length=1, max_length=1024)


class OidcStartQuery(Body):
    """Where the web app goes after the sign-in: a path of this site (others are ignored)."""

    next: str | None = Field(default=None, max_length=2000, description="e.g. /meus-cursos")


class OidcCallbackQuery(Body):
    """What the provider sends the browser back with (other parameters are ignored)."""

    code: str | None = Field(default=None, max_length=4096)
    state: str | None = Field(default=None, max_length=512)
    error: str | None = Field(default=None, max_length=512)


class GenerateBody(Body):
    """What to generate study items from: the course, one of its documents, or a page range
    of one (1-based, both ends included; one end alone runs to the document's edge)."""

    document_id: str | None = Field(default=None, max_length=64)
    first_page: int | None = Field(default=None, ge=0, le=100_000)
    last_page: int | None = Field(default=None, ge=0, le=100_000)


class StudyItemsQuery(Body):
    """The items of one status only (all without it)."""

    status: Literal["draft", "approved", "rejected"] | None = None


class StudyExportQuery(Body):
    """The export's format: an Anki deck, Moodle XML or CSV."""

    format: Literal["apkg", "moodle", "csv"]


# Cards sent at once to a student by default, and at most.
DUE_LIMIT = 20
MAX_DUE_LIMIT = 200


class StudyDueQuery(Body):
    """How many due cards to send at most."""

    limit: int = Field(default=DUE_LIMIT, ge=1, le=MAX_DUE_LIMIT)


class StudyItemEdit(Body):
    """A teacher's edit of an item (its source stays) or verdict."""

    question: str | None = Field(default=None, min_length=1, max_length=2000)
    answer: str | None = Field(default=None, min_length=1, max_length=2000)
    distractors: list[Annotated[str, Field(min_length=1, max_length=500)]] | None = Field(
        default=None, max_length=10
    )
    status: Literal["draft", "approved", "rejected"] | None = None


class ApproveBody(Body):
    """Items to approve; without `ids`, every draft of the course."""

    ids: list[Annotated[str, Field(min_length=1, max_length=64)]] | None = Field(
        default=None, max_length=1000
    )


class GradeBody(Body):
    """A flashcard grade: 1 Again, 2 Hard, 3 Good, 4 Easy."""

    grade: int = Field(ge=1, le=4)


class AnswerBody(Body):
    """A student's answer to a quiz item (the option chosen, or the words typed)."""

    answer: str = Field(min_length=1, max_length=500)

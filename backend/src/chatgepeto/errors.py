"""The one catalogue of error codes, the one error type, and the one shape of an error body.

A code is `type` or `type:surface` (`not_found:document`): the type says what kind of failure
it is and gives the HTTP status, the surface says what it happened to. Every code the backend
sends (responses, SSE `error` events, a document's `error_code`) is declared in `CATALOGUE`;
the OpenAPI publishes it (`components.schemas.ErrorCode`), the web app's generated types read
it, and `tests/test_error_catalogue.py` fails on a code raised anywhere but declared nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass

# What each type of failure answers. `ingest` is a document that cannot be read (422).
STATUS_OF_TYPE: dict[str, int] = {
    "bad_request": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409,
    "gone": 410,
    "too_large": 413,
    "unsupported_media_type": 415,
    "ingest": 422,
    "rate_limited": 429,
    "internal": 500,
    "config": 500,
    "upstream": 502,
    "unavailable": 503,
}


@dataclass(frozen=True)
class ErrorCode:
    """One declared code: its type, its HTTP status and what it means."""

    code: str
    type: str
    status: int
    description: str


def _code(code: str, description: str, status: int | None = None) -> ErrorCode:
    kind = code.split(":", 1)[0]
    return ErrorCode(code, kind, status or STATUS_OF_TYPE[kind], description)


def _ingest(code: str, description: str) -> ErrorCode:
    # Named before the `type:surface` rule and stored in documents.error_code of existing
    # rows, which the web app maps to sentences: kept as they are, typed `ingest`.
    return ErrorCode(code, "ingest", STATUS_OF_TYPE["ingest"], description)


_CODES = (
    _code("bad_request", "A request the server could not understand"),
    _code("bad_request:json", "The body is not a JSON object"),
    _code("bad_request:validation", "A field of the JSON body is invalid"),
    _code("bad_request:upload", "No file in the multipart field 'file'"),
    _code("bad_request:message", "An empty or too long chat message"),
    _code("bad_request:question", "An empty question reached the answerer"),
    _code("bad_request:name", "A collection name without letters or digits"),
    _code("bad_request:default_collection", "The default collection cannot be deleted"),
    _code("bad_request:tutor_mode", "A tutor mode other than direto, tutor or prova"),
    _code("bad_request:prova_window", "A prova window without both ends, or ending first"),
    _code("bad_request:page_range", "An empty page range, or one past the document's pages"),
    _code("bad_request:study_status", "An item status other than draft, approved or rejected"),
    _code("bad_request:study_kind", "A quiz answer to a flashcard (flashcards are graded 1-4)"),
    _code("bad_request:export_format", "An export format other than apkg, moodle or csv"),
    _code("bad_request:password", "A new password shorter than 10 or longer than 256 characters"),
    _code("bad_request:email", "An e-mail address without a user and a domain"),
    _code("bad_request:visibility", "A course visibility other than turma or aberto"),
    _code("bad_request:retention", "A retention outside 1-3650 days"),
    _code("bad_request:expiry", "An invitation expiry outside 1-365 days"),
    _code("unauthorized", "Missing or wrong teacher token"),
    _code("unauthorized:sign_in", "Wrong e-mail or password (the same for an unknown account)"),
    _code("unauthorized:csrf", "A signed-in write without the session's X-CSRF-Token header"),
    _code("unauthorized:oidc_state", "An OIDC return not of this browser's sign-in (state)"),
    _code("unauthorized:oidc_token", "An OIDC ID token that fails validation"),
    _code("unauthorized:oidc_email", "The OIDC provider did not verify the account's e-mail"),
    _code("forbidden", "Teacher routes without ADMIN_TOKEN, from another machine"),
    _code(
        "forbidden:oidc_account", "No invited teacher has this e-mail, or its domain is not allowed"
    ),
    _code("not_found", "No such address"),
    _code("not_found:document", "Unknown document"),
    _code("not_found:collection", "Unknown collection"),
    _code("not_found:conversation", "Unknown conversation, or not this client's"),
    _code("not_found:chunk", "Unknown passage"),
    _code("not_found:message", "Unknown answer, or not this client's"),
    _code("not_found:invite", "An invitation or reset link unknown, used or expired"),
    _code("not_found:teacher", "Unknown teacher account"),
    _code("not_found:oidc", "Sign-in with an OIDC provider is not configured"),
    _code("not_found:study_item", "Unknown study item, or not one students may see"),
    _code("not_found:study_job", "Unknown study generation job"),
    _code("not_found:invitation", "Unknown course invitation (or join code)"),
    _code("method_not_allowed", "The address does not take this method"),
    _code("conflict:collection", "A collection with that id exists"),
    _code("conflict:teacher", "A teacher with that e-mail exists"),
    _code("conflict:indexing", "The document is already queued or being indexed"),
    _code("conflict:no_question", "A hint, attempt or reveal before any question"),
    _code("conflict:reveal_too_early", "A reveal before an attempt or the second hint"),
    _code("conflict:exam_mode", "An attempt or reveal while the course is in prova"),
    _code("conflict:not_ready", "A document not yet ready (indexed), or a course without one"),
    _code("conflict:study_in_exam", "Study tools while the course is in prova"),
    _code("gone:invitation_expired", "A join link past its expiry (the course is not named)"),
    _code("gone:invitation_revoked", "A join link its teacher revoked (the course is not named)"),
    _code("too_large", "A body or file past its limit"),
    _code("unsupported_media_type", "A Content-Type the route does not take"),
    _code("rate_limited", "Too many requests; Retry-After says when to try again"),
    _code("rate_limited:streams", "Too many answers in progress at once"),
    _code("internal", "An unexpected failure"),
    _code("config:invalid", "The settings are invalid (at start-up, never served)"),
    _code("upstream:llm_error", "The language model failed"),
    _code("upstream:oidc", "The OIDC provider failed, or refused the sign-in"),
    _code("upstream:llm_stream_cut", "The model's stream ended before it finished"),
    # The statuses a client retries on: overloaded (503) and too slow (504).
    _code("upstream:llm_rate_limited", "The language model is rate limited", 503),
    _code("upstream:llm_timeout", "The language model took too long", 504),
    _code("unavailable:database", "The database cannot be reached; Retry-After 5"),
    _code("ingest:memory", "Parsing the file passed its memory limit"),
    _code("ingest:parse_timeout", "Parsing the file passed its time limit"),
    _code("ingest:parse_crashed", "The parser died on the file"),
    _code("ingest:timeout", "Indexing the document passed its time limit"),
    _code("ingest:unreadable", "The document could not be indexed"),
    _code("ingest:interrupted", "Indexing stopped too many times"),
    _ingest("unsupported_type", "Not a format the library reads"),
    _ingest("empty_document", "No text in the file"),
    _ingest("malformed_document", "The file is corrupt or truncated"),
    _ingest("encrypted_document", "The file is password-protected"),
    _ingest("needs_ocr", "A scanned PDF without a text layer and no OCR"),
    _ingest("too_large_uncompressed", "An archive that inflates past the limit"),
    _ingest("too_many_pages", "More pages than a document may have"),
    _ingest("too_much_text", "More text than a document may hold"),
    _ingest("image_too_large", "A page image past the OCR pixel ceiling"),
)
CATALOGUE: dict[str, ErrorCode] = {c.code: c for c in _CODES}


def status_for(code: str) -> int:
    """The HTTP status of a declared code (a bare unknown type answers 500)."""
    declared = CATALOGUE.get(code)
    if declared is not None:
        return declared.status
    return STATUS_OF_TYPE.get(code.split(":", 1)[0], 500)


def error_body(message: str, code: str) -> dict[str, str]:
    """The JSON body of every error response and SSE `error` event."""
    return {"error": message, "code": code}


class AppError(Exception):
    """An expected failure: a declared code, the status its type gives, a human message."""

    status: int = 400

    def __init__(self, message: str, code: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        if status is not None:
            self.status = status
        elif code in CATALOGUE:
            self.status = CATALOGUE[code].status

    def to_dict(self) -> dict[str, str]:
        """The JSON body every error response carries."""
        return error_body(self.message, self.code)


class NotFound(AppError):
    """A resource that does not exist (or is not visible to this client)."""

    status = 404


class Conflict(AppError):
    """A resource that already exists."""

    status = 409


class IngestError(AppError):
    """A document that cannot be read; the message says what the teacher can do."""

    status = 422

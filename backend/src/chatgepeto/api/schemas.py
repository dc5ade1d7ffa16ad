"""Response bodies as pydantic models: the OpenAPI's schemas, the web app's generated types.

A route declares its model with `documented(response=Model)`; `api/serializers.py` builds
the model from a service's record, and `tests/api/test_openapi_contract.py` checks that what
each route sends validates against what it declares (unknown fields refused).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from chatgepeto.errors import CATALOGUE

DocumentStatusName = Literal["queued", "processing", "ready", "failed"]


class Out(BaseModel):
    """Base of every response body: a field the model does not declare is a contract bug."""

    model_config = ConfigDict(extra="forbid")


class Health(Out):
    """The liveness answer."""

    status: Literal["ok"]


VisibilityName = Literal["turma", "aberto"]
TutorModeName = Literal["direto", "tutor", "prova"]


class CollectionOut(Out):
    """A collection with its document count and its tutor mode."""

    id: str
    name: str
    documents: int
    tutor_mode: TutorModeName = Field(default="direto", description="What the teacher set")
    tutor_mode_now: TutorModeName = Field(
        default="direto", description="The mode questions are answered in now (prova window)"
    )
    prova_starts_at: datetime | None = None
    prova_ends_at: datetime | None = None
    visibility: VisibilityName = Field(
        default="aberto", description="turma: only with a pass (a join link); aberto: anyone"
    )
    retention_days: int | None = Field(
        default=None, description="Conversations in the course are deleted after N days"
    )
    owned: bool = Field(default=False, description="Whether the asker may change the course")


class CourseInvitationOut(Out):
    """A link (and its code) that lets students join a course, until revoked or expired."""

    id: str
    course_id: str
    code: str = Field(description="10 symbols of Crockford's base 32; typed or in the link")
    path: str = Field(description="The web app's join page for this code")
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    passes: int = Field(description="Browsers that joined through this link")


class CourseInvitationList(Out):
    """A course's invitations, newest first."""

    invitations: list[CourseInvitationOut]


class JoinOut(Out):
    """The course a join code opens (or opened, after POST /api/join)."""

    course: CollectionOut


class CollectionList(Out):
    """All collections."""

    collections: list[CollectionOut]


class CreatedCollection(Out):
    """A new collection: its id is the slug of its name and a random suffix."""

    id: str
    name: str
    visibility: VisibilityName = "turma"


class DocumentOut(Out):
    """A document with its indexing state."""

    id: str
    title: str
    filename: str
    collection: str
    status: DocumentStatusName
    error: str | None
    error_code: str | None = Field(description="An ingest code of the error catalogue")
    pages: int | None
    suspect_pages: list[int] = Field(description="Pages whose text layer looked corrupted")
    chunks: int
    progress: float
    content_type: str
    size_bytes: int
    created_at: str = Field(description="ISO 8601, UTC")
    updated_at: str = Field(description="ISO 8601, UTC")


class UploadedDocument(DocumentOut):
    """An upload's document; `duplicate` when these bytes were already in the collection."""

    duplicate: bool


class DocumentList(Out):
    """Documents, newest first."""

    documents: list[DocumentOut]


class ChunkOut(Out):
    """A passage with its document and page."""

    id: str
    document_id: str
    title: str
    page: int | None
    heading_path: list[str]
    text: str
    collection: str


class SourceHeadingOut(Out):
    """A heading line of a source page: its [start, end) in `text` and its outline level."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    level: int = Field(ge=1)


class SourceSpanOut(Out):
    """Where the passage is in `text`: [start, end) in Unicode code points."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class SourceOut(Out):
    """A cited passage in its page (GET /api/chunks/<id>/source): what the source panel shows."""

    chunk_id: str
    document_id: str
    title: str
    filename: str
    content_type: str
    kind: Literal["pdf", "slides", "text"]
    page: int | None = Field(description="1-based page or slide; null for a document without")
    page_count: int | None
    heading_path: list[str]
    text: str = Field(description="The page's text (the whole text of a document without pages)")
    headings: list[SourceHeadingOut]
    passage: SourceSpanOut | None = Field(description="null when the passage is not in text")
    passage_text: str
    stored: bool = Field(description="False: the page was rebuilt from its passages; re-index it")
    file_url: str


class SearchResultOut(Out):
    """A ranked passage."""

    chunk_id: str
    document_id: str
    title: str
    page: int | None
    heading_path: list[str]
    text: str
    score: float
    collection: str


class SearchOut(Out):
    """The ranked passages for a query."""

    query: str
    results: list[SearchResultOut]
    tutor_mode: Literal["direto", "tutor", "prova"] = Field(
        default="direto", description="In prova the results give their place, not their text"
    )


class CitationOut(Out):
    """One source behind an `[n]` marker."""

    document_id: str
    title: str
    page: int | None
    snippet: str
    chunk_id: str


class LocationOut(Out):
    """Where to read, without the passage's text."""

    document_id: str
    title: str
    page: int | None
    section: str | None
    chunk_id: str


class TutorStateOut(Out):
    """The tutor's side of an answer in `tutor` or `prova` (absent in `direto`)."""

    mode: Literal["tutor", "prova"]
    action: Literal["ask", "hint", "attempt", "reveal"]
    level: int = Field(description="0 refused, 1 guiding question, 2 stronger hint, 3 answer")
    locations: list[LocationOut]
    can_hint: bool
    can_reveal: bool
    verdict: Literal["correct", "partial", "incorrect", "empty"] | None = None


class TokenEvent(Out):
    """The payload of an SSE `token` event: the next piece of the answer's text."""

    text: str


class ChatAnswer(Out):
    """A whole answer (JSON clients), and the payload of the SSE `done` event."""

    answer: str
    citations: list[CitationOut]
    conversation_id: str
    message_id: str
    mode: Literal["llm", "extractive", "refused"]
    grounded: bool = Field(description="False: a generated answer without a valid citation")
    notice: str | None = Field(
        default=None, description="Only when the answer is not what it would usually be"
    )
    tutor: TutorStateOut | None = Field(
        default=None, description="Only when the course is in tutor or prova mode"
    )


class ConversationSummary(Out):
    """A conversation without its messages."""

    id: str
    title: str
    collection: str | None
    created_at: str
    updated_at: str


class ConversationList(Out):
    """This client's conversations, most recent first."""

    conversations: list[ConversationSummary]


class MessageOut(Out):
    """A stored question or answer."""

    id: str
    role: Literal["user", "assistant"]
    content: str
    citations: list[CitationOut]
    mode: Literal["llm", "extractive", "refused"] | None
    grounded: bool
    created_at: str


class ConversationOut(ConversationSummary):
    """A conversation with its messages."""

    messages: list[MessageOut]


class FeedbackStored(Out):
    """The vote is stored."""

    status: Literal["stored"]


class RefusedQuestionOut(Out):
    """A question the material did not cover."""

    question: str
    count: int
    last_at: str


class ThumbsDownOut(Out):
    """A disliked answer."""

    question: str
    answer: str
    comment: str | None
    at: str


class CitedDocumentOut(Out):
    """A document and how many answers cite it."""

    document_id: str
    title: str
    citations: int


class ModeQuestionsOut(Out):
    """How many questions students asked in one tutor mode."""

    mode: TutorModeName
    questions: int


class HintsBeforeAnswerOut(Out):
    """How many tutor answers came after this many hints (0, 1 or 2)."""

    hints: int
    answers: int


class InsightsOut(Out):
    """What the teacher learns from the chats (no client ids)."""

    refused: list[RefusedQuestionOut]
    thumbs_down: list[ThumbsDownOut]
    top_documents: list[CitedDocumentOut]
    questions_per_mode: list[ModeQuestionsOut] = Field(
        description="Questions asked in each tutor mode (answers from before the modes: direto)"
    )
    hints_before_answer: list[HintsBeforeAnswerOut] = Field(
        description="In tutor mode: how many answers came after 0, 1 or 2 hints"
    )
    prova_questions: list[RefusedQuestionOut] = Field(
        description="The questions students asked while the course was in prova"
    )


class TeacherOut(Out):
    """A teacher's account as its owner sees it."""

    id: str
    email: str
    name: str


class SessionOut(Out):
    """Who this browser is signed in as, and the token its writes send in X-CSRF-Token."""

    teacher: TeacherOut | None
    csrf_token: str | None
    oidc_available: bool = Field(
        description="Teachers may sign in with the OIDC provider: GET /api/auth/oidc/start"
    )
    oidc_label: str | None = Field(description="The sign-in button's text (Google, Microsoft)")


class InvitationOut(Out):
    """A link that sets a teacher's password: hand it over (there is no mail server)."""

    teacher: TeacherOut
    token: str
    path: str = Field(description="The web app's page that takes the token")
    expires_at: str


StudyKindName = Literal["cloze", "flashcard", "short_answer", "multiple_choice"]
StudyStatusName = Literal["draft", "approved", "rejected"]


class StudySourceOut(Out):
    """Where a study item comes from: document, page (null without pages) and passage."""

    document_id: str
    title: str
    page: int | None
    chunk_id: str
    passage: str


class StudyItemOut(Out):
    """An item of the question bank as the teacher reviews it."""

    id: str
    collection: str
    kind: StudyKindName
    question: str
    answer: str
    options: list[str] = Field(description="multiple_choice: every option, the answer among them")
    distractors: list[str] = Field(description="multiple_choice: the wrong options")
    status: StudyStatusName
    source: StudySourceOut
    created_at: str = Field(description="ISO 8601, UTC")
    updated_at: str = Field(description="ISO 8601, UTC")


class StudyItemList(Out):
    """A course's items."""

    items: list[StudyItemOut]


StudyJobStatus = Literal["queued", "running", "done", "failed"]


class StudyJobProgress(Out):
    """Passages drafted so far, of the job's total."""

    done: int
    total: int


class StudyJobOut(Out):
    """A study generation job: its state and progress, then `created` new drafts of
    `generated` items made (and the `mode` they came from) or the `error` it failed with."""

    id: str
    collection_id: str
    status: StudyJobStatus
    progress: StudyJobProgress
    created: int | None = Field(description="New drafts stored; null until done")
    generated: int | None = Field(description="Items made (some already stored); null until done")
    mode: Literal["offline", "llm"] | None = Field(
        description="llm when the model drafted any of them; null until done"
    )
    error: str | None = Field(description="Why the job failed; null unless failed")


class StudyApproved(Out):
    """How many items were approved."""

    approved: int


class StudyCardOut(Out):
    """A student's card after a grade or an answer: when it comes back."""

    item_id: str
    due: str = Field(description="ISO 8601, UTC")
    phase: Literal["learning", "review", "relearning"] = Field(
        description="FSRS's state of the card"
    )


class StudentItemOut(Out):
    """An approved item as a student practises it; `answer` only for a flashcard (flipped and
    graded 1-4): a quiz item's (cloze, short_answer, multiple_choice) comes with the verdict."""

    id: str
    kind: StudyKindName
    question: str
    answer: str | None
    options: list[str]
    source: StudySourceOut
    due: str | None = Field(description="ISO 8601, UTC; null for a card never reviewed")


class StudyDueOut(Out):
    """The cards due now, and how many are due before the day ends (America/Sao_Paulo)."""

    due_today: int
    cards: list[StudentItemOut]


class QuizVerdictOut(Out):
    """A quiz answer's verdict, the expected answer and the passage it is cited from."""

    correct: bool
    answer: str
    source: StudySourceOut
    card: StudyCardOut


class StudyItemStatsOut(Out):
    """How the students answered one item."""

    item: StudyItemOut
    answers: int
    students: int
    correct: int
    share_correct: float | None


class MissedPageOut(Out):
    """A page behind missed items."""

    document_id: str
    title: str
    page: int | None
    misses: int
    items: int


class StudyStatsOut(Out):
    """Per-item answers and the pages the class misses most."""

    items: list[StudyItemStatsOut]
    missed_pages: list[MissedPageOut]


class OpenAPIDocument(BaseModel):
    """This API's description (OpenAPI 3.1)."""

    model_config = ConfigDict(extra="allow")

    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]


def error_code_schema() -> dict[str, Any]:
    """Every code of the catalogue, as a JSON Schema enum (its meaning in the description)."""
    lines = [f"- `{c.code}` ({c.status}): {c.description}" for c in CATALOGUE.values()]
    return {
        "type": "string",
        "enum": list(CATALOGUE),
        "description": "The error catalogue (chatgepeto.errors):\n" + "\n".join(lines),
    }


def error_schema() -> dict[str, Any]:
    """The body of every error response and SSE `error` event."""
    return {
        "type": "object",
        "required": ["error", "code"],
        "properties": {
            "error": {"type": "string", "description": "A sentence for a person (pt-BR)"},
            "code": {"$ref": "#/components/schemas/ErrorCode"},
        },
    }

"""Records the storage layer returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class DocumentStatus(StrEnum):
    """Where a document is on its way to being searchable."""

    QUEUED = "queued"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True)
class Collection:
    """A course: a named set of documents, and how its tutor answers (issue 19)."""

    id: str
    name: str
    documents: int = 0
    tutor_mode: str = "direto"  # what the teacher set: direto, tutor or prova
    prova_starts_at: datetime | None = None  # an exam window that overrides it
    prova_ends_at: datetime | None = None
    visibility: str = "aberto"  # issue 16: "turma" (a pass is needed) or "aberto"
    retention_days: int | None = None  # conversations deleted after N days (None: kept)


@dataclass(frozen=True)
class CourseInvitation:
    """A link (or typed code) that gives browsers a pass to a course, until revoked."""

    id: str
    course_id: str
    code: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    passes: int = 0


@dataclass(frozen=True)
class Document:
    """One uploaded file and its indexing state."""

    id: str
    collection_id: str
    title: str
    filename: str
    content_type: str
    sha256: str
    size_bytes: int
    status: DocumentStatus
    error: str | None
    error_code: str | None
    pages: int | None
    chunk_count: int
    progress: float
    tokens: int
    ingest_seconds: float | None
    created_at: datetime
    updated_at: datetime
    # 1-based pages whose text layer looked corrupted when the document was last indexed.
    suspect_pages: tuple[int, ...] = ()


@dataclass(frozen=True)
class ChunkRecord:
    """A stored passage with where it comes from."""

    id: str
    document_id: str
    collection_id: str
    title: str
    position: int
    page: int | None
    heading_path: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class NewChunk:
    """A chunk ready to be written: text, analysed terms and its vector."""

    position: int
    page: int | None
    heading_path: tuple[str, ...]
    text: str
    terms: list[str]
    embedding: bytes
    # The passage's [start, end) in its page's text, when ingestion located it there.
    char_start: int | None = None
    char_end: int | None = None


@dataclass(frozen=True)
class ClaimedJob:
    """An ingestion job a worker holds a lease on."""

    job_id: int
    document_id: str
    attempts: int


@dataclass(frozen=True)
class StudyJob:
    """A study generation job (issue 18): what it drafts from, how far it got (passages
    `done` of `total`) and its result (`created` new drafts of `generated` items, the `mode`
    they came from) or why it failed; `state` is queued, running, done or failed."""

    id: int
    collection_id: str
    document_id: str | None
    first_page: int | None
    last_page: int | None
    state: str
    attempts: int
    done: int
    total: int
    created: int | None
    generated: int | None
    mode: str | None  # offline or llm
    error: str | None
    created_at: datetime
    updated_at: datetime | None


@dataclass(frozen=True)
class StudyProgress:
    """How far a study job got: passages `done` of `total`, `created` new drafts of
    `generated` items so far, and the `mode` they came from (offline, or llm once any did)."""

    done: int
    total: int
    created: int
    generated: int
    mode: str


@dataclass(frozen=True)
class StoredMessage:
    """One turn of a conversation."""

    id: str
    role: str
    content: str
    citations: list[dict[str, Any]]
    mode: str | None
    created_at: datetime


@dataclass(frozen=True)
class Conversation:
    """A conversation owned by one anonymous client."""

    id: str
    title: str
    collection_id: str | None
    created_at: datetime
    updated_at: datetime
    messages: tuple[StoredMessage, ...] = ()
    hint_level: int = 0  # the rung of the tutor's open question (0: none)
    ladder_question: str | None = None  # that question, as it was searched


@dataclass(frozen=True)
class TutorTurn:
    """How one answer was given: the mode, the student's action, the rung reached, and the
    question the conversation's ladder stands on afterwards (None: no open question)."""

    mode: str
    action: str
    level: int
    ladder_question: str | None


@dataclass(frozen=True)
class NewStudyItem:
    """An item of the question bank to store, with the passage it was made from (issue 18)."""

    id: str
    collection_id: str
    document_id: str
    page: int | None
    chunk_id: str
    passage: str
    kind: str  # cloze, flashcard, short_answer or multiple_choice
    question: str
    answer: str
    options: tuple[str, ...] = ()  # a multiple-choice item's wrong options


@dataclass(frozen=True)
class StudyItemRecord(NewStudyItem):
    """A stored item: the teacher's verdict, its document's title and its times."""

    status: str = "draft"  # draft, approved or rejected
    title: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class StudyCard:
    """One client's spaced-repetition state of one item (fsrs' Card.to_dict) and its due time."""

    item_id: str
    state: dict[str, Any]
    due: datetime


@dataclass(frozen=True)
class ItemTally:
    """How one item was answered: answers, distinct clients, answers counted correct."""

    item_id: str
    answers: int
    students: int
    correct: int


@dataclass(frozen=True)
class Teacher:
    """A teacher's account: `password_hash` None until the invitation is accepted."""

    id: str
    email: str
    name: str
    password_hash: str | None
    invite_expires_at: datetime | None
    created_at: datetime

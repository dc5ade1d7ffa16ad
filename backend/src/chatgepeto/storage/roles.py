"""What the product persists, as small roles; a `Store` is one of each on one database.

Consumers take the roles they use (the worker a `JobQueue`, the source viewer `Passages`
and `Documents`), never the whole store. Search is not here: the lexical and vector indexes
over these tables live in `retrieval/index/`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Engine

from chatgepeto.ingest.types import PageText
from chatgepeto.storage.types import (
    ChunkRecord,
    ClaimedJob,
    Collection,
    Conversation,
    CourseInvitation,
    Document,
    ItemTally,
    NewChunk,
    NewStudyItem,
    StudyCard,
    StudyItemRecord,
    StudyJob,
    StudyProgress,
    Teacher,
    TutorTurn,
)


class Courses(Protocol):
    """The collections (a teacher's courses)."""

    def create_collection(
        self,
        collection_id: str,
        name: str,
        visibility: str = "turma",
        owner_id: str | None = None,
    ) -> Collection:
        """Insert a collection (and its first owner); raises Conflict when the id exists."""
        ...

    def list_collections(self) -> list[Collection]:
        """All collections with their document counts."""
        ...

    def get_collection(self, collection_id: str) -> Collection | None:
        """One collection, or None."""
        ...

    def rename_collection(self, collection_id: str, name: str) -> Collection:
        """Change a collection's display name (NotFound)."""
        ...

    def set_tutor_mode(
        self,
        collection_id: str,
        mode: str,
        prova_starts_at: datetime | None,
        prova_ends_at: datetime | None,
    ) -> Collection:
        """Set a course's tutor mode and its prova window (both None: none) (NotFound)."""
        ...

    def set_access(
        self, collection_id: str, visibility: str, retention_days: int | None
    ) -> Collection:
        """Set who may see a course and how long its conversations are kept (NotFound)."""
        ...

    def delete_collection(self, collection_id: str) -> None:
        """Remove a collection and every document in it (NotFound)."""


class Classes(Protocol):
    """Issue 16: a course's owners, its student invitations and the passes they issued."""

    def is_owner(self, course_id: str, teacher_id: str) -> bool:
        """Whether the teacher owns the course."""
        ...

    def owned_courses(self, teacher_id: str) -> set[str]:
        """The ids of the courses a teacher owns."""
        ...

    def open_courses(self) -> set[str]:
        """The ids of the `aberto` courses."""
        ...

    def create_invitation(
        self, invitation_id: str, course_id: str, code: str, expires_at: datetime | None
    ) -> CourseInvitation:
        """A new invitation to a course."""
        ...

    def invitations(self, course_id: str) -> list[CourseInvitation]:
        """A course's invitations, newest first, each with its count of passes."""
        ...

    def invitation(self, invitation_id: str) -> CourseInvitation | None:
        """One invitation by id, or None."""
        ...

    def invitation_by_code(self, code: str) -> CourseInvitation | None:
        """The invitation of a join code, or None."""
        ...

    def revoke(self, invitation_id: str) -> None:
        """Close an invitation and delete its passes (idempotent; NotFound when unknown)."""
        ...

    def add_pass(self, client_id: str, invitation: CourseInvitation) -> None:
        """Record this browser's pass from an invitation (idempotent)."""
        ...

    def pass_courses(self, client_id: str) -> set[str]:
        """The courses this browser holds a pass for."""
        ...


class Documents(Protocol):
    """Uploaded files: their records and their original bytes."""

    def add_document(
        self, collection_id: str, filename: str, content_type: str, data: bytes, sha256: str
    ) -> Document:
        """Store the original bytes, the document (queued) and its ingestion job atomically."""
        ...

    def find_document(self, collection_id: str, sha256: str) -> Document | None:
        """The document of these bytes in this collection, if any."""
        ...

    def find_ready_copy(self, sha256: str) -> Document | None:
        """A ready document with these bytes in any collection, if one exists."""
        ...

    def copy_document(self, source_id: str, collection_id: str, filename: str) -> Document:
        """Add an already indexed document to another collection, reusing its chunks."""
        ...

    def get_document(self, document_id: str) -> Document | None:
        """One document, or None."""
        ...

    def list_documents(self, collection_id: str | None = None) -> list[Document]:
        """Documents, newest first, optionally of one collection."""
        ...

    def rename_document(self, document_id: str, title: str) -> Document:
        """Change a document's title (NotFound)."""
        ...

    def delete_document(self, document_id: str) -> None:
        """Remove a document, its chunks, its job and (if unshared) its original."""

    def get_original(self, document_id: str) -> bytes | None:
        """The uploaded bytes."""
        ...

    def read_original(self, document_id: str, offset: int, length: int) -> bytes | None:
        """At most `length` bytes of the uploaded file from `offset`, read in the database
        (never the whole file); None when the document is unknown."""
        ...


class Passages(Protocol):
    """The indexed passages and the page texts they were cut from."""

    def get_chunk(self, chunk_id: str) -> ChunkRecord | None:
        """One passage with its document's title, or None."""
        ...

    def chunks_by_rowid(self, rowids: list[int]) -> dict[int, ChunkRecord]:
        """Passages by internal row id (what the indexes return)."""
        ...

    def count_chunks(self) -> int:
        """Searchable chunks in the whole library."""
        ...

    def get_page_text(self, document_id: str, page: int | None) -> PageText | None:
        """The page's stored text and headings; None for documents indexed before 0008."""
        ...

    def chunk_offsets(self, chunk_id: str) -> tuple[int, int] | None:
        """The passage's [start, end) in its page's text, when ingestion recorded it."""
        ...

    def page_chunk_texts(self, document_id: str, page: int | None) -> list[str]:
        """The texts of the page's passages in reading order."""
        ...

    def document_chunks(self, document_id: str) -> list[ChunkRecord]:
        """The document's passages in reading order (what study items are made from)."""
        ...


class JobQueue(Protocol):
    """Durable ingestion jobs: leased claims, heartbeats, atomic completion."""

    def claim_job(self, worker: str, lease_s: float) -> ClaimedJob | None:
        """Take the oldest queued (or abandoned) job, or None."""
        ...

    def extend_lease(self, document_id: str, lease_s: float) -> None:
        """Push the running job's lease forward."""

    def heartbeat(self, document_id: str, progress: float, lease_s: float) -> None:
        """Record progress and extend the lease."""

    def complete_job(
        self,
        document_id: str,
        chunks: list[NewChunk],
        pages: int | None,
        tokens: int,
        seconds: float,
        suspect_pages: list[int] | None = None,
        page_texts: Sequence[PageText] = (),
    ) -> None:
        """Replace the document's chunks (and page texts) and mark it ready, in one transaction."""

    def fail_job(self, document_id: str, message: str, code: str) -> None:
        """Mark the document failed with a message a person understands (a re-index that
        fails leaves it ready with its previous chunks, and the message beside it)."""

    def requeue_document(self, document_id: str) -> Document:
        """Queue a document to be parsed again from its original (NotFound; Conflict while
        it is queued or processing); its chunks stay searchable until replaced."""
        ...


class ConversationLog(Protocol):
    """Conversations of anonymous clients, their answers and the feedback on them."""

    def get_conversation(self, conversation_id: str, client_id: str) -> Conversation | None:
        """The conversation with its messages, only if this client owns it."""
        ...

    def list_conversations(self, client_id: str) -> list[Conversation]:
        """This client's conversations, most recent first."""
        ...

    def delete_conversation(self, conversation_id: str, client_id: str) -> None:
        """Delete a conversation of this client (NotFound otherwise)."""

    def delete_client_conversations(self, client_id: str) -> int:
        """Delete every conversation of this client with its messages and feedback; how many."""
        ...

    def expire_conversations(self, course_id: str | None, before: datetime, limit: int) -> int:
        """Delete, in one transaction, at most `limit` conversations of course `course_id`
        (None: of no existing course) last active before `before`, with their messages and
        feedback; how many this call deleted (0 once none is left, whoever deleted them)."""
        ...

    def add_exchange(
        self,
        conversation_id: str,
        question: str,
        answer: str,
        citations: list[dict[str, Any]],
        mode: str,
        collection_id: str | None,
        message_id: str,
        new_for_client: str | None = None,
        tutor: TutorTurn | None = None,
    ) -> None:
        """Store the question and its answer (and a new conversation) together, or nothing;
        `tutor` records the answer's mode and moves the conversation's hint ladder."""

    def add_feedback(
        self, message_id: str, rating: str, comment: str | None, client_id: str
    ) -> None:
        """Record `client_id`'s thumbs up/down on one of its own answers, replacing an earlier
        vote on it; NotFound for another client's message."""

    def insights(
        self, collection_id: str | frozenset[str] | None
    ) -> dict[str, list[dict[str, Any]]]:
        """Refused questions, thumbs-down answers, most cited documents, and the tutor's:
        questions per mode, hints used before the answer, questions asked during prova."""
        ...


class Ledger(Protocol):
    """Secrets the service generates once, and LLM tokens counted per account and day."""

    def ensure_secret(self, name: str, candidate: str) -> str:
        """The stored secret `name`, `candidate` when none was stored yet."""
        ...

    def add_tokens(self, day: str, amounts: dict[str, int]) -> dict[str, int]:
        """Add tokens to each account's day at once; the new totals."""
        ...

    def forget_token_usage(self, before_day: str) -> None:
        """Drop token counts of days before `before_day`."""


class StudyBank(Protocol):
    """The question bank of each course (issue 18): items with their source and the
    teacher's verdict, each student's spaced-repetition cards, and every answer."""

    def add_items(self, items: Sequence[NewStudyItem]) -> int:
        """Store new items as drafts; an id already stored is kept as it is (a teacher's
        edit or verdict survives a second generation). The number added."""
        ...

    def list_items(self, collection_id: str, status: str | None = None) -> list[StudyItemRecord]:
        """A course's items, by document and page, optionally of one status."""
        ...

    def get_item(self, item_id: str) -> StudyItemRecord | None:
        """One item with its document's title, or None."""
        ...

    def update_item(
        self,
        item_id: str,
        question: str | None = None,
        answer: str | None = None,
        options: Sequence[str] | None = None,
        status: str | None = None,
    ) -> StudyItemRecord:
        """Change what is given (the source stays) (NotFound)."""
        ...

    def set_status(
        self, collection_id: str, status: str, item_ids: Sequence[str] | None = None
    ) -> int:
        """Set the status of these items of the course (None: all its drafts); how many."""
        ...

    def cards(self, client_id: str, item_ids: Sequence[str]) -> dict[str, StudyCard]:
        """This client's cards of these items (an item never reviewed has none)."""
        ...

    def record_review(
        self,
        client_id: str,
        card: StudyCard,
        correct: bool,
        rating: int | None,
        reviewed_at: datetime,
    ) -> None:
        """Store the card's new state and the answer that moved it, together."""

    def tallies(self, collection_id: str) -> list[ItemTally]:
        """Per answered item of the course: answers, distinct clients, correct ones."""
        ...

    def forget_client(self, client_id: str) -> None:
        """Delete every card and answer of this client (its study history)."""


class Teachers(Protocol):
    """Teacher accounts: invitation links (kept as token hashes) and password hashes."""

    def create_teacher(
        self, teacher_id: str, email: str, name: str, invite_hash: str, expires_at: datetime
    ) -> Teacher:
        """A teacher with a pending invitation and no password (Conflict: the e-mail)."""
        ...

    def get_teacher(self, teacher_id: str) -> Teacher | None:
        """One teacher by id, or None."""
        ...

    def teacher_by_email(self, email: str) -> Teacher | None:
        """One teacher by (folded) e-mail, or None."""
        ...

    def teacher_by_invite(self, invite_hash: str) -> Teacher | None:
        """The teacher whose pending link has this token hash, or None."""
        ...

    def set_invite(self, teacher_id: str, invite_hash: str, expires_at: datetime) -> None:
        """Replace the pending link (the old one stops working) (NotFound)."""
        ...

    def set_password(self, teacher_id: str, password_hash: str) -> None:
        """Store a new password hash and close the pending link (NotFound)."""
        ...


class StudyJobs(Protocol):
    """Durable study generation jobs (issue 18): leased claims like ingestion's, progress,
    and the result or the reason of a failure, kept for the teacher to read."""

    def enqueue(
        self,
        collection_id: str,
        document_id: str | None,
        first_page: int | None,
        last_page: int | None,
        total: int,
    ) -> StudyJob:
        """Queue a job drafting from the course (or a document, or a page range of one),
        `total` passages to go."""
        ...

    def get(self, job_id: int) -> StudyJob | None:
        """One study job, or None."""
        ...

    def claim(self, worker: str, lease_s: float) -> StudyJob | None:
        """Take the oldest queued (or abandoned) study job, or None; one abandoned
        MAX_ATTEMPTS times ends failed."""
        ...

    def extend_lease(self, job_id: int, lease_s: float) -> None:
        """Push the running job's lease forward."""

    def progress(self, job_id: int, step: StudyProgress, lease_s: float) -> None:
        """Record how far the running job got and extend its lease."""

    def complete(self, job_id: int, result: StudyProgress) -> None:
        """Mark the job done with its result."""

    def fail(self, job_id: int, message: str) -> None:
        """Mark the job failed with a message a person understands."""

    def forget_finished(self, before: datetime) -> int:
        """Delete the jobs that ended (done or failed) before `before`; how many."""
        ...


class Store(Protocol):
    """One database: a role of each kind over it, and its schema."""

    @property
    def engine(self) -> Engine:
        """The database (the indexes of `retrieval/index/` read its tables)."""
        ...

    @property
    def courses(self) -> Courses: ...

    @property
    def documents(self) -> Documents: ...

    @property
    def passages(self) -> Passages: ...

    @property
    def jobs(self) -> JobQueue: ...

    @property
    def conversations(self) -> ConversationLog: ...

    @property
    def ledger(self) -> Ledger: ...

    @property
    def study(self) -> StudyBank: ...

    @property
    def teachers(self) -> Teachers: ...

    @property
    def classes(self) -> Classes: ...

    @property
    def study_jobs(self) -> StudyJobs: ...

    def migrate(self) -> None:
        """Bring the schema to the latest Alembic revision and ensure `default` exists."""

    def close(self) -> None:
        """Release the database's connections (a later call opens new ones)."""

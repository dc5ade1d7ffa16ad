"""Tables shared by every database backend (SQLAlchemy Core)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()

collections = Table(
    "collections",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # The teacher's tutor mode (issue 19): direto, tutor or prova; an optional prova window
    # [prova_starts_at, prova_ends_at) overrides it, ending back in it.
    Column("tutor_mode", String(12), nullable=False, default="direto"),
    Column("prova_starts_at", DateTime(timezone=True)),
    Column("prova_ends_at", DateTime(timezone=True)),
    # Classes (issue 16): `turma` needs a pass (or the owner), `aberto` is open to anyone;
    # conversations and feedback in the course are deleted after `retention_days` (None: kept).
    Column("visibility", String(8), nullable=False, server_default="aberto"),
    Column("retention_days", Integer),
)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("size_bytes", Integer, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("collection_id", String(80), ForeignKey("collections.id"), nullable=False),
    Column("title", String(500), nullable=False),
    Column("filename", String(500), nullable=False),
    Column("content_type", String(200), nullable=False),
    Column("sha256", String(64), ForeignKey("blobs.sha256"), nullable=False),
    Column("size_bytes", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("error", Text),
    Column("error_code", String(80)),
    Column("pages", Integer),
    Column("chunk_count", Integer, nullable=False, default=0),
    Column("progress", Float, nullable=False, default=0.0),
    Column("tokens", Integer, nullable=False, default=0),
    Column("ingest_seconds", Float),
    # JSON list of the 1-based pages whose text layer looked corrupted at the last indexing.
    Column("suspect_pages", Text, nullable=False, default="[]"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("collection_id", "sha256", name="uq_documents_collection_sha"),
    Index("ix_documents_collection", "collection_id"),
)

chunks = Table(
    "chunks",
    metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=True),
    Column("id", String(48), nullable=False, unique=True),
    Column("document_id", String(32), ForeignKey("documents.id"), nullable=False),
    Column("collection_id", String(80), nullable=False),
    Column("position", Integer, nullable=False),
    Column("page", Integer),
    Column("heading_path", Text, nullable=False, default="[]"),
    Column("text", Text, nullable=False),
    Column("terms", Text, nullable=False),
    Column("embedding", LargeBinary, nullable=False),
    # The passage's [char_start, char_end) in its page's text (page_texts); None before 0008.
    Column("char_start", Integer),
    Column("char_end", Integer),
    Index("ix_chunks_document", "document_id"),
    Index("ix_chunks_collection", "collection_id"),
)

# Each page's extracted text as the source viewer shows it (page 0: a document without pages).
page_texts = Table(
    "page_texts",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id"), primary_key=True),
    Column("page", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    # JSON list of [start, end, level] of the page's headings.
    Column("headings", Text, nullable=False, default="[]"),
)

# The durable job queue (0011): `ingest` jobs index a document and go when it ends (at most
# one per document: the partial unique index); `study` jobs draft a course's items (issue 18)
# and stay, done or failed, with their progress and result for the teacher to read.
INGEST_ONLY = text("kind = 'ingest'")
jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(12), nullable=False, default="ingest"),
    Column("document_id", String(32), ForeignKey("documents.id")),
    Column("state", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("lease_until", DateTime(timezone=True)),
    Column("worker", String(100)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # A study job: its course, optional page range, progress in passages and its result.
    Column("collection_id", String(80), ForeignKey("collections.id")),
    Column("first_page", Integer),
    Column("last_page", Integer),
    Column("done", Integer, nullable=False, default=0),
    Column("total", Integer, nullable=False, default=0),
    Column("items_created", Integer),
    Column("items_generated", Integer),
    Column("mode", String(12)),
    Column("error", Text),
    Column("updated_at", DateTime(timezone=True)),
    Index("ix_jobs_state", "state"),
    Index(
        "uq_jobs_ingest_document",
        "document_id",
        unique=True,
        sqlite_where=INGEST_ONLY,
        postgresql_where=INGEST_ONLY,
    ),
    Index("ix_jobs_collection", "collection_id"),
)

# Chunk count and token total of each collection: BM25 of a course uses its own statistics.
lexical_collections = Table(
    "lexical_collections",
    metadata,
    Column("collection_id", String(80), primary_key=True),
    Column("chunks", BigInteger, nullable=False),
    Column("tokens", BigInteger, nullable=False),
)

index_state = Table(
    "index_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("generation", Integer, nullable=False),
)

conversations = Table(
    "conversations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("client_id", String(64), nullable=False),
    Column("collection_id", String(80)),
    Column("title", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # The tutor's hint ladder: the rung of the open question (0: none) and that question.
    Column("hint_level", Integer, nullable=False, default=0),
    Column("ladder_question", Text),
)

messages = Table(
    "messages",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("conversation_id", String(32), ForeignKey("conversations.id"), nullable=False),
    Column("role", String(12), nullable=False),
    Column("content", Text, nullable=False),
    Column("question", Text),
    Column("citations", Text, nullable=False, default="[]"),
    Column("mode", String(12)),
    Column("collection_id", String(80)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # The tutor mode the answer was given in, the student's action and the rung reached
    # (NULL before 0009: direto, ask).
    Column("tutor_mode", String(12)),
    Column("tutor_action", String(12)),
    Column("hint_level", Integer),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", String(32), ForeignKey("messages.id"), nullable=False),
    Column("rating", String(8), nullable=False),
    Column("comment", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Teacher accounts (issue 16): e-mail (folded to lower case) and an argon2 hash; an invitation
# (or a reset) is a link whose token only its SHA-256 is kept of, until it is used or expires.
teachers = Table(
    "teachers",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("password_hash", Text),
    Column("invite_hash", String(64), unique=True),
    Column("invite_expires_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# A course's owners: the teachers who may change it (the admin may change every course).
course_owners = Table(
    "course_owners",
    metadata,
    Column(
        "course_id",
        String(80),
        ForeignKey("collections.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "teacher_id", String(32), ForeignKey("teachers.id", ondelete="CASCADE"), primary_key=True
    ),
    Index("ix_course_owners_teacher", "teacher_id"),
)

# A student invitation: a join code (a link or typed), an optional expiry, a revocation.
course_invitations = Table(
    "course_invitations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "course_id", String(80), ForeignKey("collections.id", ondelete="CASCADE"), nullable=False
    ),
    Column("code", String(16), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Index("ix_course_invitations_course", "course_id"),
)

# A browser's pass to a `turma` course, issued by one invitation (revoking it deletes them).
course_passes = Table(
    "course_passes",
    metadata,
    Column("client_id", String(64), primary_key=True),
    Column(
        "invitation_id",
        String(32),
        ForeignKey("course_invitations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "course_id", String(80), ForeignKey("collections.id", ondelete="CASCADE"), nullable=False
    ),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_course_passes_course", "course_id"),
)

service_secrets = Table(
    "service_secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

token_usage = Table(
    "token_usage",
    metadata,
    Column("account", String(100), primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("tokens", BigInteger, nullable=False),
    Index("ix_token_usage_day", "day"),
)

# The question bank (issue 18): items made from a passage, kept with its text so an item
# outlives a re-index; `options` is the JSON list of a multiple-choice item's wrong options.
study_items = Table(
    "study_items",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("collection_id", String(80), ForeignKey("collections.id"), nullable=False),
    Column("document_id", String(32), ForeignKey("documents.id"), nullable=False),
    Column("page", Integer),
    Column("chunk_id", String(48), nullable=False),
    Column("passage", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("options", Text, nullable=False, default="[]"),
    Column("status", String(12), nullable=False, default="draft"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_study_items_collection", "collection_id", "status"),
    Index("ix_study_items_document", "document_id"),
)

# One student's FSRS card per item (fsrs' Card.to_dict as JSON) and when it is due.
study_cards = Table(
    "study_cards",
    metadata,
    Column("client_id", String(64), primary_key=True),
    Column("item_id", String(32), ForeignKey("study_items.id"), primary_key=True),
    Column("state", Text, nullable=False),
    Column("due", DateTime(timezone=True), nullable=False),
    Index("ix_study_cards_item", "item_id"),
)

# Every grade (1-4) or quiz answer; `correct` is the answer's verdict, or grade > 1.
study_reviews = Table(
    "study_reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(64), nullable=False),
    Column("item_id", String(32), ForeignKey("study_items.id"), nullable=False),
    Column("rating", Integer),
    Column("correct", Boolean, nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Index("ix_study_reviews_item", "item_id"),
    Index("ix_study_reviews_client", "client_id"),
)


def in_courses(column: Any, scope: str | frozenset[str]) -> Any:
    """A WHERE clause: the column is the course, or one of a set of courses."""
    return column == scope if isinstance(scope, str) else column.in_(sorted(scope))

"""Conversations, messages and feedback over SQLAlchemy Core (shared by every dialect)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    delete,
    desc,
    func,
    insert,
    or_,
    select,
    update,
)

from chatgepeto.errors import NotFound
from chatgepeto.storage import schema as s
from chatgepeto.storage.clock import now
from chatgepeto.storage.tutor_insights import tutor_insights
from chatgepeto.storage.types import Conversation, StoredMessage, TutorTurn


def new_id() -> str:
    """A random 16-hex id."""
    return uuid.uuid4().hex[:16]


def _delete_conversations(conn: Connection, which: ColumnElement[bool]) -> int:
    """Delete the conversations `which` selects, with their messages and the feedback on
    those; how many conversations."""
    c, m = s.conversations, s.messages
    chosen = select(c.c.id).where(which)
    answers = select(m.c.id).where(m.c.conversation_id.in_(chosen))
    conn.execute(delete(s.feedback).where(s.feedback.c.message_id.in_(answers)))
    conn.execute(delete(m).where(m.c.conversation_id.in_(chosen)))
    return conn.execute(delete(c).where(which)).rowcount


class SqlConversationLog:
    """Conversations, their messages and the feedback on them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get_conversation(self, conversation_id: str, client_id: str) -> Conversation | None:
        """The conversation with its messages, only if this client owns it."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(s.conversations).where(
                    s.conversations.c.id == conversation_id,
                    s.conversations.c.client_id == client_id,
                )
            ).first()
            if row is None:
                return None
            rows = (
                conn.execute(
                    select(s.messages)
                    .where(s.messages.c.conversation_id == conversation_id)
                    .order_by(s.messages.c.created_at, s.messages.c.role.desc())
                )
                .mappings()
                .all()
            )
        messages = tuple(
            StoredMessage(
                m["id"],
                m["role"],
                m["content"],
                json.loads(m["citations"] or "[]"),
                m["mode"],
                m["created_at"],
            )
            for m in rows
        )
        return Conversation(
            row.id,
            row.title,
            row.collection_id,
            row.created_at,
            row.updated_at,
            messages,
            row.hint_level or 0,
            row.ladder_question,
        )

    def list_conversations(self, client_id: str) -> list[Conversation]:
        """This client's conversations, most recent first."""
        query = (
            select(s.conversations)
            .where(s.conversations.c.client_id == client_id)
            .order_by(desc(s.conversations.c.updated_at))
        )
        with self.engine.connect() as conn:
            return [
                Conversation(r.id, r.title, r.collection_id, r.created_at, r.updated_at)
                for r in conn.execute(query)
            ]

    def delete_conversation(self, conversation_id: str, client_id: str) -> None:
        """Delete a conversation of this client (404 otherwise)."""
        with self.engine.begin() as conn:
            owned = conn.execute(
                select(s.conversations.c.id).where(
                    s.conversations.c.id == conversation_id,
                    s.conversations.c.client_id == client_id,
                )
            ).first()
            if owned is None:
                raise NotFound("Conversa não encontrada.", "not_found:conversation")
            _delete_conversations(conn, s.conversations.c.id == conversation_id)

    def delete_client_conversations(self, client_id: str) -> int:
        """Delete every conversation of this client with its messages and feedback; how many."""
        c = s.conversations
        with self.engine.begin() as conn:
            # Locked first (PostgreSQL): an answer being stored meanwhile waits, then fails.
            conn.execute(select(c.c.id).where(c.c.client_id == client_id).with_for_update())
            return _delete_conversations(conn, c.c.client_id == client_id)

    def expire_conversations(self, course_id: str | None, before: datetime, limit: int) -> int:
        """Delete at most `limit` conversations of `course_id` (None: of no existing course)
        idle since before `before`, with their messages and feedback, in one transaction."""
        c = s.conversations
        if course_id is None:
            known = select(s.collections.c.id)
            scope = or_(c.c.collection_id.is_(None), c.c.collection_id.not_in(known))
        else:
            scope = c.c.collection_id == course_id
        with self.engine.begin() as conn:
            # PostgreSQL locks the batch, skipping rows another sweep holds: each conversation
            # is deleted (and counted) by one sweep; a chat turn in it waits, then fails.
            # SQLite has one writer at a time: a second sweep's deletes find nothing left.
            ids = (
                conn.execute(
                    select(c.c.id)
                    .where(scope, c.c.updated_at < before)
                    .order_by(c.c.updated_at)
                    .limit(limit)
                    .with_for_update(skip_locked=True)
                )
                .scalars()
                .all()
            )
            if not ids:
                return 0
            # Still idle: a turn stored since the select keeps its conversation.
            return _delete_conversations(conn, c.c.id.in_(ids) & (c.c.updated_at < before))

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
        """Store the question and its complete answer together, or neither.

        With `new_for_client`, the conversation itself is created in the same transaction,
        so a question whose answer failed leaves no empty conversation behind; with `tutor`,
        the answer's mode and rung are stored and the conversation's ladder moves with it.
        """
        stamp = now()
        ladder = (
            {"hint_level": tutor.level, "ladder_question": tutor.ladder_question}
            if tutor is not None
            else {}
        )
        how = (
            {"tutor_mode": tutor.mode, "tutor_action": tutor.action, "hint_level": tutor.level}
            if tutor is not None
            else {}
        )
        with self.engine.begin() as conn:
            if new_for_client is not None:
                conn.execute(
                    insert(s.conversations).values(
                        id=conversation_id,
                        client_id=new_for_client,
                        collection_id=collection_id,
                        title=question[:80],
                        created_at=stamp,
                        updated_at=stamp,
                        hint_level=0,
                    )
                )
            conn.execute(
                insert(s.messages).values(
                    id=new_id(),
                    conversation_id=conversation_id,
                    role="user",
                    content=question,
                    citations="[]",
                    created_at=stamp,
                )
            )
            conn.execute(
                insert(s.messages).values(
                    id=message_id,
                    conversation_id=conversation_id,
                    role="assistant",
                    content=answer,
                    question=question,
                    citations=json.dumps(citations, ensure_ascii=False),
                    mode=mode,
                    collection_id=collection_id,
                    created_at=stamp,
                    **how,
                )
            )
            conn.execute(
                update(s.conversations)
                .where(s.conversations.c.id == conversation_id)
                .values(updated_at=stamp, **ladder)
            )

    def add_feedback(
        self, message_id: str, rating: str, comment: str | None, client_id: str
    ) -> None:
        """Record a thumbs up/down on one of the client's answers; the last vote counts."""
        m, c = s.messages, s.conversations
        with self.engine.begin() as conn:
            found = conn.execute(
                select(m.c.id)
                .join(c, c.c.id == m.c.conversation_id)
                .where(m.c.id == message_id, m.c.role == "assistant", c.c.client_id == client_id)
            ).first()
            if found is None:
                raise NotFound("Resposta não encontrada.", "not_found:message")
            conn.execute(delete(s.feedback).where(s.feedback.c.message_id == message_id))
            conn.execute(
                insert(s.feedback).values(
                    message_id=message_id, rating=rating, comment=comment, created_at=now()
                )
            )

    def insights(
        self, collection_id: str | frozenset[str] | None
    ) -> dict[str, list[dict[str, Any]]]:
        """Refused questions, thumbs-down answers, most cited documents and the tutor's
        figures (no client ids)."""
        m = s.messages
        scope = [m.c.role == "assistant"]
        if collection_id is not None:
            scope.append(s.in_courses(m.c.collection_id, collection_id))
        with self.engine.connect() as conn:
            refused = conn.execute(
                select(
                    m.c.question, func.count().label("n"), func.max(m.c.created_at).label("last")
                )
                .where(*scope, m.c.mode == "refused")
                .group_by(m.c.question)
                .order_by(desc("n"), desc("last"))
                .limit(100)
            ).all()
            down = conn.execute(
                select(m.c.question, m.c.content, s.feedback.c.comment, s.feedback.c.created_at)
                .join(s.feedback, s.feedback.c.message_id == m.c.id)
                .where(*scope, s.feedback.c.rating == "down")
                .order_by(desc(s.feedback.c.created_at))
                .limit(100)
            ).all()
            cited = conn.execute(select(m.c.citations).where(*scope, m.c.mode != "refused")).all()
        counts: dict[tuple[str, str], int] = {}
        for row in cited:
            for document in {(c["document_id"], c["title"]) for c in json.loads(row.citations)}:
                counts[document] = counts.get(document, 0) + 1
        top = sorted(counts.items(), key=lambda kv: -kv[1])[:20]
        return {
            "refused": [{"question": r.question, "count": r.n, "last_at": r.last} for r in refused],
            "thumbs_down": [
                {
                    "question": r.question,
                    "answer": r.content,
                    "comment": r.comment,
                    "at": r.created_at,
                }
                for r in down
            ],
            "top_documents": [{"document_id": d, "title": t, "citations": n} for (d, t), n in top],
        } | tutor_insights(self.engine, collection_id)

"""A client's conversations and feedback, and what teachers learn from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from chatgepeto.errors import NotFound
from chatgepeto.services.library import Library
from chatgepeto.storage.roles import ConversationLog
from chatgepeto.storage.types import Conversation


@dataclass(frozen=True)
class RefusedQuestion:
    """A question (the material did not cover it, or it was asked during prova), how often
    it was asked and when last."""

    question: str
    count: int
    last_at: datetime


@dataclass(frozen=True)
class ThumbsDown:
    """An answer a student disliked, with the question and the comment."""

    question: str
    answer: str
    comment: str | None
    at: datetime


@dataclass(frozen=True)
class CitedDocument:
    """A document and how many answers cite it."""

    document_id: str
    title: str
    citations: int


@dataclass(frozen=True)
class ModeQuestions:
    """How many questions students asked in one tutor mode."""

    mode: str
    questions: int


@dataclass(frozen=True)
class HintsBeforeAnswer:
    """How many tutor answers came after this many hints."""

    hints: int
    answers: int


@dataclass(frozen=True)
class Insights:
    """What the teacher learns from the chats; never a client id."""

    refused: list[RefusedQuestion]
    thumbs_down: list[ThumbsDown]
    top_documents: list[CitedDocument]
    questions_per_mode: list[ModeQuestions]
    hints_before_answer: list[HintsBeforeAnswer]
    prova_questions: list[RefusedQuestion]


class Conversations:
    """Each client sees only its own conversations; teachers see the aggregates."""

    def __init__(self, log: ConversationLog, library: Library) -> None:
        self._log = log
        self._library = library

    def list(self, client_id: str) -> list[Conversation]:
        """This client's conversations, most recent first."""
        return self._log.list_conversations(client_id)

    def require(self, conversation_id: str, client_id: str) -> Conversation:
        """One of this client's conversations with its messages, or a 404."""
        conversation = self._log.get_conversation(conversation_id, client_id)
        if conversation is None:
            raise NotFound("Conversa não encontrada.", "not_found:conversation")
        return conversation

    def delete(self, conversation_id: str, client_id: str) -> None:
        """Delete one of this client's conversations (404 otherwise)."""
        self._log.delete_conversation(conversation_id, client_id)

    def delete_all(self, client_id: str) -> int:
        """Delete every conversation of this client, with its messages and feedback."""
        return self._log.delete_client_conversations(client_id)

    def add_feedback(
        self, message_id: str, rating: Literal["up", "down"], comment: str | None, client_id: str
    ) -> None:
        """A vote on one of this client's answers; a second vote replaces the first."""
        self._log.add_feedback(message_id, rating, comment, client_id)

    def insights(self, collection_id: str | None, owned: frozenset[str] | None = None) -> Insights:
        """Refused questions, thumbs-down answers, the most cited documents and the tutor
        modes' figures, of one collection (404 when unknown) or of all those the teacher
        owns (`owned`; None: every course)."""
        if collection_id is not None:
            self._library.require_collection(collection_id)
        scope = collection_id if collection_id is not None else owned
        data = self._log.insights(scope)
        return Insights(
            [RefusedQuestion(**row) for row in data["refused"]],
            [ThumbsDown(**row) for row in data["thumbs_down"]],
            [CitedDocument(**row) for row in data["top_documents"]],
            [ModeQuestions(**row) for row in data["questions_per_mode"]],
            [HintsBeforeAnswer(**row) for row in data["hints_before_answer"]],
            [RefusedQuestion(**row) for row in data["prova_questions"]],
        )

"""A client's conversations, feedback on answers, and what teachers learn from them."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from chatgepeto.api.auth import teacher_only
from chatgepeto.api.client_id import client_id
from chatgepeto.api.context import services
from chatgepeto.api.serializers import iso
from chatgepeto.api.validation import FeedbackBody, documented, parse_body
from chatgepeto.errors import NotFound
from chatgepeto.generation.types import is_grounded
from chatgepeto.storage.conversations import Conversation

bp = Blueprint("conversations", __name__)


def _summary(conversation: Conversation) -> dict[str, Any]:
    return {
        "id": conversation.id,
        "title": conversation.title,
        "collection": conversation.collection_id,
        "created_at": iso(conversation.created_at),
        "updated_at": iso(conversation.updated_at),
    }


@bp.get("/api/conversations")
@documented(responses={200: "This client's conversations"})
def list_conversations() -> Response:
    """List the conversations of this browser or API client."""
    found = services().store.list_conversations(client_id())
    return jsonify({"conversations": [_summary(c) for c in found]})


@bp.get("/api/conversations/<conversation_id>")
@documented(responses={200: "The conversation with its messages", 404: "Not this client's"})
def get_conversation(conversation_id: str) -> Response:
    """One conversation with its messages and their citations."""
    conversation = services().store.get_conversation(conversation_id, client_id())
    if conversation is None:
        raise NotFound("Conversa não encontrada.", "not_found:conversation")
    messages = [
        {
            "id": m.id,
            "role": m.role,
            "content": m.content,
            "citations": m.citations,
            "mode": m.mode,
            "grounded": m.role != "assistant" or is_grounded(m.mode, m.citations),
            "created_at": iso(m.created_at),
        }
        for m in conversation.messages
    ]
    return jsonify(_summary(conversation) | {"messages": messages})


@bp.delete("/api/conversations/<conversation_id>")
@documented(responses={204: "Deleted", 404: "Not this client's"})
def delete_conversation(conversation_id: str) -> tuple[str, int]:
    """Delete one of this client's conversations."""
    services().store.delete_conversation(conversation_id, client_id())
    return "", 204


@bp.post("/api/feedback")
@documented(body=FeedbackBody, responses={201: "Stored", 404: "Unknown answer"})
def feedback() -> tuple[Response, int]:
    """Thumbs up or down on one of this client's answers; a second vote replaces the first."""
    body = parse_body(FeedbackBody)
    services().store.add_feedback(body.message_id, body.rating, body.comment, client_id())
    return jsonify({"status": "stored"}), 201


@bp.get("/api/insights")
@teacher_only
@documented(responses={200: "Refused questions, thumbs-down answers, most cited documents"})
def insights() -> Response:
    """What the teacher learns: unanswered questions and disliked answers (no client ids)."""
    collection = request.args.get("collection") or None
    if collection is not None:
        services().library.require_collection(collection)
    data = services().store.insights(collection)
    for row in data["refused"]:
        row["last_at"] = iso(row["last_at"])
    for row in data["thumbs_down"]:
        row["at"] = iso(row["at"])
    return jsonify(data)

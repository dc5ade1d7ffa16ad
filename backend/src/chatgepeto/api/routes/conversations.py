"""A client's conversations, feedback on answers, and what teachers learn from them."""

from __future__ import annotations

from flask import Blueprint, Response, request

from chatgepeto.api import schemas
from chatgepeto.api.client_id import client_id
from chatgepeto.api.context import services
from chatgepeto.api.serializers import conversation_out, insights_out, send, summary_out
from chatgepeto.api.validation import FeedbackBody, documented, parse_body
from chatgepeto.api.viewer import current_viewer, teacher_only

bp = Blueprint("conversations", __name__)


@bp.get("/api/conversations")
@documented(response=schemas.ConversationList, responses={200: "This client's conversations"})
def list_conversations() -> tuple[Response, int]:
    """List the conversations of this browser or API client."""
    found = services().conversations.list(client_id())
    return send(schemas.ConversationList(conversations=[summary_out(c) for c in found]))


@bp.delete("/api/conversations")
@documented(responses={204: "This client's conversations, messages and feedback deleted"})
def delete_conversations() -> tuple[str, int]:
    """Delete every conversation of this browser or API client (its whole chat history)."""
    services().conversations.delete_all(client_id())
    return "", 204


@bp.get("/api/conversations/<conversation_id>")
@documented(
    response=schemas.ConversationOut,
    responses={200: "The conversation with its messages", 404: "Not this client's"},
)
def get_conversation(conversation_id: str) -> tuple[Response, int]:
    """One conversation with its messages and their citations."""
    return send(conversation_out(services().conversations.require(conversation_id, client_id())))


@bp.delete("/api/conversations/<conversation_id>")
@documented(responses={204: "Deleted", 404: "Not this client's"})
def delete_conversation(conversation_id: str) -> tuple[str, int]:
    """Delete one of this client's conversations."""
    services().conversations.delete(conversation_id, client_id())
    return "", 204


@bp.post("/api/feedback")
@documented(
    body=FeedbackBody,
    response=schemas.FeedbackStored,
    responses={201: "Stored", 404: "Unknown answer"},
)
def feedback() -> tuple[Response, int]:
    """Thumbs up or down on one of this client's answers; a second vote replaces the first."""
    body = parse_body(FeedbackBody)
    services().conversations.add_feedback(body.message_id, body.rating, body.comment, client_id())
    return send(schemas.FeedbackStored(status="stored"), 201)


@bp.get("/api/insights")
@teacher_only
@documented(
    response=schemas.InsightsOut,
    responses={
        200: "Refused questions, thumbs-down answers, most cited documents",
        404: "Unknown collection, or not one's own",
    },
)
def insights() -> tuple[Response, int]:
    """What the teacher learns: unanswered questions and disliked answers (no client ids)."""
    collection = request.args.get("collection") or None
    return send(insights_out(services().catalogue.insights(current_viewer(), collection)))

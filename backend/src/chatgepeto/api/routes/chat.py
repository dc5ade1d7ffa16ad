"""The chat: JSON or Server-Sent Events, decided by the Accept header."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, jsonify, request, stream_with_context

from chatgepeto.api import schemas
from chatgepeto.api.client_id import client_id
from chatgepeto.api.context import services
from chatgepeto.api.errors import INTERNAL_MESSAGE
from chatgepeto.api.limits import rate_limited, token_budget
from chatgepeto.api.serializers import chat_answer
from chatgepeto.api.streams import stream_slot
from chatgepeto.api.validation import ChatBody, documented, parse_body
from chatgepeto.api.viewer import current_viewer
from chatgepeto.errors import AppError, error_body
from chatgepeto.generation.sse import format_comment, format_sse
from chatgepeto.generation.tutor.modes import TutorAction
from chatgepeto.services.chat import ChatResult, ChatService, PreparedChat

bp = Blueprint("chat", __name__)
log = logging.getLogger(__name__)


@bp.post("/api/chat")
@rate_limited("chat")
@documented(
    body=ChatBody,
    response=schemas.ChatAnswer,
    events={"token": schemas.TokenEvent, "done": schemas.ChatAnswer, "error": None},
    responses={
        200: "The answer (JSON), or an SSE stream of token events ending in done or error",
        400: "Invalid message",
        404: "Unknown conversation or collection",
        409: "A hint, attempt or reveal the course's tutor mode does not allow now",
        429: "Too many questions, or too many answers in progress at once",
        502: "LLM error",
        503: "LLM rate limited",
        504: "LLM timeout",
    },
)
def chat() -> Response:
    """Ask a question about the course material."""
    body = parse_body(ChatBody)
    service = services().chat
    with stream_slot() as slot:  # 429 past the answers in progress per client or address
        if "text/event-stream" not in request.headers.get("Accept", ""):
            return jsonify(_answer(service.respond(_prepare(service, body))))
        response = Response(
            stream_with_context(_events(service, body)), mimetype="text/event-stream"
        )
        slot.hand_to(response)
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"  # nginx and friends: do not buffer tokens
    return response


def _answer(result: ChatResult) -> dict[str, Any]:
    return chat_answer(result).model_dump(mode="json", exclude_unset=True)


def _prepare(service: ChatService, body: ChatBody) -> PreparedChat:
    return service.prepare(
        body.message,
        client_id(),
        body.conversation_id,
        body.collection,
        token_budget(),
        TutorAction(body.action),
        services().access.require_scope(current_viewer(), body.collection),
    )


def _events(service: ChatService, body: ChatBody) -> Iterator[str]:
    # Bytes at once, before retrieval and the model: proxies see the stream open, and from
    # here on every failure is an `event: error`.
    yield format_comment("ok")
    pieces: list[str] = []
    try:
        prepared = _prepare(service, body)
        for piece in service.stream_text(prepared):
            pieces.append(piece)
            yield format_sse("token", {"text": piece})
        if not pieces:
            pieces.append(" ")
            yield format_sse("token", {"text": ""})
        yield format_sse("done", _answer(service.finish(prepared, "".join(pieces))))
    except AppError as exc:
        yield format_sse("error", exc.to_dict())
    except Exception:  # the status is sent: the failure can only go out as an event
        log.exception("chat stream failed")
        yield format_sse("error", error_body(INTERNAL_MESSAGE, "internal"))

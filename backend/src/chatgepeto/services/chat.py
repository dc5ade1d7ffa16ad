"""The chat: retrieve, decide to refuse, answer (LLM or extractive), stream, store."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from chatgepeto.errors import AppError, NotFound
from chatgepeto.generation import evidence
from chatgepeto.generation.citations import map_markers
from chatgepeto.generation.extractive import ExtractiveAnswerer
from chatgepeto.generation.prompt import build_messages
from chatgepeto.generation.refusal import (
    RefusalPolicy,
    refusal_answer,
    says_not_found,
    should_refuse,
)
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.types import Answer, AnswerMode, ChatModel, Citation
from chatgepeto.language.detect import detect_language
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.retrieval.retriever import Retrieval, Retriever
from chatgepeto.retrieval.types import RetrievedChunk
from chatgepeto.services.followup import lexical_carry_over, rewrite_with_llm
from chatgepeto.services.metering import Meter, TokenBudget, tokens
from chatgepeto.settings import Settings
from chatgepeto.storage.conversations import new_id
from chatgepeto.storage.roles import ConversationLog, Courses

MAX_QUESTION_CHARS = 2000
PASSAGES = 5
_BUDGET_NOTICE = {
    "pt": "O limite de respostas geradas por hoje foi atingido: esta resposta reúne, sem o "
    "modelo de linguagem, os trechos do material mais próximos da pergunta.",
    "en": "Today's limit of generated answers has been reached: this answer gathers, without "
    "the language model, the passages of the material closest to the question.",
}


@dataclass
class PreparedChat:
    """Everything decided before the first byte of the response."""

    question: str
    conversation_id: str
    collection_id: str | None
    message_id: str
    passages: list[RetrievedChunk]
    new_for_client: str | None = None  # set when the conversation starts with this question
    notice: str | None = None  # why the answer is not what it would usually be
    answer: Answer | None = None  # known already: refusal or extractive
    first_tokens: Iterator[str] | None = None  # a started LLM stream
    started: float = field(default_factory=time.monotonic)
    retrieval_ms: float = 0.0
    first_token_ms: float | None = None


@dataclass(frozen=True)
class ChatResult:
    """A finished answer as stored: what JSON clients get and the SSE `done` event carries."""

    answer: str
    citations: list[Citation]
    conversation_id: str
    message_id: str
    mode: AnswerMode
    grounded: bool
    notice: str | None = None  # why the answer is not what it would usually be

    def to_dict(self) -> dict[str, Any]:
        """The wire shape (api.schemas.ChatAnswer); `notice` only when there is one."""
        body: dict[str, Any] = {
            "answer": self.answer,
            "citations": [c.to_dict() for c in self.citations],
            "conversation_id": self.conversation_id,
            "message_id": self.message_id,
            "mode": self.mode,
            "grounded": self.grounded,
        }
        return body | ({"notice": self.notice} if self.notice else {})


@dataclass(frozen=True)
class ChatConfig:
    """The chat's policy in one place: when to refuse (the measured `RefusalPolicy`), how
    many passages, and the token caps; the defaults are `Settings`' defaults."""

    refusal: RefusalPolicy = field(default_factory=RefusalPolicy)
    passages: int = PASSAGES
    max_tokens: int = Settings.model_fields["llm_max_tokens"].default
    rewrite_max_tokens: int = Settings.model_fields["rewrite_max_tokens"].default

    @classmethod
    def from_settings(cls, settings: Settings) -> ChatConfig:
        """The policy a deployment runs: the measured refusal bar, the configured caps."""
        return cls(
            max_tokens=settings.llm_max_tokens, rewrite_max_tokens=settings.rewrite_max_tokens
        )


class ChatService:
    """Answers students; `prepare` then `respond` or `stream`."""

    def __init__(
        self,
        courses: Courses,
        conversations: ConversationLog,
        retriever: Retriever,
        model: ChatModel | None,
        config: ChatConfig | None = None,
        metrics: Callable[[dict[str, float]], None] | None = None,
        rewriter: ChatModel | None = None,
    ) -> None:
        self._courses = courses
        self._conversations = conversations
        self._retriever = retriever
        self._model = model
        self._rewriter = rewriter or model
        self._metrics = metrics
        self._config = config or ChatConfig()
        self._analyzer = Analyzer()
        self._extractive = ExtractiveAnswerer()

    @property
    def mode(self) -> str:
        """ "llm" when a model is configured, else "extractive"."""
        return "llm" if self._model is not None else "extractive"

    def prepare(
        self,
        message: str,
        client_id: str,
        conversation_id: str | None,
        collection_id: str | None,
        budget: TokenBudget | None = None,
    ) -> PreparedChat:
        """Validate, load the conversation, retrieve, decide; may raise a JSON-able AppError."""
        question = " ".join(message.split())
        if not question:
            raise AppError("Escreva uma pergunta.", "bad_request:message")
        if len(question) > MAX_QUESTION_CHARS:
            raise AppError(
                f"A pergunta pode ter até {MAX_QUESTION_CHARS} caracteres.", "bad_request:message"
            )
        if collection_id is not None and self._courses.get_collection(collection_id) is None:
            raise NotFound(f"A coleção '{collection_id}' não existe.", "not_found:collection")
        history = self._history(conversation_id, client_id)
        query = self._standalone(question, history, budget)
        retrieval_started = time.monotonic()
        found = self._evidence(query, collection_id)
        passages = found[0].passages
        retrieval_ms = (time.monotonic() - retrieval_started) * 1000
        prepared = PreparedChat(
            question,
            conversation_id or new_id(),
            collection_id,
            new_id(),
            passages,
            None if conversation_id else client_id,
        )
        prepared.retrieval_ms = retrieval_ms
        language = detect_language(question)
        if should_refuse(found[1], self._config.refusal):
            prepared.answer = refusal_answer(question, language, self._suggestions(passages))
        elif self._model is None:
            prepared.answer = self._extractive.answer(question, passages, found[1])
        else:
            messages = build_messages(question, passages, language, history)
            meter = Meter("answer", messages, self._config.max_tokens, budget)
            if meter.reserve():
                prepared.first_tokens = _started(_metered(self._model.stream(messages), meter))
            else:  # past a token budget: answered from the passages, and told so
                prepared.answer = self._extractive.answer(question, passages, found[1])
                prepared.notice = _BUDGET_NOTICE[language if language in _BUDGET_NOTICE else "pt"]
        return prepared

    def _evidence(
        self, query: str, collection_id: str | None
    ) -> tuple[Retrieval, evidence.Evidence]:
        """Retrieve, then weigh how well the passages support the question."""
        retrieval = self._retriever.search(query, collection_id, self._config.passages)
        return retrieval, self._weigh(query, collection_id, retrieval)

    def _weigh(
        self, query: str, collection_id: str | None, retrieval: Retrieval
    ) -> evidence.Evidence:
        chunks, frequencies = self._retriever.term_statistics(analyse(query), collection_id)
        return evidence.gather(
            query,
            retrieval.passages,
            retrieval.nearest_cosines,
            chunks,
            frequencies,
            lambda texts: self._retriever.similarities(retrieval, texts),
        )

    def _history(self, conversation_id: str | None, client_id: str) -> list[tuple[str, str]]:
        if conversation_id is None:
            return []
        conversation = self._conversations.get_conversation(conversation_id, client_id)
        if conversation is None:
            raise NotFound("Conversa não encontrada.", "not_found:conversation")
        turns, question = [], None
        for message in conversation.messages:
            if message.role == "user":
                question = message.content
            elif question is not None:
                turns.append((question, message.content))
        return turns

    def _standalone(
        self, question: str, history: list[tuple[str, str]], budget: TokenBudget | None
    ) -> str:
        if self._rewriter is not None:
            return rewrite_with_llm(
                question,
                history,
                self._rewriter,
                self._analyzer,
                budget,
                self._config.rewrite_max_tokens,
            )
        return lexical_carry_over(question, [q for q, _ in history], self._analyzer)

    @staticmethod
    def _suggestions(passages: list[RetrievedChunk]) -> list[str]:
        return list(dict.fromkeys(p.title for p in passages))

    def _report(self, prepared: PreparedChat, answer: Answer, text: str) -> None:
        """Answer latency, time to first token, retrieval latency, tokens, refusals (EMF)."""
        if self._metrics is not None:
            self._metrics(_report_values(prepared, answer, text))

    def respond(self, prepared: PreparedChat) -> ChatResult:
        """The whole answer at once (JSON clients)."""
        text = "".join(self.stream_text(prepared))
        return self.finish(prepared, text)

    def stream_text(self, prepared: PreparedChat) -> Iterator[str]:
        """Text pieces as they are produced; raises AppError if the model fails mid-way."""
        pieces = (
            _words(prepared.answer.text)
            if prepared.answer is not None
            else prepared.first_tokens or iter(())
        )
        for piece in pieces:
            if prepared.first_token_ms is None:
                prepared.first_token_ms = (time.monotonic() - prepared.started) * 1000
            yield piece

    def finish(self, prepared: PreparedChat, text: str) -> ChatResult:
        """Map markers, store the exchange, and return the answer object."""
        if prepared.answer is not None:
            answer = prepared.answer
        else:
            mapped, citations = map_markers(text, prepared.passages)
            answer = Answer(mapped.strip(), citations, "llm")
            if not citations and says_not_found(mapped):
                answer = Answer(mapped.strip(), [], "refused")
        cited = [c.to_dict() for c in answer.citations]
        self._conversations.add_exchange(
            prepared.conversation_id,
            prepared.question,
            answer.text,
            cited,
            answer.mode,
            prepared.collection_id,
            prepared.message_id,
            prepared.new_for_client,
        )
        self._report(prepared, answer, text)
        return ChatResult(
            answer.text,
            list(answer.citations),
            prepared.conversation_id,
            prepared.message_id,
            answer.mode,
            answer.grounded,
            prepared.notice,
        )


def _report_values(prepared: PreparedChat, answer: Answer, text: str) -> dict[str, float]:
    values = {
        "AnswerLatencyMs": (time.monotonic() - prepared.started) * 1000,
        "RetrievalLatencyMs": prepared.retrieval_ms,
        "Refusals": 1.0 if answer.mode == "refused" else 0.0,
    }
    if prepared.first_token_ms is not None:
        values["TimeToFirstTokenMs"] = prepared.first_token_ms
    if answer.mode == "llm":
        values["LLMTokens"] = float(tokens(len(text)))
    return values


def _started(tokens: Iterator[str]) -> Iterator[str]:
    """Pull the first token now, so failures before it become JSON errors, not SSE ones."""
    first = next(tokens, None)

    def rest() -> Iterator[str]:
        if first is not None:
            yield first
        yield from tokens

    return rest()


def _metered(pieces: Iterator[str], meter: Meter) -> Iterator[str]:
    """Charge the answer when its stream ends, even cut or abandoned by the client; a
    provider that ignores max_tokens is cut at as many characters as it stands for."""
    chars = 0
    try:
        for piece in pieces:
            piece = piece[: meter.max_output_chars - chars]
            chars += len(piece)
            yield piece
            if chars >= meter.max_output_chars:
                break
    finally:
        close = getattr(pieces, "close", None)
        if close is not None:
            close()  # stops the model's worker now, not when garbage collected
        meter.finish(chars)


def _words(text: str) -> Iterator[str]:
    for match in re.finditer(r"\S+\s*", text):
        yield match.group(0)

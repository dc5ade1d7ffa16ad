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
from chatgepeto.generation.tutor.lesson import Lesson, Location, locations_for
from chatgepeto.generation.tutor.modes import HintLevel, TutorAction, TutorMode
from chatgepeto.generation.types import Answer, AnswerMode, ChatModel, Citation
from chatgepeto.language.detect import detect_language
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.retrieval.retriever import Retrieval, Retriever, Scope
from chatgepeto.retrieval.types import RetrievedChunk
from chatgepeto.services.followup import lexical_carry_over, rewrite_with_llm
from chatgepeto.services.metering import Meter, TokenBudget, tokens
from chatgepeto.services.streaming import metered, started, words
from chatgepeto.services.tutor import TurnPlan, TutorModes, TutorOutcome, plan_turn
from chatgepeto.services.tutor_turn import TutorTurns
from chatgepeto.settings import Settings
from chatgepeto.storage.conversations import new_id
from chatgepeto.storage.roles import ConversationLog, Courses
from chatgepeto.storage.types import Conversation, TutorTurn

MAX_QUESTION_CHARS = 2000
PASSAGES = 5
# A model's `[n]` markers: where a reply may not cite a snippet, its places stand for them.
_MARKER = re.compile(r"\s*\[\d{1,3}(?:\s*[-–,;]\s*\d{1,3})*\]")
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
    plan: TurnPlan | None = None  # the tutor's turn: mode, action, the rung it reaches
    locations: list[Location] = field(default_factory=list)  # where to read, no snippet
    verdict: str | None = None  # how the student's attempt compares with the material
    ladder_question: str | None = None  # the question the conversation's ladder is on


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
    tutor: TutorOutcome | None = None  # outside `direto`: the tutor's side of the answer

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
        body |= {"notice": self.notice} if self.notice else {}
        return body | ({"tutor": self.tutor.to_dict()} if self.tutor else {})


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
        tutor: TutorModes | None = None,
    ) -> None:
        self._courses = courses
        self._tutor = tutor or TutorModes(courses)
        self._conversations = conversations
        self._retriever = retriever
        self._model = model
        self._rewriter = rewriter or model
        self._metrics = metrics
        self._config = config or ChatConfig()
        self._analyzer = Analyzer()
        self._extractive = ExtractiveAnswerer()
        self._turns = TutorTurns(retriever, self._extractive, model, self._config.max_tokens)

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
        action: TutorAction = TutorAction.ASK,
        scope: frozenset[str] | None = None,
    ) -> PreparedChat:
        """Validate, load the conversation, plan the tutor's turn (409 off its ladder),
        retrieve, decide; may raise a JSON-able AppError.

        `message` is the question (`ask`), the student's own answer (`attempt`) or the words
        of the button pressed (`hint`, `reveal`: the ladder's open question is searched).
        Without a course, the question searches `scope` (the courses the asker may read,
        None: all) in the strictest mode among them.
        """
        question = " ".join(message.split())
        if not question:
            raise AppError("Escreva uma pergunta.", "bad_request:message")
        if len(question) > MAX_QUESTION_CHARS:
            raise AppError(
                f"A pergunta pode ter até {MAX_QUESTION_CHARS} caracteres.", "bad_request:message"
            )
        if collection_id is not None and self._courses.get_collection(collection_id) is None:
            raise NotFound(f"A coleção '{collection_id}' não existe.", "not_found:collection")
        conversation = self._conversation(conversation_id, client_id)
        history = _turns(conversation)
        plan = plan_turn(self._tutor.mode_for(collection_id, scope), action, conversation)
        query = plan.query or self._standalone(question, history, budget)
        retrieval_started = time.monotonic()
        searched = collection_id if collection_id is not None else scope
        found = self._evidence(query, searched)
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
        prepared.plan, prepared.ladder_question = plan, query
        asked = plan.query or question  # the question the reply is about
        language = detect_language(asked)
        if should_refuse(found[1], self._config.refusal):
            prepared.answer = refusal_answer(asked, language, self._suggestions(passages))
            prepared.ladder_question = None
            return prepared
        prefix = ""
        if plan.withholds or plan.action is TutorAction.ATTEMPT:
            lesson = self._turns.lesson(asked, passages, found[1], searched)
            if plan.withholds:
                self._withhold(prepared, lesson, history, budget)
                return prepared
            verdict = self._turns.verdict(lesson, question, passages, budget)
            prepared.verdict, prefix = verdict.value, self._turns.verdict_text(verdict, lesson)
            prepared.locations = list(lesson.locations)
        if self._model is None:
            prepared.answer = _prefixed(prefix, self._extractive.answer(asked, passages, found[1]))
        else:
            messages = build_messages(asked, passages, language, history)
            meter = Meter("answer", messages, self._config.max_tokens, budget)
            if meter.reserve():
                stream = metered(self._model.stream(messages), meter)
                prepared.first_tokens = started(_after(prefix, stream))
            else:  # past a token budget: answered from the passages, and told so
                answer = self._extractive.answer(asked, passages, found[1])
                prepared.answer = _prefixed(prefix, answer)
                prepared.notice = _notice(language)
        return prepared

    def _withhold(
        self,
        prepared: PreparedChat,
        lesson: Lesson,
        history: list[tuple[str, str]],
        budget: TokenBudget | None,
    ) -> None:
        """A hint or prova's places: the model's through the leak guard, or offline."""
        assert prepared.plan is not None
        withheld = self._turns.withhold(prepared.plan, lesson, prepared.passages, history, budget)
        prepared.answer, prepared.first_tokens = withheld.answer, withheld.first_tokens
        prepared.locations = withheld.locations
        if withheld.over_budget:
            prepared.notice = _notice(lesson.language)
        if withheld.level is HintLevel.NONE:  # the lesson found nothing to teach from
            prepared.answer = Answer(lesson.answer.text, [], "refused")
            prepared.ladder_question = None

    def _evidence(self, query: str, collection_id: Scope) -> tuple[Retrieval, evidence.Evidence]:
        """Retrieve, then weigh how well the passages support the question."""
        retrieval = self._retriever.search(query, collection_id, self._config.passages)
        return retrieval, self._weigh(query, collection_id, retrieval)

    def _weigh(self, query: str, collection_id: Scope, retrieval: Retrieval) -> evidence.Evidence:
        chunks, frequencies = self._retriever.term_statistics(analyse(query), collection_id)
        return evidence.gather(
            query,
            retrieval.passages,
            retrieval.nearest_cosines,
            chunks,
            frequencies,
            lambda texts: self._retriever.similarities(retrieval, texts),
        )

    def _conversation(self, conversation_id: str | None, client_id: str) -> Conversation | None:
        if conversation_id is None:
            return None
        conversation = self._conversations.get_conversation(conversation_id, client_id)
        if conversation is None:
            raise NotFound("Conversa não encontrada.", "not_found:conversation")
        return conversation

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
            words(prepared.answer.text)
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
                prepared.ladder_question = None
            elif prepared.plan is not None and prepared.plan.withholds:  # places, no snippet
                prepared.locations = locations_for(citations, prepared.passages) or (
                    prepared.locations
                )
                answer = Answer(_MARKER.sub("", mapped).strip(), [], "llm")
        cited = [c.to_dict() for c in answer.citations]
        plan = prepared.plan
        turn = None
        if plan is not None:
            level = HintLevel.NONE if answer.mode == "refused" else plan.level
            turn = TutorTurn(plan.mode.value, plan.action.value, level, prepared.ladder_question)
        self._conversations.add_exchange(
            prepared.conversation_id,
            prepared.question,
            answer.text,
            cited,
            answer.mode,
            prepared.collection_id,
            prepared.message_id,
            prepared.new_for_client,
            turn,
        )
        self._report(prepared, answer, text)
        return ChatResult(
            answer.text,
            list(answer.citations),
            prepared.conversation_id,
            prepared.message_id,
            answer.mode,
            answer.grounded or bool(prepared.locations and answer.mode != "refused"),
            prepared.notice,
            _outcome(prepared, answer),
        )


def _outcome(prepared: PreparedChat, answer: Answer) -> TutorOutcome | None:
    """The tutor's side of the answer; None in `direto`, whose answers stay as they were."""
    plan = prepared.plan
    if plan is None or plan.mode is TutorMode.DIRETO:
        return None
    level = HintLevel.NONE if answer.mode == "refused" else plan.level
    places = () if answer.mode == "refused" else tuple(dict.fromkeys(prepared.locations))
    return TutorOutcome(plan.mode, plan.action, level, places, prepared.verdict)


def _turns(conversation: Conversation | None) -> list[tuple[str, str]]:
    """The conversation's (question, answer) pairs, oldest first."""
    turns: list[tuple[str, str]] = []
    question = None
    for message in conversation.messages if conversation is not None else ():
        if message.role == "user":
            question = message.content
        elif question is not None:
            turns.append((question, message.content))
    return turns


def _prefixed(prefix: str, answer: Answer) -> Answer:
    """`answer` after the verdict on the student's attempt (when there is one)."""
    if not prefix or answer.mode == "refused":
        return answer
    return Answer(f"{prefix} {answer.text}", answer.citations, answer.mode, answer.confidence)


def _after(prefix: str, pieces: Iterator[str]) -> Iterator[str]:
    if prefix:
        yield f"{prefix} "
    yield from pieces


def _notice(language: str) -> str:
    return _BUDGET_NOTICE[language if language in _BUDGET_NOTICE else "pt"]


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

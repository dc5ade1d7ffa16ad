"""Drafting a course's study items (issue 18): the plan, checked before anything is queued,
and the run, step by step, so a job can report its progress and resume after a crash.

Offline generation is the default. With an LLM configured the first passages of a run (at
most `StudyLlmConfig.max_passages`) go to the model a few at a time, each call metered
against the same daily token budgets as chat (the course spends like one client, and every
call spends the global ceiling); past a budget, or when the model fails, the remaining
passages are drafted offline. A reply that is not the JSON asked for drafts its passages
offline; items that fail a check (an answer not in its passage, a citation out of range) are
dropped, never stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from chatgepeto.errors import AppError, Conflict, NotFound
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.lesson import Rarity
from chatgepeto.generation.types import ChatModel
from chatgepeto.language.detect import detect_language
from chatgepeto.retrieval.retriever import Retriever
from chatgepeto.services.library import Library
from chatgepeto.services.metering import Meter, TokenBudget
from chatgepeto.storage.roles import Passages, StudyBank
from chatgepeto.storage.types import ChunkRecord, Document, DocumentStatus, NewStudyItem
from chatgepeto.storage.types import StudyProgress as Progress
from chatgepeto.study.distractors import DistractorPool
from chatgepeto.study.generate import generate_items
from chatgepeto.study.items import Source, StudyItem
from chatgepeto.study.llm_items import build_messages, parse_reply
from chatgepeto.study.topics import Topics

log = logging.getLogger(__name__)

OFFLINE, LLM = "offline", "llm"


@dataclass(frozen=True)
class Plan:
    """What one generation drafts from (`chosen`) and the course around it (`course`: its
    term statistics and distractors)."""

    collection_id: str
    chosen: list[Source]
    course: list[Source]


@dataclass(frozen=True)
class StudyLlmConfig:
    """How a run uses the model: the most passages it sends (the rest go offline), how many
    go in one call, and how many items it asks of each."""

    max_passages: int = 50
    batch: int = 4
    per_passage: int = 2


@dataclass(frozen=True)
class Drafted:
    """A run's final progress and the ids of every item it made."""

    progress: Progress
    item_ids: list[str]


@dataclass(frozen=True)
class _Reply:
    """One model call: its items, or None (draft the batch offline); `stop`: no more calls."""

    items: list[StudyItem] | None
    stop: bool = False


def _passage(chunk: ChunkRecord) -> Source:
    return Source(
        document_id=chunk.document_id,
        title=chunk.title,
        page=chunk.page,
        passage_id=chunk.id,
        passage_text=chunk.text,
    )


def _not_ready(document: Document) -> Conflict:
    return Conflict(
        f"O documento '{document.title}' ainda não está pronto (indexado): "
        "gere os itens quando ele estiver pronto.",
        "conflict:not_ready",
    )


def _range_error(message: str) -> AppError:
    return AppError(message, "bad_request:page_range")


def plan_generation(
    library: Library,
    passages: Passages,
    collection_id: str,
    document_id: str | None = None,
    first_page: int | None = None,
    last_page: int | None = None,
) -> Plan:
    """The passages to draft from: the course's, a document's or a page range's; 404 unknown
    course or document, 409 not ready, 400 bad range."""
    library.require_collection(collection_id)
    listed = library.list_documents(collection_id)
    documents = [d for d in listed if d.status is DocumentStatus.READY]
    course = [_passage(c) for d in documents for c in passages.document_chunks(d.id)]
    if document_id is None:
        if first_page is not None or last_page is not None:
            raise _range_error("Um intervalo de páginas precisa de um documento.")
        if not course:
            raise Conflict(
                "O curso não tem documentos prontos (indexados) para gerar itens.",
                "conflict:not_ready",
            )
        return Plan(collection_id, course, course)
    document = library.require_document(document_id)
    if document.collection_id != collection_id:
        raise NotFound(
            f"O documento não pertence à coleção '{collection_id}'.", "not_found:document"
        )
    if document.status is not DocumentStatus.READY:
        raise _not_ready(document)
    chosen = [p for p in course if p.document_id == document_id]
    return Plan(collection_id, _in_range(document, chosen, first_page, last_page), course)


def _in_range(
    document: Document, passages: list[Source], first_page: int | None, last_page: int | None
) -> list[Source]:
    if first_page is None and last_page is None:
        return passages
    if document.pages is None:
        raise _range_error("Este documento não tem páginas: gere do documento inteiro.")
    first = 1 if first_page is None else first_page
    last = document.pages if last_page is None else last_page
    if first < 1 or last < first:
        raise _range_error(f"Intervalo de páginas vazio: {first}-{last}.")
    if last > document.pages:
        raise _range_error(
            f"O documento tem {document.pages} páginas: o intervalo {first}-{last} passa do fim."
        )
    inside = [p for p in passages if p.page is not None and first <= p.page <= last]
    if not inside:
        raise _range_error(f"Nenhum trecho nas páginas {first}-{last}.")
    return inside


def new_item(collection_id: str, item: StudyItem) -> NewStudyItem:
    """A drafted item as the bank stores it."""
    return NewStudyItem(
        id=item.id,
        collection_id=collection_id,
        document_id=item.source.document_id,
        page=item.source.page,
        chunk_id=item.source.passage_id,
        passage=item.source.passage_text,
        kind=item.kind,
        question=item.question,
        answer=item.answer,
        options=item.distractors,
    )


class Drafter:
    """Drafts a plan's items into the bank, one step (a model call, or a document's
    passages offline) at a time."""

    def __init__(
        self,
        bank: StudyBank,
        retriever: Retriever,
        model: ChatModel | None = None,
        budget: Callable[[str], TokenBudget | None] | None = None,
        config: StudyLlmConfig | None = None,
        max_tokens: int = 2048,
    ) -> None:
        self._bank = bank
        self._retriever = retriever
        self._model = model
        self._budget = budget or (lambda _course: None)
        self._config = config or StudyLlmConfig()
        self._max_tokens = max_tokens

    def draft(
        self,
        plan: Plan,
        resume: Progress | None = None,
        on_step: Callable[[Progress], None] | None = None,
    ) -> Drafted:
        """Draft `plan.chosen` from passage `resume.done` on (0 without), calling `on_step`
        after each step; the passages a resumed run already did count against its model cap."""
        passages, total = plan.chosen, len(plan.chosen)
        state = resume or Progress(0, total, 0, 0, OFFLINE)
        state = Progress(min(state.done, total), total, state.created, state.generated, state.mode)
        made: list[str] = []
        terms = sorted({t for p in plan.course for t in analyse(p.passage_text)})
        chunks, frequencies = self._retriever.term_statistics(terms, plan.collection_id)
        rarity = Rarity(chunks, frequencies)
        pool = DistractorPool.of(plan.course, Topics.of(plan.course, rarity))
        model_left = 0 if self._model is None else max(0, self._config.max_passages - state.done)
        budget = self._budget(plan.collection_id) if self._model is not None else None
        start = state.done
        while start < total:
            end = start
            while end < total and passages[end].document_id == passages[start].document_id:
                end += 1  # one document's passages: offline generation reads them together
            while model_left > 0 and start < end:
                batch = passages[start : min(end, start + self._config.batch, start + model_left)]
                reply = self._ask(batch, budget)
                if reply.stop:
                    model_left = 0
                    break
                model_left -= len(batch)
                items = reply.items
                if items is None:  # not the JSON asked for: this batch goes offline
                    items = generate_items(batch, rarity, pool)
                state = self._store(plan, state, len(batch), items, made, reply.items is not None)
                start += len(batch)
                if on_step is not None:
                    on_step(state)
            if start < end:
                items = generate_items(passages[start:end], rarity, pool)
                state = self._store(plan, state, end - start, items, made, False)
                start = end
                if on_step is not None:
                    on_step(state)
        return Drafted(state, made)

    def _store(
        self,
        plan: Plan,
        state: Progress,
        passages: int,
        items: Sequence[StudyItem],
        made: list[str],
        by_model: bool,
    ) -> Progress:
        created = self._bank.add_items([new_item(plan.collection_id, i) for i in items])
        made.extend(i.id for i in items)
        return Progress(
            state.done + passages,
            state.total,
            state.created + created,
            state.generated + len(items),
            LLM if by_model or state.mode == LLM else OFFLINE,
        )

    def _ask(self, batch: Sequence[Source], budget: TokenBudget | None) -> _Reply:
        assert self._model is not None
        language = detect_language(" ".join(p.passage_text for p in batch))
        messages = build_messages(batch, language, self._config.per_passage)
        meter = Meter("study", messages, self._max_tokens, budget)
        if not meter.reserve():
            log.info("study generation past the token budget; the rest goes offline")
            return _Reply(None, stop=True)
        text = ""
        try:
            text = self._model.complete(messages)
        except AppError as exc:
            log.warning("study generation: the model failed (%s); the rest goes offline", exc.code)
            return _Reply(None, stop=True)
        finally:
            meter.finish(len(text))
        parsed = parse_reply(text, batch)
        for rejection in parsed.rejected:
            log.info("study item from the model dropped: %s", rejection.problem)
        if any(r.problem in {"malformed_json", "schema"} for r in parsed.rejected):
            return _Reply(None)
        return _Reply(parsed.items)

"""Study tools (issue 18): a course's question bank generated offline from its passages,
the teacher's review, students' spaced practice (FSRS) and quizzes, exports, statistics.

Generation runs synchronously here (the background job kind is a later step). While a course
is in prova its items are hidden from students: every student call answers 409.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Literal

from chatgepeto.errors import AppError, Conflict, NotFound
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.lesson import Rarity
from chatgepeto.generation.tutor.modes import TutorMode
from chatgepeto.retrieval.retriever import Retriever
from chatgepeto.services.library import Library
from chatgepeto.services.tutor import SCHOOL_TIME, TutorModes
from chatgepeto.storage.roles import Passages, StudyBank
from chatgepeto.storage.types import (
    ChunkRecord,
    Document,
    DocumentStatus,
    ItemTally,
    NewStudyItem,
    StudyCard,
    StudyItemRecord,
)
from chatgepeto.study import schedule
from chatgepeto.study.distractors import DistractorPool
from chatgepeto.study.export.anki import write_apkg
from chatgepeto.study.export.moodle import moodle_xml
from chatgepeto.study.export.table import items_csv
from chatgepeto.study.generate import generate_items
from chatgepeto.study.items import Source, StudyItem
from chatgepeto.study.text import normalise
from chatgepeto.study.topics import Topics

STATUSES = ("draft", "approved", "rejected")
ExportFormat = Literal["apkg", "moodle", "csv"]
EXPORTS: dict[str, tuple[str, str]] = {
    "apkg": ("application/octet-stream", "apkg"),
    "moodle": ("application/xml", "xml"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}
# Kinds a student answers by typing or choosing; flashcards and clozes are flipped and graded.
QUIZ_KINDS = frozenset({"multiple_choice", "short_answer", "cloze"})
# How many missed pages the teacher's statistics list.
MISSED_PAGES = 10


@dataclass(frozen=True)
class Generated:
    """What one generation stored: new drafts, and items made that were already stored."""

    created: int
    generated: int
    items: list[StudyItemRecord]


@dataclass(frozen=True)
class DueCard:
    """An approved item a student should practise now, with its card (None: never seen)."""

    item: StudyItemRecord
    card: StudyCard | None


@dataclass(frozen=True)
class DueCards:
    """The cards due now (at most the limit) and how many are due before today ends."""

    cards: list[DueCard]
    due_today: int


@dataclass(frozen=True)
class QuizVerdict:
    """A quiz answer's verdict with the item (its passage, page and document) and the card."""

    correct: bool
    item: StudyItemRecord
    card: StudyCard


@dataclass(frozen=True)
class ExportFile:
    """An export's bytes, content type and file name."""

    data: bytes
    mimetype: str
    filename: str


@dataclass(frozen=True)
class ItemStats:
    """How the students answered one item."""

    item: StudyItemRecord
    answers: int
    students: int
    correct: int

    @property
    def share_correct(self) -> float | None:
        """Correct answers over answers (None before any)."""
        return round(self.correct / self.answers, 4) if self.answers else None


@dataclass(frozen=True)
class MissedPage:
    """A page behind missed items: wrong answers there and the items missed."""

    document_id: str
    title: str
    page: int | None
    misses: int
    items: int


@dataclass(frozen=True)
class StudyStats:
    """Per-item answers and the pages the class misses most ("o que a turma mais erra")."""

    items: list[ItemStats]
    missed_pages: list[MissedPage]


def to_source(record: StudyItemRecord) -> Source:
    """The source of a stored item, as the study core reads it."""
    return Source(
        document_id=record.document_id,
        title=record.title,
        page=record.page,
        passage_id=record.chunk_id,
        passage_text=record.passage,
    )


def to_study_item(record: StudyItemRecord) -> StudyItem:
    """A stored item as the exports read it."""
    return StudyItem(
        id=record.id,
        kind=record.kind,  # type: ignore[arg-type]  # stored from ItemKind
        question=record.question,
        answer=record.answer,
        distractors=record.options,
        source=to_source(record),
    )


def _passage(chunk: ChunkRecord) -> Source:
    return Source(
        document_id=chunk.document_id,
        title=chunk.title,
        page=chunk.page,
        passage_id=chunk.id,
        passage_text=chunk.text,
    )


def _new_item(collection_id: str, item: StudyItem) -> NewStudyItem:
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


def _card_id(item_id: str) -> int:
    """fsrs numbers its cards: a stable number per item."""
    return zlib.crc32(item_id.encode()) or 1


def _not_ready(document: Document) -> Conflict:
    return Conflict(
        f"O documento '{document.title}' ainda não está pronto (indexado): "
        "gere os itens quando ele estiver pronto.",
        "conflict:not_ready",
    )


def _range_error(message: str) -> AppError:
    return AppError(message, "bad_request:page_range")


class Study:
    """The question bank of each course and the students' practice of it."""

    def __init__(
        self,
        bank: StudyBank,
        passages: Passages,
        library: Library,
        retriever: Retriever,
        tutor: TutorModes,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._bank = bank
        self._passages = passages
        self._library = library
        self._retriever = retriever
        self._tutor = tutor
        self._clock = clock or tutor.now

    def now(self) -> datetime:
        """The current moment (UTC), from the injectable clock."""
        return self._clock()

    # The teacher's side.

    def generate(
        self,
        collection_id: str,
        document_id: str | None = None,
        first_page: int | None = None,
        last_page: int | None = None,
    ) -> Generated:
        """Draft items from a course, one of its documents or a page range of one (offline,
        with the course's term statistics from the lexical index and distractors from the
        whole course); 404 unknown course or document, 409 not ready, 400 bad range."""
        self._library.require_collection(collection_id)
        listed = self._library.list_documents(collection_id)
        documents = [d for d in listed if d.status is DocumentStatus.READY]
        course = [_passage(c) for d in documents for c in self._passages.document_chunks(d.id)]
        if document_id is None:
            if first_page is not None or last_page is not None:
                raise _range_error("Um intervalo de páginas precisa de um documento.")
            if not course:
                raise Conflict(
                    "O curso não tem documentos prontos (indexados) para gerar itens.",
                    "conflict:not_ready",
                )
            chosen = course
        else:
            chosen = self._chosen(collection_id, document_id, first_page, last_page, course)
        terms = sorted({t for p in course for t in analyse(p.passage_text)})
        chunks, frequencies = self._retriever.term_statistics(terms, collection_id)
        rarity = Rarity(chunks, frequencies)
        pool = DistractorPool.of(course, Topics.of(course, rarity))
        items = generate_items(chosen, rarity, pool)
        created = self._bank.add_items([_new_item(collection_id, i) for i in items])
        wanted = {i.id for i in items}
        stored = [r for r in self._bank.list_items(collection_id) if r.id in wanted]
        return Generated(created, len(items), stored)

    def _chosen(
        self,
        collection_id: str,
        document_id: str,
        first_page: int | None,
        last_page: int | None,
        course: list[Source],
    ) -> list[Source]:
        document = self._library.require_document(document_id)
        if document.collection_id != collection_id:
            raise NotFound(
                f"O documento não pertence à coleção '{collection_id}'.", "not_found:document"
            )
        if document.status is not DocumentStatus.READY:
            raise _not_ready(document)
        passages = [p for p in course if p.document_id == document_id]
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
                f"O documento tem {document.pages} páginas: "
                f"o intervalo {first}-{last} passa do fim."
            )
        inside = [p for p in passages if p.page is not None and first <= p.page <= last]
        if not inside:
            raise _range_error(f"Nenhum trecho nas páginas {first}-{last}.")
        return inside

    def list_items(self, collection_id: str, status: str | None = None) -> list[StudyItemRecord]:
        """A course's items, optionally of one status (400 on another)."""
        self._library.require_collection(collection_id)
        return self._bank.list_items(collection_id, self._status(status))

    def edit_item(
        self,
        item_id: str,
        question: str | None = None,
        answer: str | None = None,
        options: Sequence[str] | None = None,
        status: str | None = None,
    ) -> StudyItemRecord:
        """Change an item's question, answer, wrong options or status; its source stays."""
        return self._bank.update_item(item_id, question, answer, options, self._status(status))

    def approve(self, collection_id: str, item_ids: Sequence[str] | None = None) -> int:
        """Approve these items of the course (None: every draft); how many."""
        self._library.require_collection(collection_id)
        return self._bank.set_status(collection_id, "approved", item_ids)

    def export(self, collection_id: str, fmt: str) -> ExportFile:
        """The course's approved items as an Anki deck, Moodle XML or CSV."""
        course = self._library.require_collection(collection_id)
        if fmt not in EXPORTS:
            raise AppError(
                "Formato inválido: use apkg, moodle ou csv.", "bad_request:export_format"
            )
        items = [to_study_item(r) for r in self._bank.list_items(collection_id, "approved")]
        mimetype, suffix = EXPORTS[fmt]
        if fmt == "apkg":
            out = io.BytesIO()
            write_apkg(items, course.name, out)
            data = out.getvalue()
        elif fmt == "moodle":
            data = moodle_xml(items, course.name)
        else:
            data = items_csv(items).encode("utf-8")
        return ExportFile(data, mimetype, f"{course.id}.{suffix}")

    def stats(self, collection_id: str) -> StudyStats:
        """Per item of the course: answers, students and share correct; the pages behind the
        most missed items."""
        self._library.require_collection(collection_id)
        items = {r.id: r for r in self._bank.list_items(collection_id)}
        tallies = {t.item_id: t for t in self._bank.tallies(collection_id)}
        rows = [
            ItemStats(item, t.answers, t.students, t.correct)
            for item in items.values()
            for t in [tallies.get(item.id, ItemTally(item.id, 0, 0, 0))]
        ]
        rows.sort(key=lambda r: (-(r.answers - r.correct), -r.answers, r.item.id))
        pages: dict[tuple[str, int | None], list[ItemStats]] = {}
        for row in rows:
            if row.answers > row.correct:
                pages.setdefault((row.item.document_id, row.item.page), []).append(row)
        missed = [
            MissedPage(
                document_id,
                found[0].item.title,
                page,
                sum(r.answers - r.correct for r in found),
                len(found),
            )
            for (document_id, page), found in pages.items()
        ]
        missed.sort(key=lambda m: (-m.misses, m.document_id, m.page or 0))
        return StudyStats(rows, missed[:MISSED_PAGES])

    # The students' side.

    def due(self, collection_id: str, client_id: str, limit: int = 20) -> DueCards:
        """Approved items due now for this client (never-seen ones too), and how many are
        due before the day ends (school time); 409 in prova."""
        self._open_for_students(collection_id)
        items = self._bank.list_items(collection_id, "approved")
        cards = self._bank.cards(client_id, [i.id for i in items])
        now = self.now()
        tonight = datetime.combine(
            now.astimezone(SCHOOL_TIME).date() + timedelta(days=1), time(), SCHOOL_TIME
        ).astimezone(UTC)
        due_now = [
            DueCard(i, cards.get(i.id))
            for i in items
            if i.id not in cards or cards[i.id].due <= now
        ]
        due_now.sort(key=lambda c: (c.card is None, c.card.due if c.card else now))
        today = sum(1 for i in items if i.id not in cards or cards[i.id].due < tonight)
        return DueCards(due_now[:limit], today)

    def grade(self, item_id: str, client_id: str, grade: int) -> StudyCard:
        """Schedule the card after the student's grade (1 Again ... 4 Easy)."""
        item = self._student_item(item_id)
        return self._review(item, client_id, grade, grade > schedule.Grade.AGAIN, grade)

    def answer(self, item_id: str, client_id: str, answer: str) -> QuizVerdict:
        """The verdict on a quiz answer (case, accents and spacing aside), with the cited
        passage; a right answer counts as Good for the card, a wrong one as Again."""
        item = self._student_item(item_id)
        if item.kind not in QUIZ_KINDS:
            raise AppError(
                "Cartões são avaliados com as notas 1 a 4, não respondidos.",
                "bad_request:study_kind",
            )
        correct = normalise(answer) == normalise(item.answer)
        grade = schedule.Grade.GOOD if correct else schedule.Grade.AGAIN
        card = self._review(item, client_id, int(grade), correct, None)
        return QuizVerdict(correct, item, card)

    def forget(self, client_id: str) -> None:
        """Delete this client's cards and answers (with the rest of its history)."""
        self._bank.forget_client(client_id)

    def _review(
        self, item: StudyItemRecord, client_id: str, grade: int, correct: bool, rating: int | None
    ) -> StudyCard:
        now = self.now()
        known = self._bank.cards(client_id, [item.id]).get(item.id)
        state = known.state if known is not None else schedule.new_card(_card_id(item.id), now)
        after = schedule.review(state, grade, now)  # type: ignore[arg-type]
        card = StudyCard(item.id, dict(after), schedule.due_at(after))
        self._bank.record_review(client_id, card, correct, rating, now)
        return card

    def _student_item(self, item_id: str) -> StudyItemRecord:
        item = self._bank.get_item(item_id)
        if item is None or item.status != "approved":
            raise NotFound("Item de estudo não encontrado.", "not_found:study_item")
        self._open_for_students(item.collection_id)
        return item

    def _open_for_students(self, collection_id: str) -> None:
        self._library.require_collection(collection_id)
        if self._tutor.mode_for(collection_id) is TutorMode.PROVA:
            raise Conflict(
                "O curso está em modo prova: os estudos voltam quando a prova terminar.",
                "conflict:study_in_exam",
            )

    @staticmethod
    def _status(status: str | None) -> str | None:
        if status is not None and status not in STATUSES:
            raise AppError(
                "Status inválido: use draft, approved ou rejected.", "bad_request:study_status"
            )
        return status

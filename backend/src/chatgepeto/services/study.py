"""Study tools (issue 18): a course's question bank generated offline from its passages,
the teacher's review, students' spaced practice (FSRS) and quizzes, exports, statistics.

`generate` drafts synchronously (tests, the CLI); the API calls `start_generation`, which checks
the request at once and queues a study job the worker runs (services/study_jobs.py). While a
course is in prova its items are hidden from students: every student call answers 409.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Literal

from chatgepeto.errors import AppError, Conflict, NotFound
from chatgepeto.generation.tutor.modes import TutorMode
from chatgepeto.retrieval.retriever import Retriever
from chatgepeto.services.library import Library
from chatgepeto.services.study_generation import Drafter, plan_generation
from chatgepeto.services.tutor import SCHOOL_TIME, TutorModes
from chatgepeto.storage.roles import Passages, StudyBank, StudyJobs
from chatgepeto.storage.types import ItemTally, StudyCard, StudyItemRecord, StudyJob
from chatgepeto.study import schedule
from chatgepeto.study.export.anki import write_apkg
from chatgepeto.study.export.moodle import moodle_xml
from chatgepeto.study.export.table import items_csv
from chatgepeto.study.items import Source, StudyItem
from chatgepeto.study.text import normalise

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


def _card_id(item_id: str) -> int:
    """fsrs numbers its cards: a stable number per item."""
    return zlib.crc32(item_id.encode()) or 1


class Study:
    """The question bank of each course and the students' practice of it."""

    def __init__(
        self,
        bank: StudyBank,
        jobs: StudyJobs,
        passages: Passages,
        library: Library,
        retriever: Retriever,
        tutor: TutorModes,
        clock: Callable[[], datetime] | None = None,
        drafter: Drafter | None = None,
    ) -> None:
        self._bank = bank
        self._passages = passages
        self._library = library
        self._tutor = tutor
        self._clock = clock or tutor.now
        self._jobs = jobs
        self._drafter = drafter or Drafter(bank, retriever)

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
        """Draft items now from a course, one of its documents or a page range of one (with
        the course's term statistics from the lexical index and distractors from the whole
        course); 404 unknown course or document, 409 not ready, 400 bad range."""
        plan = plan_generation(
            self._library, self._passages, collection_id, document_id, first_page, last_page
        )
        drafted = self._drafter.draft(plan)
        wanted = set(drafted.item_ids)
        stored = [r for r in self._bank.list_items(collection_id) if r.id in wanted]
        return Generated(drafted.progress.created, drafted.progress.generated, stored)

    def start_generation(
        self,
        collection_id: str,
        document_id: str | None = None,
        first_page: int | None = None,
        last_page: int | None = None,
    ) -> StudyJob:
        """Check a generation request as `generate` does (the same 400, 404 and 409) and
        queue it as a study job for the worker; the job, queued, with its passages to go."""
        plan = plan_generation(
            self._library, self._passages, collection_id, document_id, first_page, last_page
        )
        return self._jobs.enqueue(
            collection_id, document_id, first_page, last_page, len(plan.chosen)
        )

    def generation_job(self, job_id: str) -> StudyJob:
        """A study job's state, progress and result (404 `not_found:study_job`)."""
        number = int(job_id) if job_id.isascii() and job_id.isdigit() else None
        found = self._jobs.get(number) if number is not None and number < 2**31 else None
        if found is None:
            raise NotFound("Geração de itens não encontrada.", "not_found:study_job")
        return found

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

"""Study tools (issue 18): the teacher generates, reviews, exports and reads statistics of a
course's question bank; students (their signed client id) practise its approved items."""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, request

from chatgepeto.api import schemas
from chatgepeto.api.client_id import client_id
from chatgepeto.api.context import services
from chatgepeto.api.serializers import (
    quiz_verdict_out,
    send,
    study_card_out,
    study_due_out,
    study_item_out,
    study_job_out,
    study_stats_out,
)
from chatgepeto.api.validation import (
    DUE_LIMIT,
    FILE,
    MAX_DUE_LIMIT,
    AnswerBody,
    ApproveBody,
    GenerateBody,
    GradeBody,
    StudyDueQuery,
    StudyExportQuery,
    StudyItemEdit,
    StudyItemsQuery,
    documented,
    parse_body,
)
from chatgepeto.api.viewer import guarded, teacher_only
from chatgepeto.errors import AppError
from chatgepeto.services.access import Item

bp = Blueprint("study", __name__)


@bp.post("/api/collections/<collection_id>/study/generate")
@teacher_only
@guarded(Item.COURSE, write=True)
@documented(
    body=GenerateBody,
    response=schemas.StudyJobOut,
    responses={
        202: "Queued: the worker drafts the items; poll GET /api/study/jobs/{job_id}",
        400: "An empty page range, one past the document's pages, or a range without document",
        404: "Unknown collection or document",
        409: "The document (or every document of the course) is not ready yet",
    },
)
def generate(collection_id: str) -> tuple[Response, int]:
    """Queue the drafting of study items from a course, a document or a page range."""
    body = parse_body(GenerateBody)
    job = services().study.start_generation(
        collection_id, body.document_id, body.first_page, body.last_page
    )
    return send(study_job_out(job), 202)


@bp.get("/api/study/jobs/<job_id>")
@teacher_only
@guarded(Item.STUDY_JOB, write=True)
@documented(
    response=schemas.StudyJobOut,
    responses={200: "The job's state, progress and, once done, its result", 404: "Unknown job"},
)
def generation_job(job_id: str) -> tuple[Response, int]:
    """A study generation job: queued, running (passages done of total), done or failed."""
    return send(study_job_out(services().study.generation_job(job_id)))


@bp.get("/api/collections/<collection_id>/study/items")
@teacher_only
@guarded(Item.COURSE, write=True)
@documented(
    query=StudyItemsQuery,
    response=schemas.StudyItemList,
    responses={
        200: "The course's items (?status=draft|approved|rejected)",
        400: "Unknown status",
        404: "Unknown collection",
    },
)
def list_items(collection_id: str) -> tuple[Response, int]:
    """A course's question bank, optionally of one status."""
    found = services().study.list_items(collection_id, request.args.get("status") or None)
    return send(schemas.StudyItemList(items=[study_item_out(i) for i in found]))


@bp.patch("/api/study/items/<item_id>")
@teacher_only
@guarded(Item.STUDY_ITEM, write=True)
@documented(
    body=StudyItemEdit,
    response=schemas.StudyItemOut,
    responses={200: "Edited (the source stays)", 404: "Unknown item"},
)
def edit_item(item_id: str) -> tuple[Response, int]:
    """Edit an item's question, answer or wrong options, or approve or reject it."""
    body = parse_body(StudyItemEdit)
    item = services().study.edit_item(
        item_id, body.question, body.answer, body.distractors, body.status
    )
    return send(study_item_out(item))


@bp.post("/api/collections/<collection_id>/study/approve")
@teacher_only
@guarded(Item.COURSE, write=True)
@documented(
    body=ApproveBody,
    response=schemas.StudyApproved,
    responses={200: "Approved", 404: "Unknown collection"},
)
def approve(collection_id: str) -> tuple[Response, int]:
    """Approve items of the course in bulk (without ids: every draft)."""
    body = parse_body(ApproveBody)
    return send(schemas.StudyApproved(approved=services().study.approve(collection_id, body.ids)))


@bp.get("/api/collections/<collection_id>/study/export")
@teacher_only
@guarded(Item.COURSE, write=True)
@documented(
    query=StudyExportQuery,
    response=FILE,
    responses={
        200: "The approved items: ?format=apkg (Anki), moodle (Moodle XML) or csv",
        400: "Unknown format",
        404: "Unknown collection",
    },
)
def export(collection_id: str) -> Response:
    """Export the approved items with their source (document and page)."""
    found = services().study.export(collection_id, request.args.get("format") or "")
    response = Response(found.data, mimetype=found.mimetype)
    response.headers["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(found.filename)}"
    )
    return response


@bp.get("/api/collections/<collection_id>/study/stats")
@teacher_only
@guarded(Item.COURSE, write=True)
@documented(
    response=schemas.StudyStatsOut,
    responses={200: "Per-item answers and the most missed pages", 404: "Unknown collection"},
)
def stats(collection_id: str) -> tuple[Response, int]:
    """How the students answered each item, and the pages behind the most missed ones."""
    return send(study_stats_out(services().study.stats(collection_id)))


@bp.get("/api/collections/<collection_id>/study/due")
@guarded(Item.COURSE)
@documented(
    query=StudyDueQuery,
    response=schemas.StudyDueOut,
    responses={
        200: "This client's cards due now (?limit=, 1-200) and the count due today",
        400: "A bad limit",
        404: "Unknown collection",
        409: "The course is in prova",
    },
)
def due(collection_id: str) -> tuple[Response, int]:
    """The approved items this student should practise now."""
    return send(study_due_out(services().study.due(collection_id, client_id(), _limit())))


@bp.post("/api/study/items/<item_id>/review")
@guarded(Item.STUDY_ITEM)
@documented(
    body=GradeBody,
    response=schemas.StudyCardOut,
    responses={
        200: "Scheduled (FSRS)",
        404: "Unknown or unapproved item",
        409: "The course is in prova",
    },
)
def review(item_id: str) -> tuple[Response, int]:
    """Grade a card 1-4 (Again, Hard, Good, Easy); says when it comes back."""
    body = parse_body(GradeBody)
    return send(study_card_out(services().study.grade(item_id, client_id(), body.grade)))


@bp.post("/api/study/items/<item_id>/answer")
@guarded(Item.STUDY_ITEM)
@documented(
    body=AnswerBody,
    response=schemas.QuizVerdictOut,
    responses={
        200: "Correct or not, with the cited passage, page and document",
        400: "A flashcard (graded, not answered)",
        404: "Unknown or unapproved item",
        409: "The course is in prova",
    },
)
def answer(item_id: str) -> tuple[Response, int]:
    """Answer a quiz item: the verdict at once, with the passage it comes from."""
    body = parse_body(AnswerBody)
    return send(quiz_verdict_out(services().study.answer(item_id, client_id(), body.answer)))


@bp.delete("/api/study/history")
@documented(responses={204: "This client's cards and answers deleted"})
def forget() -> tuple[str, int]:
    """Delete this student's study history (cards and answers)."""
    services().study.forget(client_id())
    return "", 204


def _limit() -> int:
    raw = request.args.get("limit")
    if raw is None:
        return DUE_LIMIT
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_DUE_LIMIT:
        raise AppError(
            f"'limit' deve ser um inteiro de 1 a {MAX_DUE_LIMIT}.", "bad_request:validation"
        )
    return int(raw)

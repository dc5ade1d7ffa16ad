"""Service records as the response models the API promises (`api/schemas.py`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal, cast

from flask import Response, jsonify
from pydantic import BaseModel

from chatgepeto.api import schemas
from chatgepeto.generation.types import is_grounded
from chatgepeto.retrieval.types import RetrievedChunk
from chatgepeto.services.accounts import Invitation
from chatgepeto.services.chat import ChatResult
from chatgepeto.services.conversations import Insights
from chatgepeto.services.sources import Source
from chatgepeto.services.study import DueCards, QuizVerdict, StudyStats, to_study_item
from chatgepeto.services.tutor import effective_mode
from chatgepeto.storage.types import (
    ChunkRecord,
    Collection,
    Conversation,
    CourseInvitation,
    Document,
    StoredMessage,
    StudyCard,
    StudyItemRecord,
    StudyJob,
    Teacher,
)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC (SQLite hands datetimes back without their zone)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def send(model: BaseModel, status: int = 200) -> tuple[Response, int]:
    """A response model as the JSON response (fields in declaration order)."""
    return jsonify(model.model_dump(mode="json", exclude_unset=True)), status


def chat_answer(result: ChatResult) -> schemas.ChatAnswer:
    """A finished answer; `notice` stays out of the body when there is none."""
    answer = schemas.ChatAnswer(
        answer=result.answer,
        citations=[schemas.CitationOut(**c.to_dict()) for c in result.citations],
        conversation_id=result.conversation_id,
        message_id=result.message_id,
        mode=result.mode,
        grounded=result.grounded,
    )
    if result.notice:
        answer.notice = result.notice  # set, so the JSON carries it
    if result.tutor is not None:
        answer.tutor = schemas.TutorStateOut(**result.tutor.to_dict())
    return answer


def collection_out(collection: Collection, owned: bool = False) -> schemas.CollectionOut:
    """A collection with its document count and its tutor mode, set and now."""
    return schemas.CollectionOut(
        id=collection.id,
        name=collection.name,
        documents=collection.documents,
        tutor_mode=cast(schemas.TutorModeName, collection.tutor_mode),
        tutor_mode_now=cast(
            schemas.TutorModeName, effective_mode(collection, datetime.now(UTC)).value
        ),
        prova_starts_at=collection.prova_starts_at,
        prova_ends_at=collection.prova_ends_at,
        visibility=cast(schemas.VisibilityName, collection.visibility),
        retention_days=collection.retention_days,
        owned=owned,
    )


def course_invitation_out(invitation: CourseInvitation) -> schemas.CourseInvitationOut:
    """A student link with its join page's path."""
    return schemas.CourseInvitationOut(
        id=invitation.id,
        course_id=invitation.course_id,
        code=invitation.code,
        path=f"/entrar/turma/{invitation.code}",
        created_at=invitation.created_at,
        expires_at=invitation.expires_at,
        revoked_at=invitation.revoked_at,
        passes=invitation.passes,
    )


def document_out(document: Document) -> schemas.DocumentOut:
    """A document with its indexing state."""
    return schemas.DocumentOut(
        id=document.id,
        title=document.title,
        filename=document.filename,
        collection=document.collection_id,
        status=cast(schemas.DocumentStatusName, document.status.value),
        error=document.error,
        error_code=document.error_code,
        pages=document.pages,
        suspect_pages=list(document.suspect_pages),
        chunks=document.chunk_count,
        progress=round(document.progress, 3),
        content_type=document.content_type,
        size_bytes=document.size_bytes,
        created_at=iso(document.created_at),
        updated_at=iso(document.updated_at),
    )


def uploaded_out(document: Document, duplicate: bool) -> schemas.UploadedDocument:
    """An upload's document and whether it was already there."""
    return schemas.UploadedDocument(**document_out(document).model_dump(), duplicate=duplicate)


def chunk_out(chunk: ChunkRecord) -> schemas.ChunkOut:
    """A passage with its document and page."""
    return schemas.ChunkOut(
        id=chunk.id,
        document_id=chunk.document_id,
        title=chunk.title,
        page=chunk.page,
        heading_path=list(chunk.heading_path),
        text=chunk.text,
        collection=chunk.collection_id,
    )


def result_out(result: RetrievedChunk, withheld: bool = False) -> schemas.SearchResultOut:
    """A ranked passage; `withheld` (prova): its place without its text."""
    return schemas.SearchResultOut(
        chunk_id=result.chunk_id,
        document_id=result.document_id,
        title=result.title,
        page=result.page,
        heading_path=list(result.heading_path),
        text="" if withheld else result.text,
        score=round(result.score, 6),
        collection=result.collection_id,
    )


def summary_out(conversation: Conversation) -> schemas.ConversationSummary:
    """A conversation without its messages."""
    return schemas.ConversationSummary(
        id=conversation.id,
        title=conversation.title,
        collection=conversation.collection_id,
        created_at=iso(conversation.created_at),
        updated_at=iso(conversation.updated_at),
    )


def conversation_out(conversation: Conversation) -> schemas.ConversationOut:
    """A conversation with its messages and their citations."""
    messages = [_message_out(m) for m in conversation.messages]
    return schemas.ConversationOut(**summary_out(conversation).model_dump(), messages=messages)


def _message_out(message: StoredMessage) -> schemas.MessageOut:
    return schemas.MessageOut.model_validate(
        {
            "id": message.id,
            "role": message.role,
            "content": message.content,
            "citations": message.citations,
            "mode": message.mode,
            # Questions are the student's own words; an answer says whether it is grounded.
            "grounded": message.role != "assistant" or is_grounded(message.mode, message.citations),
            "created_at": iso(message.created_at),
        }
    )


def insights_out(insights: Insights) -> schemas.InsightsOut:
    """The teacher's insights, dates as ISO 8601."""
    return schemas.InsightsOut(
        refused=[
            schemas.RefusedQuestionOut(question=r.question, count=r.count, last_at=iso(r.last_at))
            for r in insights.refused
        ],
        thumbs_down=[
            schemas.ThumbsDownOut(
                question=r.question, answer=r.answer, comment=r.comment, at=iso(r.at)
            )
            for r in insights.thumbs_down
        ],
        top_documents=[
            schemas.CitedDocumentOut(
                document_id=d.document_id, title=d.title, citations=d.citations
            )
            for d in insights.top_documents
        ],
        questions_per_mode=[
            schemas.ModeQuestionsOut(
                mode=cast(schemas.TutorModeName, m.mode), questions=m.questions
            )
            for m in insights.questions_per_mode
        ],
        hints_before_answer=[
            schemas.HintsBeforeAnswerOut(hints=h.hints, answers=h.answers)
            for h in insights.hints_before_answer
        ],
        prova_questions=[
            schemas.RefusedQuestionOut(question=q.question, count=q.count, last_at=iso(q.last_at))
            for q in insights.prova_questions
        ],
    )


def source_out(source: Source) -> schemas.SourceOut:
    """A cited passage in its page, with the passage's offsets and the page's headings."""
    chunk, document, page, span = source.chunk, source.document, source.page, source.span
    return schemas.SourceOut(
        chunk_id=chunk.id,
        document_id=document.id,
        title=document.title,
        filename=document.filename,
        content_type=document.content_type,
        kind=source.kind.value,
        page=chunk.page,
        page_count=document.pages,
        heading_path=list(chunk.heading_path),
        text=page.text,
        headings=[schemas.SourceHeadingOut(start=a, end=b, level=c) for a, b, c in page.headings],
        passage=schemas.SourceSpanOut(start=span[0], end=span[1]) if span else None,
        passage_text=chunk.text,
        stored=source.stored,
        file_url=f"/api/documents/{document.id}/file",
    )


def _study_source(item: StudyItemRecord) -> schemas.StudySourceOut:
    return schemas.StudySourceOut(
        document_id=item.document_id,
        title=item.title,
        page=item.page,
        chunk_id=item.chunk_id,
        passage=item.passage,
    )


def _options(item: StudyItemRecord) -> list[str]:
    return to_study_item(item).options() if item.kind == "multiple_choice" else []


def study_item_out(item: StudyItemRecord) -> schemas.StudyItemOut:
    """An item as the teacher reviews it, with its source."""
    assert item.created_at is not None and item.updated_at is not None
    return schemas.StudyItemOut(
        id=item.id,
        collection=item.collection_id,
        kind=cast(schemas.StudyKindName, item.kind),
        question=item.question,
        answer=item.answer,
        options=_options(item),
        distractors=list(item.options),
        status=cast(schemas.StudyStatusName, item.status),
        source=_study_source(item),
        created_at=iso(item.created_at),
        updated_at=iso(item.updated_at),
    )


def study_job_out(job: StudyJob) -> schemas.StudyJobOut:
    """A study job as the teacher polls it: the result only once it is done."""
    done = job.state == "done"
    return schemas.StudyJobOut(
        id=str(job.id),
        collection_id=job.collection_id,
        status=cast(schemas.StudyJobStatus, job.state),
        progress=schemas.StudyJobProgress(done=job.done, total=job.total),
        created=job.created if done else None,
        generated=job.generated if done else None,
        mode=cast(Literal["offline", "llm"], job.mode) if done else None,
        error=job.error if job.state == "failed" else None,
    )


StudyPhase = Literal["learning", "review", "relearning"]


def study_card_out(card: StudyCard) -> schemas.StudyCardOut:
    """When a student's card comes back."""
    phases = {1: "learning", 2: "review", 3: "relearning"}
    return schemas.StudyCardOut(
        item_id=card.item_id,
        due=iso(card.due),
        phase=cast(StudyPhase, phases.get(int(card.state.get("state") or 1), "learning")),
    )


def study_due_out(due: DueCards) -> schemas.StudyDueOut:
    """The cards due now, a quiz's answer held back until the student answers."""
    cards = [
        schemas.StudentItemOut(
            id=c.item.id,
            kind=cast(schemas.StudyKindName, c.item.kind),
            question=c.item.question,
            answer=c.item.answer if c.item.kind == "flashcard" else None,
            options=_options(c.item),
            source=_study_source(c.item),
            due=iso(c.card.due) if c.card is not None else None,
        )
        for c in due.cards
    ]
    return schemas.StudyDueOut(due_today=due.due_today, cards=cards)


def quiz_verdict_out(verdict: QuizVerdict) -> schemas.QuizVerdictOut:
    """A quiz answer's verdict with the cited passage."""
    return schemas.QuizVerdictOut(
        correct=verdict.correct,
        answer=verdict.item.answer,
        source=_study_source(verdict.item),
        card=study_card_out(verdict.card),
    )


def study_stats_out(stats: StudyStats) -> schemas.StudyStatsOut:
    """Per-item answers and the most missed pages."""
    return schemas.StudyStatsOut(
        items=[
            schemas.StudyItemStatsOut(
                item=study_item_out(row.item),
                answers=row.answers,
                students=row.students,
                correct=row.correct,
                share_correct=row.share_correct,
            )
            for row in stats.items
        ],
        missed_pages=[schemas.MissedPageOut(**m.__dict__) for m in stats.missed_pages],
    )


def teacher_out(teacher: Teacher) -> schemas.TeacherOut:
    """A teacher's account, without its hashes."""
    return schemas.TeacherOut(id=teacher.id, email=teacher.email, name=teacher.name)


def invitation_out(invitation: Invitation) -> schemas.InvitationOut:
    """A link to hand over: its token and the web app's page that takes it."""
    return schemas.InvitationOut(
        teacher=teacher_out(invitation.teacher),
        token=invitation.token,
        path=invitation.path,
        expires_at=iso(invitation.expires_at),
    )

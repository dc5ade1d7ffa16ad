"""The question bank, students' cards and their reviews over SQLAlchemy Core (issue 18)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, case, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from chatgepeto.errors import NotFound
from chatgepeto.storage import schema as s
from chatgepeto.storage.clock import now
from chatgepeto.storage.types import ItemTally, NewStudyItem, StudyCard, StudyItemRecord

_ITEM_COLUMNS = (*s.study_items.c, s.documents.c.title)


def _aware(moment: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _item(row: Any) -> StudyItemRecord:
    m = row._mapping
    return StudyItemRecord(
        id=m["id"],
        collection_id=m["collection_id"],
        document_id=m["document_id"],
        page=m["page"],
        chunk_id=m["chunk_id"],
        passage=m["passage"],
        kind=m["kind"],
        question=m["question"],
        answer=m["answer"],
        options=tuple(json.loads(m["options"] or "[]")),
        status=m["status"],
        title=m["title"],
        created_at=_aware(m["created_at"]),
        updated_at=_aware(m["updated_at"]),
    )


def delete_document_items(conn: Connection, document_id: str) -> None:
    """Remove a document's items with every card and review of them (the caller's
    transaction: a deleted document or course takes its question bank along)."""
    ids = select(s.study_items.c.id).where(s.study_items.c.document_id == document_id)
    conn.execute(delete(s.study_reviews).where(s.study_reviews.c.item_id.in_(ids)))
    conn.execute(delete(s.study_cards).where(s.study_cards.c.item_id.in_(ids)))
    conn.execute(delete(s.study_items).where(s.study_items.c.document_id == document_id))


def _not_found() -> NotFound:
    return NotFound("Item de estudo não encontrado.", "not_found:study_item")


class SqlStudyBank:
    """Items, their review by the teacher, the students' cards and answers."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _query(self) -> Any:
        return select(*_ITEM_COLUMNS).join(
            s.documents, s.documents.c.id == s.study_items.c.document_id
        )

    def add_items(self, items: Sequence[NewStudyItem]) -> int:
        stamp = now()
        wanted = {item.id: item for item in items}
        if not wanted:
            return 0
        with self.engine.begin() as conn:
            known = set(
                conn.execute(
                    select(s.study_items.c.id).where(s.study_items.c.id.in_(list(wanted)))
                ).scalars()
            )
            rows = [
                {
                    **{f.name: getattr(item, f.name) for f in fields(NewStudyItem)},
                    "options": json.dumps(list(item.options), ensure_ascii=False),
                    "status": "draft",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
                for item in wanted.values()
                if item.id not in known
            ]
            if rows:
                conn.execute(insert(s.study_items), rows)
        return len(rows)

    def list_items(self, collection_id: str, status: str | None = None) -> list[StudyItemRecord]:
        query = self._query().where(s.study_items.c.collection_id == collection_id)
        if status is not None:
            query = query.where(s.study_items.c.status == status)
        # NULL pages sort first on SQLite and last on PostgreSQL: coalesced, one order.
        query = query.order_by(
            s.study_items.c.document_id,
            func.coalesce(s.study_items.c.page, 0),
            s.study_items.c.created_at,
            s.study_items.c.id,
        )
        with self.engine.connect() as conn:
            return [_item(r) for r in conn.execute(query)]

    def get_item(self, item_id: str) -> StudyItemRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(self._query().where(s.study_items.c.id == item_id)).first()
        return _item(row) if row else None

    def update_item(
        self,
        item_id: str,
        question: str | None = None,
        answer: str | None = None,
        options: Sequence[str] | None = None,
        status: str | None = None,
    ) -> StudyItemRecord:
        values: dict[str, Any] = {"updated_at": now()}
        if question is not None:
            values["question"] = question
        if answer is not None:
            values["answer"] = answer
        if options is not None:
            values["options"] = json.dumps(list(options), ensure_ascii=False)
        if status is not None:
            values["status"] = status
        with self.engine.begin() as conn:
            result = conn.execute(
                update(s.study_items).where(s.study_items.c.id == item_id).values(**values)
            )
        if result.rowcount == 0:
            raise _not_found()
        found = self.get_item(item_id)
        assert found is not None
        return found

    def set_status(
        self, collection_id: str, status: str, item_ids: Sequence[str] | None = None
    ) -> int:
        where = [s.study_items.c.collection_id == collection_id]
        if item_ids is None:
            where.append(s.study_items.c.status == "draft")
        else:
            where.append(s.study_items.c.id.in_(list(item_ids)))
        with self.engine.begin() as conn:
            result = conn.execute(
                update(s.study_items).where(*where).values(status=status, updated_at=now())
            )
        return int(result.rowcount)

    def cards(self, client_id: str, item_ids: Sequence[str]) -> dict[str, StudyCard]:
        if not item_ids:
            return {}
        c = s.study_cards.c
        query = select(c.item_id, c.state, c.due).where(
            c.client_id == client_id, c.item_id.in_(list(item_ids))
        )
        with self.engine.connect() as conn:
            return {
                r.item_id: StudyCard(r.item_id, json.loads(r.state), _aware(r.due))
                for r in conn.execute(query)
            }

    def record_review(
        self,
        client_id: str,
        card: StudyCard,
        correct: bool,
        rating: int | None,
        reviewed_at: datetime,
    ) -> None:
        c = s.study_cards.c
        with self.engine.begin() as conn:
            known = conn.execute(
                select(c.item_id).where(c.client_id == client_id, c.item_id == card.item_id)
            ).first()
            state = json.dumps(card.state)
            if known is None:
                conn.execute(
                    insert(s.study_cards).values(
                        client_id=client_id, item_id=card.item_id, state=state, due=card.due
                    )
                )
            else:
                conn.execute(
                    update(s.study_cards)
                    .where(c.client_id == client_id, c.item_id == card.item_id)
                    .values(state=state, due=card.due)
                )
            conn.execute(
                insert(s.study_reviews).values(
                    client_id=client_id,
                    item_id=card.item_id,
                    rating=rating,
                    correct=correct,
                    reviewed_at=reviewed_at,
                )
            )

    def tallies(self, collection_id: str) -> list[ItemTally]:
        r = s.study_reviews.c
        query = (
            select(
                r.item_id,
                func.count().label("answers"),
                func.count(func.distinct(r.client_id)).label("students"),
                func.sum(case((r.correct, 1), else_=0)).label("correct"),
            )
            .join(s.study_items, s.study_items.c.id == r.item_id)
            .where(s.study_items.c.collection_id == collection_id)
            .group_by(r.item_id)
        )
        with self.engine.connect() as conn:
            return [
                ItemTally(row.item_id, int(row.answers), int(row.students), int(row.correct or 0))
                for row in conn.execute(query)
            ]

    def forget_client(self, client_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(s.study_reviews).where(s.study_reviews.c.client_id == client_id))
            conn.execute(delete(s.study_cards).where(s.study_cards.c.client_id == client_id))

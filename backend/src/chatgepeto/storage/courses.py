"""The collections (a teacher's courses) over SQLAlchemy Core."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Select, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from chatgepeto.errors import Conflict, NotFound
from chatgepeto.storage import schema as s
from chatgepeto.storage.chunk_writes import ChunkWriter, bump_generation
from chatgepeto.storage.classes import delete_course_classes
from chatgepeto.storage.clock import aware, now
from chatgepeto.storage.documents import delete_rows
from chatgepeto.storage.study_jobs import delete_course_jobs
from chatgepeto.storage.types import Collection


def _collection(row: Any) -> Collection:
    return Collection(
        row.id,
        row.name,
        row.n or 0,
        row.tutor_mode,
        aware(row.prova_starts_at),
        aware(row.prova_ends_at),
        row.visibility,
        row.retention_days,
    )


def _courses() -> Select[Any]:
    """Courses with their document counts, oldest first."""
    counts = (
        select(s.documents.c.collection_id, func.count().label("n"))
        .group_by(s.documents.c.collection_id)
        .subquery()
    )
    return (
        select(
            s.collections.c.id,
            s.collections.c.name,
            s.collections.c.tutor_mode,
            s.collections.c.prova_starts_at,
            s.collections.c.prova_ends_at,
            s.collections.c.visibility,
            s.collections.c.retention_days,
            counts.c.n,
        )
        .outerjoin(counts, counts.c.collection_id == s.collections.c.id)
        .order_by(s.collections.c.created_at, s.collections.c.id)
    )


class SqlCourses:
    """Creating, listing, renaming and deleting collections (with their documents)."""

    def __init__(self, engine: Engine, writer: ChunkWriter) -> None:
        self.engine = engine
        self._writer = writer

    def create_collection(
        self,
        collection_id: str,
        name: str,
        visibility: str = "turma",
        owner_id: str | None = None,
    ) -> Collection:
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(s.collections).values(
                        id=collection_id,
                        name=name,
                        created_at=now(),
                        tutor_mode="direto",
                        visibility=visibility,
                    )
                )
                if owner_id is not None:
                    conn.execute(
                        insert(s.course_owners).values(course_id=collection_id, teacher_id=owner_id)
                    )
        except IntegrityError as exc:
            raise Conflict(
                f"Já existe uma coleção com o id '{collection_id}'.", "conflict:collection"
            ) from exc
        return Collection(collection_id, name, 0, visibility=visibility)

    def list_collections(self) -> list[Collection]:
        with self.engine.connect() as conn:
            return [_collection(r) for r in conn.execute(_courses())]

    def get_collection(self, collection_id: str) -> Collection | None:
        # One row: every course route's guard resolves its course through this.
        query = _courses().where(s.collections.c.id == collection_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else _collection(row)

    def rename_collection(self, collection_id: str, name: str) -> Collection:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(s.collections).where(s.collections.c.id == collection_id).values(name=name)
            )
        if result.rowcount == 0:
            raise NotFound(f"A coleção '{collection_id}' não existe.", "not_found:collection")
        found = self.get_collection(collection_id)
        assert found is not None
        return found

    def set_tutor_mode(
        self,
        collection_id: str,
        mode: str,
        prova_starts_at: datetime | None,
        prova_ends_at: datetime | None,
    ) -> Collection:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(s.collections)
                .where(s.collections.c.id == collection_id)
                .values(
                    tutor_mode=mode, prova_starts_at=prova_starts_at, prova_ends_at=prova_ends_at
                )
            )
        if result.rowcount == 0:
            raise NotFound(f"A coleção '{collection_id}' não existe.", "not_found:collection")
        found = self.get_collection(collection_id)
        assert found is not None
        return found

    def set_access(
        self, collection_id: str, visibility: str, retention_days: int | None
    ) -> Collection:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(s.collections)
                .where(s.collections.c.id == collection_id)
                .values(visibility=visibility, retention_days=retention_days)
            )
        if result.rowcount == 0:
            raise NotFound(f"A coleção '{collection_id}' não existe.", "not_found:collection")
        found = self.get_collection(collection_id)
        assert found is not None
        return found

    def delete_collection(self, collection_id: str) -> None:
        with self.engine.begin() as conn:
            ids = (
                conn.execute(
                    select(s.documents.c.id).where(s.documents.c.collection_id == collection_id)
                )
                .scalars()
                .all()
            )
            for document_id in ids:
                delete_rows(conn, self._writer, document_id)
            delete_course_jobs(conn, collection_id)
            delete_course_classes(conn, collection_id)
            result = conn.execute(delete(s.collections).where(s.collections.c.id == collection_id))
            if result.rowcount == 0:
                raise NotFound(f"A coleção '{collection_id}' não existe.", "not_found:collection")
            bump_generation(conn)

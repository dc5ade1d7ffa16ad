"""A store over SQLAlchemy Core: one object of each role on one engine, composed."""

from __future__ import annotations

from sqlalchemy import Engine, insert, select

from chatgepeto.storage import schema as s
from chatgepeto.storage.chunk_writes import ChunkWriter
from chatgepeto.storage.classes import SqlClasses
from chatgepeto.storage.clock import now
from chatgepeto.storage.conversations import SqlConversationLog
from chatgepeto.storage.courses import SqlCourses
from chatgepeto.storage.documents import SqlDocuments
from chatgepeto.storage.jobs import SqlJobQueue
from chatgepeto.storage.ledger import SqlLedger
from chatgepeto.storage.migrate import upgrade
from chatgepeto.storage.passages import SqlPassages
from chatgepeto.storage.study import SqlStudyBank
from chatgepeto.storage.study_jobs import SqlStudyJobs
from chatgepeto.storage.teachers import SqlTeachers


class SqlStore:
    """The roles every dialect shares; a dialect passes its chunk writer and the roles it
    implements its own way (SQLite reads originals through blob I/O, PostgreSQL claims jobs
    with SKIP LOCKED)."""

    def __init__(
        self,
        engine: Engine,
        writer: ChunkWriter,
        documents: SqlDocuments | None = None,
        passages: SqlPassages | None = None,
        jobs: SqlJobQueue | None = None,
        study_jobs: SqlStudyJobs | None = None,
    ) -> None:
        self._engine = engine
        self._courses = SqlCourses(engine, writer)
        self._documents = documents or SqlDocuments(engine, writer)
        self._passages = passages or SqlPassages(engine)
        self._jobs = jobs or SqlJobQueue(engine, writer)
        self._conversations = SqlConversationLog(engine)
        self._ledger = SqlLedger(engine)
        self._study = SqlStudyBank(engine)
        self._teachers = SqlTeachers(engine)
        self._classes = SqlClasses(engine)
        self._study_jobs = study_jobs or SqlStudyJobs(engine)

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def courses(self) -> SqlCourses:
        return self._courses

    @property
    def documents(self) -> SqlDocuments:
        return self._documents

    @property
    def passages(self) -> SqlPassages:
        return self._passages

    @property
    def jobs(self) -> SqlJobQueue:
        return self._jobs

    @property
    def conversations(self) -> SqlConversationLog:
        return self._conversations

    @property
    def ledger(self) -> SqlLedger:
        return self._ledger

    @property
    def study(self) -> SqlStudyBank:
        return self._study

    @property
    def teachers(self) -> SqlTeachers:
        return self._teachers

    @property
    def classes(self) -> SqlClasses:
        return self._classes

    @property
    def study_jobs(self) -> SqlStudyJobs:
        return self._study_jobs

    def migrate(self) -> None:
        upgrade(self.engine)
        with self.engine.begin() as conn:
            if conn.execute(select(s.index_state.c.id)).first() is None:
                conn.execute(insert(s.index_state).values(id=1, generation=0))
            exists = conn.execute(select(s.collections.c.id).where(s.collections.c.id == "default"))
            if exists.first() is None:
                conn.execute(
                    insert(s.collections).values(
                        id="default", name="default", created_at=now(), tutor_mode="direto"
                    )
                )

    def close(self) -> None:
        """Close every pooled connection (a later call opens new ones)."""
        self.engine.dispose()

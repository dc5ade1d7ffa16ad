"""LGPD: a conversation is kept only as long as its course says (`retention_days`), and one of
no course as long as the deployment says (CONVERSATION_RETENTION_DAYS); None keeps it.

The worker sweeps hourly; sweeps may run at once in several tasks, each conversation is deleted
(and counted) by one of them, and a second sweep finds nothing more to delete.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from chatgepeto.storage.roles import ConversationLog, Courses

log = logging.getLogger(__name__)

# Conversations deleted per transaction: short locks, and a chat turn waits on few of them.
BATCH = 500


class ConversationRetention:
    """Deletes the conversations (their messages and feedback) idle past their retention."""

    def __init__(
        self,
        courses: Courses,
        conversations: ConversationLog,
        default_days: int | None,
        batch: int = BATCH,
    ) -> None:
        self._courses = courses
        self._conversations = conversations
        self._default_days = default_days
        self._batch = batch

    def deadlines(self, at: datetime) -> dict[str | None, datetime]:
        """Per course with a retention (None: the conversations of no course, when the
        deployment sets one), the last activity older than which a conversation goes."""
        days: dict[str | None, int] = {
            course.id: course.retention_days
            for course in self._courses.list_collections()
            if course.retention_days is not None
        }
        if self._default_days is not None:
            days[None] = self._default_days
        return {course: at - timedelta(days=n) for course, n in days.items()}

    def sweep(self, at: datetime | None = None) -> int:
        """Delete every conversation idle past its retention at `at` (now); how many this
        sweep deleted."""
        deadlines = self.deadlines(at or datetime.now(UTC))
        deleted = sum(self._expire(course, before) for course, before in deadlines.items())
        log.info(
            "retention: %d conversation(s) deleted over %d retention period(s)",
            deleted,
            len(deadlines),
        )
        return deleted

    def _expire(self, course_id: str | None, before: datetime) -> int:
        deleted = 0
        while True:
            batch = self._conversations.expire_conversations(course_id, before, self._batch)
            deleted += batch
            if batch < self._batch:
                return deleted

"""One clock for every stored timestamp."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """Current UTC time."""
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without their zone; they were written in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)

"""Spaced practice with FSRS (the `fsrs` package, the algorithm Anki offers).

A card's state is a JSON dict (fsrs' own `Card.to_dict`): what the database stores per
student and item. Every call takes the clock, so a replayed sequence of reviews gives the
same due dates as the scheduler run in memory; fuzzing (a random spread of intervals that
Anki uses to even out daily load) is off for the same reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import IntEnum

from fsrs import Card, Rating, Scheduler
from fsrs.card import CardDict

CardState = CardDict

_SCHEDULER = Scheduler(enable_fuzzing=False)


class Grade(IntEnum):
    """The four buttons: Again, Hard, Good, Easy (1-4, as Anki and fsrs number them)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


def new_card(card_id: int, now: datetime) -> CardState:
    """A card never reviewed, due at once."""
    return Card(card_id=card_id, due=_utc(now)).to_dict()


def review(
    state: CardState, grade: int, now: datetime, scheduler: Scheduler = _SCHEDULER
) -> CardState:
    """The card's state after the student grades it `grade` (1-4) at `now`."""
    rating = Rating(Grade(grade).value)  # ValueError outside 1-4
    card, _ = scheduler.review_card(Card.from_dict(state), rating, _utc(now))
    return card.to_dict()


def due_at(state: CardState) -> datetime:
    """When the card comes back."""
    return datetime.fromisoformat(state["due"])


def is_due(state: CardState, now: datetime) -> bool:
    """Due at or before `now`."""
    return due_at(state) <= _utc(now)


def due_count(states: Iterable[CardState], now: datetime) -> int:
    """How many of the cards are due at `now` ("N para hoje")."""
    return sum(1 for s in states if is_due(s, now))


def _utc(moment: datetime) -> datetime:
    """fsrs wants UTC; a naive time is refused rather than guessed."""
    if moment.tzinfo is None:
        raise ValueError("a timezone-aware time is needed")
    return moment.astimezone(UTC)

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler

from chatgepeto.study.schedule import due_at, due_count, is_due, new_card, review

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
# Grades and the hours after the previous review at which each is given.
SEQUENCE = [(3, 0), (3, 0.2), (4, 30), (1, 200), (2, 1), (3, 50), (3, 400), (4, 900)]


def test_a_stored_and_reloaded_sequence_gives_fsrs_own_due_dates():
    memory = Card(card_id=7, due=START)
    scheduler = Scheduler(enable_fuzzing=False)
    stored = json.dumps(new_card(7, START))  # what the database keeps between reviews
    now = START
    for grade, hours in SEQUENCE:
        now += timedelta(hours=hours)
        memory, _ = scheduler.review_card(memory, Rating(grade), now)
        stored = json.dumps(review(json.loads(stored), grade, now))
        assert due_at(json.loads(stored)) == memory.due
    assert json.loads(stored) == json.loads(memory.to_json())


def test_the_due_count_follows_the_clock():
    cards = [new_card(i, START) for i in range(4)]
    assert due_count(cards, START) == 4
    cards[0] = review(cards[0], 4, START)  # easy: back in days
    cards[1] = review(cards[1], 1, START)  # again: back in a minute
    assert due_count(cards, START) == 2
    assert due_count(cards, START + timedelta(minutes=2)) == 3
    later = due_at(cards[0]) + timedelta(seconds=1)
    assert due_count(cards, later) == 4
    assert not is_due(cards[0], due_at(cards[0]) - timedelta(seconds=1))


def test_other_timezones_are_converted_and_naive_times_refused():
    brasilia = timezone(timedelta(hours=-3))
    card = review(new_card(1, START), 3, START.astimezone(brasilia))
    assert card == review(new_card(1, START), 3, START)
    with pytest.raises(ValueError):
        review(card, 3, datetime(2025, 3, 1, 9, 0))


@pytest.mark.parametrize("grade", [0, 5])
def test_grades_outside_one_to_four_are_refused(grade):
    with pytest.raises(ValueError):
        review(new_card(1, START), grade, START)

"""What the teacher learns from the tutor modes (issue 19): questions asked in each mode,
hints used before the answer, and the questions students asked during prova."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, desc, func, or_, select

from chatgepeto.storage import schema as s

# Answers stored before 0009 carry no mode: they were direto answers to questions.
_DIRETO, _ASK, _ANSWER = "direto", "ask", 3


def tutor_insights(
    engine: Engine, collection_id: str | frozenset[str] | None
) -> dict[str, list[dict[str, Any]]]:
    """`questions_per_mode`, `hints_before_answer` and `prova_questions` of one course (or
    all): never a client id."""
    m = s.messages
    scope = [m.c.role == "assistant"]
    if collection_id is not None:
        scope.append(s.in_courses(m.c.collection_id, collection_id))
    asked = or_(m.c.tutor_action.is_(None), m.c.tutor_action == _ASK)
    mode = func.coalesce(m.c.tutor_mode, _DIRETO)
    with engine.connect() as conn:
        per_mode = conn.execute(
            select(mode.label("mode"), func.count().label("n"))
            .where(*scope, asked)
            .group_by(mode)
            .order_by(mode)
        ).all()
        prova = conn.execute(
            select(m.c.question, func.count().label("n"), func.max(m.c.created_at).label("last"))
            .where(*scope, asked, m.c.tutor_mode == "prova")
            .group_by(m.c.question)
            .order_by(desc("n"), desc("last"))
            .limit(100)
        ).all()
        ladder = conn.execute(
            select(m.c.conversation_id, m.c.tutor_action, m.c.hint_level)
            .where(*scope, m.c.tutor_mode == "tutor")
            .order_by(m.c.conversation_id, m.c.created_at)
        ).all()
    return {
        "questions_per_mode": [{"mode": r.mode, "questions": r.n} for r in per_mode],
        "hints_before_answer": _hints_before_answer(ladder),
        "prova_questions": [
            {"question": r.question, "count": r.n, "last_at": r.last} for r in prova
        ],
    }


def _hints_before_answer(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """How many tutor answers came after 0, 1 or 2 hints: the rung each conversation stood
    on when a `hint`, `reveal` or `attempt` reached the answer."""
    counts: dict[int, int] = {}
    conversation, level = None, 0
    for row in rows:
        if row.conversation_id != conversation:
            conversation, level = row.conversation_id, 0
        reached = row.hint_level or 0
        if reached >= _ANSWER and row.tutor_action != _ASK and level < _ANSWER:
            counts[level] = counts.get(level, 0) + 1
        level = reached
    return [{"hints": hints, "answers": n} for hints, n in sorted(counts.items())]

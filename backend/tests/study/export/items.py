"""One item of each kind, from the small course, for the exporters."""

from __future__ import annotations

from chatgepeto.study.generate import generate_items
from chatgepeto.study.items import StudyItem
from study.course import course


def one_of_each() -> list[StudyItem]:
    items = generate_items(course())
    chosen = {i.kind: i for i in reversed(items)}
    assert set(chosen) == {"cloze", "flashcard", "short_answer", "multiple_choice"}
    return [chosen[k] for k in ("multiple_choice", "short_answer", "cloze", "flashcard")]

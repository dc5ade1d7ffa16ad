"""The checks every item passes before a teacher sees it, whoever wrote it (the offline
generator or a language model): a wrong item in a question bank costs more than a missing one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from chatgepeto.study.items import BLANK, StudyItem
from chatgepeto.study.text import content_terms, jaccard, normalise, occurs_in

# Two questions sharing this much of their content terms ask the same thing.
NEAR_DUPLICATE = 0.8

Problem = Literal[
    "answer_not_in_passage",
    "answer_in_question",
    "distractor_in_passage",
    "distractor_is_answer",
    "missing_distractors",
    "near_duplicate",
]


@dataclass(frozen=True)
class Rejection:
    """An item left out and why."""

    item: StudyItem
    problem: Problem


def problems(item: StudyItem) -> list[Problem]:
    """What is wrong with one item on its own (empty: nothing)."""
    found: list[Problem] = []
    passage = item.source.passage_text
    if not occurs_in(item.answer, passage):
        found.append("answer_not_in_passage")
    # A cloze shows its sentence less the answer; any other question must not give it away.
    question = item.question.replace(BLANK, " ")
    if item.kind != "flashcard" and _holds_word(question, item.answer):
        found.append("answer_in_question")
    if item.kind == "multiple_choice":
        options = [normalise(d) for d in item.distractors]
        if len(set(options)) < len(options) or len(options) < 1:
            found.append("missing_distractors")
        if any(occurs_in(d, passage) for d in item.distractors):
            found.append("distractor_in_passage")
        answer = normalise(item.answer)
        if any(o in answer or answer in o for o in options):
            found.append("distractor_is_answer")
    return found


def validate(items: Iterable[StudyItem]) -> tuple[list[StudyItem], list[Rejection]]:
    """The items that pass, in order, and the rejected ones: failing `problems`, or a near
    duplicate (content-term Jaccard >= NEAR_DUPLICATE) of an item kept before it."""
    kept: list[StudyItem] = []
    kept_terms: list[frozenset[str]] = []
    rejected: list[Rejection] = []
    for item in items:
        found = problems(item)
        if found:
            rejected.append(Rejection(item, found[0]))
            continue
        terms = question_terms(item)
        if any(jaccard(terms, other) >= NEAR_DUPLICATE for other in kept_terms):
            rejected.append(Rejection(item, "near_duplicate"))
            continue
        kept.append(item)
        kept_terms.append(terms)
    return kept, rejected


def question_terms(item: StudyItem) -> frozenset[str]:
    """The content terms near-duplicates are judged on: the question's own."""
    return content_terms(item.question.replace(BLANK, " "))


def _holds_word(text: str, answer: str) -> bool:
    padded = f" {' '.join(_words(text))} "
    return f" {' '.join(_words(answer))} " in padded


def _words(text: str) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in normalise(text)).split()]

"""Judging a student's attempt offline: its own terms against the answer's sentences."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chatgepeto.generation.evidence import matched_terms
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.lesson import Lesson, new_terms
from chatgepeto.generation.tutor.modes import HintLevel
from chatgepeto.generation.tutor.replies import TutorReply, reveal

# Correct: most of what the student wrote (beyond the question's words) is in the answer
# sentence and some of it is what the cloze hides, or it names most of what the cloze hides
# among a few words of its own ("acho que fica no cloroplasto, com a clorofila").
CORRECT_PRECISION = 0.6
CORRECT_KEY_RECALL = 0.5
# Partial: a fair share of it is in the answer sentence.
PARTIAL_PRECISION = 0.3

_VERDICTS = {
    "pt": {
        "correct": "Isso mesmo: a sua resposta bate com o material.",
        "partial": "Em parte: a sua resposta toca no que o material diz, mas falta algo.",
        "incorrect": "Não é bem isso que o material diz.",
        "empty": "Escreva a sua tentativa com as suas palavras.",
    },
    "en": {
        "correct": "That's right: your answer matches the material.",
        "partial": "Partly: your answer touches what the material says, but something is missing.",
        "incorrect": "That is not quite what the material says.",
        "empty": "Write your attempt in your own words.",
    },
}


class Verdict(StrEnum):
    """How an attempt compares with the answer sentence."""

    CORRECT = "correct"
    PARTIAL = "partial"
    INCORRECT = "incorrect"
    EMPTY = "empty"  # nothing beyond the question's own words


@dataclass(frozen=True)
class Judgement:
    """The verdict, and the two shares it rests on (0..1)."""

    verdict: Verdict
    precision: float  # share of the attempt's new terms found in one answer sentence
    key_recall: float  # share of that sentence's hidden terms the attempt holds


def judge_attempt(lesson: Lesson, attempt: str) -> Judgement:
    """Compare the attempt's content terms (the question's left out) with each answer sentence."""
    said = new_terms(lesson.question, frozenset(analyse(attempt)))
    if not said or lesson.refused:
        return Judgement(Verdict.EMPTY, 0.0, 0.0)
    best = (0.0, 0.0)
    for sentence in lesson.sentences:
        precision = len(matched_terms(set(sentence.terms), said)) / len(said)
        keys = lesson.hidden & sentence.terms
        recall = len(matched_terms(said, set(keys))) / len(keys) if keys else precision
        best = max(best, (precision, recall))
    precision, recall = best
    named = recall >= CORRECT_KEY_RECALL and precision >= PARTIAL_PRECISION
    if (precision >= CORRECT_PRECISION and recall > 0) or named:
        verdict = Verdict.CORRECT
    elif precision >= PARTIAL_PRECISION:
        verdict = Verdict.PARTIAL
    else:
        verdict = Verdict.INCORRECT
    return Judgement(verdict, round(precision, 4), round(recall, 4))


def attempt_reply(lesson: Lesson, attempt: str) -> tuple[Judgement, TutorReply]:
    """The judgement, then the answer with its citations (an attempt opens the last rung)."""
    judgement = judge_attempt(lesson, attempt)
    answer = reveal(lesson)
    if lesson.refused:
        return judgement, TutorReply(answer.text, HintLevel.NONE, "refused")
    said = _VERDICTS[lesson.language][judgement.verdict.value]
    text = f"{said} {answer.text}"
    return judgement, TutorReply(
        text, answer.level, answer.mode, answer.locations, answer.citations
    )


def verdict_text(verdict: Verdict, language: str) -> str:
    """The sentence that tells the student how the attempt went."""
    return _VERDICTS["en" if language == "en" else "pt"][verdict.value]

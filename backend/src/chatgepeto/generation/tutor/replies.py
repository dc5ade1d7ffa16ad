"""The offline replies of each mode and rung, built from a lesson's sentences and places."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chatgepeto.generation.refusal import refusal_answer
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.lesson import Lesson, Location
from chatgepeto.generation.tutor.modes import HintLevel, TutorMode
from chatgepeto.generation.types import AnswerMode, Citation, Language

BLANK = "____"
# A word, with its inner hyphens and apostrophes ("Tomando-se", "d'água"): hidden whole.
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# The question's own words named in the guiding question; more reads as a list, not a hint.
_TOPIC_WORDS = 4

_TEXTS: dict[Language, dict[str, str]] = {
    "pt": {
        "guide": "Vamos por partes. Releia {where}. Que frase desse trecho fala de {topic}? "
        "O que ela diz sobre isso? Tente responder com as suas palavras.",
        "cloze": "Mais uma dica: complete o trecho de {where}: «{cloze}»",
        "prova": "Modo prova: não respondo a perguntas de conteúdo, mas indico onde estudar: "
        "{where}.",
        "page": "p. {page}",
        "section": "seção «{section}»",
        "and": " e ",
        "topic": "a sua pergunta",
    },
    "en": {
        "guide": "Let's take it step by step. Reread {where}. Which sentence there is about "
        "{topic}? What does it say about it? Try to answer in your own words.",
        "cloze": "One more hint: fill in the passage of {where}: “{cloze}”",
        "prova": "Exam mode: I don't answer content questions, but here is where to study: "
        "{where}.",
        "page": "p. {page}",
        "section": "section “{section}”",
        "and": " and ",
        "topic": "your question",
    },
}


@dataclass(frozen=True)
class TutorReply:
    """What the student sees for one turn; `citations` (with snippets) only with the answer."""

    text: str
    level: HintLevel
    mode: AnswerMode
    locations: list[Location] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape the API sends."""
        return {
            "text": self.text,
            "level": int(self.level),
            "mode": self.mode,
            "locations": [loc.to_dict() for loc in self.locations],
            "citations": [c.to_dict() for c in self.citations],
        }


def where(lesson: Lesson) -> str:
    """The lesson's places as a person reads them: «Title», p. 3, seção «Histórico»."""
    texts = _TEXTS[lesson.language]
    parts = []
    for loc in lesson.locations:
        bits = [f"«{loc.title}»" if lesson.language == "pt" else f"“{loc.title}”"]
        if loc.page is not None:
            bits.append(texts["page"].format(page=loc.page))
        if loc.section:
            bits.append(texts["section"].format(section=loc.section))
        parts.append(", ".join(bits))
    return "; ".join(dict.fromkeys(parts))


def cloze(text: str, hidden: frozenset[str]) -> str:
    """`text` with each word whose term is in `hidden` replaced by a blank."""

    def blank(match: re.Match[str]) -> str:
        return BLANK if set(analyse(match.group(0))) & hidden else match.group(0)

    return _WORD.sub(blank, text)


def guide(lesson: Lesson) -> TutorReply:
    """Rung 1: where to read, and a question that points at the answer without giving it."""
    texts = _TEXTS[lesson.language]
    text = texts["guide"].format(where=where(lesson), topic=_topic(lesson))
    return TutorReply(text, HintLevel.GUIDE, "extractive", list(lesson.locations))


def cloze_hint(lesson: Lesson) -> TutorReply:
    """Rung 2: the answer's sentences with their key terms blanked out."""
    blanked = " ".join(cloze(s.text, lesson.hidden) for s in lesson.sentences)
    text = _TEXTS[lesson.language]["cloze"].format(where=where(lesson), cloze=blanked)
    return TutorReply(text, HintLevel.CLOZE, "extractive", list(lesson.locations))


def reveal(lesson: Lesson) -> TutorReply:
    """Rung 3: today's extractive answer, with its citations."""
    answer = lesson.answer
    return TutorReply(
        answer.text, HintLevel.ANSWER, answer.mode, list(lesson.locations), list(answer.citations)
    )


def exam(lesson: Lesson) -> TutorReply:
    """`prova`: only where in the material the answer is."""
    text = _TEXTS[lesson.language]["prova"].format(where=where(lesson))
    return TutorReply(text, HintLevel.GUIDE, "extractive", list(lesson.locations))


def refusal(lesson: Lesson) -> TutorReply:
    """The usual "not in the material" answer, in every mode. An answer the lesson could not
    read its sentences from is never shown in its place: it would give the answer away."""
    if lesson.answer.mode == "refused":
        return TutorReply(lesson.answer.text, HintLevel.NONE, "refused")
    text = refusal_answer(lesson.question, lesson.language, []).text
    return TutorReply(text, HintLevel.NONE, "refused")


_RUNGS: dict[HintLevel, Callable[[Lesson], TutorReply]] = {
    HintLevel.GUIDE: guide,
    HintLevel.CLOZE: cloze_hint,
    HintLevel.ANSWER: reveal,
}


def reply_for(lesson: Lesson, mode: TutorMode, level: HintLevel = HintLevel.GUIDE) -> TutorReply:
    """The offline reply of `mode` at `level` (`tutor` only climbs; `direto` always answers)."""
    if lesson.refused:
        return refusal(lesson)
    if mode is TutorMode.PROVA:
        return exam(lesson)
    if mode is TutorMode.DIRETO:
        return reveal(lesson)
    return _RUNGS[max(level, HintLevel.GUIDE)](lesson)


def _topic(lesson: Lesson) -> str:
    """The question's own content words, as written: they give nothing away."""
    words = [w for w in _WORD.findall(lesson.question) if analyse(w)]
    words = list(dict.fromkeys(words))[:_TOPIC_WORDS]
    texts = _TEXTS[lesson.language]
    if not words:
        return texts["topic"]
    quoted = [f"«{w}»" if lesson.language == "pt" else f"“{w}”" for w in words]
    head = ", ".join(quoted[:-1])
    return f"{head}{texts['and']}{quoted[-1]}" if head else quoted[0]

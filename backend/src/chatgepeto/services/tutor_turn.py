"""One tutor turn that is not a plain answer: a hint that withholds the answer (tutor below
the answer, prova), or the verdict on a student's attempt, offline or through the model.

The model's hint goes through the leak guard as it streams; the verdict is the model's
judgement against the passages when there is a model, the term overlap otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from chatgepeto.errors import AppError
from chatgepeto.generation import evidence
from chatgepeto.generation.extractive import ExtractiveAnswerer
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.attempt import Verdict, judge_attempt, verdict_text
from chatgepeto.generation.tutor.leaks import guard_for
from chatgepeto.generation.tutor.lesson import Lesson, Location, Rarity, lesson_from_answer
from chatgepeto.generation.tutor.modes import HintLevel
from chatgepeto.generation.tutor.prompt import judge_messages, parse_verdict, tutor_messages
from chatgepeto.generation.tutor.replies import reply_for
from chatgepeto.generation.types import Answer, ChatModel
from chatgepeto.retrieval.retriever import Retriever, Scope
from chatgepeto.retrieval.types import RetrievedChunk
from chatgepeto.services.metering import Meter, TokenBudget
from chatgepeto.services.streaming import guarded, metered, started
from chatgepeto.services.tutor import TurnPlan

# The judge answers one word; a few tokens more leave room for a "Verdict:" the model adds.
JUDGE_MAX_TOKENS = 8


@dataclass
class Withheld:
    """A reply that points and hints without the answer: known text, or a guarded stream."""

    level: HintLevel
    locations: list[Location] = field(default_factory=list)
    answer: Answer | None = None
    first_tokens: Iterator[str] | None = None
    over_budget: bool = False  # the model was not asked: the day's tokens are spent


class TutorTurns:
    """Builds the lesson of a question and the turns that withhold or judge from it."""

    def __init__(
        self,
        retriever: Retriever,
        answerer: ExtractiveAnswerer,
        model: ChatModel | None,
        max_tokens: int,
    ) -> None:
        self._retriever = retriever
        self._answerer = answerer
        self._model = model
        self._max_tokens = max_tokens

    def lesson(
        self,
        asked: str,
        passages: Sequence[RetrievedChunk],
        weighed: evidence.Evidence,
        collection_id: Scope,
    ) -> Lesson:
        """The extractive answer's sentences, places and the terms to hide (rarest in the
        course's own statistics)."""
        answer = self._answerer.answer(asked, list(passages), weighed)
        terms = analyse(" ".join(p.text for p in passages))
        chunks, frequencies = self._retriever.term_statistics(terms, collection_id)
        return lesson_from_answer(asked, passages, answer, Rarity(chunks, frequencies))

    def withhold(
        self,
        plan: TurnPlan,
        lesson: Lesson,
        passages: Sequence[RetrievedChunk],
        history: Sequence[tuple[str, str]],
        budget: TokenBudget | None,
    ) -> Withheld:
        """The hint of `plan`'s rung (or prova's places): the model's through the leak guard,
        or the offline one from the lesson."""
        over_budget = False
        guard = guard_for(lesson, passages, plan.mode, plan.level)
        if self._model is not None and guard is not None and not lesson.refused:
            messages = tutor_messages(
                lesson.question, passages, lesson.language, plan.mode, plan.level, history
            )
            meter = Meter("answer", messages, self._max_tokens, budget)
            if meter.reserve():
                pieces = metered(self._model.stream(messages), meter)
                return Withheld(
                    plan.level,
                    list(lesson.locations),
                    first_tokens=started(guarded(guard.stream, pieces)),
                )
            over_budget = True
        reply = reply_for(lesson, plan.mode, plan.level)
        answer = Answer(reply.text, list(reply.citations), reply.mode)
        return Withheld(reply.level, list(reply.locations), answer, over_budget=over_budget)

    def verdict(
        self,
        lesson: Lesson,
        attempt: str,
        passages: Sequence[RetrievedChunk],
        budget: TokenBudget | None,
    ) -> Verdict:
        """How the attempt compares with the passages: the model's word when it gives one,
        else (no model, over budget, an unreadable reply) the offline term overlap."""
        offline = judge_attempt(lesson, attempt).verdict
        if self._model is None or offline is Verdict.EMPTY:
            return offline
        cited = [s.passage for s in lesson.sentences] or list(passages)
        messages = judge_messages(
            lesson.question, attempt, list(dict.fromkeys(cited)), lesson.language
        )
        meter = Meter("judge", messages, JUDGE_MAX_TOKENS, budget)
        if not meter.reserve():
            return offline
        reply = ""
        try:
            reply = self._model.complete(messages)
        except AppError:  # the model failed: the offline judgement still stands
            reply = ""
        finally:
            meter.finish(len(reply))
        word = parse_verdict(reply)
        return Verdict(word) if word is not None else offline

    @staticmethod
    def verdict_text(verdict: Verdict, lesson: Lesson) -> str:
        """The sentence put before the answer after an attempt."""
        return verdict_text(verdict, lesson.language)

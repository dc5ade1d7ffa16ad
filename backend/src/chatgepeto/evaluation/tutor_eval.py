r"""The tutor modes measured offline on answerable questions (issue 19).

Each question goes through the product's chat service (no language model) once per mode,
the courses switched to it: `direto`'s answer; `tutor`'s guide, then `hint` and `reveal` in
the same conversation; `prova`'s reply. The leak guard and the offline judge are measured on
the question's lesson.
Per question the record says whether each reply contains a gold answer, how much of the
gold's new terms the first tutor reply gives away, and whether the passages each reply
points at hold the gold. `check` compares the summary with issue 19's bars.

    python -m chatgepeto.evaluation.tutor_eval --corpus .../dev-open/corpus.jsonl \
        --queries .../dev-open/queries.jsonl --limit 200 \
        --embedding-cache .bench-cache/eval-embeddings
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from chatgepeto.evaluation.dataset import EvalQuery, contains_answer, normalise
from chatgepeto.evaluation.runner import EvalSource, Prepared, prepare
from chatgepeto.evaluation.variants import Variant
from chatgepeto.generation.evidence import matched_terms
from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.attempt import Verdict, judge_attempt
from chatgepeto.generation.tutor.leaks import LeakGuard
from chatgepeto.generation.tutor.lesson import Lesson, Rarity, lesson_from_answer, new_terms
from chatgepeto.generation.tutor.modes import HintLevel, TutorAction, TutorMode
from chatgepeto.generation.tutor.replies import reply_for
from chatgepeto.services.chat import ChatResult, ChatService
from chatgepeto.services.tutor import TutorModes
from chatgepeto.settings import load_settings
from chatgepeto.storage.roles import Courses

# Issue 19's bars: the first tutor reply rarely holds the answer and gives little of it away;
# the pointers and the revealed answer do as well as `direto`'s citations and answer.
MAX_FIRST_CONTAINS = 0.02
MAX_FIRST_GOLD_TERMS = 0.30
MAX_GAP = 0.03
MAX_PROVA_CONTAINS = 0.0


class Passage(Protocol):
    """A stored chunk, as far as the measurement reads it."""

    @property
    def text(self) -> str:
        """The chunk's text."""
        ...


class ChunkStore(Protocol):
    """What the measurement reads of the store: a passage's text."""

    def get_chunk(self, chunk_id: str) -> Passage | None:
        """The chunk, or None."""
        ...


class TermStatistics(Protocol):
    """How rare terms are in the material (the retriever's lexical index)."""

    def term_statistics(
        self, terms: list[str], collection_id: str | None
    ) -> tuple[int, dict[str, int]]:
        """(chunks in scope, document frequency of each term)."""
        ...


def _contains(text: str, answers: Sequence[str]) -> bool:
    folded = normalise(text)
    return any(normalise(a) in folded for a in answers if a.strip())


def _chunk_texts(store: ChunkStore, chunk_ids: Sequence[str]) -> list[str]:
    return [chunk.text for c in chunk_ids if (chunk := store.get_chunk(c)) is not None]


def _holds(store: ChunkStore, chunk_ids: Sequence[str], answers: Sequence[str]) -> bool:
    return any(contains_answer(t, tuple(answers)) for t in _chunk_texts(store, chunk_ids))


def gold_term_share(question: str, reply: str, answers: Sequence[str]) -> float | None:
    """The largest share, over the gold answers, of a gold's content terms the question lacks
    that the reply holds; None when every gold term is in the question already."""
    said = set(analyse(reply))
    shares = []
    for gold in answers:
        wanted = new_terms(question, frozenset(analyse(gold)))
        if wanted:
            shares.append(len(matched_terms(said, wanted)) / len(wanted))
    return max(shares) if shares else None


def _reply_fields(
    store: ChunkStore, name: str, reply: ChatResult, query: EvalQuery
) -> dict[str, Any]:
    """Whether the reply contains a gold, also once the titles it names are taken out (a
    document whose title is the answer cannot be pointed at without naming it), and whether
    a passage it points at (its places, or its citations once it answers) holds one."""
    places = reply.tutor.locations if reply.tutor is not None else ()
    pointed = [loc.chunk_id for loc in places] + [c.chunk_id for c in reply.citations]
    untitled = reply.answer
    for loc in places:
        untitled = untitled.replace(loc.title, "")
    answered = reply.mode != "refused"
    return {
        f"{name}_contains": answered and _contains(reply.answer, query.answers),
        f"{name}_contains_beyond_title": answered and _contains(untitled, query.answers),
        f"{name}_points": answered and _holds(store, pointed, query.answers),
    }


def _turn(
    service: ChatService,
    question: str,
    action: TutorAction = TutorAction.ASK,
    conversation: str | None = None,
) -> ChatResult:
    """One turn through the product's chat service (no course named: every course's mode)."""
    return service.respond(service.prepare(question, "eval", conversation, None, None, action))


def _set_modes(modes: TutorModes, courses: Courses, mode: TutorMode) -> None:
    for course in courses.list_collections():
        modes.set_mode(course.id, mode.value)


def tutor_record(
    service: ChatService,
    courses: Courses,
    store: ChunkStore,
    stats: TermStatistics,
    query: EvalQuery,
    other: EvalQuery | None,
) -> dict[str, Any]:
    """Every mode's reply to one answerable question, each asked through the chat service
    with the courses switched to that mode, scored; `other` lends a wrong attempt."""
    modes = TutorModes(courses)
    _set_modes(modes, courses, TutorMode.DIRETO)
    direto = _turn(service, query.question)
    refused = direto.mode == "refused"
    _set_modes(modes, courses, TutorMode.TUTOR)
    first = _turn(service, query.question)
    record: dict[str, Any] = {
        "qid": query.qid,
        "refused": refused,
        "direto_contains": not refused and _contains(direto.answer, query.answers),
        "direto_cites": not refused
        and _holds(store, [c.chunk_id for c in direto.citations], query.answers),
        "first_gold_terms": gold_term_share(query.question, first.answer, query.answers),
        "first_text": first.answer,
    }
    record |= _reply_fields(store, "first", first, query)
    if first.tutor is not None and first.tutor.can_hint:
        cloze = _turn(service, "dica", TutorAction.HINT, first.conversation_id)
        record |= _reply_fields(store, "cloze", cloze, query)
        reveal = _turn(service, "resposta", TutorAction.REVEAL, first.conversation_id)
    else:  # refused: nothing to climb
        record |= _reply_fields(store, "cloze", first, query)
        reveal = first
    record |= _reply_fields(store, "reveal", reveal, query)
    _set_modes(modes, courses, TutorMode.PROVA)
    record |= _reply_fields(store, "prova", _turn(service, query.question), query)
    _set_modes(modes, courses, TutorMode.DIRETO)
    record |= _pure_fields(service, stats, query, other)
    return record


def _pure_fields(
    service: ChatService, stats: TermStatistics, query: EvalQuery, other: EvalQuery | None
) -> dict[str, Any]:
    """The leak guard and the offline judge on the question's lesson (no stored turn)."""
    prepared = service.prepare(query.question, "eval", None, None)
    assert prepared.answer is not None  # no model: the answer is known at once
    passages = prepared.passages
    chunks, frequencies = stats.term_statistics(analyse(" ".join(p.text for p in passages)), None)
    lesson = lesson_from_answer(
        query.question, passages, prepared.answer, Rarity(chunks, frequencies)
    )
    guide = reply_for(lesson, TutorMode.TUTOR, HintLevel.GUIDE).text
    fields = _guard_fields(lesson, query, guide)
    if not lesson.refused:
        fields["attempt_gold"] = judge_attempt(lesson, query.answers[0]).verdict.value
        if other is not None:
            fields["attempt_other"] = judge_attempt(lesson, other.answers[0]).verdict.value
    return fields


def _guard_fields(lesson: Lesson, query: EvalQuery, guide: str) -> dict[str, Any]:
    """The leak guard on two stand-in model replies: `direto`'s answer (a copy, to catch) and
    the offline guide (a Socratic question, to let through)."""
    if lesson.refused:
        return {}
    passages = list(dict.fromkeys(s.passage for s in lesson.sentences))
    guard = LeakGuard(lesson.question, passages, guide, lesson.hidden)
    copied = _contains(lesson.answer.text, query.answers)
    return {
        "guard_copy_caught": not _contains(guard.filter(lesson.answer.text), query.answers)
        if copied
        else None,
        "guard_guide_kept": guard.filter(guide) == guide,
    }


def _share(values: Sequence[bool | None]) -> float:
    kept = [v for v in values if v is not None]
    return round(sum(kept) / len(kept), 4) if kept else 0.0


def summarise_tutor(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The figures of issue 19 over the records (a refused question is a miss everywhere)."""
    shares = [r["first_gold_terms"] for r in records if r["first_gold_terms"] is not None]
    tried = [r for r in records if "attempt_gold" in r]
    wrong = [r for r in records if "attempt_other" in r]
    summary: dict[str, Any] = {
        "questions": len(records),
        "refused": _share([r["refused"] for r in records]),
    }
    for key in ("direto_contains", "direto_cites", "first_contains", "first_points"):
        summary[key] = _share([r[key] for r in records])
    summary["first_gold_terms_mean"] = round(sum(shares) / len(shares), 4) if shares else 0.0
    for key in (
        "first_contains_beyond_title",
        "cloze_contains",
        "reveal_contains",
        "reveal_points",
        "prova_contains",
        "prova_contains_beyond_title",
        "prova_points",
    ):
        summary[key] = _share([r[key] for r in records])
    summary["guard_copy_caught"] = _share([r.get("guard_copy_caught") for r in records])
    summary["guard_guide_kept"] = _share([r.get("guard_guide_kept") for r in records])
    summary["attempt_gold_correct"] = _share([r["attempt_gold"] == Verdict.CORRECT for r in tried])
    summary["attempt_other_incorrect"] = _share(
        [r["attempt_other"] == Verdict.INCORRECT for r in wrong]
    )
    return summary


def check(summary: dict[str, Any]) -> list[str]:
    """Issue 19's bars the summary misses, each as a sentence (empty: all met)."""
    bars = [
        (summary["first_contains"] <= MAX_FIRST_CONTAINS, "tutor's first reply contains the gold"),
        (summary["first_gold_terms_mean"] <= MAX_FIRST_GOLD_TERMS, "first reply gives gold terms"),
        (
            abs(summary["first_points"] - summary["direto_cites"]) <= MAX_GAP,
            "first reply's pointer",
        ),
        (abs(summary["reveal_contains"] - summary["direto_contains"]) <= MAX_GAP, "reveal"),
        (summary["prova_contains"] <= MAX_PROVA_CONTAINS, "prova contains the gold"),
        (abs(summary["prova_points"] - summary["direto_cites"]) <= MAX_GAP, "prova's pointer"),
    ]
    return [name for met, name in bars if not met]


def answerable(queries: Sequence[EvalQuery], limit: int) -> list[EvalQuery]:
    """The first `limit` questions the corpus answers, in file order."""
    return [q for q in queries if q.answers][:limit]


def _elsewhere(queries: Sequence[EvalQuery], index: int) -> EvalQuery | None:
    """The next question about another document (its gold is a wrong attempt), if any."""
    after = [*queries[index + 1 :], *queries[:index]]
    return next((q for q in after if q.doc_id != queries[index].doc_id), None)


def evaluate_tutor(prepared: Prepared, limit: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The summary and the records over the first `limit` answerable questions."""
    service = prepared.chat()
    queries = answerable(prepared.queries, limit)
    records = [
        tutor_record(
            service,
            prepared.store.courses,
            prepared.store.passages,
            prepared.retriever,
            q,
            _elsewhere(queries, i),
        )
        for i, q in enumerate(queries)
    ]
    return summarise_tutor(records), records


def main(argv: Sequence[str] | None = None) -> int:
    """Index the set, measure the modes, print a table and the JSON; 1 when a bar is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--queries", required=True, type=Path)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--embedding-cache", type=Path, default=None)
    parser.add_argument("--subset", default=None, help="keep these documents only (a,b)")
    parser.add_argument("--records", type=Path, default=None, help="write each record here")
    args = parser.parse_args(argv)
    settings = load_settings()  # the embedder and the scratch store; no model is used
    source = EvalSource(args.queries, corpus=args.corpus)
    variant = Variant(subset=Variant.parse_subset(args.subset))
    with prepare(settings, source, variant, embedding_cache=args.embedding_cache) as prepared:
        summary, records = evaluate_tutor(prepared, args.limit)
    if args.records:
        with args.records.open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    missed = check(summary)
    width = max(len(k) for k in summary)
    for key, value in summary.items():
        sys.stdout.write(f"{key.ljust(width)}  {value}\n")
    sys.stdout.write(json.dumps(summary | {"missed": missed}, ensure_ascii=False) + "\n")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

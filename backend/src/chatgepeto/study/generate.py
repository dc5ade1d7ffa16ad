"""Items from passages without a language model: the embedded default (issue 18).

Per passage, its standalone sentences; per sentence, the span most worth asking for: a
date, a number or a name (facts a student is expected to know), else the rarest noun of
the course (BM25's IDF, the same statistics the index keeps: `Rarity`). One item per
sentence, so no two questions repeat each other; the kinds take turns where a sentence
allows several (a multiple-choice question needs three distractors of the answer's kind).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chatgepeto.generation.evidence import matched_terms
from chatgepeto.generation.terms import analyse, fold
from chatgepeto.generation.tutor.lesson import Rarity
from chatgepeto.study.distractors import OPTIONS, DistractorPool, noun_like
from chatgepeto.study.items import ItemKind, Source, StudyItem, item_id
from chatgepeto.study.questions import (
    ARTICLES,
    JOINERS,
    Definition,
    cloze,
    definition,
    definition_question,
    wh_question,
)
from chatgepeto.study.sentences import standalone_sentences
from chatgepeto.study.spans import Span, SpanKind, spans
from chatgepeto.study.topics import Topics
from chatgepeto.study.validate import validate

# Facts weigh more than words: "em que ano", "quantos dias", "que órgão" are what a course
# asks, and a date is worth asking however often the course mentions years.
_KIND_BONUS: dict[SpanKind, float] = {
    "date": 3.0,
    "year": 2.5,
    "number": 2.0,
    "name": 1.5,
    "acronym": 0.5,
    "term": 0.0,
}


# Abstract nouns of quality or state ("compatibilidade", "existência") head a phrase whose
# wording gives them away.
_ABSTRACT = ("dade", "encia", "ancia")
_CHOOSABLE: frozenset[SpanKind] = frozenset({"date", "year", "number"})


@dataclass(frozen=True)
class GenerationConfig:
    """How many items a passage may give, and which kinds are made."""

    per_passage: int = 4
    kinds: frozenset[ItemKind] = frozenset(
        {"cloze", "flashcard", "short_answer", "multiple_choice"}
    )


@dataclass(frozen=True)
class _Choice:
    sentence: str
    position: int
    score: float
    span: Span | None  # None: a definition (a flashcard)


def rarity_of(texts: Sequence[str]) -> Rarity:
    """Document frequencies over these passages, for callers without the index's own."""
    frequencies: dict[str, int] = {}
    for text in texts:
        for term in set(analyse(text)):
            frequencies[term] = frequencies.get(term, 0) + 1
    return Rarity(len(texts), frequencies)


def generate_items(
    passages: Sequence[Source],
    rarity: Rarity | None = None,
    pool: DistractorPool | None = None,
    config: GenerationConfig | None = None,
) -> list[StudyItem]:
    """Validated items from `passages` (one course's, or a part of it). `rarity` is the
    course's term statistics (the index's) and `pool` its distractors; both default to
    these passages."""
    config = config or GenerationConfig()
    topics = Topics.of(passages, rarity or rarity_of([p.passage_text for p in passages]))
    pool = pool or DistractorPool.of(passages, topics)
    items: list[StudyItem] = []
    for nouns in (False, True):
        # Facts first; a document that holds none (prose: "o TCC é ...") gets its key terms.
        covered = {i.source.document_id for i in items}
        for passage in passages:
            if nouns and passage.document_id in covered:
                continue
            for choice in _choices(passage, topics, config, nouns):
                item = _item(passage, choice, pool, topics, config, len(items))
                if item is not None:
                    items.append(item)
    kept, _ = validate(items)
    return kept


def _choices(
    passage: Source, topics: Topics, config: GenerationConfig, nouns: bool = False
) -> list[_Choice]:
    """The passage's best sentences, at most `per_passage`, in reading order; `nouns` lets
    a key term's blank in (a document without facts)."""
    title = set(analyse(passage.title.replace("_", " ")))
    choices = []
    for position, sentence in enumerate(standalone_sentences(passage.passage_text)):
        d = definition(sentence)
        if d is not None and "flashcard" in config.kinds and _definable(d, topics):
            weight = topics.weight(analyse(d.subject))
            choices.append(_Choice(sentence, position, _KIND_BONUS["name"] + weight, None))
            continue
        best = _best_span(sentence, passage.document_id, topics, title, nouns)
        if best is not None:
            choices.append(_Choice(sentence, position, best[0], best[1]))
    top = sorted(choices, key=lambda c: (-c.score, c.position))[: config.per_passage]
    return sorted(top, key=lambda c: c.position)


def _definable(d: Definition, topics: Topics) -> bool:
    """A subject worth a flashcard: a line of the course's glossary ("Hora-Aula: ..."), or a
    name the course capitalises ("O Mestrado Profissional é ..."); not a phrase of the prose
    that the sentence's first letter capitalised ("Palestras são um jeito interessante ...",
    "Um exemplo interessante é ...", "Realizar um curso de graduação é ...")."""
    if not analyse(d.subject):
        return False
    if d.glossary:
        return True
    words = d.subject.split()
    named = words[1:] if len(words) > 1 and fold(words[0]) in ARTICLES else words
    if len(named) == 1:
        return named[0][:1].isupper() and not topics.common_noun(named[0])
    return all(w[:1].isupper() or fold(w) in JOINERS for w in named)


def _best_span(
    sentence: str, document_id: str, topics: Topics, title: set[str], nouns: bool
) -> tuple[float, Span] | None:
    scored = []
    for span in spans(sentence):
        if _askable(span, sentence, document_id, topics, title, nouns):
            weight = topics.weight(span.terms) + _KIND_BONUS[span.kind]
            scored.append((weight, span.start, span))
    if not scored:
        return None
    score, _, span = max(scored, key=lambda x: (x[0], -x[1]))
    return score, span


def _askable(
    span: Span, sentence: str, document_id: str, topics: Topics, title: set[str], nouns: bool
) -> bool:
    """Whether a student could answer it from the question alone, and it is worth asking."""
    if span.kind == "term":
        # A common noun's blank: of the 21 judged faquad items, 10 were filled from the
        # wording ("o abono de _____", "condicionada à _____ de vagas") or vague; offline,
        # little tells a course's term from its prose. Only where a document has no facts,
        # and only its key terms (repeated in it, rare in the course), nouns not abstract.
        return (
            nouns
            and all(topics.key_term(t, document_id) for t in span.terms)
            and noun_like(span, topics, document_id)
            and not fold(span.text).endswith(_ABSTRACT)
        )
    terms = set(span.terms)
    if span.kind in {"name", "acronym"}:
        if not terms or terms <= title or not any(topics.rare(t) for t in terms):
            return False  # the topic of the document or of the course ("na ___" for "UFMS")
        if span.kind == "name" and topics.common_noun(span.text):
            return False
        if topics.subject(terms):
            return False
        # The same word elsewhere in the sentence gives the blank away.
        rest = set(analyse(sentence[: span.start] + " " + sentence[span.end :]))
        if matched_terms(rest, terms):
            return False
    if sentence[max(0, span.start - 1) : span.start] == "(":
        return False  # "(UFMS)", "(Siscad)": right after the full name it abbreviates
    after = sentence[span.end :].lstrip()
    if span.kind in {"number", "acronym", "name"} and after.startswith("("):
        return False  # "nota 0,0 (zero vírgula zero)", "MEC (Ministério da ...)": said again
    # One city of a list of nine: no question singles it out.
    listed = sentence[: span.start].endswith(", ") and after[:1] in {",", ")"}
    return not (span.kind == "name" and listed)


def _item(
    passage: Source,
    choice: _Choice,
    pool: DistractorPool,
    topics: Topics,
    config: GenerationConfig,
    turn: int,
) -> StudyItem | None:
    sentence, span = choice.sentence, choice.span
    if span is None:
        d = definition(sentence)
        assert d is not None
        return _make("flashcard", definition_question(d), d.definition, (), sentence, passage)
    wh = wh_question(sentence, span, topics.gender) if "short_answer" in config.kinds else None
    distractors: list[str] = []
    # Wrong numbers, years and dates are the same kind of thing as the right one; another
    # name of the course seldom is ("Mato Grosso" among disciplines): names are asked openly.
    if "multiple_choice" in config.kinds and span.kind in _CHOOSABLE:
        distractors = pool.choose(span, passage)
    can_choose = len(distractors) == OPTIONS
    # Every other item is a multiple-choice question where one can be made; the rest are
    # asked openly, so a bank is not all recognition.
    if can_choose and turn % 2 == 0:
        stem = wh_question(sentence, span, topics.gender) or cloze(sentence, span)
        return _make("multiple_choice", stem, span.text, tuple(distractors), sentence, passage)
    if wh is not None:
        return _make("short_answer", wh, span.text, (), sentence, passage)
    if "cloze" in config.kinds:
        return _make("cloze", cloze(sentence, span), span.text, (), sentence, passage)
    return None


def _make(
    kind: ItemKind,
    question: str,
    answer: str,
    distractors: tuple[str, ...],
    sentence: str,
    passage: Source,
) -> StudyItem:
    return StudyItem(
        id=item_id(kind, passage.passage_id, question),
        kind=kind,
        question=question,
        answer=answer,
        distractors=distractors,
        sentence=sentence,
        source=passage,
    )

"""Wrong options for a multiple-choice question, taken from the same course.

A distractor is only plausible when it is the same kind of thing as the answer: a year for
a year, a quantity of the same unit ("30 dias" for "5 dias"), a name of as many words, a
noun of the same gender and number that the same document is about. With no part-of-speech
or entity model offline, these come from the surface shape (`spans`), the words around each
occurrence and the document it occurs in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chatgepeto.generation.terms import fold
from chatgepeto.study.gender import FEMININE, MASCULINE
from chatgepeto.study.items import Source
from chatgepeto.study.sentences import standalone_sentences
from chatgepeto.study.spans import Span, spans
from chatgepeto.study.text import normalise, occurs_in, word_set
from chatgepeto.study.topics import Topics

OPTIONS = 3  # distractors per question: four options in all
MAX_YEAR_GAP = 60
# A candidate from the answer's own document is about the same subject: it is the likelier
# confusion, so it outranks an equally shaped one from elsewhere in the course.
_SAME_DOCUMENT = 1.0

# A lowercase word right after one of these is (almost always) a noun: "a matrícula",
# "do estágio"; verbs and adjectives follow nouns, not articles.
DETERMINERS = FEMININE | MASCULINE | {"the", "an", "de"}
# Adjectives that stand before their noun ("a respectiva profissão"): after an article, but
# no thing to ask for.
PRENOMINAL = word_set(
    """respectivo respectiva respectivos respectivas proprio propria proprios proprias mesmo
    mesma mesmos mesmas novo nova novos novas grande grandes maior maiores menor menores
    melhor melhores pior piores primeiro primeira primeiros primeiras segundo segunda ultimo
    ultima ultimos ultimas unico unica referido referida referidos referidas citado citada
    determinado determinada diversos diversas varios varias certo certa outro outra outros
    outras demais seguinte seguintes anterior posterior devido devida simples principal
    principais atual atuais possivel possiveis eventual eventuais"""
)


@dataclass(frozen=True)
class _Candidate:
    span: Span
    text: str  # normalised
    document_id: str


class DistractorPool:
    """The course's spans by kind, one per distinct text and document."""

    def __init__(self, candidates: Iterable[tuple[Span, str]], topics: Topics) -> None:
        self._topics = topics
        self._by_kind: dict[str, list[_Candidate]] = {}
        seen: set[tuple[str, str, str]] = set()
        for span, document_id in candidates:
            key = normalise(span.text)
            # A count is kept once per unit: "três dias" and "três fases" fit different answers.
            unit = span.after if span.kind == "number" else ""
            if (key, unit, document_id) in seen:
                continue
            if span.kind == "term" and not noun_like(span, topics, document_id):
                continue  # a verb, a common or a passing word is an obviously wrong option
            if span.kind == "name" and topics.common_noun(span.text):
                continue
            seen.add((key, unit, document_id))
            self._by_kind.setdefault(span.kind, []).append(_Candidate(span, key, document_id))

    @classmethod
    def of(cls, passages: Iterable[Source], topics: Topics) -> DistractorPool:
        """Every span of every standalone sentence of the course's passages."""
        found = (
            (span, p.document_id)
            for p in passages
            for sentence in standalone_sentences(p.passage_text)
            for span in spans(sentence)
        )
        return cls(found, topics)

    def choose(self, answer: Span, source: Source, count: int = OPTIONS) -> list[str]:
        """Up to `count` distractors for `answer`, best first: none occurs in the source
        passage, none is or holds the answer (a second correct option), none holds another.
        Fewer than `count` means no multiple-choice question for this answer."""
        wanted = normalise(answer.text)
        scored = []
        for c in self._by_kind.get(answer.kind, []):
            # A noun from another document is about another subject: an option nobody picks.
            if answer.kind == "term" and c.document_id != source.document_id:
                continue
            if wanted in c.text or c.text in wanted or occurs_in(c.span.text, source.passage_text):
                continue
            fit = _fit(answer, c.span, self._topics)
            if fit is not None:
                fit += _SAME_DOCUMENT * (c.document_id == source.document_id)
                scored.append((fit, c.text, c))
        chosen: list[_Candidate] = []
        for _, _, c in sorted(scored, key=lambda x: (-x[0], x[1])):
            if all(c.text not in o.text and o.text not in c.text for o in chosen):
                chosen.append(c)
            if len(chosen) == count:
                break
        return [c.span.text for c in chosen]


def noun_like(span: Span, topics: Topics, document_id: str) -> bool:
    """A lowercase span worth asking for or offering: a noun (after an article, not an
    adjective that precedes its noun) that the document is about."""
    if span.before not in DETERMINERS or fold(span.text) in PRENOMINAL:
        return False
    return all(topics.topical(t, document_id) for t in span.terms)


def _fit(a: Span, b: Span, topics: Topics) -> float | None:
    """How well `b` passes for the answer `a` (higher is better), None if it cannot."""
    if a.kind == "year":
        gap = abs(int(a.text) - int(b.text))
        if gap > MAX_YEAR_GAP or (a.decade and int(b.text) % 10):
            return None  # "a década de 1930" is not answered by 1931
        return 1.0 - gap / MAX_YEAR_GAP
    if a.kind == "number":
        return _number_fit(a, b)
    if a.kind == "date":
        return 1.0 if a.text[0].isdigit() == b.text[0].isdigit() else None
    if a.kind == "acronym":
        gap = abs(len(a.text) - len(b.text))
        return None if gap > 2 else 1.0 - gap / 3 + 0.5 * (a.before == b.before)
    if a.kind == "name":
        return _name_fit(a, b)
    return _term_fit(a, b, topics)


def _number_fit(a: Span, b: Span) -> float | None:
    digits_a, digits_b = a.text[0].isdigit(), b.text[0].isdigit()
    # "nove" and "9" are the same answer: words stand in for words, digits for digits.
    if digits_a != digits_b or a.text.endswith("%") != b.text.endswith("%"):
        return None
    if a.after.isalpha() and a.after != b.after:
        return None  # "450 horas" takes hours, not "12 créditos"
    return 1.0 + 0.5 * (abs(len(a.text) - len(b.text)) <= 1)


def _name_fit(a: Span, b: Span) -> float | None:
    # Capitalised words only: "Faculdade de Farmácia e Odontologia" is a name of three.
    words_a = [w for w in a.text.split() if w[0].isupper()]
    words_b = [w for w in b.text.split() if w[0].isupper()]
    gap = abs(len(words_a) - len(words_b))
    same_head = fold(words_a[0]) == fold(words_b[0])  # "Faculdade de ...", "Conselho ..."
    same_cue = a.before == b.before  # "em <place>", "pelo <body>"
    if gap > 1 or not (same_head or same_cue) or (len(words_a) == 1 and len(words_b) != 1):
        return None  # a capitalised run says little of what it names: its cue must match
    return 1.0 - gap / 2 + 0.5 * same_head + 0.5 * same_cue


def _term_fit(a: Span, b: Span, topics: Topics) -> float | None:
    if topics.gender(a.text) != topics.gender(b.text):
        return None  # "uma ___" takes a feminine noun
    if fold(a.text).endswith("s") != fold(b.text).endswith("s"):
        return None  # singular for singular
    score = 0.5 * (a.before == b.before) + 0.25 * (fold(a.text)[-3:] == fold(b.text)[-3:])
    return score + 0.25 * (abs(len(a.text) - len(b.text)) <= 3)

"""Questions written from a sentence without a parser: a definition's "O que é X?", and a
date's or a number's place taken by "em que ano" / "quantas" where the words around it say
what is counted. Anything else stays a cloze (the sentence with a blank)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from chatgepeto.generation.terms import analyse, fold
from chatgepeto.study.gender import Gender
from chatgepeto.study.items import BLANK
from chatgepeto.study.spans import Span
from chatgepeto.study.text import word_set

# "Bacharelado: modalidade de ...", "A UFMS é uma instituição ...": a short subject, then
# what it is. The subject may not open with a preposition ("Em 1962 ...") or a verb.
_DEFINITION = re.compile(
    r"^(?P<subject>[A-ZÀ-Þ][^,;:()]{1,60}?(?:\s\([^)]{1,20}\))?)"
    r"(?:\s*:\s*(?:é\s+|são\s+)?|\s+(?P<verb>é|são|is|are)\s+(?=(?:um|uma|o|a|os|as|the|an?)\s))"
    r"(?P<definition>\S.{8,}?)[.!…]?$"
)
_SUBJECT_OPENERS_NOT_NAMES = word_set(
    "em no na nos nas de do da dos das para por pelo pela com sem segundo conforme quando "
    "se como in on at for with when if as after before"
)
_MAX_SUBJECT_WORDS = 7
JOINERS = word_set("de do da dos das e em of and")
ARTICLES = frozenset({"o", "a", "os", "as", "um", "uma", "the"})


@dataclass(frozen=True)
class Definition:
    """A term and what the sentence says it is."""

    subject: str
    plural: bool
    definition: str
    english: bool
    glossary: bool = False  # "Termo: definição", no verb: the course's own glossary


def definition(sentence: str) -> Definition | None:
    """The sentence as "subject is definition", when it reads as one."""
    m = _DEFINITION.match(sentence.strip())
    if m is None:
        return None
    subject, verb = m.group("subject").strip(), m.group("verb") or ""
    words = subject.split()
    if len(words) > _MAX_SUBJECT_WORDS or fold(words[0]) in _SUBJECT_OPENERS_NOT_NAMES:
        return None
    if not verb:
        # A glossary line: a capitalised term ("Trancamento de Matrícula:"), then its meaning;
        # "Também deve atender as seguintes premissas:" introduces a list instead.
        if any(not w[0].isupper() and fold(w) not in JOINERS for w in words):
            return None
        if not m.group("definition")[0].isalpha():
            return None
    # The head noun says singular or plural: "Instrumentos de Avaliação" are.
    plural = verb in {"são", "are"} or (not verb and fold(words[0]).endswith("s"))
    meaning = m.group("definition").strip()
    return Definition(subject, plural, meaning, verb in {"is", "are"}, glossary=not verb)


def definition_question(d: Definition) -> str:
    """ "O que é a UFMS?", "O que são disciplinas optativas?" (the article kept, lowered)."""
    first, _, rest = d.subject.partition(" ")
    subject = f"{first.lower()} {rest}" if fold(first) in ARTICLES and rest else d.subject
    if d.english:
        return f"What {'are' if d.plural else 'is'} {subject}?"
    return f"O que {'são' if d.plural else 'é'} {subject}?"


def wh_question(sentence: str, span: Span, gender: Callable[[str], Gender]) -> str | None:
    """The sentence asking for `span`: its place taken by the question words, moved to the
    front when the span opens the sentence ("Em 1962, ..." -> "Em que ano ...?").
    `gender` tells "quantos dias" from "quantas fases"."""
    if sentence[span.end : span.end + 2].strip().startswith("("):
        return None  # "nota 0,0 (zero vírgula zero)": the words would give the number away
    phrase = _wh_phrase(span, gender)
    if phrase is None:
        return None
    head, tail = sentence[: span.start], sentence[span.end :]
    if _reads_badly(head, tail):
        return None
    # "nas duas disciplinas" -> "em quantas disciplinas": the article goes with the number.
    contracted = _CONTRACTED.search(head)
    if contracted and span.kind == "number":
        head = head[: contracted.start(1)] + _CONTRACTIONS[contracted.group(1).lower()] + " "
    # "nove cidades" -> "quantas cidades": the counted noun stays after the question word.
    body = (head + phrase + tail).strip()
    body = re.sub(r"[.!…]+$", "", body)
    opening = re.match(r"^(\w+\s+)?" + re.escape(phrase) + r"\s*,\s*(?P<rest>.+)$", body)
    if opening and len(head.split()) <= 1:
        body = (head + phrase).strip() + " " + opening.group("rest")
    return body[0].upper() + body[1:] + "?"


# A preposition fused with an article, right before the number it counts.
_CONTRACTIONS = {"nas": "em", "nos": "em", "das": "de", "dos": "de", "às": "a", "aos": "a"}
_CONTRACTED = re.compile(r"\b(nas|nos|das|dos|às|aos)\s+$", re.IGNORECASE)


def _reads_badly(head: str, tail: str) -> bool:
    """Where an in-place question word would not read as a question: inside a quotation or
    brackets, before a colon that opens a title ("no artigo de 1948: A Mathematical ..."), or
    after "do dia" ("do dia que data")."""
    quotes = head.count("“") - head.count("”") + head.count("«") - head.count("»")
    inside = quotes > 0 or head.count('"') % 2 == 1 or head.count("(") > head.count(")")
    return inside or tail.lstrip().startswith(":") or head.rstrip().lower().endswith(" dia")


def _wh_phrase(span: Span, gender: Callable[[str], Gender]) -> str | None:
    if span.kind == "year":
        # "a década de 1930": "de que ano" would misread the question.
        return None if span.decade else "que ano"
    if span.kind == "date":
        return "que data"
    if span.kind != "number":
        return None
    if span.text.endswith("%"):
        return "que percentual"
    noun = span.after
    if not noun.isalpha() or not analyse(noun):
        return None  # "o item 5.", "das 7 às 18 horas": nothing says what is counted
    return "quantas" if gender(noun) == "f" else "quantos"


def cloze(sentence: str, span: Span) -> str:
    """The sentence with the span's place blank."""
    return sentence[: span.start] + BLANK + sentence[span.end :]

"""An answer stitched from the material's own sentences, for when no language model is at hand."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from chatgepeto.errors import AppError
from chatgepeto.generation.evidence import Evidence, matched_terms
from chatgepeto.generation.refusal import refusal_answer
from chatgepeto.generation.snippets import make_snippet
from chatgepeto.generation.terms import GENERIC_TERMS, analyse, fold
from chatgepeto.generation.types import EMPTY_QUESTION, Answer, Citation, Language
from chatgepeto.ingest.sentences import statements
from chatgepeto.language.detect import detect_language
from chatgepeto.retrieval.types import RetrievedChunk

_PREFIX = {"pt": "Segundo o material:", "en": "According to the material:"}
# Small nudges that only break near-ties: coverage of the question dominates the score.
_RANK_WEIGHT = 0.15
_POSITION_WEIGHT = 0.05
_GENERIC_WEIGHT = 0.5
_DUPLICATE_OVERLAP = 0.8
_OTHER_LANGUAGE_WEIGHT = 0.5
_HEADING_WEIGHT = 0.5
# Sentence cosines within this of the best one are a tie (README, "Real course material").
_TIE_MARGIN = 0.02
# A sentence longer than an answer is cut at its clauses, then at words, never dropped.
_CLAUSE = re.compile(r"(?<=[;:,])\s+")
# "este problema", "esse comando" a few words in also point back at the previous sentence.
_ANAPHORA_INSIDE = re.compile(r"\b(?:est[ea]s?|ess[ea]s?|isso|isto|this|these)\b", re.IGNORECASE)
_OPENING_WORDS = 5
_TERMINAL = re.compile(r"([.!?…:;]+)$")
# Openings that point back at the previous sentence, which makes it the same explanation.
_ANAPHORA = re.compile(
    r"(?:ess[ea]s?|est[ea]s?|isso|isto|ela|ele|elas|eles|tal|tais|nes[st][ea]|des[st][ea]|"
    r"assim|portanto|por isso|this|these|it|they|such|thus|therefore)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Sentence:
    passage: int  # rank of its passage, 0 = best
    position: int  # index within the passage
    text: str
    terms: frozenset[str]
    # In another language than the question (an English line on a Portuguese page): ranked
    # lower, since the student asked in their language and reads the answer in it.
    foreign: bool = False
    # Terms of the passage's headings: the section a line sits in says what it is about
    # ("Seminar" > "Para continuar nos slides seguintes: \\newslide").
    context: frozenset[str] = frozenset()


class ExtractiveAnswerer:
    """Answers with up to a few whole sentences that share the question's terms, each cited."""

    def __init__(
        self,
        max_sentences: int = 3,
        max_chars: int = 600,
        min_coverage: float = 0.15,
        relative_coverage: float = 0.4,
    ) -> None:
        if max_sentences < 1:
            raise ValueError(f"max_sentences must be >= 1, got {max_sentences}")
        if max_chars < 80:
            raise ValueError(f"max_chars must be >= 80, got {max_chars}")
        if not 0 < min_coverage <= 1 or not 0 <= relative_coverage <= 1:
            raise ValueError(
                f"coverages must be in (0, 1], got {min_coverage} and {relative_coverage}"
            )
        self.max_sentences = max_sentences
        self.max_chars = max_chars
        self.min_coverage = min_coverage
        self.relative_coverage = relative_coverage

    def answer(
        self, question: str, passages: Sequence[RetrievedChunk], evidence: Evidence | None = None
    ) -> Answer:
        """Pick, order and cite the best sentences; `confidence` is the best one's coverage.

        With `evidence` measured by the embedding, a question asked in another language than
        the material (which shares no words with it) is answered with the sentence closest to
        it in meaning instead of being refused.
        """
        if not question.strip():
            raise AppError(EMPTY_QUESTION, "bad_request:question")
        language = detect_language(question)
        wanted = set(analyse(question))
        sentences = _candidates(passages, self.max_chars, language)
        if not sentences:
            return refusal_answer(question, language, [])
        cosines = evidence.sentence_cosines if evidence is not None else {}
        coverage = _coverages(sentences, wanted)
        best = max(sentences, key=lambda s: _score(s, coverage[s]))
        lexical = bool(wanted) and coverage[best] >= self.min_coverage
        # Across languages (or with no content word to match) the words cannot tell which
        # sentence answers; within one language too little overlap means it is not there.
        crossed = evidence is not None and evidence.cross_lingual
        if cosines and (crossed or not wanted or not lexical):
            return self._closest(question, sentences, cosines, passages, wanted)
        if not lexical:
            return refusal_answer(question, language, [p.title for p in passages])
        chosen = self._choose(sentences, best, coverage, wanted)
        return _compose(chosen, passages, wanted, language, confidence=coverage[best])

    def _closest(
        self,
        question: str,
        sentences: list[_Sentence],
        cosines: Mapping[str, float],
        passages: Sequence[RetrievedChunk],
        wanted: set[str],
    ) -> Answer:
        """The sentence nearest the question, and the next one when it refers back to it."""
        language = detect_language(question)
        measured = [s for s in sentences if s.text in cosines]
        if not measured:
            return refusal_answer(question, language, [p.title for p in passages])
        best = max(measured, key=lambda s: (cosines[s.text], -s.passage, -s.position))
        chosen = [best]
        after = next(
            (s for s in sentences if s.passage == best.passage and s.position == best.position + 1),
            None,
        )
        if (
            after
            and _ANAPHORA.match(after.text)
            and len(best.text) + len(after.text) <= self.max_chars
        ):
            chosen.append(after)
        rival = self._tie(best, chosen, measured, cosines)
        if rival is not None:
            chosen.append(rival)
        return _compose(chosen, passages, wanted, language, confidence=cosines[best.text])

    def _tie(
        self,
        best: _Sentence,
        chosen: list[_Sentence],
        measured: list[_Sentence],
        cosines: Mapping[str, float],
    ) -> _Sentence | None:
        """A sentence of another passage about as near the question as the best one.

        Cosines this close cannot tell which of the two answers (an English manual's sentences
        for a Portuguese question sit within a few hundredths of each other), so the student
        reads both, each cited; of several, the one in the passage ranked higher.
        """
        used = sum(len(s.text) for s in chosen)
        near = [
            s
            for s in measured
            if s.passage != best.passage
            and cosines[s.text] >= cosines[best.text] - _TIE_MARGIN
            and used + len(s.text) <= self.max_chars
            and not any(_near_duplicate(s, c) for c in chosen)
        ]
        return max(near, key=lambda s: (-s.passage, cosines[s.text], -s.position), default=None)

    def _choose(
        self,
        sentences: list[_Sentence],
        best: _Sentence,
        coverage: dict[_Sentence, float],
        wanted: set[str],
    ) -> list[_Sentence]:
        """The best sentence, then others with enough coverage of their own, within budget."""
        floor = max(self.min_coverage, self.relative_coverage * coverage[best])
        ranked = sorted(sentences, key=lambda s: _score(s, coverage[s]), reverse=True)
        chosen = [best]
        used = len(best.text)
        # Material often sets the scene, then answers ("... desactivando a hifenização. Para
        # resolver este problema, use \slash."): the sentence after the best one comes first.
        after = next((s for s in ranked if _follows(best, s)), None)
        room = len(chosen) < self.max_sentences
        fits = after is not None and room and used + len(after.text) <= self.max_chars
        limit = self.max_sentences
        if after is not None and fits and _continues(best, after, wanted):
            chosen.append(after)
            used += len(after.text)
            limit += 1  # the continuation completes the best sentence; others keep their room
        for s in ranked:
            if len(chosen) >= limit:
                break
            # Others must cover the question themselves, or an unrelated line of the same chunk
            # slips in; a neighbour of the best one may join on any shared question term, and
            # the next sentence also when it opens by referring back ("Esse processo ...").
            eligible = coverage[s] >= floor or _continues(best, s, wanted)
            if s in chosen or not eligible or used + len(s.text) > self.max_chars:
                continue
            if any(_near_duplicate(s, c) for c in chosen):
                continue
            chosen.append(s)
            used += len(s.text)
        return chosen


def _follows(best: _Sentence, s: _Sentence) -> bool:
    return s.passage == best.passage and s.position == best.position + 1


def _continues(best: _Sentence, s: _Sentence, wanted: set[str]) -> bool:
    """A neighbour of the best sentence that belongs to the same explanation."""
    if s.passage != best.passage or abs(s.position - best.position) != 1:
        return False
    if bool(s.terms & wanted):
        return True
    # The next sentence refers back ("Esse processo ...", "Para resolver este problema ...")
    # or goes on about the same thing the best one names.
    opening = " ".join(s.text.split()[:_OPENING_WORDS])
    refers_back = bool(_ANAPHORA.match(s.text) or _ANAPHORA_INSIDE.search(opening))
    return _follows(best, s) and (refers_back or bool(s.terms & best.terms))


def _candidates(
    passages: Sequence[RetrievedChunk], max_chars: int, language: Language
) -> list[_Sentence]:
    out = []
    for rank, passage in enumerate(passages):
        position = 0
        context = frozenset(analyse(" ".join(passage.heading_path)))
        # Headings are context, fragments and index entries are not answers.
        for sentence in statements(passage.text):
            for piece in _pieces(sentence, max_chars):
                foreign = detect_language(piece) != language
                terms = frozenset(analyse(piece))
                out.append(_Sentence(rank, position, piece, terms, foreign, context - terms))
                position += 1
    return out


def _pieces(sentence: str, max_chars: int) -> list[str]:
    """The sentence itself, or its clauses grouped to fit `max_chars` (a table row, a run-on)."""
    if len(sentence) <= max_chars:
        return [sentence]
    pieces: list[str] = []
    for clause in _CLAUSE.split(sentence):
        while len(clause) > max_chars:
            cut = clause.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            pieces.append(clause[:cut])
            clause = clause[cut:].strip()
        if pieces and len(pieces[-1]) + 1 + len(clause) <= max_chars:
            pieces[-1] = f"{pieces[-1]} {clause}"
        elif clause:
            pieces.append(clause)
    return pieces


def _coverages(sentences: list[_Sentence], wanted: set[str]) -> dict[_Sentence, float]:
    """The IDF-weighted share of the question's terms each sentence contains (0..1)."""
    df: dict[str, int] = {}
    matched = {s: matched_terms(set(s.terms), wanted) for s in sentences}
    # A heading's terms count for its sentences at a discount, once the sentence itself
    # holds a topical term of the question (a heading alone answers nothing).
    framed = {s: matched_terms(set(s.context), wanted) - matched[s] for s in sentences}
    for s in sentences:
        for term in matched[s]:
            df[term] = df.get(term, 0) + 1
    n = len(sentences)
    # BM25's IDF; a term found nowhere weighs as much as the rarest term could.
    idf = {t: math.log(1 + (n - df.get(t, 0) + 0.5) / (df.get(t, 0) + 0.5)) for t in wanted}
    topical = wanted - GENERIC_TERMS or wanted
    weight = {t: idf[t] * (1.0 if t in topical else _GENERIC_WEIGHT) for t in wanted}
    total = sum(weight.values())
    # Sharing only framing words ("ocorre", "tipos") with the question is no overlap at all.
    if not total:
        return dict.fromkeys(sentences, 0.0)

    def held(s: _Sentence) -> float:
        own = sum(weight[t] for t in matched[s])
        return (own + _HEADING_WEIGHT * sum(weight[t] for t in framed[s])) / total

    return {s: held(s) if matched[s] & topical else 0.0 for s in sentences}


def _score(s: _Sentence, coverage: float) -> tuple[float, int, int]:
    nudge = _RANK_WEIGHT / (1 + s.passage) + _POSITION_WEIGHT / (1 + s.position)
    if s.foreign:
        coverage *= _OTHER_LANGUAGE_WEIGHT
    return (coverage + nudge, -s.passage, -s.position)


def _near_duplicate(a: _Sentence, b: _Sentence) -> bool:
    if _normalised(a.text) == _normalised(b.text):
        return True
    # Containment, not Jaccard: a copy with "Segundo o Prof. X," in front is still a copy.
    smaller = min(len(a.terms), len(b.terms))
    return smaller > 0 and len(a.terms & b.terms) / smaller >= _DUPLICATE_OVERLAP


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def _compose(
    chosen: list[_Sentence],
    passages: Sequence[RetrievedChunk],
    wanted: set[str],
    language: Language,
    confidence: float,
) -> Answer:
    """Group the sentences by passage (best first), in reading order, each with its marker."""
    order = list(dict.fromkeys(s.passage for s in chosen))
    parts = []
    for number, rank in enumerate(order, start=1):
        for s in sorted((s for s in chosen if s.passage == rank), key=lambda s: s.position):
            parts.append(_with_marker(s.text, number))
    citations = []
    for rank in order:
        p = passages[rank]
        focus = wanted | {t for s in chosen if s.passage == rank for t in s.terms}
        snippet = make_snippet(p.text, focus)
        citations.append(Citation(p.document_id, p.title, p.page, snippet, p.chunk_id))
    text = f"{_PREFIX[language]} " + " ".join(parts)
    return Answer(text, citations, mode="extractive", confidence=round(confidence, 4))


def _with_marker(sentence: str, number: int) -> str:
    """Put the marker before the final punctuation: "... cloroplastos [1]."."""
    found = _TERMINAL.search(sentence)
    if not found:
        return f"{sentence} [{number}]"
    ending = found.group(1)
    ending = ending if ending[0] in ".!?…" else "."
    return f"{sentence[: found.start()].rstrip()} [{number}]{ending}"

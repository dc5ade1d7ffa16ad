"""Offline generation on real course text: the shared faquad dev corpus (issue 18's bar)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from chatgepeto.ingest.chunker import split
from chatgepeto.ingest.formats.text import parse_text
from chatgepeto.study.generate import generate_items, rarity_of
from chatgepeto.study.items import Source, StudyItem
from chatgepeto.study.text import normalise
from chatgepeto.study.validate import NEAR_DUPLICATE, question_terms

# Beside the checkout, as the Makefile's EVAL (../shared/eval/faquad) has it.
CORPUS = Path(__file__).resolve().parents[4] / "shared" / "eval" / "faquad" / "dev" / "corpus.jsonl"
DOCUMENTS = 10


def faquad_passages() -> list[Source]:
    """Every document chunked by the product's own chunker, as a text upload is."""
    if not CORPUS.exists():
        pytest.skip(f"the faquad dev corpus is not at {CORPUS}")
    passages = []
    for line in CORPUS.read_text("utf-8").splitlines():
        doc = json.loads(line)
        for chunk in split(parse_text(doc["text"].encode("utf-8")).blocks):
            passages.append(
                Source(
                    document_id=doc["doc_id"],
                    title=doc["title"],
                    page=chunk.page,
                    passage_id=f"{doc['doc_id']}:{chunk.position}",
                    passage_text=chunk.text,
                )
            )
    return passages


@pytest.fixture(scope="module")
def items() -> list[StudyItem]:
    course = faquad_passages()
    first = list(dict.fromkeys(p.document_id for p in course))[:DOCUMENTS]
    # The statistics and the distractors are the whole course's; the items are ten documents'.
    rarity = rarity_of([p.passage_text for p in course])
    return generate_items([p for p in course if p.document_id in first], rarity)


def test_at_least_a_hundred_items_from_ten_documents(items):
    assert len(items) >= 100
    assert len({i.source.document_id for i in items}) == DOCUMENTS
    kinds = Counter(i.kind for i in items)
    assert set(kinds) == {"cloze", "flashcard", "short_answer", "multiple_choice"}, kinds


def test_every_answer_occurs_in_its_cited_passage(items):
    missing = [i for i in items if normalise(i.answer) not in normalise(i.source.passage_text)]
    assert missing == []


def test_no_two_questions_are_near_duplicates(items):
    terms = [(i, question_terms(i)) for i in items]
    close = [
        (a.question, b.question)
        for (a, ta), (b, tb) in combinations(terms, 2)
        if len(ta & tb) / max(1, len(ta | tb)) >= NEAR_DUPLICATE
    ]
    assert close == []


def test_no_distractor_is_in_the_source_passage_or_another_correct_answer(items):
    choices = [i for i in items if i.kind == "multiple_choice"]
    assert choices
    for item in choices:
        passage = normalise(item.source.passage_text)
        assert len(item.distractors) == 3
        for d in item.distractors:
            assert normalise(d) not in passage, (item.question, d)
            assert normalise(d) != normalise(item.answer)
        assert item.answer in item.options()


JUDGEMENTS = Path(__file__).parent / "data" / "judgements.csv"


def test_the_judged_items_are_the_generators_own(items):
    """The committed judgements (RUBRIC.md) are of items the generator still makes."""
    with JUDGEMENTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 50
    by_id = {i.id: i for i in items}
    for row in rows:
        item = by_id.get(row["id"])
        assert item is not None, f"judged item {row['id']} is no longer generated: judge again"
        assert (item.question, item.answer) == (row["question"], row["answer"])
        assert row["verdict"] in {"usable", "edit", "reject"} and row["reason"].strip()


def test_most_judged_items_are_usable_as_is():
    """Issue 18's bar on the committed judgements: at least 70% usable as is."""
    with JUDGEMENTS.open(encoding="utf-8", newline="") as handle:
        verdicts = Counter(row["verdict"] for row in csv.DictReader(handle))
    assert verdicts["usable"] / sum(verdicts.values()) >= 0.70, verdicts

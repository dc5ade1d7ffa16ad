"""The answer summary is a pure function of the per-question records."""

from __future__ import annotations

from typing import Any

from chatgepeto.evaluation.answer_eval import summarise


def _record(
    answerable: bool,
    refused: bool,
    contains: bool | None = None,
    cited: bool | None = None,
    page: tuple[bool, bool] | None = None,
    citations: int = 1,
) -> dict[str, Any]:
    return {
        "qid": "x",
        "answerable": answerable,
        "refused": refused,
        "mode": "refused" if refused else "extractive",
        "ms": 10.0,
        "contains": contains,
        "cited": cited,
        "cited_page": page[0] if page else None,
        "cited_page_pages": page[1] if page else None,
        "result": {"citations": [{}] * (0 if refused else citations)},
    }


RECORDS = [
    _record(True, False, True, True, (True, True), citations=2),
    _record(True, False, False, True, (False, True)),
    _record(True, False, True, False, (False, False)),
    _record(True, True, False, False, (False, False)),  # a false refusal
    _record(False, True),
    _record(False, False),
]


def test_summary_of_paged_records() -> None:
    metrics = summarise(RECORDS, "extractive", paged=True)
    assert metrics["queries"] == 6
    assert metrics["answer_contains"] == 0.5
    assert metrics["citation_hit"] == 0.5
    assert metrics["cited_page_hit"] == 0.25
    assert metrics["cited_page_hit_pages"] == 0.5
    assert metrics["page_questions"] == 4
    assert metrics["refusal_rate"] == 0.5
    assert metrics["false_refusal_rate"] == 0.25
    assert metrics["citations_per_answer_mean"] == round(4 / 3, 3)
    assert metrics["mode"] == "extractive"


def test_json_corpora_have_no_page_metrics() -> None:
    metrics = summarise(RECORDS, "llm")
    assert metrics["cited_page_hit"] is None and metrics["cited_page_hit_pages"] is None
    assert metrics["answer_contains"] == 0.5


def test_no_records() -> None:
    metrics = summarise([], "extractive", paged=True)
    assert metrics["queries"] == 0 and metrics["answer_contains"] == 0.0
    assert metrics["cited_page_hit"] == 0.0 and metrics["answer_ms_p50"] == 0.0

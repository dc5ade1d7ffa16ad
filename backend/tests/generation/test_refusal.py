"""Refusal messages and the refusal decision."""

from __future__ import annotations

import dataclasses

from chatgepeto.generation.evidence import Evidence
from chatgepeto.generation.refusal import RefusalPolicy, refusal_answer, should_refuse


def test_portuguese_refusal_with_suggestions():
    answer = refusal_answer("Qual a capital da França?", "pt", ["Aula 1", "Aula 1", "Aula 2", ""])

    assert answer.mode == "refused" and answer.citations == []
    assert (
        answer.text
        == 'Não encontrei isso no material do curso. Talvez ajude consultar: "Aula 1", "Aula 2".'
    )


def test_english_refusal_without_suggestions():
    answer = refusal_answer("What is the capital of France?", "en", [])

    assert answer.text == "I couldn't find this in the course material."
    assert answer.mode == "refused"


def evidence(**values: object) -> Evidence:
    base: dict[str, object] = dict(
        best_cosine=0.88, cosine_gap=0.02, coverage=0.6, absent=0.0, cross_lingual=False
    )
    base.update(values)
    return Evidence(**base)  # type: ignore[arg-type]


def test_strong_cosines_answer_and_weak_ones_refuse():
    assert not should_refuse(evidence(best_cosine=0.89, sentence_cosine=0.90))
    # Unrelated course text still scores ~0.80 with multilingual-e5.
    assert should_refuse(evidence(best_cosine=0.81, sentence_cosine=0.80))


def test_the_best_sentence_weighs_more_than_the_best_passage():
    # A passage on the topic whose sentences do not address the question is not support.
    assert should_refuse(evidence(best_cosine=0.89, sentence_cosine=0.84, coverage=0.0))
    assert not should_refuse(evidence(best_cosine=0.89, sentence_cosine=0.89, coverage=0.0))
    # The same two cosines, swapped: one sentence that addresses the question counts more.
    assert not should_refuse(evidence(best_cosine=0.86, sentence_cosine=0.895, coverage=0.0))
    assert should_refuse(evidence(best_cosine=0.895, sentence_cosine=0.86, coverage=0.0))


def test_a_best_passage_standing_out_of_its_neighbours_lifts_support():
    flat = evidence(best_cosine=0.88, sentence_cosine=0.88, coverage=0.0, cosine_gap=0.0)

    assert should_refuse(flat)
    assert not should_refuse(dataclasses.replace(flat, cosine_gap=0.04))


def test_covering_the_question_lifts_borderline_support():
    policy = RefusalPolicy(support=0.87, coverage_weight=0.02)
    borderline = evidence(best_cosine=0.86, sentence_cosine=0.86)

    assert should_refuse(dataclasses.replace(borderline, coverage=0.0), policy)
    assert not should_refuse(dataclasses.replace(borderline, coverage=1.0), policy)


def test_terms_the_course_never_mentions_hold_support_back():
    policy = RefusalPolicy(support=0.87, coverage_weight=0.0, absent_weight=0.1)

    assert not should_refuse(evidence(best_cosine=0.88, sentence_cosine=0.88), policy)
    assert should_refuse(evidence(best_cosine=0.88, sentence_cosine=0.88, absent=0.5), policy)


def test_a_question_in_another_language_is_judged_on_cosines_against_its_own_bar():
    crossed = evidence(best_cosine=0.845, sentence_cosine=0.85, coverage=0.0, absent=1.0)

    assert not should_refuse(dataclasses.replace(crossed, cross_lingual=True))
    assert should_refuse(dataclasses.replace(crossed, cross_lingual=False))


def test_nothing_measured_densely_is_refused():
    assert should_refuse(evidence(best_cosine=None, coverage=1.0))

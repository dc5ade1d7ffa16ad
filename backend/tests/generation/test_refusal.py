"""Refusal messages and the refusal decision."""

from __future__ import annotations

from chatgepeto.generation.refusal import (
    DEFAULT_DENSE_THRESHOLD,
    DEFAULT_LEXICAL_THRESHOLD,
    refusal_answer,
    should_refuse,
)

from .passages import MITOSIS, passage


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


def test_refuse_when_neither_score_supports_the_question():
    weak = [passage(1, MITOSIS, dense=0.74, lexical=1.2), passage(2, MITOSIS, dense=0.71)]

    assert should_refuse(weak, DEFAULT_DENSE_THRESHOLD, DEFAULT_LEXICAL_THRESHOLD)


def test_either_strong_score_is_enough_to_answer():
    dense_only = [passage(1, MITOSIS, dense=0.71), passage(2, MITOSIS, dense=0.84)]
    lexical_only = [passage(1, MITOSIS, dense=0.70, lexical=9.0)]

    assert not should_refuse(dense_only, 0.80, 5.0)
    assert not should_refuse(lexical_only, 0.80, 5.0)


def test_thresholds_are_parameters():
    passages = [passage(1, MITOSIS, dense=0.82, lexical=3.0)]

    assert not should_refuse(passages, threshold_dense=0.80, threshold_lexical=5.0)
    assert should_refuse(passages, threshold_dense=0.85, threshold_lexical=5.0)
    assert not should_refuse(passages, threshold_dense=0.85, threshold_lexical=2.5)


def test_nothing_retrieved_or_nothing_scored_is_refused():
    assert should_refuse([], DEFAULT_DENSE_THRESHOLD, DEFAULT_LEXICAL_THRESHOLD)
    assert should_refuse([passage(1, MITOSIS)])

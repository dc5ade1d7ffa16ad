"""The leak guard on model replies: copies and fact-keeping paraphrases are replaced by the
hint, a Socratic question passes, and a stream is cut exactly as the whole reply is."""

from __future__ import annotations

import random

import pytest

from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.leaks import LeakGuard, guard_for
from chatgepeto.generation.tutor.lesson import build_lesson
from chatgepeto.generation.tutor.modes import HintLevel, TutorMode
from chatgepeto.generation.tutor.replies import reply_for

from ..passages import MITOSIS, PHOTOSYNTHESIS, passage

PASSAGES = [passage(1, PHOTOSYNTHESIS), passage(2, MITOSIS)]
QUESTION = "Onde ocorre a fotossíntese?"
HINT = "Releia «Aula 1», p. 1. Que frase desse trecho fala de «fotossíntese»?"
SOCRATIC = (
    "Boa pergunta! Pense no que acontece dentro da célula vegetal quando a luz chega. "
    "Que estrutura você imagina que captura essa luz?"
)


@pytest.fixture
def guard() -> LeakGuard:
    return LeakGuard(QUESTION, PASSAGES, HINT)


@pytest.mark.parametrize(
    "reply",
    [
        "Esse processo ocorre nos cloroplastos, organelas que contêm clorofila [1].",
        "Ela ocorre nos cloroplastos, que são organelas com clorofila.",  # reworded copy
        "Na fase clara a água é quebrada e o oxigênio é liberado pela clorofila.",
        # framed by words about the material, still a copy
        "Segundo o material, no trecho da aula, ocorre nos cloroplastos [1].",
    ],
)
def test_a_copy_or_a_close_paraphrase_leaks(guard: LeakGuard, reply: str) -> None:
    assert guard.leaks(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Pense na etapa descrita pelo ciclo de Calvin.",  # a name of the passage
        "Dura mais ou menos 1.5 horas, não é?",  # a number of the passage
        "Lembre o que disse a Dra. Souza.",
    ],
)
def test_a_paraphrase_keeping_a_number_or_a_name_leaks(reply: str) -> None:
    guard = LeakGuard("Quanto tempo dura a mitose?", PASSAGES, HINT)
    assert guard.leaks(reply)


def test_a_socratic_question_and_the_hints_own_words_pass(guard: LeakGuard) -> None:
    assert guard.filter(SOCRATIC) == SOCRATIC
    assert not guard.leaks("Releia «Aula 1» com calma: o que o trecho diz sobre a fotossíntese?")
    assert not guard.leaks("Onde ocorre a fotossíntese?")  # the question, repeated


def test_names_and_numbers_the_question_gives_are_not_leaks() -> None:
    guard = LeakGuard("O que fixa o ciclo de Calvin?", PASSAGES, HINT)
    assert not guard.leaks("O ciclo de Calvin faz parte de qual fase, você lembra?")


def test_a_leaking_sentence_becomes_the_hint_once_and_later_ones_are_dropped(
    guard: LeakGuard,
) -> None:
    reply = (
        "Pense na luz. Ocorre nos cloroplastos, organelas que contêm clorofila [1]. "
        "Os cloroplastos contêm clorofila. Que tal reler o trecho?"
    )
    assert guard.filter(reply) == f"Pense na luz. {HINT} Que tal reler o trecho?"


def test_citation_markers_are_no_numbers(guard: LeakGuard) -> None:
    assert not guard.leaks("Que estrutura da célula vegetal captura a luz [1]?")


def pieces(text: str, rng: random.Random) -> list[str]:
    cuts = sorted(rng.sample(range(1, len(text)), k=min(len(text) - 1, rng.randint(1, 30))))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


@pytest.mark.parametrize("seed", range(20))
def test_the_stream_filter_equals_the_whole_reply_filter(guard: LeakGuard, seed: int) -> None:
    reply = (
        f"{SOCRATIC}\nOcorre nos cloroplastos, organelas que contêm clorofila.  "
        "Versão 1.5 do texto... A prova será no dia 12! Releia a p. 1 com calma?\n\n"
        "Na fase clara, a luz é absorvida pela clorofila e a água é quebrada"
    )
    whole = guard.filter(reply)
    assert HINT in whole and "cloroplastos" not in whole and "12" not in whole
    streamed = list(guard.stream(pieces(reply, random.Random(seed))))
    assert "".join(streamed) == whole
    assert "".join(guard.stream(list(reply))) == whole  # one character at a time


def test_a_sentence_is_held_back_until_it_ends(guard: LeakGuard) -> None:
    stream = guard.stream(
        iter(["Ocorre nos cloro", "plastos, organelas que contêm ", "clorofila. Ok?"])
    )
    assert next(stream) == f"{HINT} "  # the leak never goes out, even in part


@pytest.mark.parametrize("reply", ["", "   ", "\n"])
def test_empty_replies_stay_empty(guard: LeakGuard, reply: str) -> None:
    assert guard.filter(reply) == reply


def test_the_guard_for_a_rung_replaces_leaks_with_that_rungs_hint() -> None:
    lesson = build_lesson(QUESTION, PASSAGES)
    copy = "Esse processo ocorre nos cloroplastos, organelas que contêm clorofila."
    for mode, level in [(TutorMode.TUTOR, HintLevel.GUIDE), (TutorMode.TUTOR, HintLevel.CLOZE)]:
        guard = guard_for(lesson, PASSAGES, mode, level)
        assert guard is not None
        assert guard.filter(copy) == reply_for(lesson, mode, level).text
    prova = guard_for(lesson, PASSAGES, TutorMode.PROVA, HintLevel.ANSWER)
    assert prova is not None and prova.filter(copy) == reply_for(lesson, TutorMode.PROVA).text


def test_nothing_is_guarded_when_the_answer_is_due() -> None:
    lesson = build_lesson(QUESTION, PASSAGES)
    assert guard_for(lesson, PASSAGES, TutorMode.DIRETO) is None
    assert guard_for(lesson, PASSAGES, TutorMode.TUTOR, HintLevel.ANSWER) is None


def test_a_hidden_key_term_leaks_in_any_wording() -> None:
    hidden = frozenset(analyse("cloroplastos"))
    guard = LeakGuard(QUESTION, PASSAGES, HINT, hidden)
    assert not LeakGuard(QUESTION, PASSAGES, HINT).leaks(  # too little of a passage sentence
        "Ela se passa dentro das organelas verdes chamadas Cloroplastos."
    )
    assert guard.leaks("Ela se passa dentro das organelas verdes chamadas Cloroplastos.")
    assert not guard.leaks("Em que organela da célula ela se passa?")

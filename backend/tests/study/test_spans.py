from chatgepeto.study.spans import spans


def kinds(sentence: str) -> dict[str, str]:
    return {s.text: s.kind for s in spans(sentence)}


def test_shapes_give_the_kind():
    found = kinds(
        "Em 26 de julho de 1966 a UFMS abriu campi em nove cidades de Mato Grosso do Sul, "
        "a mais de 500 km, com 80% dos alunos na graduação."
    )
    assert found["26 de julho de 1966"] == "date"
    assert found["UFMS"] == "acronym"
    assert found["nove"] == "number"
    assert found["Mato Grosso do Sul"] == "name"
    assert found["500"] == "number"
    assert found["80%"] == "number"
    assert found["graduação"] == "term"
    assert "1966" not in found  # inside the date, not a year of its own


def test_a_year_alone_is_a_year():
    assert kinds("A faculdade surgiu em 1985 no campus.")["1985"] == "year"


def test_identifiers_and_months_are_not_answers():
    found = kinds("Conforme a Lei nº 2.620 e o art. 5 do regimento, as aulas começam em Agosto.")
    assert "2.620" not in found and "5" not in found
    assert "Agosto" not in found


def test_a_sentence_opening_word_is_no_name():
    found = kinds("Além disso, o curso dura quatro anos em Campo Grande.")
    assert "Além" not in found
    assert found["Campo Grande"] == "name"


def test_spans_know_the_words_around_them():
    (count,) = [s for s in spans("O prazo é de cinco dias úteis.") if s.text == "cinco"]
    assert (count.before, count.after) == ("de", "dias")

from chatgepeto.study.gender import gender_of, genders


def test_the_course_articles_decide():
    known = genders(["Todos os dias a fase de inscrição começa.", "Uma fase dura dois dias."])
    assert known["dias"] == "m"
    assert known["fase"] == "f"
    assert gender_of("dias", known) == "m"


def test_endings_guess_for_words_never_seen_with_an_article():
    assert gender_of("avaliações", {}) == "f"
    assert gender_of("sistema", {}) == "m"
    assert gender_of("créditos", {}) == "m"
    assert gender_of("vezes", {}) == "f"
    assert gender_of("fases", {}) == "f"
    assert gender_of("computador", {}) == ""

from chatgepeto.study.sentences import standalone_sentences, stands_alone


def test_a_statement_that_names_its_subject_stands_alone():
    assert stands_alone("A Faculdade de Computação surgiu em 1985 em Campo Grande.")


def test_sentences_that_point_back_do_not():
    assert not stands_alone("Esses cursos foram absorvidos pelo instituto em 1966.")
    assert not stands_alone("Em 1966, através da lei, esses cursos foram absorvidos.")
    assert not stands_alone("Além disso, a universidade mantém campi em nove cidades.")
    assert not stands_alone("É uma forma de incentivar o aluno a estudar mais.")


def test_est_words_point_back_only_near_the_start():
    assert not stands_alone("Este curso foi criado em 1985 pela universidade federal.")
    assert stands_alone("Os prazos serão fixados pelo calendário acadêmico deste Regulamento.")


def test_fragments_questions_and_list_intros_are_left_out():
    assert not stands_alone("Curso criado.")
    assert not stands_alone("Quando foi criada a universidade federal do estado?")
    assert not stands_alone("A renovação de matrícula tem as seguintes etapas a cumprir:")


def test_a_passage_gives_its_standalone_sentences_in_order():
    text = (
        "A universidade foi criada em 1962 em Campo Grande. Ela tem nove campi no estado. "
        "O curso de Computação surgiu em 1985 na capital."
    )
    assert standalone_sentences(text) == [
        "A universidade foi criada em 1962 em Campo Grande.",
        "O curso de Computação surgiu em 1985 na capital.",
    ]

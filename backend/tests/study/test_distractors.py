from chatgepeto.study.distractors import DistractorPool
from chatgepeto.study.generate import rarity_of
from chatgepeto.study.spans import spans
from chatgepeto.study.text import normalise, occurs_in
from chatgepeto.study.topics import Topics
from study.course import course


def pool_and_topics():
    passages = course()
    topics = Topics.of(passages, rarity_of([p.passage_text for p in passages]))
    return passages, DistractorPool.of(passages, topics)


def answer(passage, text):
    return next(s for x in [passage.passage_text] for s in spans(x) if s.text == text)


def test_a_year_gets_other_years_of_the_course_none_from_its_passage():
    passages, pool = pool_and_topics()
    source = passages[0]
    chosen = pool.choose(answer(source, "1962"), source)
    assert len(chosen) == 3
    assert all(c.isdigit() and len(c) == 4 for c in chosen)
    assert not any(occurs_in(c, source.passage_text) for c in chosen)
    assert "1970" not in chosen  # in the same passage: the student would see it there


def test_a_count_gets_counts_of_the_same_unit_never_the_answer():
    passages, pool = pool_and_topics()
    source = passages[2]  # "cinco dias úteis"
    chosen = pool.choose(answer(source, "cinco"), source)
    # The course's other counts of days, in words; "nove cidades" and "dez acadêmicos" count
    # something else.
    assert sorted(chosen) == ["quatro", "três"]
    assert all(normalise(c) != "cinco" for c in chosen)


def test_names_stand_in_for_names_of_as_many_words():
    passages, pool = pool_and_topics()
    source = passages[1]
    chosen = pool.choose(answer(source, "Faculdade de Computação"), source)
    assert "Faculdade de Farmácia e Odontologia" in chosen  # the same head, another passage
    for c in chosen:
        capitalised = [w for w in c.split() if w[0].isupper()]
        assert 1 <= len(capitalised) <= 3


def test_fewer_than_three_when_the_course_lacks_them():
    passages, pool = pool_and_topics()
    source = passages[2]
    assert len(pool.choose(answer(source, "cinco"), source, count=30)) < 30

from chatgepeto.study.items import Source, StudyItem, item_id
from chatgepeto.study.validate import problems, validate

SOURCE = Source(
    document_id="d1",
    title="História",
    page=None,
    passage_id="d1:0",
    passage_text="A Faculdade de Computação surgiu em 1985, em Campo Grande.",
)


def item(question, answer, kind="short_answer", distractors=()):
    return StudyItem(
        id=item_id(kind, SOURCE.passage_id, question),
        kind=kind,
        question=question,
        answer=answer,
        distractors=distractors,
        source=SOURCE,
    )


def test_a_sound_item_has_no_problem():
    good = item("Em que ano surgiu a Faculdade de Computação?", "1985")
    assert problems(good) == []
    mc = item(
        "A Faculdade de Computação surgiu em _____.",
        "1985",
        "multiple_choice",
        ("1979", "1962", "1970"),
    )
    assert problems(mc) == []


def test_an_answer_its_passage_lacks_is_rejected():
    assert "answer_not_in_passage" in problems(item("Em que ano surgiu a faculdade?", "1979"))


def test_an_answer_the_question_gives_away_is_rejected():
    assert "answer_in_question" in problems(item("Em 1985 surgiu o quê em 1985?", "1985"))


def test_distractors_in_the_passage_or_equal_to_the_answer_are_rejected():
    in_passage = item("Em que ano?", "1985", "multiple_choice", ("Campo Grande", "1962", "1970"))
    assert "distractor_in_passage" in problems(in_passage)
    same = item("Em que ano surgiu?", "1985", "multiple_choice", ("1985 ", "1962", "1970"))
    assert "distractor_is_answer" in problems(same)
    repeated = item("Em que ano surgiu?", "1985", "multiple_choice", ("1962", "1962", "1970"))
    assert "missing_distractors" in problems(repeated)


def test_near_duplicates_are_dropped_after_the_first():
    first = item("Em que ano surgiu a Faculdade de Computação em Campo Grande?", "1985")
    again = item("Em que ano surgiu a Faculdade de Computação, em Campo Grande?", "1985")
    other = item("Em que cidade surgiu a faculdade?", "Campo Grande")
    kept, rejected = validate([first, again, other])
    assert kept == [first, other]
    assert [(r.item, r.problem) for r in rejected] == [(again, "near_duplicate")]

"""The Moodle XML parses and has Moodle's documented structure
(https://docs.moodle.org/en/Moodle_XML_format)."""

import html
import xml.etree.ElementTree as ET

from chatgepeto.study.export.moodle import moodle_xml
from study.export.items import one_of_each


def text_of(element, path):
    found = element.find(path)
    assert found is not None, path
    return found.text or ""


def test_each_kind_becomes_its_moodle_question_type():
    items = one_of_each()
    root = ET.fromstring(moodle_xml(items, category="Curso de teste"))
    assert root.tag == "quiz"
    category, *questions = root.findall("question")
    assert category.get("type") == "category"
    assert text_of(category, "category/text") == "$course$/Curso de teste"
    types = [q.get("type") for q in questions]
    assert types == ["multichoice", "shortanswer", "shortanswer", "essay"]
    for item, q in zip(items, questions, strict=True):
        assert text_of(q, "name/text")
        assert q.find("questiontext").get("format") == "html"
        assert html.unescape(text_of(q, "questiontext/text")) == f"<p>{item.question}</p>"
        assert item.source.label() in html.unescape(text_of(q, "generalfeedback/text"))
        assert text_of(q, "tags/tag/text") == f"fonte: {item.source.label()}"
        assert text_of(q, "idnumber") == item.id


def test_a_multichoice_has_one_right_answer_and_its_distractors_at_zero():
    mc = one_of_each()[0]
    q = ET.fromstring(moodle_xml([mc])).find("question")
    assert text_of(q, "single") == "true"
    answers = q.findall("answer")
    right = [a for a in answers if a.get("fraction") == "100"]
    wrong = [a for a in answers if a.get("fraction") == "0"]
    assert [html.unescape(text_of(a, "text")) for a in right] == [f"<p>{mc.answer}</p>"]
    assert sorted(html.unescape(text_of(a, "text")) for a in wrong) == sorted(
        f"<p>{d}</p>" for d in mc.distractors
    )


def test_a_short_answer_is_matched_case_blind_and_an_essay_has_grader_info():
    _, short, _, card = one_of_each()
    root = ET.fromstring(moodle_xml([short, card]))
    sa, essay = root.findall("question")
    assert text_of(sa, "usecase") == "0"
    (answer,) = sa.findall("answer")
    assert answer.get("fraction") == "100" and text_of(answer, "text") == short.answer
    assert html.unescape(text_of(essay, "graderinfo/text")) == f"<p>{card.answer}</p>"


def test_markup_in_an_item_is_escaped_not_interpreted():
    mc = one_of_each()[0]
    hostile = mc.model_copy(update={"question": "Qual é <b>o</b> ano & mês?"})
    q = ET.fromstring(moodle_xml([hostile])).find("question")
    assert text_of(q, "questiontext/text") == "<p>Qual é &lt;b&gt;o&lt;/b&gt; ano &amp; mês?</p>"

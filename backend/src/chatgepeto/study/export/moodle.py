"""Moodle XML, the format Moodle's question bank imports
(https://docs.moodle.org/en/Moodle_XML_format).

multiple_choice -> <question type="multichoice"> (one answer at fraction 100, the
distractors at 0); short_answer and cloze -> <question type="shortanswer"> (the blank kept
in the text); flashcard -> <question type="essay"> with the expected answer as grader
information, since a definition is not matched word for word. The source goes into the
general feedback, shown after answering, and into a tag.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from chatgepeto.study.items import StudyItem

# Moodle's own default: a wrong try costs a third of the mark in adaptive mode.
_PENALTY = "0.3333333"


def moodle_xml(items: Iterable[StudyItem], category: str | None = None) -> bytes:
    """The quiz document, UTF-8 encoded, with an XML declaration."""
    quiz = ET.Element("quiz")
    if category:
        q = ET.SubElement(quiz, "question", type="category")
        _text(ET.SubElement(q, "category"), f"$course$/{category}")
    for item in items:
        quiz.append(_question(item))
    ET.indent(quiz)
    body: bytes = ET.tostring(quiz, encoding="utf-8", xml_declaration=True)
    return body


def _question(item: StudyItem) -> ET.Element:
    kind = {"multiple_choice": "multichoice", "flashcard": "essay"}.get(item.kind, "shortanswer")
    q = ET.Element("question", type=kind)
    _text(ET.SubElement(q, "name"), _name(item))
    _text(ET.SubElement(q, "questiontext", format="html"), _html(item.question))
    source = f"Fonte: {item.source.label()}. {item.source.passage_text}"
    _text(ET.SubElement(q, "generalfeedback", format="html"), _html(source))
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = _PENALTY
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = item.id
    if kind == "multichoice":
        ET.SubElement(q, "single").text = "true"
        ET.SubElement(q, "shuffleanswers").text = "true"
        ET.SubElement(q, "answernumbering").text = "abc"
        for option in item.options():
            fraction = "100" if option == item.answer else "0"
            answer = ET.SubElement(q, "answer", fraction=fraction, format="html")
            _text(answer, _html(option))
            _text(ET.SubElement(answer, "feedback", format="html"), "")
    elif kind == "shortanswer":
        ET.SubElement(q, "usecase").text = "0"  # case does not matter
        answer = ET.SubElement(q, "answer", fraction="100", format="moodle_auto_format")
        _text(answer, item.answer)
        _text(ET.SubElement(answer, "feedback", format="html"), "")
    else:
        ET.SubElement(q, "responseformat").text = "editor"
        ET.SubElement(q, "responserequired").text = "1"
        ET.SubElement(q, "responsefieldlines").text = "5"
        _text(ET.SubElement(q, "graderinfo", format="html"), _html(item.answer))
    tags = ET.SubElement(q, "tags")
    _text(ET.SubElement(tags, "tag"), f"fonte: {item.source.label()}")
    return q


def _name(item: StudyItem) -> str:
    """A short name the teacher recognises in the bank's list."""
    words = item.question.split()
    return " ".join(words[:10]) + ("…" if len(words) > 10 else "")


def _html(text: str) -> str:
    """Moodle reads these fields as HTML: the text escaped, in a paragraph."""
    return f"<p>{html.escape(text)}</p>"


def _text(parent: ET.Element, value: str) -> None:
    ET.SubElement(parent, "text").text = value

"""The question bank's items and the passage each one comes from."""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# cloze: a sentence with a blank (front) and the hidden words (back); flashcard: a question
# whose back is a longer answer the student grades themself; short_answer: a question with a
# short exact answer; multiple_choice: the same with one correct option among distractors.
ItemKind = Literal["cloze", "flashcard", "short_answer", "multiple_choice"]
Origin = Literal["offline", "llm"]
BLANK = "_____"


class Source(BaseModel):
    """Where an item comes from: the passage is kept whole, so the student (and the teacher
    reviewing a draft) sees the text the answer is checked against."""

    model_config = ConfigDict(frozen=True)

    document_id: str
    title: str = ""
    page: int | None = None  # None for formats without pages (text, Markdown, HTML)
    passage_id: str
    passage_text: str

    def label(self) -> str:
        """ "title, p. 3" or the title alone: what an export's source field shows."""
        name = self.title or self.document_id
        return name if self.page is None else f"{name}, p. {self.page}"


class StudyItem(BaseModel):
    """One draft item. `answer` is a span of the cited passage (checked by `validate`)."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: ItemKind
    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    distractors: tuple[str, ...] = ()  # multiple_choice only: the wrong options
    sentence: str = ""  # the sentence the item was made from (a cloze's full text)
    source: Source
    origin: Origin = "offline"

    def options(self) -> list[str]:
        """The answer among the distractors, in an order fixed by the item's id: the same
        every time it is shown or exported, and not always first."""
        options = [self.answer, *self.distractors]
        return sorted(options, key=lambda o: hashlib.sha256(f"{self.id}|{o}".encode()).digest())

    def cloze_text(self) -> str:
        """The sentence in Anki's cloze syntax, "{{c1::answer}}" in place of the blank."""
        return self.question.replace(BLANK, "{{c1::" + self.answer + "}}", 1)


def item_id(kind: ItemKind, passage_id: str, question: str) -> str:
    """A stable id: the same passage and question give the same item on every run."""
    digest = hashlib.sha256(f"{kind}\x00{passage_id}\x00{question}".encode()).hexdigest()
    return digest[:16]

"""An Anki deck (.apkg) via genanki: basic notes for questions, cloze notes for clozes."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import genanki

from chatgepeto.study.items import StudyItem

_CSS = (
    ".card { font-family: sans-serif; font-size: 20px; }\n.source { color: #666; font-size: 14px; }"
)


def _stable_id(name: str) -> int:
    """Anki ids are 31-bit-ish integers; a hash of the name keeps them the same on every
    export, so a re-imported deck updates its notes instead of duplicating them."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") >> 1 | 1 << 30


BASIC = genanki.Model(
    _stable_id("chatgepeto-basic"),
    "ChatGepeto (pergunta e resposta)",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}, {"name": "Passage"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'
            '<div class="source">{{Source}}</div><div class="source">{{Passage}}</div>',
        }
    ],
    css=_CSS,
)
CLOZE = genanki.Model(
    _stable_id("chatgepeto-cloze"),
    "ChatGepeto (lacuna)",
    fields=[{"name": "Text"}, {"name": "Source"}, {"name": "Passage"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": '{{cloze:Text}}<div class="source">{{Source}}</div>'
            '<div class="source">{{Passage}}</div>',
        }
    ],
    css=_CSS,
    model_type=genanki.Model.CLOZE,
)


def note_for(item: StudyItem) -> genanki.Note:
    """The item's note; a multiple-choice question shows its options on the front."""
    source = html.escape(item.source.label())
    passage = html.escape(item.source.passage_text)
    guid = genanki.guid_for(item.id)
    if item.kind == "cloze":
        return genanki.Note(
            model=CLOZE, fields=[html.escape(item.cloze_text()), source, passage], guid=guid
        )
    front = html.escape(item.question)
    if item.kind == "multiple_choice":
        options = "".join(f"<li>{html.escape(o)}</li>" for o in item.options())
        front += f"<ol type='a'>{options}</ol>"
    return genanki.Note(
        model=BASIC, fields=[front, html.escape(item.answer), source, passage], guid=guid
    )


def write_apkg(items: Iterable[StudyItem], deck_name: str, out: str | Path | BinaryIO) -> int:
    """Write the deck; the number of notes written."""
    deck = genanki.Deck(_stable_id(f"deck:{deck_name}"), deck_name)
    for item in items:
        deck.add_note(note_for(item))
    genanki.Package(deck).write_to_file(out)
    return len(deck.notes)

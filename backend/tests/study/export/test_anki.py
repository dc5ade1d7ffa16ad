"""The .apkg is a zip holding an SQLite collection: open it and read the notes back."""

import sqlite3
import zipfile

from chatgepeto.study.export.anki import write_apkg
from study.export.items import one_of_each

FIELD_SEPARATOR = "\x1f"  # how Anki joins a note's fields in notes.flds


def read_notes(path, tmp_path):
    with zipfile.ZipFile(path) as archive:
        assert "collection.anki2" in archive.namelist()
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        rows = db.execute("SELECT guid, flds FROM notes ORDER BY id").fetchall()
        models = db.execute("SELECT models FROM col").fetchone()[0]
        cards = db.execute("SELECT count(*) FROM cards").fetchone()[0]
    return [(guid, flds.split(FIELD_SEPARATOR)) for guid, flds in rows], models, cards


def test_the_deck_holds_every_item_with_its_source_field(tmp_path):
    items = one_of_each()
    path = tmp_path / "deck.apkg"
    assert write_apkg(items, "Curso de teste", path) == len(items)
    notes, models, cards = read_notes(path, tmp_path)
    assert len(notes) == len(items) == cards
    assert "ChatGepeto (lacuna)" in models and "ChatGepeto (pergunta e resposta)" in models
    by_text = {fields[0]: fields for _, fields in notes}
    for item in items:
        label = item.source.label()
        if item.kind == "cloze":
            fields = by_text[item.cloze_text()]
            assert "{{c1::" + item.answer + "}}" in fields[0]
            assert fields[1] == label
        else:
            (fields,) = [f for text, f in by_text.items() if text.startswith(item.question)]
            assert fields[1] == item.answer and fields[2] == label
        assert fields[-1] == item.source.passage_text
    mc = items[0]
    (front,) = [t for t in by_text if t.startswith(mc.question)]
    assert all(f"<li>{o}</li>" in front for o in mc.options())


def test_the_same_items_give_the_same_note_ids(tmp_path):
    items = one_of_each()
    write_apkg(items, "A", tmp_path / "a.apkg")
    (tmp_path / "a").mkdir()
    first, _, _ = read_notes(tmp_path / "a.apkg", tmp_path / "a")
    write_apkg(items, "A", tmp_path / "b.apkg")
    (tmp_path / "b").mkdir()
    second, _, _ = read_notes(tmp_path / "b.apkg", tmp_path / "b")
    assert sorted(g for g, _ in first) == sorted(g for g, _ in second)

"""DOCX and PPTX parsing: heading paths, tables, slides as pages, damaged files."""

from __future__ import annotations

import copy
import io

import docx
import pptx
import pytest
from pptx.enum.shapes import PP_PLACEHOLDER

from chatgepeto.errors import IngestError
from chatgepeto.ingest.parse import parse_document
from chatgepeto.ingest.types import Block

CHAPTER_1 = "Capítulo 1 — Educação"
SECTION = "1.1 Ação e reação"


def test_docx_headings_build_the_path(docx_bytes: bytes) -> None:
    document = parse_document(docx_bytes, "aula.docx")
    assert document.page_count is None
    assert document.blocks[:4] == [
        Block(CHAPTER_1, None, (CHAPTER_1,), is_heading=True),
        Block("A educação é a base da formação cidadã.", None, (CHAPTER_1,)),
        Block(SECTION, None, (CHAPTER_1, SECTION), is_heading=True),
        Block("Toda ação provoca uma reação de mesma intensidade.", None, (CHAPTER_1, SECTION)),
    ]
    # A new level-1 heading closes the level-2 section.
    assert document.blocks[-1] == Block(
        "O coração bombeia o sangue.", None, ("Capítulo 2 — Coração",)
    )


def test_docx_table_cells_are_text_in_body_order(docx_bytes: bytes) -> None:
    texts = [b.text for b in parse_document(docx_bytes, "aula.docx").blocks]
    table_at = texts.index("Conceito | Definição")
    assert texts[table_at + 1] == "Inércia | Tendência de manter o movimento"
    assert texts[table_at - 1] == "Toda ação provoca uma reação de mesma intensidade."


def test_docx_merged_cells_and_custom_heading_styles() -> None:
    document = docx.Document()
    document.add_heading("Título do curso", level=0)  # the "Title" style sits above Heading 1
    document.add_heading("Unidade", level=1)
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Célula mesclada"
    table.cell(0, 2).text = "Outra"
    buffer = io.BytesIO()
    document.save(buffer)
    blocks = parse_document(buffer.getvalue(), "curso.docx").blocks
    assert blocks[1].heading_path == ("Título do curso", "Unidade")
    assert blocks[2].text == "Célula mesclada | Outra"


def test_docx_without_text_is_empty() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(IngestError) as caught:
        parse_document(buffer.getvalue(), "vazio.docx")
    assert caught.value.code == "empty_document"


def test_docx_with_corrupt_xml_is_malformed(docx_bytes: bytes) -> None:
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:100] if item.filename == "word/document.xml" else data)
    with pytest.raises(IngestError) as caught:
        parse_document(buffer.getvalue(), "quebrado.docx")
    assert caught.value.code == "malformed_document"
    assert "DOCX" in caught.value.message


def test_pptx_slides_become_pages_and_titles_headings(pptx_bytes: bytes) -> None:
    document = parse_document(pptx_bytes, "aula.pptx")
    assert document.page_count == 3
    assert [b.page for b in document.blocks] == [1, 1, 1, 1, 2, 2, 2, 3]
    assert document.blocks[0] == Block("Fotossíntese", 1, ("Fotossíntese",), is_heading=True)
    assert document.blocks[2] == Block(
        "Ocorre nos cloroplastos, com emissão de oxigênio.", 1, ("Fotossíntese",)
    )


def test_pptx_notes_tables_and_untitled_slides(pptx_bytes: bytes) -> None:
    blocks = parse_document(pptx_bytes, "aula.pptx").blocks
    texts = [b.text for b in blocks]
    assert "Explicar a equação da fotossíntese." in texts  # speaker notes
    assert blocks[5:7] == [
        Block("Fase | Local", 2, ("Comparação",)),
        Block("Clara | Tilacoide", 2, ("Comparação",)),
    ]
    # A slide without a title does not inherit the previous slide's.
    assert blocks[-1] == Block("Revisão: ação da clorofila.", 3, ())


def test_pptx_footer_and_date_placeholders_are_dropped() -> None:
    deck = pptx.Presentation()
    layout = deck.slide_layouts[1]
    slide = deck.slides.add_slide(layout)
    slide.shapes.title.text = "Aula 3"
    slide.placeholders[1].text_frame.text = "Conteúdo da aula."
    # add_slide does not clone footers; a deck saved by PowerPoint has them on each slide.
    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE):
            copied = copy.deepcopy(placeholder.element)
            slide.shapes._spTree.append(copied)
    footers = [s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.FOOTER]
    footers[0].text_frame.text = "Escola Estadual — 2024"
    buffer = io.BytesIO()
    deck.save(buffer)
    blocks = parse_document(buffer.getvalue(), "aula3.pptx").blocks
    assert [b.text for b in blocks] == ["Aula 3", "Conteúdo da aula."]


def test_truncated_pptx_is_malformed(pptx_bytes: bytes) -> None:
    with pytest.raises(IngestError) as caught:
        parse_document(pptx_bytes[:-200], "aula.pptx")
    assert caught.value.code == "malformed_document"

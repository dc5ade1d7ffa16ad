"""PDF parsing: pages, accents, hyphenation, damaged files and scanned pages."""

from __future__ import annotations

import io
import os
import shutil

import pytest
from pypdf import PdfReader, PdfWriter

from chatgepeto.errors import IngestError
from chatgepeto.ingest.parse import parse_document

LONG = "Esta linha é longa o bastante para ocupar a largura de uma coluna de texto"


def test_three_pages_keep_their_numbers_and_accents(make_pdf) -> None:
    pages = [[f"Capítulo {n}: ação, educação e coração — página {n}."] for n in (1, 2, 3)]
    document = parse_document(make_pdf(pages), "apostila.pdf")
    assert document.content_type == "application/pdf"
    assert document.page_count == 3
    assert [block.page for block in document.blocks] == [1, 2, 3]
    assert document.blocks[1].text == "Capítulo 2: ação, educação e coração — página 2."
    assert document.warnings == []


def test_lines_join_into_paragraphs_and_hyphenated_words_are_mended(make_pdf) -> None:
    page = [
        f"{LONG} e fala da educa-",
        f"ção brasileira. {LONG} até o fim.",
        "Fim do primeiro.",
        "",
        "Segundo parágrafo.",
    ]
    blocks = parse_document(make_pdf([page]), "texto.pdf").blocks
    assert [b.text for b in blocks] == [
        f"{LONG} e fala da educação brasileira. {LONG} até o fim. Fim do primeiro.",
        "Segundo parágrafo.",
    ]
    assert all(not b.is_heading and b.heading_path == () for b in blocks)


def test_outline_titles_become_headings_where_they_stand(make_pdf) -> None:
    pages = [["Introdução", LONG, f"{LONG}."], [f"{LONG} e fim.", "", "2.1 Métodos", f"{LONG}."]]
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(pages))))
    top = writer.add_outline_item(title="Introdução", page_number=0)
    writer.add_outline_item(
        title="Métodos", page_number=1, parent=top
    )  # the page says "2.1 Métodos"
    buffer = io.BytesIO()
    writer.write(buffer)
    blocks = parse_document(buffer.getvalue(), "apostila.pdf").blocks
    intro, methods = ("Introdução",), ("Introdução", "2.1 Métodos")
    assert [(b.page, b.text[:11], b.is_heading, b.heading_path) for b in blocks] == [
        (1, "Introdução", True, intro),
        (1, LONG[:11], False, intro),
        (2, LONG[:11], False, intro),
        (2, "2.1 Métodos", True, methods),
        (2, LONG[:11], False, methods),
    ]


def test_truncated_pdf_is_malformed(make_pdf) -> None:
    data = make_pdf([["Página um."], ["Página dois."]])
    with pytest.raises(IngestError) as caught:
        parse_document(data[: len(data) * 2 // 3], "cortado.pdf")
    assert caught.value.code == "malformed_document"
    assert "Traceback" not in caught.value.message


def test_pdf_header_followed_by_garbage_is_malformed() -> None:
    with pytest.raises(IngestError) as caught:
        parse_document(b"%PDF-1.7\n" + os.urandom(3000), "lixo.pdf")
    assert caught.value.code == "malformed_document"


def test_password_protected_pdf_is_refused(make_pdf) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Segredo."]]))))
    writer.encrypt(user_password="senha", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(IngestError) as caught:
        parse_document(buffer.getvalue(), "protegido.pdf")
    assert caught.value.code == "encrypted_document"
    assert "senha" in caught.value.message


@pytest.mark.usefixtures("no_tesseract")
def test_pdf_without_text_needs_ocr_when_tesseract_is_missing(pdf_without_text: bytes) -> None:
    with pytest.raises(IngestError) as caught:
        parse_document(pdf_without_text, "digitalizado.pdf")
    assert caught.value.code == "needs_ocr"
    assert "digitalizado" in caught.value.message and "OCR" in caught.value.message
    assert caught.value.status == 422


@pytest.mark.usefixtures("no_tesseract")
def test_pages_without_text_are_skipped_with_a_warning(mixed_pdf: bytes) -> None:
    document = parse_document(mixed_pdf, "misto.pdf")
    assert [(b.page, b.text) for b in document.blocks] == [
        (1, "Texto da página 1, com acentuação."),
        (3, "Texto da página 3, com acentuação."),
    ]
    assert document.page_count == 3
    assert len(document.warnings) == 1 and ": 2." in document.warnings[0]
    assert "OCR" in document.warnings[0]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_scanned_page_is_read_by_ocr(scanned_pdf: bytes) -> None:
    document = parse_document(scanned_pdf, "digitalizado.pdf")
    text = " ".join(b.text for b in document.blocks).lower()
    assert "transforma vidas" in text
    assert "educação" in text or "educacao" in text  # "por" may be missing: eng reads no ç
    assert {b.page for b in document.blocks} == {1}
    assert any("OCR" in warning for warning in document.warnings)

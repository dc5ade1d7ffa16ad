"""Real sample files of every format, generated in memory for the ingestion tests."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pptx
import pytest
import reportlab
from PIL import Image, ImageDraw, ImageFont
from pptx.util import Inches
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

VERA_TTF = os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")

# One page is a list of lines; "" leaves a blank line's worth of vertical space.
Pages = list[list[str]]


def build_pdf(pages: Pages) -> bytes:
    """A PDF with one text line per entry, in Helvetica (Latin-1 accents included)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for lines in pages:
        text = pdf.beginText(72, 770)
        text.setFont("Helvetica", 11)
        for line in lines:
            text.textLine(line)
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def build_pdf_without_text(pages: int = 1) -> bytes:
    """Pages holding only a drawn rectangle: nothing for a text extractor."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        pdf.rect(100, 400, 300, 200, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def text_image(lines: list[str]) -> Image.Image:
    """Black text on white, large enough for OCR, like a scanned page."""
    font = ImageFont.truetype(VERA_TTF, 48)
    image = Image.new("L", (1500, 90 * len(lines) + 60), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        draw.text((40, 30 + 90 * row), line, font=font, fill=0)
    return image


def build_scanned_pdf(lines: list[str]) -> bytes:
    """One page that is only an image of `lines`, as a scanner produces."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(text_image(lines)), 40, 500, width=520, height=120)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def build_mixed_pdf() -> bytes:
    """Page 1 and 3 have text, page 2 only a rectangle (a scan or a figure)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number in (1, 2, 3):
        if number == 2:
            pdf.rect(100, 400, 300, 200, fill=1)
        else:
            pdf.drawString(72, 770, f"Texto da página {number}, com acentuação.")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _fill(table: Any, rows: list[list[str]]) -> None:
    """Set cell texts of a python-docx or python-pptx table (same cell API)."""
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value


def build_docx() -> bytes:
    """A Word file with two heading levels, body paragraphs and a table."""
    document = docx.Document()
    document.add_heading("Capítulo 1 — Educação", level=1)
    document.add_paragraph("A educação é a base da formação cidadã.")
    document.add_heading("1.1 Ação e reação", level=2)
    document.add_paragraph("Toda ação provoca uma reação de mesma intensidade.")
    table = document.add_table(rows=2, cols=2)
    _fill(table, [["Conceito", "Definição"], ["Inércia", "Tendência de manter o movimento"]])
    document.add_heading("Capítulo 2 — Coração", level=1)
    document.add_paragraph("O coração bombeia o sangue.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_pptx() -> bytes:
    """Three slides: titled bullets with notes, a table, and one without a title."""
    deck = pptx.Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[1])
    first.shapes.title.text = "Fotossíntese"
    body = first.placeholders[1].text_frame
    body.text = "A planta converte luz em energia química."
    body.add_paragraph().text = "Ocorre nos cloroplastos, com emissão de oxigênio."
    first.notes_slide.notes_text_frame.text = "Explicar a equação da fotossíntese."
    second = deck.slides.add_slide(deck.slide_layouts[5])
    second.shapes.title.text = "Comparação"
    table = second.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1.5)).table
    _fill(table, [["Fase", "Local"], ["Clara", "Tilacoide"]])
    third = deck.slides.add_slide(deck.slide_layouts[6])
    box = third.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1))
    box.text_frame.text = "Revisão: ação da clorofila."
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def write_zip_bomb(path: Path) -> bytes:
    """A DOCX-shaped ZIP whose one extra entry inflates to 210 MB of zeros (~200 KB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as entry:
            chunk = bytes(1024 * 1024)
            for _ in range(210):
                entry.write(chunk)
    return path.read_bytes()


@pytest.fixture(scope="session")
def docx_bytes() -> bytes:
    return build_docx()


@pytest.fixture(scope="session")
def pptx_bytes() -> bytes:
    return build_pptx()


@pytest.fixture(scope="session")
def zip_bomb(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write_zip_bomb(tmp_path_factory.mktemp("bomb") / "bomba.docx")


@pytest.fixture
def make_pdf() -> Callable[[Pages], bytes]:
    return build_pdf


@pytest.fixture(scope="session")
def pdf_without_text() -> bytes:
    return build_pdf_without_text()


@pytest.fixture(scope="session")
def mixed_pdf() -> bytes:
    return build_mixed_pdf()


@pytest.fixture(scope="session")
def scanned_pdf() -> bytes:
    return build_scanned_pdf(["A educação transforma vidas", "Ciência e informação"])


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """PATH is an empty folder, so shutil.which finds no tesseract."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))

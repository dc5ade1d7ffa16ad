"""Generated course documents for the ingestion figures: a 300-page PDF and a DOCX.

Their text is real Portuguese: the FaQuAD corpus's sentences, reshuffled with a fixed seed
into chapters, sections and paragraphs of about 1,800 characters a page (lecture notes).
Files are cached under .bench-cache/ingestion/ and rebuilt only when this generator changes.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from pathlib import Path

from chatgepeto.evaluation.dataset import load_corpus
from chatgepeto.ingest.sentences import split_sentences

from bench.layout import cache_dir, eval_split

VERSION = 1
PDF_PAGES = 300
DOCX_PAGES = 60
PAGE_CHARS = 1800
SEED = 20261125


def sentences() -> list[str]:
    """Every sentence of the FaQuAD dev corpus."""
    corpus = load_corpus(eval_split("dev")[0])
    return [s for doc in corpus for para in doc.text.split("\n\n") for s in split_sentences(para)]


def pages(count: int, seed: int) -> Iterator[tuple[str, list[str]]]:
    """(heading, paragraphs) of each page, about PAGE_CHARS characters of text each."""
    pool, rng = sentences(), random.Random(seed)
    for number in range(1, count + 1):
        heading = f"Capítulo {(number - 1) // 10 + 1}, seção {(number - 1) % 10 + 1}"
        paragraphs, size = [], 0
        while size < PAGE_CHARS:
            paragraph = " ".join(rng.sample(pool, rng.randint(2, 5)))
            paragraphs.append(paragraph)
            size += len(paragraph)
        yield heading, paragraphs


def build_pdf(count: int = PDF_PAGES) -> bytes:
    """A text PDF of `count` A4 pages: a heading line, then wrapped paragraphs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width = A4[0] - 144
    for heading, paragraphs in pages(count, SEED):
        text = pdf.beginText(72, A4[1] - 60)
        text.setFont("Helvetica-Bold", 13)
        text.textLine(heading)
        text.setFont("Helvetica", 9)
        for paragraph in paragraphs:
            text.textLine("")
            for line in simpleSplit(paragraph, "Helvetica", 9, width):
                text.textLine(line)
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def build_docx(count: int = DOCX_PAGES) -> bytes:
    """A Word document: chapters and sections as Heading 1/2, a table every fifth page,
    an explicit page break after each page's text."""
    import docx

    document = docx.Document()
    document.add_heading("Apostila do curso", level=0)
    for number, (heading, paragraphs) in enumerate(pages(count, SEED + 1), start=1):
        if number % 10 == 1:
            document.add_heading(f"Capítulo {(number - 1) // 10 + 1}", level=1)
        document.add_heading(heading, level=2)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        if number % 5 == 0:
            table = document.add_table(rows=3, cols=3)
            for row, cells in enumerate(table.rows):
                for col, cell in enumerate(cells.cells):
                    cell.text = f"Item {row + 1}.{col + 1}" if row else f"Coluna {col + 1}"
        document.add_page_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def generated() -> dict[str, tuple[Path, int]]:
    """{label: (path, pages)} of both documents, generated on first use."""
    folder = cache_dir("ingestion")
    wanted = {
        "pdf": (f"curso-{PDF_PAGES}p-v{VERSION}.pdf", PDF_PAGES, build_pdf),
        "docx": (f"apostila-{DOCX_PAGES}p-v{VERSION}.docx", DOCX_PAGES, build_docx),
    }
    found = {}
    for label, (name, count, build) in wanted.items():
        path = folder / name
        if not path.exists():
            temporary = path.with_suffix(".tmp")
            temporary.write_bytes(build(count))
            temporary.replace(path)
        found[label] = (path, count)
    return found

"""A tiny real evaluation set: a 3-page PDF, a Markdown file and questions with gold pages."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

# Each page's content words occur on that page only, so BM25 ranks exactly one page.
PDF_PAGES = [
    [
        "A fotossíntese converte luz solar em energia química.",
        "Os pigmentos verdes chamados clorofilas absorvem fótons vermelhos e azuis.",
    ],
    [
        "O ciclo de Calvin fixa o carbono atmosférico.",
        "Suas enzimas trabalham no estroma do cloroplasto, produzindo gliceraldeído.",
    ],
    [
        "As mitocôndrias realizam a respiração celular.",
        "Suas cristas internas abrigam a cadeia transportadora de elétrons.",
    ],
]
MARKDOWN = """# Império do Brasil

Dom Pedro I abdicou do trono brasileiro em 1831, deixando seu filho menor como herdeiro.
"""
QUERIES: list[dict[str, Any]] = [
    {
        "qid": "q-calvin",
        "question": "Onde trabalham as enzimas do ciclo de Calvin?",
        "answers": ["no estroma"],
        "doc_id": "biologia.pdf",
        "pages": [1, 2],
    },
    {
        "qid": "q-cristas",
        "question": "O que as cristas internas das mitocôndrias abrigam?",
        "answers": ["cadeia transportadora de elétrons"],
        "doc_id": "biologia.pdf",
        "pages": [3],
    },
    {
        "qid": "q-pedro",
        "question": "Em que ano Dom Pedro I abdicou do trono?",
        "answers": ["1831"],
        "doc_id": "historia.md",
        "pages": [1],
    },
    {  # the gold page is wrong on purpose: the answer is found, its page is not
        "qid": "q-clorofila",
        "question": "Quais pigmentos verdes absorvem fótons?",
        "answers": ["clorofilas"],
        "doc_id": "biologia.pdf",
        "pages": [3],
    },
    {
        "qid": "q-none",
        "question": "Qual é a capital da Austrália?",
        "answers": [],
        "doc_id": None,
        "pages": [],
    },
]


def build_pdf(pages: list[list[str]]) -> bytes:
    """A real PDF with a text layer, one list of lines per page."""
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for lines in pages:
        text = pdf.beginText(50, 780)
        text.setFont("Helvetica", 11)
        for line in lines:
            text.textLine(line)
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path

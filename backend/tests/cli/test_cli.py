"""The `chatgepeto` command as a user runs it: real processes, stdout contracts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from api.course import BIOLOGY_MD, HISTORY_MD
from processes import run_cli

pytestmark = pytest.mark.slow


def test_ingest_then_search(tmp_path: Path) -> None:
    (tmp_path / "bio.md").write_text(BIOLOGY_MD, encoding="utf-8")
    (tmp_path / "vazio.txt").write_bytes(b"")
    data = tmp_path / "data"
    result = run_cli(
        data,
        "ingest",
        str(tmp_path / "bio.md"),
        str(tmp_path / "vazio.txt"),
        "--collection",
        "Biologia",
    )
    assert result.returncode == 1  # one file failed
    lines = [line.split("\t") for line in result.stdout.strip().splitlines()]
    assert [(status, Path(file).name) for _, status, file in lines] == [
        ("ready", "bio.md"),
        ("failed", "vazio.txt"),
    ]
    assert "INFO" in result.stderr or result.stderr == "" or "erro" not in result.stdout

    found = run_cli(
        data, "search", "onde ocorre o ciclo de Calvin", "--collection", "biologia", "--json"
    )
    assert found.returncode == 0
    payload = json.loads(found.stdout)  # exactly one JSON object on stdout
    assert "estroma" in payload["results"][0]["text"]
    table = run_cli(data, "search", "cloroplastos")
    assert table.returncode == 0 and "bio.md" in table.stdout and "score" in table.stdout


def test_eval_prints_one_json_object_per_retriever(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    queries = tmp_path / "queries.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps(d, ensure_ascii=False)
            for d in [
                {"doc_id": "bio", "title": "Biologia", "text": BIOLOGY_MD},
                {"doc_id": "his", "title": "História", "text": HISTORY_MD},
            ]
        ),
        encoding="utf-8",
    )
    queries.write_text(
        "\n".join(
            json.dumps(q, ensure_ascii=False)
            for q in [
                {
                    "qid": "1",
                    "question": "Onde ocorre o ciclo de Calvin?",
                    "answers": ["no estroma"],
                    "doc_id": "bio",
                },
                {
                    "qid": "2",
                    "question": "Quando Dom Pedro I abdicou?",
                    "answers": ["1831"],
                    "doc_id": "his",
                },
                {
                    "qid": "3",
                    "question": "Qual a capital da Austrália?",
                    "answers": [],
                    "doc_id": None,
                },
            ]
        ),
        encoding="utf-8",
    )
    result = run_cli(
        tmp_path / "data",
        "eval",
        "--corpus",
        str(corpus),
        "--queries",
        str(queries),
        "--retrievers",
        "hybrid,bm25,dense",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"hybrid", "bm25", "dense"}
    for metrics in report.values():
        assert metrics["queries"] == 3 and metrics["answerable"] == 2
        assert metrics["answer_recall@5"] == 1.0
        for key in (
            "answer_recall@1",
            "answer_recall@10",
            "mrr@10",
            "doc_hit@5",
            "context_chars@5_mean",
            "ingest_seconds",
            "query_ms_p50",
            "query_ms_p95",
            "chunks",
        ):
            assert key in metrics
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").iterdir())


def test_unknown_retriever_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "data", "search", "x", "--retriever", "magic")
    assert result.returncode == 2 and "valid: hybrid, bm25, dense" in result.stderr
    assert "Traceback" not in result.stderr

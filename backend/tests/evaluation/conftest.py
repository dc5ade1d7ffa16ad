"""Fixtures of the evaluation tests: the tiny real set on disk, settings without an LLM."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatgepeto.settings import Settings
from evaluation.tiny_set import MARKDOWN, PDF_PAGES, QUERIES, build_pdf, write_jsonl


@pytest.fixture
def real_set(tmp_path: Path) -> Path:
    """`files/` (biologia.pdf, historia.md, an ignored .csv), queries.jsonl and its sidecar."""
    files = tmp_path / "files"
    files.mkdir()
    (files / "biologia.pdf").write_bytes(build_pdf(PDF_PAGES))
    (files / "historia.md").write_text(MARKDOWN, "utf-8")
    (files / "notas.csv").write_text("a,b\n1,2\n", "utf-8")  # not a supported format
    write_jsonl(tmp_path / "queries.jsonl", QUERIES)
    write_jsonl(
        tmp_path / "queries.meta.jsonl",
        [{"qid": "q-calvin", "evidence_pages": [1]}],  # stricter than `pages`, and wrong
    )
    return tmp_path


@pytest.fixture
def eval_settings(tmp_path: Path) -> Settings:
    """Settings on a fresh folder, SQLite, no LLM."""
    return Settings(
        data_dir=tmp_path / "data",
        environment="test",
        llm_api_key=None,
        database_url=None,
        sample_course=False,
    )

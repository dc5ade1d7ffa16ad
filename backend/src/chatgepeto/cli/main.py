"""The `chatgepeto` command: serve, worker, ingest, search, reindex, eval, admin."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from chatgepeto.errors import AppError

Handler = Callable[[argparse.Namespace], int]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chatgepeto", description="ChatGepeto study assistant")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP API (and a worker)")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    serve.add_argument("--no-worker", action="store_true", help="do not start a worker")

    worker = sub.add_parser("worker", help="run the worker (ingestion and study generation)")
    worker.add_argument("--once", action="store_true", help="drain the queue, then exit")

    ingest = sub.add_parser("ingest", help="add files and wait until they are indexed")
    ingest.add_argument("paths", nargs="+")
    ingest.add_argument("--collection", default="default")

    search = sub.add_parser("search", help="rank passages for a question")
    search.add_argument("query")
    search.add_argument("--collection", default=None)
    search.add_argument("-k", type=int, default=5)
    search.add_argument("--retriever", default="hybrid")

    reindex = sub.add_parser("reindex", help="parse stored originals again (new extraction)")
    scope = reindex.add_mutually_exclusive_group()
    scope.add_argument("--document", default=None, help="only this document id")
    scope.add_argument("--collection", default=None, help="only this collection id")
    reindex.add_argument("--wait", action="store_true", help="index them here, then report")
    reindex.add_argument("--json", action="store_true", help="print one JSON object")

    ev = sub.add_parser("eval", help="measure retrieval (or answers) on a corpus + questions")
    source = ev.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", help="corpus.jsonl (JSON paragraphs)")
    source.add_argument("--files", help="a folder of PDF, DOCX, PPTX, HTML, Markdown, TXT files")
    ev.add_argument("--queries", required=True, help="queries.jsonl (doc_id = file name)")
    ev.add_argument("--retrievers", default="hybrid,bm25,dense")
    ev.add_argument("--mode", choices=["retrieval", "answer", "both"], default="retrieval")
    ev.add_argument("--lower", action="store_true", help="lower-case corpus and questions")
    ev.add_argument("--subset", default=None, help="doc_a,doc_b: keep only these documents")
    ev.add_argument("--others", type=int, default=0, help="with --subset: N other questions")
    ev.add_argument("--embedding-cache", default=None, help="folder of cached vectors")
    ev.add_argument("--records", default=None, help="answer mode: write each answer (JSONL)")

    from chatgepeto.cli.admin import add_admin_parser

    add_admin_parser(sub)

    for command in (worker, ingest, search, ev):
        command.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _handlers() -> dict[str, Handler]:
    from chatgepeto.cli import admin, commands

    return {
        "admin": admin.admin,
        "serve": commands.serve,
        "worker": commands.worker,
        "ingest": commands.ingest,
        "search": commands.search,
        "reindex": commands.reindex,
        "eval": commands.evaluate,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return _handlers()[args.command](args)
    except AppError as exc:
        sys.stderr.write(f"erro: {exc.message} ({exc.code})\n")
        return 2
    except ValueError as exc:  # invalid option values: say which, without a traceback
        sys.stderr.write(f"erro: {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

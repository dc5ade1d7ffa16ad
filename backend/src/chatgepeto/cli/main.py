"""The `chatgepeto` command: serve, worker, ingest, search, eval."""

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

    serve = sub.add_parser("serve", help="run the HTTP API (and an ingestion worker)")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    serve.add_argument("--no-worker", action="store_true", help="do not start an ingestion worker")

    worker = sub.add_parser("worker", help="run the ingestion worker")
    worker.add_argument("--once", action="store_true", help="drain the queue, then exit")

    ingest = sub.add_parser("ingest", help="add files and wait until they are indexed")
    ingest.add_argument("paths", nargs="+")
    ingest.add_argument("--collection", default="default")

    search = sub.add_parser("search", help="rank passages for a question")
    search.add_argument("query")
    search.add_argument("--collection", default=None)
    search.add_argument("-k", type=int, default=5)
    search.add_argument("--retriever", default="hybrid")

    ev = sub.add_parser("eval", help="measure retrieval (or answers) on a corpus + questions")
    ev.add_argument("--corpus", required=True)
    ev.add_argument("--queries", required=True)
    ev.add_argument("--retrievers", default="hybrid,bm25,dense")
    ev.add_argument("--mode", choices=["retrieval", "answer"], default="retrieval")

    for command in (worker, ingest, search, ev):
        command.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _handlers() -> dict[str, Handler]:
    from chatgepeto.cli import commands

    return {
        "serve": commands.serve,
        "worker": commands.worker,
        "ingest": commands.ingest,
        "search": commands.search,
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

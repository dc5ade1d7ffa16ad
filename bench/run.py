"""`make bench`: run every section (or `--only` some), then rewrite bench/report.{md,json} and
the plots. A section run alone replaces only its own part of report.json.

Usage: .venv/bin/python bench/run.py [--only quality,ingestion,study,latency,chat,frontend]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.layout import COMMAND, REPORT_JSON, Stopwatch, machine

SECTIONS = ("quality", "ingestion", "study", "latency", "chat", "frontend")
CLOCK = Stopwatch()


def log(message: str) -> None:
    """Progress on stderr, with the time since start."""
    sys.stderr.write(f"[bench {CLOCK():7.1f}s] {message}\n")
    sys.stderr.flush()


def _runner(section: str) -> Callable[[Callable[[str], None]], dict[str, Any]]:
    from importlib import import_module

    module = {"chat": "chat_load", "frontend": "frontend"}.get(section, section)
    return import_module(f"bench.{module}").run


def run_section(section: str) -> dict[str, Any]:
    """One section's results, stamped with when, where and how to reproduce them."""
    before = machine()
    started = time.monotonic()
    results = _runner(section)(log)
    results.update(
        command=COMMAND.format(section=section),
        machine=before,
        load_average_1m_after=machine()["load_average_1m"],
        seconds=round(time.monotonic() - started, 1),
    )
    return results


def load_report() -> dict[str, Any]:
    """The previous report.json, so a section run alone keeps the others."""
    if REPORT_JSON.exists():
        return dict(json.loads(REPORT_JSON.read_text(encoding="utf-8")))
    return {}


def missing_packages() -> list[str]:
    """The bench extra's packages this interpreter lacks."""
    from importlib.util import find_spec

    return [name for name in ("matplotlib", "psutil", "reportlab") if find_spec(name) is None]


def main(argv: list[str] | None = None) -> int:
    """Run the sections, write the report; 1 when a must-have check failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections out of {', '.join(SECTIONS)}",
    )
    parser.add_argument(
        "--render",
        action="store_true",
        help="measure nothing: rewrite the report and plots from report.json, with the "
        "latest `make bench-scale` results",
    )
    args = parser.parse_args(argv)
    if args.render:
        _write(load_report())
        return 0
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s) {unknown}; valid: {', '.join(SECTIONS)}")
    missing = missing_packages()
    if missing:
        parser.exit(
            2,
            f"bench: missing {', '.join(missing)}; install the backend's bench extra: "
            ".venv/bin/pip install -e 'backend[dev,bench]'\n",
        )
    for section in chosen:
        log(f"section {section}")
        results = run_section(section)
        # Re-read just before writing: a section run meanwhile by another process is kept.
        report = load_report()
        report[section] = results
        _write(report)
        log(f"section {section} done in {results['seconds']} s")
    from bench.report import failed_checks

    failures = failed_checks(load_report())
    for failure in failures:
        log(f"CHECK FAILED: {failure}")
    return 1 if failures else 0


def _write(report: dict[str, Any]) -> None:
    from bench.latency import pg_scale
    from bench.report import write_report

    if "latency" in report:  # a dated result of its own, always the latest one
        report["latency"]["postgres_scale"] = pg_scale()
    if {"chat", "latency", "ingestion"} <= report.keys() and "llm_prompt" in report["chat"]:
        from bench.capacity import model

        report["capacity"] = model(report)

    REPORT_JSON.write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    write_report(report)


if __name__ == "__main__":
    sys.exit(main())

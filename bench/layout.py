"""Where the benchmark reads its data and writes its cache and its report."""

from __future__ import annotations

import os
import platform
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CACHE = ROOT / ".bench-cache"
EVAL = (ROOT.parent / "shared" / "eval" / "faquad").resolve()
REPORT_JSON = BENCH / "report.json"
REPORT_MD = BENCH / "report.md"
SCALE_RESULTS = (BENCH / "scale" / "last-results.json", BENCH / "scale" / "results.json")
# How every figure is reproduced: one section of the runner.
COMMAND = ".venv/bin/python bench/run.py --only {section}"


def eval_split(name: str) -> tuple[Path, Path]:
    """corpus.jsonl and queries.jsonl of one FaQuAD split (dev or dev-open)."""
    folder = EVAL / name
    return folder / "corpus.jsonl", folder / "queries.jsonl"


def cache_dir(name: str) -> Path:
    """A folder of `.bench-cache/` (git-ignored), created on first use."""
    folder = CACHE / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def machine() -> dict[str, object]:
    """What the numbers were measured on, and how busy it was (the CPU is shared)."""
    load = os.getloadavg()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "load_average_1m": round(load[0], 2),
    }


class Stopwatch:
    """Seconds since creation, for progress lines."""

    def __init__(self) -> None:
        self.started = time.monotonic()

    def __call__(self) -> float:
        return time.monotonic() - self.started

"""Study items from the ingestion section's 300-page PDF, offline (issue 18).

The PDF is parsed and chunked by the product's own code, and `generate_items` makes the
course's items from every chunk with the chunks' own term statistics, as a teacher's
"generate from this document" does. Its CPU seconds stand beside the ingestion section's
pipeline CPU seconds for the same file on the same machine (CPU time, which the shared
machine's load hardly moves; the wall clock is given as context).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from bench.timing import Clock


def run(log: Any) -> dict[str, Any]:
    """The study section of the report."""
    from chatgepeto.ingest.chunker import split
    from chatgepeto.ingest.parse import parse_document
    from chatgepeto.study.generate import generate_items, rarity_of
    from chatgepeto.study.items import Source

    from bench.documents import generated

    path, pages = generated()["pdf"]
    data = path.read_bytes()
    clock = Clock()
    drafts = split(parse_document(data, path.name).blocks)
    parse_wall, parse_cpu = clock.read()
    passages = [
        Source(
            document_id="bench",
            title=path.name,
            page=d.page,
            passage_id=f"bench:{d.position}",
            passage_text=d.text,
        )
        for d in drafts
    ]
    log(f"study: items from {len(passages)} chunks of {path.name}")
    clock = Clock()
    items = generate_items(passages, rarity_of([p.passage_text for p in passages]))
    wall, cpu = clock.read()
    return {
        "file": path.name,
        "pages": pages,
        "chunks": len(passages),
        "items": len(items),
        "kinds": dict(Counter(i.kind for i in items)),
        "generate": {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)},
        "parse_and_chunk": {"wall_s": round(parse_wall, 3), "cpu_s": round(parse_cpu, 3)},
        "items_per_minute_cpu": round(len(items) / max(cpu, 1e-9) * 60, 1),
        "items_per_minute_wall": round(len(items) / max(wall, 1e-9) * 60, 1),
    }


def ingestion_cpu_s(report: dict[str, Any]) -> float | None:
    """The ingestion section's pipeline CPU seconds for the PDF, when present."""
    try:
        return float(report["ingestion"]["documents"]["pdf"]["measured"]["pipeline"]["cpu_s"])
    except (KeyError, TypeError, ValueError):
        return None


def check(report: dict[str, Any]) -> dict[str, Any] | None:
    """Issue 18's bar: the items of the PDF in less time than its ingestion (CPU seconds)."""
    if "study" not in report:
        return None
    section, ingest = report["study"], ingestion_cpu_s(report)
    cpu = section["generate"]["cpu_s"]
    if ingest is None:
        return {"what": "study: no ingestion figure to compare with", "ok": False}
    return {
        "what": f"study: {section['items']} items of the {section['pages']}-page PDF in "
        f"{cpu} CPU-s, under its ingestion's {ingest} CPU-s (x{cpu / ingest:.3f})",
        "ok": cpu < ingest,
    }


def lines(section: dict[str, Any]) -> list[str]:
    """The study part of the report."""
    machine = section["machine"]
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(section["kinds"].items()))
    return [
        "## Study items (offline, the 300-page PDF)",
        "",
        f"Reproduce: `{section['command']}` (measured {machine['date']}, {machine['cpus']} "
        f"CPUs, load average {machine['load_average_1m']} before, {section['seconds']} s).",
        "",
        f"{section['items']} items ({kinds}) from {section['chunks']} chunks of "
        f"`{section['file']}` in {section['generate']['cpu_s']} CPU-s "
        f"({section['generate']['wall_s']} s wall): {section['items_per_minute_cpu']:,} items "
        f"per CPU-minute ({section['items_per_minute_wall']:,} per minute of wall time). "
        f"Parsing and chunking the file took {section['parse_and_chunk']['cpu_s']} CPU-s.",
        "",
    ]

"""bench/report.md from report.json: a summary table of paired figures, then one part per
section with its reproducing command and its plot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench import plots, report_scale, study
from bench.layout import REPORT_MD

ALLOWED_CEILING_GAP = 0.15


def failed_checks(report: dict[str, Any]) -> list[str]:
    """The issue's must-haves that the measured figures do not meet."""
    return [c["what"] for c in all_checks(report) if not c["ok"]]


def all_checks(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every must-have of the issue with its verdict, for the sections present."""
    found: list[dict[str, Any]] = []
    if "quality" in report:
        found += [
            {
                "what": f"{c['split']}: {c['what']} ({c['values'][0]} vs {c['values'][1]})",
                "ok": c["ok"],
            }
            for c in report["quality"]["checks"]
        ]
    if "ingestion" in report:
        for label, doc in report["ingestion"]["documents"].items():
            found.append(
                {
                    "what": f"{label}: ingestion within 15% of the model's raw rate "
                    f"({doc['pipeline_over_raw']:.0%} of it, per CPU-second)",
                    "ok": doc["pipeline_over_raw"] >= 1 - ALLOWED_CEILING_GAP,
                }
            )
    studied = study.check(report)
    if studied is not None:
        found.append(studied)
    if "chat" in report:
        for clients, level in report["chat"]["levels"].items():
            found.append(
                {
                    "what": f"chat: 0 errors at {clients} concurrent streams "
                    f"({level['backend']['errors']})",
                    "ok": level["backend"]["errors"] == 0,
                }
            )
    return found + report_scale.checks(report)


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _stamp(section: dict[str, Any]) -> list[str]:
    machine = section["machine"]
    return [
        f"Reproduce: `{section['command']}` (measured {machine['date']}, "
        f"{machine['cpus']} CPUs, load average {machine['load_average_1m']} before and "
        f"{section['load_average_1m_after']} after, {section['seconds']} s).",
        "",
    ]


def _f(value: float, digits: int = 3) -> str:
    return f"{value:.{digits}f}"


def _quality_rows(section: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for split, result in section["splits"].items():
        m = result["methods"]
        for metric in ("answer_recall@1", "answer_recall@5", "mrr@10"):
            best = max(("bm25", "dense", "peer"), key=lambda b: m[b][metric])
            rows.append(
                [
                    f"{metric}, faquad/{split}",
                    _f(m["hybrid"][metric]),
                    f"best baseline ({best}) {_f(m[best][metric])}; peer {_f(m['peer'][metric])}",
                    f"{m['hybrid'][metric] - m[best][metric]:+.3f}",
                ]
            )
        rows.append(
            [
                f"context chars in the prompt, faquad/{split}",
                f"{m['hybrid']['context_chars@5']:.0f} (k=5)",
                f"peer {m['peer']['context_chars@4']:.0f} (k=4)",
                f"x{m['hybrid']['context_chars@5'] / m['peer']['context_chars@4']:.2f}",
            ]
        )
    answers = section["splits"].get("dev-open", {}).get("answers")
    if answers:
        rows.append(
            [
                "refusal / false refusal, faquad/dev-open",
                f"{_f(answers['refusal_rate'])} / {_f(answers['false_refusal_rate'])}",
                "peer (never refuses) 0.000 / 0.000",
                "-",
            ]
        )
    return rows


def _ingestion_rows(section: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for label, doc in section["documents"].items():
        m, cpu = doc["measured"], doc["tokens_per_cpu_s"]
        rows.append(
            [
                f"ingestion, {label}: pages/s, chunks/s, tokens/s (wall)",
                f"{doc['pages_per_s']}, {doc['chunks_per_s']}, {doc['tokens_per_s']:.0f}",
                f"bare model {doc['tokens_per_s_wall']['bare_model']:.0f} tokens/s (wall)",
                f"{doc['tokens_per_s_wall']['pipeline_over_bare']:.0%} (noisy)",
            ]
        )
        rows.append(
            [
                f"ingestion, {label}: tokens per CPU-second",
                f"{cpu['pipeline']:.0f}",
                f"bare model {cpu['bare_model']:.0f}",
                f"{doc['pipeline_over_raw']:.0%}",
            ]
        )
        rows.append(
            [
                f"ingestion, {label}: peak RSS",
                f"{m['peak_rss_mib']:.0f} MiB",
                f"model loaded, idle {m['rss_model_loaded_mib']:.0f} MiB",
                f"+{m['peak_rss_mib'] - m['rss_model_loaded_mib']:.0f} MiB",
            ]
        )
    return rows


def _chat_rows(section: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for clients, level in section["levels"].items():
        b, d = level["backend"], level["direct_llm"]
        rows.append(
            [
                f"chat, {clients} streams: TTFT p50 / p95, errors",
                f"{b['ttft_ms']['p50']} / {b['ttft_ms']['p95']} ms, {b['errors']} errors",
                f"LLM alone {d['ttft_ms']['p50']} / {d['ttft_ms']['p95']} ms",
                f"adds {b['adds_ttft_ms']['p50']} ms (p50)",
            ]
        )
        rows.append(
            [
                f"chat, {clients} streams: throughput",
                f"{b['streams_per_s']} streams/s",
                f"LLM alone {d['streams_per_s']}",
                f"{b['streams_per_s'] / d['streams_per_s']:.0%}",
            ]
        )
    top = max(section["levels"], key=int)
    peak = section["levels"][top]["backend"]["rss_peak_mib"]
    rows.append(
        [
            f"backend RSS under {top} streams",
            f"{peak:.0f} MiB",
            f"idle after warm-up {section['rss_mib']['idle_warm']:.0f} MiB",
            f"+{peak - section['rss_mib']['idle_warm']:.0f} MiB",
        ]
    )
    return rows


def _frontend_rows(section: dict[str, Any]) -> list[list[Any]]:
    if not section.get("measured"):
        return [["frontend JS, cold chat page (gzip)", "not measured", section["reason"], "-"]]
    page, floor = section["pages"]["chat"], section["pages"]["empty_next_app"]
    return [
        [
            "frontend JS, cold chat page (gzip)",
            f"{page['gzip_bytes'] / 1024:.1f} KiB",
            f"empty Next.js app, same versions {floor['gzip_bytes'] / 1024:.1f} KiB",
            f"+{(page['gzip_bytes'] - floor['gzip_bytes']) / 1024:.1f} KiB",
        ]
    ]


def summary(report: dict[str, Any]) -> list[str]:
    """One row per headline figure, each with its same-run baseline."""
    makers = {
        "quality": _quality_rows,
        "ingestion": _ingestion_rows,
        "latency": _latency_rows,
        "chat": _chat_rows,
        "frontend": _frontend_rows,
    }
    rows = [row for name, make in makers.items() if name in report for row in make(report[name])]
    return [
        "## Summary",
        "",
        *_table(["figure", "ChatGepeto", "baseline, same run", "delta"], rows),
        "",
    ]


def _latency_rows(section: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for scope, by_size in section["ms"].items():
        small, large = min(by_size, key=int), max(by_size, key=int)
        a, b = by_size[small]["total"], by_size[large]["total"]
        rows.append(
            [
                f"query p50 / p95, {int(large):,} chunks, {scope} scope (SQLite)",
                f"{b['p50']} / {b['p95']} ms",
                f"{int(small):,} chunks {a['p50']} / {a['p95']} ms",
                f"x{b['p50'] / a['p50']:.2f} (p50)",
            ]
        )
    sizes = section["sizes"]
    small, large = min(sizes, key=int), max(sizes, key=int)
    ratio = sizes[large]["dense_index_load_ms"] / sizes[small]["dense_index_load_ms"]
    rows.append(
        [
            f"vector (re)load after a library change, {int(large):,} chunks",
            f"{sizes[large]['dense_index_load_ms']:.0f} ms",
            f"{int(small):,} chunks {sizes[small]['dense_index_load_ms']:.0f} ms",
            f"x{ratio:.0f}",
        ]
    )
    pg = section.get("postgres_scale")
    hybrid = (pg or {}).get("query_ms", {}).get("hybrid") if pg else None
    if pg and hybrid:
        rows.append(
            [
                f"PostgreSQL hybrid p50 / p95, {pg['chunks']:,} chunks",
                f"{hybrid['p50']} / {hybrid['p95']} ms",
                f"from `make bench-scale`, dated {pg['date']} (not this run)",
                "-",
            ]
        )
    return rows


def checks(report: dict[str, Any]) -> list[str]:
    """The must-haves, each with a verdict."""
    lines = ["## Must-haves", ""]
    lines += [f"- {'PASS' if c['ok'] else 'FAIL'}: {c['what']}" for c in all_checks(report)]
    return [*lines, ""]


def quality(section: dict[str, Any]) -> list[str]:
    """The quality part."""
    lines = [
        "## Quality (faquad/dev and dev-open)",
        "",
        *_stamp(section),
        f"Every method ranks its top {section['rank_depth']} for every question; a hit is a "
        "chunk containing a gold answer (folded). Context characters are the mean size of "
        f"the top k over all questions: the product puts k={section['product_prompt_k']} "
        f"in the prompt, the peer default k={section['peer_prompt_k']}.",
        "",
    ]
    metrics = [
        "answer_recall@1",
        "answer_recall@4",
        "answer_recall@5",
        "answer_recall@10",
        "mrr@10",
        "context_chars@4",
        "context_chars@5",
    ]
    for split, result in section["splits"].items():
        lines += [
            f"### faquad/{split}: {result['queries']} questions, {result['answerable']} "
            f"answerable; chunks: product {result['chunks']['product']}, peer "
            f"{result['chunks']['peer']}",
            "",
        ]
        lines += _table(
            ["method", *metrics],
            [
                [section["labels"][name], *(values[m] for m in metrics)]
                for name, values in result["methods"].items()
            ],
        )
        a = result["answers"]
        unanswerable = result["queries"] - result["answerable"]
        refusal = (
            f"refusal rate {a['refusal_rate']} of the {unanswerable} unanswerable, "
            if unanswerable
            else ""
        )
        lines += [
            "",
            f"Product answers (extractive mode, the chat's refusal gate): {refusal}"
            f"false refusal rate {a['false_refusal_rate']}, answer contains gold "
            f"{a['answer_contains']}, citation hit {a['citation_hit']} (of the "
            "answerable).",
            "",
        ]
    return [*lines, f"![quality]({plots.quality(section)})", ""]


def ingestion(section: dict[str, Any]) -> list[str]:
    """The ingestion part."""
    lines = [
        "## Ingestion (generated PDF and DOCX)",
        "",
        *_stamp(section),
        "Each file is indexed by the worker's own loop (`run_once`: claim, parse, chunk, "
        "embed, store) in a fresh child process. The bare model's rate is measured in the "
        "same child on a sample of the same chunk texts in the Indexer's batch size (half "
        "before, half after the pipeline). Wall-clock rates are what a teacher waits; the "
        "pipeline-vs-model ratio and the model's share are taken on the process's CPU "
        "seconds, which the shared CPU's other load hardly moves. Peak memory is the "
        "child's peak RSS; its baseline, the RSS once the model is loaded. DOCX pages are "
        "authored page breaks (the product reads none).",
        "",
    ]
    rows = []
    for label, doc in section["documents"].items():
        m, cpu = doc["measured"], doc["tokens_per_cpu_s"]
        rows.append(
            [
                f"{label} ({m['bytes'] / 2**20:.1f} MiB)",
                doc["pages"],
                m["chunks"],
                m["tokens"],
                m["pipeline"]["wall_s"],
                doc["pages_per_s"],
                doc["chunks_per_s"],
                doc["tokens_per_s"],
                f"{cpu['pipeline']:.0f} / {cpu['bare_model']:.0f}",
                f"{doc['pipeline_over_raw']:.0%}",
                f"{doc['embedding_share']:.0%}",
                f"{m['peak_rss_mib']:.0f} / {m['rss_model_loaded_mib']:.0f}",
            ]
        )
    lines += _table(
        [
            "document",
            "pages",
            "chunks",
            "tokens",
            "wall s",
            "pages/s",
            "chunks/s",
            "tokens/s",
            "tokens per CPU-s: pipeline / bare model",
            "pipeline vs model",
            "CPU in model",
            "peak RSS / model loaded (MiB)",
        ],
        rows,
    )
    lines += [""] + [
        f"- {label}: CPU seconds outside the model: "
        + ", ".join(f"{k} {v}" for k, v in doc["cpu_outside_model_s"].items())
        + f"; wall-clock bare model {doc['tokens_per_s_wall']['bare_model']:.0f} tokens/s "
        f"(samples: {_wall_rate(doc['measured']['raw_before'])} before, "
        f"{_wall_rate(doc['measured']['raw_after'])} after the pipeline)"
        for label, doc in section["documents"].items()
    ]
    return [*lines, "", f"![ingestion]({plots.ingestion(section)})", ""]


def _wall_rate(sample: dict[str, Any]) -> str:
    return f"{sample['tokens'] / sample['wall_s']:.0f}"


def latency(section: dict[str, Any]) -> list[str]:
    """The query-latency part."""
    lines = [
        "## Query latency (SQLite, 1k / 10k / 100k chunks)",
        "",
        *_stamp(section),
        f"{section['queries']} FaQuAD questions, each through the full `Retriever.retrieve` "
        f"(k={section['k']}: query embedding, FTS5 BM25, exact dense search, fusion, "
        "fetch) against every size in turn. Beyond the ~250 real chunks, chunks are "
        "perturbed copies of real chunk vectors with reshuffled real sentences. Scope "
        "`library` searches everything; `course` one collection (the real course).",
        "",
    ]
    rows = []
    for scope, by_size in section["ms"].items():
        base = by_size[min(by_size, key=int)]["total"]["p50"]
        for size, parts in by_size.items():
            info = section["sizes"][size]
            rows.append(
                [
                    scope,
                    f"{info['chunks']:,}",
                    parts["total"]["p50"],
                    parts["total"]["p95"],
                    f"x{parts['total']['p50'] / base:.2f}",
                    parts["embed_query"]["p50"],
                    parts["lexical_search"]["p50"],
                    parts["dense_search"]["p50"],
                    parts["chunks_by_rowid"]["p50"],
                    info["dense_index_load_ms"],
                    info["db_mib"],
                ]
            )
    lines += _table(
        [
            "scope",
            "chunks",
            "p50 ms",
            "p95 ms",
            "p50 vs smallest",
            "embed p50",
            "BM25 p50",
            "dense p50",
            "fetch p50",
            "vector load ms (cold)",
            "DB MiB",
        ],
        rows,
    )
    lines += report_scale.latency_lines(section)
    pg = section.get("postgres_scale")
    if pg:
        lines += [
            "",
            f"PostgreSQL (`make bench-scale`, {pg['source']}, dated {pg['date']}, "
            f"{pg['chunks']:,} chunks, {pg.get('machine')}): query ms "
            + "; ".join(
                f"{mode} p50 {v['p50']} / p95 {v['p95']}"
                for mode, v in (pg.get("query_ms") or {}).items()
            ),
        ]
        recall = {k: v for k, v in (pg.get("recall_at_10") or {}).items() if v is not None}
        if recall:
            graph = ", ".join(f"{k}={v}" for k, v in (pg.get("hnsw") or {}).items())
            lines[-1] += (
                f"; HNSW ({graph}) recall@10 at ef_search {pg.get('ef_search')}: "
                + ", ".join(f"{scope.replace('_', ' ')} {value}" for scope, value in recall.items())
            )
    else:
        lines += [
            "",
            "PostgreSQL 1M: no `make bench-scale` results found (bench/scale/last-results.json).",
        ]
    return [*lines, "", f"![latency]({plots.latency(section)})", ""]


def chat(section: dict[str, Any]) -> list[str]:
    """The chat-under-load part."""
    llm = section["llm"]
    lines = [
        "## Chat under load",
        "",
        *_stamp(section),
        f"`chatgepeto serve --workers {section['gunicorn_workers']}` (gunicorn gthread, "
        f"{section['threads_per_worker']} threads each) with its LLM at a local "
        f"OpenAI-compatible server streaming {llm['tokens']} tokens {llm['interval_ms']:.0f} "
        f"ms apart; a course of {section['course_chunks']} chunks indexed through the API; "
        f"{section['questions']} questions it answers with the LLM. At each level the same "
        "number of clients first stream straight from the LLM server (baseline), then "
        "through /api/chat (SSE). Backend RSS covers gunicorn's master, workers and the "
        f"ingestion worker: {section['rss_mib']['started']:.0f} MiB just started, "
        f"{section['rss_mib']['idle_warm']:.0f} MiB idle after warm-up. CPU per stream "
        "is the serve tree's (or the LLM server's) user+system CPU over the level, per "
        "request; embedding one question costs the model "
        f"{section['query_embedding_cpu_ms']} ms of CPU (median).",
        "",
    ]
    rows = []
    for clients, level in section["levels"].items():
        b, d = level["backend"], level["direct_llm"]
        rows.append(
            [
                clients,
                b["requests"],
                b["errors"],
                f"{b['ttft_ms']['p50']} / {b['ttft_ms']['p95']}",
                f"{d['ttft_ms']['p50']} / {d['ttft_ms']['p95']}",
                f"{b['adds_ttft_ms']['p50']} / {b['adds_ttft_ms']['p95']}",
                f"{b['streams_per_s']} ({b['tokens_per_s']} tok/s)",
                f"{d['streams_per_s']} ({d['tokens_per_s']} tok/s)",
                f"{b['cpu_ms_per_stream']} / {d['cpu_ms_per_stream']}",
                b["rss_peak_mib"],
                ", ".join(f"{k} {v}" for k, v in b["modes"].items()),
            ]
        )
    lines += _table(
        [
            "streams",
            "requests",
            "errors",
            "TTFT p50/p95 ms (backend)",
            "TTFT p50/p95 ms (LLM alone)",
            "backend adds p50/p95 ms",
            "streams/s (backend)",
            "streams/s (LLM alone)",
            "CPU ms per stream (backend / LLM server)",
            "RSS peak MiB",
            "modes",
        ],
        rows,
    )
    lines += report_scale.chat_lines(section)
    return [*lines, "", f"![chat]({plots.chat(section)})", ""]


def frontend(section: dict[str, Any]) -> list[str]:
    """The frontend part."""
    lines = ["## Frontend JavaScript (cold load)", "", *_stamp(section)]
    if not section.get("measured"):
        return [*lines, f"Not measured: {section['reason']}.", ""]
    lines += [
        f"The chat page served by `{section['server']}` (the standalone output's server, "
        "in place of `next start`) in front of a real backend; Chromium with an empty "
        "cache and `Accept-Encoding: gzip`; bytes are the encoded bodies of every "
        "JavaScript response in its network log (raw: decoded). Baseline: an empty App "
        "Router app on the same next/react versions, loaded the same way.",
        "",
    ]
    rows = [
        [
            name,
            page["path"],
            page["status"],
            page["files"],
            f"{page['gzip_bytes']:,}",
            f"{page['raw_bytes']:,}",
            ", ".join(page["encodings"]),
        ]
        for name, page in section["pages"].items()
    ]
    lines += _table(
        ["page", "path", "status", "JS files", "gzip bytes", "raw bytes", "encodings"], rows
    )
    biggest = sorted(section["pages"]["chat"]["scripts"], key=lambda s: -s["encoded"])[:3]
    lines += [
        "",
        "Largest chat-page scripts (gzip bytes): "
        + ", ".join(f"`{s['url'].rsplit('/', 1)[-1]}` {s['encoded']:,}" for s in biggest)
        + ".",
        "",
    ]
    return lines


PARTS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "quality": quality,
    "ingestion": ingestion,
    "study": study.lines,
    "latency": latency,
    "chat": chat,
    "frontend": frontend,
}


def write_report(report: dict[str, Any]) -> None:
    """Rewrite bench/report.md (and the plots) from the report's sections."""
    lines = [
        "# ChatGepeto benchmark report",
        "",
        "Written by `make bench` (`.venv/bin/python bench/run.py`); see bench/README.md. "
        "Every figure stands beside a baseline measured in the same run on the same "
        "machine. The CPU is shared, so absolute times move with the load (recorded per "
        "section); the pairs and ratios are what to read.",
        "",
    ]
    lines += summary(report) + checks(report) + report_scale.before_after(report)
    for name, part in PARTS.items():
        if name in report:
            lines += part(report[name])
    if "capacity" in report:
        lines += report_scale.capacity(report["capacity"])
    REPORT_MD.write_text("\n".join(lines) + "\n", encoding="utf-8")

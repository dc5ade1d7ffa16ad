"""The report's parts for issue 15 ("fast at every size"): its must-shows, the before/after
table, the new latency and chat figures and the capacity model."""

from __future__ import annotations

from typing import Any

BM25_RATIO, UPLOAD_RATIO, ADDS_10_MS, ADDS_50_MS = 1.5, 1.5, 60.0, 700.0


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]


def checks(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue 15's must-shows, for the sections present (ratios within one run)."""
    found: list[dict[str, Any]] = []
    latency = report.get("latency", {})
    for size, parts in latency.get("ms", {}).get("course", {}).items():
        library = latency["ms"]["library"][size]["lexical_search"]["p50"]
        course = parts["lexical_search"]["p50"]
        found.append(
            {
                "what": f"course-scope BM25 p50 within {BM25_RATIO}x of library-scope at "
                f"{int(size):,} chunks ({course} vs {library} ms, x{course / library:.2f})",
                "ok": course <= BM25_RATIO * library,
            }
        )
    upload = latency.get("after_upload", {}).get("100000")
    if upload:
        found.append(
            {
                "what": "first query after an upload into 100,000 chunks within "
                f"{UPLOAD_RATIO}x of a normal query ({upload['after_upload']} vs "
                f"{upload['normal']} ms, x{upload['after_upload_over_normal']})",
                "ok": upload["after_upload_over_normal"] <= UPLOAD_RATIO,
            }
        )
    levels = report.get("chat", {}).get("levels", {})
    for clients, limit in (("10", ADDS_10_MS), ("50", ADDS_50_MS)):
        if clients in levels:
            adds = levels[clients]["backend"]["adds_ttft_ms"]["p50"]
            found.append(
                {
                    "what": f"chat at {clients} streams: backend adds <= {limit:.0f} ms p50 "
                    f"to the LLM's TTFT ({adds} ms)",
                    "ok": adds <= limit,
                }
            )
    for name, verdict in report.get("capacity", {}).get("check_on_this_machine", {}).items():
        found.append(
            {
                "what": f"capacity model within 25% on this machine: {name} predicted "
                f"{verdict['predicted']}, measured {verdict['measured']} "
                f"({verdict['error']:.0%})",
                "ok": verdict["ok"],
            }
        )
    return found


def before_after(report: dict[str, Any]) -> list[str]:
    """Today's figures beside those of the report before issue 15."""
    before = report.get("before_issue_15")
    latency, chat = report.get("latency", {}), report.get("chat", {})
    if not before:
        return []
    rows: list[list[Any]] = []
    for size in sorted(before["bm25_p50_ms"]["course"], key=int):
        now = latency.get("ms", {})
        if size in now.get("course", {}):
            rows.append(
                [
                    f"BM25 p50 ms, course / library, {int(size):,} chunks",
                    f"{before['bm25_p50_ms']['course'][size]} / "
                    f"{before['bm25_p50_ms']['library'][size]}",
                    f"{now['course'][size]['lexical_search']['p50']} / "
                    f"{now['library'][size]['lexical_search']['p50']}",
                ]
            )
    upload = latency.get("after_upload", {}).get("100000")
    if upload:
        rows.append(
            [
                "first query after an upload, 100,000 chunks (ms)",
                f"+{before['dense_index_load_ms']['100000']:.0f} ms of vector reload",
                f"{upload['after_upload']} vs {upload['normal']} normal",
            ]
        )
    for clients, adds in before["chat_adds_ttft_ms"].items():
        level = chat.get("levels", {}).get(clients)
        if level:
            rows.append(
                [
                    f"chat at {clients} streams: backend adds p50 / p95 ms (errors)",
                    f"{adds['p50']} / {adds['p95']} ({before['chat_errors'][clients]})",
                    f"{level['backend']['adds_ttft_ms']['p50']} / "
                    f"{level['backend']['adds_ttft_ms']['p95']} ({level['backend']['errors']})",
                ]
            )
    same = before.get("chat_same_session")
    if same:
        for clients, old in same["levels"].items():
            level = chat.get("levels", {}).get(clients)
            if level:
                new = level["backend"]
                rows.append(
                    [
                        f"chat at {clients} streams, {same['before']} and {same['after']} "
                        "run at the same time: adds p50 / p95 ms, CPU ms a stream",
                        f"{old['adds_ttft_ms']['p50']} / {old['adds_ttft_ms']['p95']}, "
                        f"{old['cpu_ms_per_stream']}",
                        f"{new['adds_ttft_ms']['p50']} / {new['adds_ttft_ms']['p95']}, "
                        f"{new['cpu_ms_per_stream']}",
                    ]
                )
    return [
        "## Before and after issue 15",
        "",
        f"Before: the report's latency ({before['latency_date']}) and chat "
        f"({before['chat_date']}) sections as they stood before the change. After: this "
        "report. Different runs, so the same-run pairs below (course BM25 re-enacted the "
        "old way, a whole vector reload after an upload) are the fair comparison.",
        "",
        *_table(["figure", "before", "after"], rows),
        "",
    ]


def latency_lines(section: dict[str, Any]) -> list[str]:
    """Course BM25 before/after in the same run; the first query after a change."""
    lines: list[str] = []
    scopes = section.get("bm25_scopes")
    if scopes:
        lines += [
            "",
            "BM25 alone (50 candidates, the retriever's terms), the same 60 questions, p50 ms: "
            "library-wide; the course on its own FTS5 table (now); the course filtered out of "
            "the library-wide matches and scored in Python (before, the old statement). "
            "'same' is the share of questions whose course top 50 is identical both ways.",
            "",
            *_table(
                ["chunks", "library", "course now", "course before", "course / library", "same"],
                [
                    [
                        f"{int(size):,}",
                        v["library"],
                        v["course"],
                        v["course_before"],
                        f"x{v['course_over_library']}",
                        v["same_results"],
                    ]
                    for size, v in scopes.items()
                ],
            ),
        ]
    after = section.get("after_upload")
    if after:
        lines += [
            "",
            "The first course query after a change, p50 ms over "
            f"{next(iter(after.values()))['rounds']} rounds (uploads of "
            f"{next(iter(after.values()))['upload_chunks']} chunks), each round one question "
            "asked four times: a normal query; the first after an upload (vectors follow the "
            "change log: now); the first after an upload with the vectors reloaded whole "
            "(before); the first after a delete. In brackets: the store's part alone (BM25, "
            "vectors, passages), without the question's embedding.",
            "",
            *_table(
                ["chunks", "normal", "after upload", "after upload, whole reload", "after delete"],
                [
                    [
                        f"{int(size):,}",
                        f"{v['normal']} ({v.get('normal_store')})",
                        f"{v['after_upload']} (x{v['after_upload_over_normal']}; "
                        f"{v.get('after_upload_store')})",
                        f"{v['after_upload_reload']} (x{v['before_over_normal']}; "
                        f"{v.get('after_upload_reload_store')})",
                        f"{v['after_delete']} ({v.get('after_delete_store')})",
                    ]
                    for size, v in after.items()
                ],
            ),
        ]
    return lines


def chat_lines(section: dict[str, Any]) -> list[str]:
    """The cache's effect apart from the levels, and micro-batching against one at a time."""
    lines: list[str] = []
    if "question_cache" in section:
        lines += ["", f"Question cache in the levels above: {section['question_cache']}."]
    cached = section.get("levels_cached")
    if cached:
        rows = []
        for clients, level in cached.items():
            off = section["levels"].get(clients, {}).get("backend", {})
            on = level["backend"]
            rows.append(
                [
                    clients,
                    f"{off.get('adds_ttft_ms', {}).get('p50')} / {on['adds_ttft_ms']['p50']}",
                    f"{off.get('cpu_ms_per_stream')} / {on['cpu_ms_per_stream']}",
                    f"{off.get('errors')} / {on['errors']}",
                ]
            )
        lines += [
            "",
            "The cache's effect, apart: a serve with the question cache on, over the same "
            "database, asked the warm-up's questions again (every one seen before).",
            "",
            *_table(
                ["streams", "adds p50 ms (off / on)", "CPU ms per stream (off / on)", "errors"],
                rows,
            ),
        ]
    batching = section.get("query_batching")
    if batching:
        rows = []
        for clients, modes in batching.items():
            if clients == "window_ms":
                continue
            one, many = modes["one_at_a_time"], modes["batched"]
            rows.append(
                [
                    clients,
                    f"{one['wait_ms']['p50']} / {many['wait_ms']['p50']}",
                    f"{one['wait_ms']['p95']} / {many['wait_ms']['p95']}",
                    f"{one['questions_per_s']} / {many['questions_per_s']}",
                    f"{one['cpu_ms_per_question']} / {many['cpu_ms_per_question']}",
                    f"{one['model_calls']} / {many['model_calls']}",
                ]
            )
        lines += [
            "",
            "Question embedding in one process, distinct questions, each of N threads asking "
            f"two in turn: one model call a question (before) / micro-batched with a "
            f"{batching['window_ms']} ms window (now).",
            "",
            *_table(
                [
                    "threads",
                    "wait p50 ms",
                    "wait p95 ms",
                    "questions/s",
                    "CPU ms a question",
                    "model calls",
                ],
                rows,
            ),
        ]
    prompt = section.get("llm_prompt")
    if prompt:
        lines += [
            "",
            f"Prompts the LLM received in the warm-up: {prompt['calls']} calls, "
            f"{prompt['chars_per_call']} characters ({prompt['tokens_per_call']} tokens by "
            "the product's estimate) each.",
        ]
    return lines


def capacity(section: dict[str, Any]) -> list[str]:
    """The capacity model's scenarios (bench/capacity.md explains it)."""
    inputs, explicit = section["measured_inputs"], section["explicit_inputs"]
    rows = []
    for name, s in section["scenarios"].items():
        rows.append(
            [
                name,
                f"{s['students']:,} ({s['active_in_peak']:,} in the peak hour)",
                s["peak_questions_per_s"],
                s["cpu_cores_at_peak"],
                s["tasks"],
                s["db_gb"],
                s["ingest_cpu_hours"],
                s["groq_tokens_per_answer"],
                f"${s['monthly_usd']['aws']} + ${s['monthly_usd']['groq']} = "
                f"${s['monthly_usd']['total']}",
            ]
        )
    check = section["check_on_this_machine"]
    return [
        "## Capacity model",
        "",
        "`.venv/bin/python -m bench.capacity` (bench/capacity.md). Measured inputs: "
        + ", ".join(f"{k} {v}" for k, v in inputs.items())
        + ". Explicit inputs: "
        + ", ".join(f"{k} {v}" for k, v in explicit.items())
        + ".",
        "",
        *_table(
            [
                "deployment",
                "students",
                "questions/s at peak",
                "CPU cores at peak",
                "tasks (1 vCPU, 2 GB)",
                "DB GB",
                "ingest CPU-hours",
                "Groq tokens an answer",
                "USD a month (AWS + Groq)",
            ],
            rows,
        ),
        "",
        "Check on this machine against the 50-stream level (no input came from it): "
        + "; ".join(
            f"{k} predicted {v['predicted']}, measured {v['measured']} ({v['error']:.0%})"
            for k, v in check.items()
        )
        + ".",
        "",
    ]

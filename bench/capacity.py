"""The capacity model (bench/capacity.md): tasks, database size and monthly cost for a class, a
school and a district, from figures measured in bench/report.json and explicit inputs.

Run `.venv/bin/python -m bench.capacity` to print it; `bench/run.py` stores it in report.json
(`capacity`) and the report whenever the chat and latency sections are present.
"""

from __future__ import annotations

import json
import math
from typing import Any

from bench.layout import REPORT_JSON

# Explicit inputs: assumptions, not measurements. Change them here; the doc explains each.
QUESTIONS_PER_STUDENT_HOUR = 6.0  # an active student in the peak hour
ANSWER_TOKENS = 300  # Groq output tokens of a typical answer (the cap is LLM_MAX_TOKENS)
FOLLOW_UP_SHARE = 0.3  # questions in a conversation: each adds a rewrite call
REWRITE_OUTPUT_TOKENS = 40
PEAK_HOURS_PER_MONTH = 40.0  # peak-equivalent hours of questions a month (2 h x 20 days)
ACTIVE_HOURS_PER_MONTH = 200.0  # hours extra tasks run (school hours)
TARGET_CPU = 0.6  # plan tasks at 60% CPU: the p50 stays near the unloaded one
LLM_SECONDS_PER_ANSWER = 2.0  # Groq: ~0.3 s to first token + ~300 tokens at ~200 tokens/s
PAGES_PER_COURSE = 300
SCENARIOS = {
    "class": {"students": 30, "active": 1.0, "courses": 1},
    "school": {"students": 2_000, "active": 0.1, "courses": 40},
    "district": {"students": 50_000, "active": 0.1, "courses": 1_000},
}
# Prices, USD a month (infra/README.md "Monthly cost", on-demand us-east-1), and Groq's
# published price of llama-3.3-70b-versatile (USD per million tokens).
TASK_VCPU, TASK_MIB, TASK_MONTH = 1.0, 2048, 36.0
IPV4_MONTH = 3.65
FIXED_MONTH = {"alb": 16.0, "alb_ipv4": 2 * IPV4_MONTH, "rds": 14.0, "ecr": 2.0, "cloudwatch": 7.0}
RDS_INCLUDED_GB, RDS_GB_MONTH = 20, 0.115  # gp3 storage past the 20 GB of the table
GROQ_INPUT_PER_M, GROQ_OUTPUT_PER_M = 0.59, 0.79


def measured_inputs(report: dict[str, Any]) -> dict[str, Any]:
    """The model's measured inputs, from the 1- and 10-stream chat levels, ingestion and
    latency (the 50-stream level is kept apart: it checks the prediction)."""
    chat, latency = report["chat"], report["latency"]
    level = chat["levels"]["10"]["backend"]
    # CPU of both levels over their questions: one level's figure moves by a quarter from run
    # to run on the shared machine.
    fitted = [chat["levels"][n]["backend"] for n in ("1", "10")]
    cpu = sum(b["cpu_ms_per_stream"] * b["requests"] for b in fitted)
    pdf = report["ingestion"]["documents"]["pdf"]["measured"]
    largest = max(latency["sizes"], key=int)
    size = latency["sizes"][largest]
    idle = chat["rss_mib"]["idle_warm"]
    return {
        "cpu_ms_per_question": round(cpu / sum(b["requests"] for b in fitted), 1),
        "rss_idle_mib": idle,
        "rss_mib_per_stream": round(max(0.0, level["rss_peak_mib"] - idle) / 10, 2),
        "prompt_tokens": chat["llm_prompt"]["tokens_per_call"],
        "cpu_ms_per_page": round(pdf["pipeline"]["cpu_s"] * 1000 / pdf["pages"]),
        "ingest_peak_rss_mib": pdf["peak_rss_mib"],
        "chunks_per_page": round(pdf["chunks"] / pdf["pages"], 2),
        "db_bytes_per_chunk": round(size["db_mib"] * 2**20 / size["chunks"]),
    }


def scenario(inputs: dict[str, Any], students: int, active: float, courses: int) -> dict[str, Any]:
    """Peak load, tasks, database and monthly cost of one deployment."""
    per_second = students * active * QUESTIONS_PER_STUDENT_HOUR / 3600
    cores = per_second * inputs["cpu_ms_per_question"] / 1000 / TARGET_CPU
    # Little's law: answers in progress = arrival rate x time each is open.
    streams = per_second * LLM_SECONDS_PER_ANSWER
    memory = inputs["rss_idle_mib"] + streams * inputs["rss_mib_per_stream"]
    tasks = max(1, math.ceil(cores / TASK_VCPU), math.ceil(memory / TASK_MIB))
    pages = courses * PAGES_PER_COURSE
    db_gb = pages * inputs["chunks_per_page"] * inputs["db_bytes_per_chunk"] / 1e9
    answers = students * active * QUESTIONS_PER_STUDENT_HOUR * PEAK_HOURS_PER_MONTH
    input_tokens = answers * inputs["prompt_tokens"] * (1 + FOLLOW_UP_SHARE)
    output_tokens = answers * (ANSWER_TOKENS + FOLLOW_UP_SHARE * REWRITE_OUTPUT_TOKENS)
    groq = (input_tokens * GROQ_INPUT_PER_M + output_tokens * GROQ_OUTPUT_PER_M) / 1e6
    extra_tasks = (tasks - 1) * (TASK_MONTH + IPV4_MONTH) * ACTIVE_HOURS_PER_MONTH / 730
    aws = (
        TASK_MONTH
        + IPV4_MONTH
        + extra_tasks
        + sum(FIXED_MONTH.values())
        + max(0.0, db_gb - RDS_INCLUDED_GB) * RDS_GB_MONTH
    )
    return {
        "students": students,
        "active_in_peak": round(students * active),
        "peak_questions_per_s": round(per_second, 3),
        "cpu_cores_at_peak": round(cores, 2),
        "streams_open_at_peak": round(streams, 1),
        "tasks": tasks,
        "ingest_cpu_hours": round(pages * inputs["cpu_ms_per_page"] / 3.6e6, 1),
        "db_gb": round(db_gb, 2),
        "groq_tokens_per_answer": round(input_tokens / answers + output_tokens / answers)
        if answers
        else 0,
        "monthly_usd": {"aws": round(aws), "groq": round(groq), "total": round(aws + groq)},
    }


def check(report: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    """The prediction for this machine against the 50-stream level, which no input came from:
    backend CPU per question, and the serve's peak memory with 50 streams open."""
    level = report["chat"]["levels"]["50"]["backend"]
    predicted_rss = inputs["rss_idle_mib"] + 50 * inputs["rss_mib_per_stream"]
    pairs = {
        "cpu_ms_per_question": (inputs["cpu_ms_per_question"], level["cpu_ms_per_stream"]),
        "rss_peak_mib_at_50": (round(predicted_rss, 1), level["rss_peak_mib"]),
    }
    out: dict[str, Any] = {}
    for name, (predicted, measured) in pairs.items():
        error = abs(predicted - measured) / measured
        out[name] = {
            "predicted": predicted,
            "measured": measured,
            "error": round(error, 3),
            "ok": error <= 0.25,
        }
    return out


def model(report: dict[str, Any]) -> dict[str, Any]:
    """The whole model: inputs, the three scenarios and the check on this machine."""
    inputs = measured_inputs(report)
    return {
        "measured_inputs": inputs,
        "explicit_inputs": {
            "questions_per_student_hour": QUESTIONS_PER_STUDENT_HOUR,
            "answer_tokens": ANSWER_TOKENS,
            "follow_up_share": FOLLOW_UP_SHARE,
            "peak_hours_per_month": PEAK_HOURS_PER_MONTH,
            "active_hours_per_month": ACTIVE_HOURS_PER_MONTH,
            "target_cpu": TARGET_CPU,
            "llm_seconds_per_answer": LLM_SECONDS_PER_ANSWER,
            "pages_per_course": PAGES_PER_COURSE,
        },
        "scenarios": {name: scenario(inputs, **spec) for name, spec in SCENARIOS.items()},
        "check_on_this_machine": check(report, inputs),
    }


def main() -> None:
    """Print the model computed from bench/report.json."""
    report = json.loads(REPORT_JSON.read_text(encoding="utf-8"))
    print(json.dumps(model(report), indent=2))


if __name__ == "__main__":
    main()

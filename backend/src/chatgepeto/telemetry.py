"""JSON logs and CloudWatch Embedded Metric Format lines, both on stdout."""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any, TextIO

NAMESPACE = "ChatGepeto"
UNITS = {
    "AnswerLatencyMs": "Milliseconds",
    "TimeToFirstTokenMs": "Milliseconds",
    "RetrievalLatencyMs": "Milliseconds",
    "LLMTokens": "Count",
    "IngestionSeconds": "Seconds",
    "IngestionFailures": "Count",
    "Refusals": "Count",
}
_RESERVED = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and any `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": round(record.created, 3),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload.update({k: v for k, v in record.__dict__.items() if k not in _RESERVED})
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False, default=str)


def configure_json_logging(level: str = "INFO", stream: TextIO | None = None) -> None:
    """Route every logger to one JSON handler (servers; the CLI keeps readable logs)."""
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())


def emit_metrics(
    values: dict[str, float], service: str = "backend", stream: TextIO | None = None
) -> None:
    """Write one EMF line; CloudWatch turns it into metrics of the `ChatGepeto` namespace."""
    unknown = set(values) - set(UNITS)
    if unknown:
        raise ValueError(f"unknown metrics {sorted(unknown)}; known: {sorted(UNITS)}")
    if not values:
        return
    document = {
        "_aws": {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {
                    "Namespace": NAMESPACE,
                    "Dimensions": [["Service"]],
                    "Metrics": [{"Name": name, "Unit": UNITS[name]} for name in values],
                }
            ],
        },
        "Service": service,
        **{name: round(float(value), 3) for name, value in values.items()},
    }
    out = stream or sys.stdout
    out.write(json.dumps(document) + "\n")
    out.flush()

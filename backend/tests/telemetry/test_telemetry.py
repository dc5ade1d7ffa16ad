"""JSON logs, request ids and CloudWatch EMF lines."""

from __future__ import annotations

import io
import json
import logging

import pytest

from chatgepeto.telemetry import JsonFormatter, emit_metrics


def test_emf_line_names_namespace_units_and_values() -> None:
    out = io.StringIO()
    emit_metrics({"AnswerLatencyMs": 12.3456, "Refusals": 1}, service="backend", stream=out)
    document = json.loads(out.getvalue())
    directive = document["_aws"]["CloudWatchMetrics"][0]
    assert directive["Namespace"] == "ChatGepeto"
    assert directive["Dimensions"] == [["Service"]]
    assert {m["Name"]: m["Unit"] for m in directive["Metrics"]} == {
        "AnswerLatencyMs": "Milliseconds",
        "Refusals": "Count",
    }
    assert document["AnswerLatencyMs"] == 12.346 and document["Service"] == "backend"


def test_unknown_metric_is_refused_and_nothing_is_written_for_none() -> None:
    out = io.StringIO()
    with pytest.raises(ValueError, match="unknown metrics"):
        emit_metrics({"Nope": 1.0}, stream=out)
    emit_metrics({}, stream=out)
    assert out.getvalue() == ""


def test_json_formatter_keeps_extra_fields() -> None:
    record = logging.makeLogRecord(
        {"msg": "request", "levelname": "INFO", "name": "x", "route": "/api/chat", "status": 200}
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "request" and line["route"] == "/api/chat" and line["status"] == 200

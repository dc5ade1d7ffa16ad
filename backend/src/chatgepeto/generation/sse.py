"""Server-sent events: one writer for the API, one reader for tests and clients."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

_EVENT_NAME = re.compile(r"[a-z][a-z0-9_.-]*")


def format_sse(event: str, data: dict[str, Any]) -> str:
    """One event frame: `event: <name>`, one `data:` line of JSON, a blank line."""
    if not _EVENT_NAME.fullmatch(event):
        raise ValueError(f"event must be a lower-case name like 'token', got {event!r}")
    # json.dumps escapes newlines inside strings, so the payload always fits on one data line.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"event: {event}\ndata: {payload}\n\n"


def format_comment(text: str) -> str:
    """A comment frame (`: <text>`, a blank line): bytes that every reader skips, sent so
    proxies and browsers see the stream open before the first event."""
    if "\n" in text or "\r" in text:
        raise ValueError(f"a comment is one line, got {text!r}")
    return f": {text}\n\n"


def parse_sse(lines: Iterable[str]) -> Iterator[tuple[str, Any]]:
    """Yield (event, data) for each complete frame, its data lines joined and parsed as JSON."""
    event, data = "message", list[str]()
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line:
            if data:
                yield event, json.loads("\n".join(data))
            event, data = "message", list[str]()
        elif line.startswith(":"):
            continue  # a comment, used as a keep-alive
        else:
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "event":
                event = value
            elif field == "data":
                data.append(value)
    # A frame without its closing blank line was cut off; the spec says to drop it.

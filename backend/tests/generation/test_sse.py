"""The SSE frame writer and its parser."""

from __future__ import annotations

from typing import Any

import pytest

from chatgepeto.generation.sse import format_comment, format_sse, parse_sse


def test_format_is_one_event_and_one_data_line():
    assert format_sse("token", {"text": "olá"}) == 'event: token\ndata: {"text":"olá"}\n\n'


def test_round_trip_with_newlines_comments_and_crlf():
    frames: list[tuple[str, dict[str, Any]]] = [
        ("token", {"text": "linha 1\nlinha 2"}),
        ("citations", {"items": [1, 2]}),
        ("done", {}),
    ]
    wire = ": keep-alive\n\n" + "".join(format_sse(e, d) for e, d in frames)

    assert list(parse_sse(wire.splitlines())) == frames
    assert list(parse_sse(wire.replace("\n", "\r\n").splitlines(keepends=True))) == frames


def test_multi_line_data_and_default_event_name():
    assert list(parse_sse(["data: [1,", "data: 2]", ""])) == [("message", [1, 2])]


def test_an_unterminated_last_frame_is_dropped():
    wire = format_sse("token", {"text": "a"}) + 'event: token\ndata: {"text": "b"}'

    assert list(parse_sse(wire.splitlines())) == [("token", {"text": "a"})]


def test_bad_event_names_are_rejected():
    with pytest.raises(ValueError, match="event must be"):
        format_sse("token\ndata: x", {})


def test_a_comment_frame_is_one_line_that_readers_skip():
    stream = format_comment("ok") + format_sse("token", {"text": "a"})
    assert stream.startswith(": ok\n\nevent: token\n")
    assert list(parse_sse(stream.splitlines(keepends=True))) == [("token", {"text": "a"})]
    with pytest.raises(ValueError, match="one line"):
        format_comment("ok\nevent: done")


def test_empty_input():
    assert list(parse_sse([])) == []

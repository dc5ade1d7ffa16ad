"""Parsing in a spawned child under memory and time limits: bombs fail, results are unchanged."""

from __future__ import annotations

import os
import pickle
import resource
import time
from pathlib import Path

import pytest
from hostile.pdf_bombs import pdf_with_bomb, stream_bomb

from chatgepeto.errors import IngestError
from chatgepeto.ingest import sandbox
from chatgepeto.ingest.parse import IngestLimits, parse_document
from chatgepeto.ingest.sandbox import SandboxLimits, parse_isolated

LSHORT = Path(__file__).resolve().parents[3].parent / "shared/eval/latex-pt/files/pt-lshort.pdf"
MARKDOWN = (
    "# Solos\n\nO solo nasce da rocha.\n\n## Horizontes\n\nO horizonte A é o mais fértil.\n\n"
    "```\ncódigo  com   espaços\n```\n"
)


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_stream_bomb_fails_on_memory_in_seconds_and_the_caller_stays_small() -> None:
    bomb = stream_bomb()
    assert len(bomb) < 100 * 1024  # 64 KiB on disk, 4 GiB inflated
    rss_before, started = _peak_rss_mib(), time.monotonic()
    with pytest.raises(IngestError) as failed:
        parse_isolated(bomb, "bomba.pdf", IngestLimits(2000, 5_000_000))
    assert time.monotonic() - started < 30
    assert failed.value.code == "ingest:memory"
    assert "memória demais" in failed.value.message and "1024 MB" in failed.value.message
    assert _peak_rss_mib() - rss_before < 50  # the bomb inflated in the child, not here


def test_a_parse_past_its_time_limit_is_killed() -> None:
    # Memory to spare: what stops this one is the clock (4 GiB take several seconds).
    limits = SandboxLimits(memory_mb=8192, time_limit_s=1.0)
    started = time.monotonic()
    with pytest.raises(IngestError) as failed:
        parse_isolated(stream_bomb(), "bomba.pdf", sandbox=limits)
    assert time.monotonic() - started < 10
    assert failed.value.code == "ingest:parse_timeout"
    assert "limite de 1 s" in failed.value.message


def test_python_code_past_the_memory_limit_fails_on_memory_too() -> None:
    # 40 MB of one-word paragraphs: their blocks need far more than 256 MB.
    text = b"palavra\n\n" * 4_500_000
    with pytest.raises(IngestError) as failed:
        parse_isolated(text, "enorme.txt", sandbox=SandboxLimits(memory_mb=256))
    assert failed.value.code == "ingest:memory"


def test_too_much_text_stops_a_pdf_before_its_bomb_page_is_read() -> None:
    lines = [f"Linha {n} sobre a formação dos solos tropicais." for n in range(60)]
    pdf = pdf_with_bomb([lines, lines])  # two pages of text, then 4 GiB on page 3
    with pytest.raises(IngestError) as refused:
        parse_isolated(pdf, "apostila.pdf", IngestLimits(2000, max_text_chars=1000))
    assert refused.value.code == "too_much_text"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        pytest.param(MARKDOWN.encode(), "solos.md", id="markdown"),
        pytest.param(None, "pt-lshort.pdf", id="pt-lshort"),
    ],
)
def test_the_child_returns_what_parsing_here_returns(data: bytes | None, name: str) -> None:
    if data is None:
        if not LSHORT.is_file():
            pytest.skip(f"{LSHORT} is not here")
        data = LSHORT.read_bytes()
    limits = IngestLimits(2000, 5_000_000)
    here, there = parse_document(data, name, limits), parse_isolated(data, name, limits)
    assert there == here  # blocks (text, page, heading path), page count, warnings, suspects
    assert there.blocks


def test_a_refusal_keeps_its_code_and_message() -> None:
    with pytest.raises(IngestError) as refused:
        parse_isolated(b"", "vazio.md")
    assert refused.value.code == "empty_document"
    assert "vazio" in refused.value.message


def test_the_child_gets_no_secret_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLM_API_KEY", "gsk_segredo")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:senha@db/chatgepeto")
    env = sandbox._child_env()
    assert "LLM_API_KEY" not in env and "DATABASE_URL" not in env
    assert env["PATH"] == os.environ["PATH"]


class _Shell:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("true",))


def test_an_answer_with_other_types_than_a_parse_is_refused() -> None:
    forged = pickle.dumps(("ok", _Shell()))
    with pytest.raises(IngestError) as refused:
        sandbox._result(0, forged, SandboxLimits())
    assert refused.value.code == "ingest:parse_crashed"

"""Sentence splitting that respects abbreviations, decimals and initials."""

from __future__ import annotations

import re

# Abbreviations that end with a period but do not end a sentence (Portuguese and English).
_ABBREVIATIONS = frozenset(
    [
        "sr",
        "sra",
        "srs",
        "dr",
        "dra",
        "drs",
        "prof",
        "profa",
        "art",
        "arts",
        "inc",
        "ltda",
        "cia",
        "etc",
        "ex",
        "fig",
        "figs",
        "cap",
        "caps",
        "pág",
        "pag",
        "p",
        "pp",
        "vol",
        "vols",
        "n",
        "nº",
        "no",
        "núm",
        "num",
        "obs",
        "av",
        "tel",
        "min",
        "máx",
        "max",
        "aprox",
        "mr",
        "mrs",
        "ms",
        "vs",
        "eg",
        "ie",
        "jr",
        "st",
    ]
)
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-ZÀ-ÖØ-Þ0-9•\-–—])")


def split_sentences(text: str) -> list[str]:
    """Split `text` into sentences; never cuts inside a word, number or abbreviation."""
    text = text.strip()
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[start : match.start()].rstrip()
        last_word = re.split(r"\s+", candidate)[-1] if candidate else ""
        stem = last_word.rstrip(".").lower()
        if stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences

"""The question bank as CSV, one item a row, for spreadsheets and other tools."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from chatgepeto.study.items import StudyItem

COLUMNS = (
    "id",
    "kind",
    "question",
    "answer",
    "distractors",
    "document_id",
    "title",
    "page",
    "passage_id",
    "source",
)
# Options are joined by this in one cell; a bar rarely occurs in an option.
SEPARATOR = " | "


def items_csv(items: Iterable[StudyItem]) -> str:
    """The CSV text, a header first (RFC 4180 quoting, "\\r\\n" line ends)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for item in items:
        s = item.source
        writer.writerow(
            [
                item.id,
                item.kind,
                item.question,
                item.answer,
                SEPARATOR.join(item.distractors),
                s.document_id,
                s.title,
                "" if s.page is None else s.page,
                s.passage_id,
                s.label(),
            ]
        )
    return out.getvalue()

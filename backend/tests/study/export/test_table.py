import csv
import io

from chatgepeto.study.export.table import COLUMNS, SEPARATOR, items_csv
from study.export.items import one_of_each


def test_one_row_per_item_with_its_source():
    items = one_of_each()
    rows = list(csv.DictReader(io.StringIO(items_csv(items))))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == len(items)
    for item, row in zip(items, rows, strict=True):
        assert (row["id"], row["kind"], row["question"], row["answer"]) == (
            item.id,
            item.kind,
            item.question,
            item.answer,
        )
        assert row["source"] == item.source.label()
        assert row["page"] == str(item.source.page)
        assert row["distractors"].split(SEPARATOR) == list(item.distractors) or not item.distractors


def test_a_page_less_source_leaves_the_page_empty():
    item = one_of_each()[1]
    unpaged = item.model_copy(update={"source": item.source.model_copy(update={"page": None})})
    (row,) = csv.DictReader(io.StringIO(items_csv([unpaged])))
    assert row["page"] == "" and row["source"] == item.source.title

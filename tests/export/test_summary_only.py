"""The events export carries whether the event's article is a feed entry's summary only."""

from __future__ import annotations

import csv
import json

from helpers import make_article
from storyline.export.events import SCHEMA_PATH, export_events, records_of, to_plover
from storyline.record import Actor, Event


def test_summary_only_travels_in_every_export_form(tmp_path):
    import jsonschema

    text = "Norway and Iceland met in Bergen."
    article = make_article(text=text, sentences=[(0, len(text))], summary_only=True)
    article.events = [Event("CONSULT", 0, len(text), 19, 22, sources=(Actor("Norway", 0, 6, "place:norway", "NOR", "GOV"),),
                            confidence=0.9)]  # fmt: skip
    (record,) = records_of([article, make_article("b.txt")])
    assert record["summary_only"] is True
    jsonschema.validate(record, json.loads(SCHEMA_PATH.read_text()))
    assert to_plover(record)["cite_info"]["summary_only"] is True
    export_events([record], tmp_path / "e.csv", fmt="csv")
    with open(tmp_path / "e.csv", newline="", encoding="utf-8") as f:
        (row,) = csv.DictReader(f)
    assert row["Summary Only"] == "True"
    export_events([record], tmp_path / "e.parquet", fmt="parquet")
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "e.parquet").column("Summary Only").to_pylist() == [True]

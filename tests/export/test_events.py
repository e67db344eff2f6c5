"""Event export: our record validates against event.schema.json, PLOVER JSONL round-trips,
flat tables (TSV, CSV, Parquet) and the optional CAMEO root."""

from __future__ import annotations

import csv
import json

import pytest

from helpers import make_article, shared_path
from storyline.export.events import (
    SCHEMA_PATH,
    ExportError,
    export_events,
    load_cameo_roots,
    read_plover_jsonl,
    records_of,
    to_plover,
    write_plover_jsonl,
)
from storyline.record import Actor, Event


@pytest.fixture
def records():
    text = "Norway and Iceland met in Bergen on March 4. Iceland rejected the offer."
    article = make_article(text=text, outlet="Harbor Ledger", published="2025-03-05", url="https://x.test/a",
                           sentences=[(0, 44), (45, len(text))])  # fmt: skip
    article.events = [
        Event("CONSULT", 0, 44, 19, 22, sources=(Actor("Norway", 0, 6, "place:norway", "NOR", "GOV"),),
              targets=(Actor("Iceland", 11, 18, "place:iceland", "ISL", "GOV"),), mode="historical",
              contexts=("diplomatic",), date="2025-03-04", date_precision="day", place="place:bergen",
              place_name="Bergen", place_country="NOR", latitude=60.39, longitude=5.32, confidence=0.9),
        Event("REJECT", 45, len(text), 53, 61, sources=(Actor("Iceland", 45, 52, "place:iceland", "ISL", "GOV"),),
              confidence=0.8),
    ]  # fmt: skip
    return records_of([article], {article.id: "story-1"})


def test_records_validate_against_the_schema(records):
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for record in records:
        jsonschema.validate(record, schema)
    assert records[0]["evidence"]["trigger"] == "met" and records[0]["evidence"]["sequence"] == 0
    assert records[0]["story"] == "story-1"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**records[0], "type": "FIGHT"}, schema)


def test_plover_jsonl_round_trips(records, tmp_path):
    plover = [to_plover(r, coded="2025-03-06") for r in records]
    path = tmp_path / "events.jsonl"
    assert write_plover_jsonl(plover, path) == 2
    assert read_plover_jsonl(path) == plover
    first = plover[0]
    assert first["event"] == ["CONSULT"] and first["mode"] == ["historical"] and first["quad_code"] == 1
    assert first["actor"][0]["code"] == "NOR" and first["recipient"][0]["code"] == "ISL"
    assert first["cite_info"]["publication"] == "Harbor Ledger" and first["text_info"]["start"] == 0
    assert first["event_loc"]["resolved_place"] == "Bergen"
    assert plover[1]["date"] == "2025-03-05"  # no date of its own: the publication day


@pytest.mark.parametrize("fmt", ["tsv", "csv", "parquet"])
def test_flat_tables(records, tmp_path, fmt):
    path = tmp_path / f"events.{fmt}"
    assert export_events(records, path, fmt=fmt) == 2
    if fmt == "parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
    else:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t" if fmt == "tsv" else ","))
    assert rows[0]["Event Type"] == "CONSULT" and rows[0]["Actor Country"] == "NOR"
    assert rows[1]["Event Type"] == "REJECT"


def test_unknown_format_names_the_file(records, tmp_path):
    with pytest.raises(ExportError, match="events.xml"):
        export_events(records, tmp_path / "events.xml", fmt="xml")


def test_cameo_roots_from_the_mapping_table(records, tmp_path):
    table = shared_path("eval", "events", "plover", "CAMEO2PLOVER-2021.txt")
    roots = load_cameo_roots(table)
    assert roots[("CONSULT", "phone")] == "04" and roots[("REJECT", None)] == "12"
    out = tmp_path / "e.jsonl"
    export_events(records, out, fmt="plover", cameo_table=table)
    assert [r["cameo_root"] for r in read_plover_jsonl(out)] == ["04", "12"]

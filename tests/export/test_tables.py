"""The one row writer every export uses: each format's handling of lists, missing values and
types, and its errors."""

import csv
import datetime
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from storyline.export.tables import ExportError, write_rows

ROWS = [
    {"id": "s1", "first_seen": datetime.date(2025, 3, 4), "outlets": ["Lake Courier", "Fjord Post"], "count": 2, "note": None},
    {"id": "s2", "first_seen": None, "outlets": [], "count": 1, "note": None},
]


def test_jsonl_keeps_lists_and_writes_dates_as_iso_strings(tmp_path):
    path = tmp_path / "rows.jsonl"
    assert write_rows(ROWS, path, fmt="jsonl") == 2
    back = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert back[0] == {"id": "s1", "first_seen": "2025-03-04", "outlets": ["Lake Courier", "Fjord Post"],
                       "count": 2, "note": None}  # fmt: skip
    assert back[1]["outlets"] == [] and back[1]["first_seen"] is None


@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_join_lists_and_leave_missing_values_empty(tmp_path, fmt, delimiter):
    path = tmp_path / f"rows.{fmt}"
    write_rows(ROWS, path, fmt=fmt, columns=["count", "id", "outlets", "first_seen"])
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=delimiter))
    assert rows == [["count", "id", "outlets", "first_seen"], ["2", "s1", "Lake Courier; Fjord Post", "2025-03-04"],
                    ["1", "s2", "", ""]]  # fmt: skip


def test_parquet_keeps_types_and_types_an_all_missing_column(tmp_path):
    path = tmp_path / "rows.parquet"
    write_rows(ROWS, path, fmt="parquet", types={"count": pa.int32()})
    table = pq.read_table(path)
    schema = {f.name: f.type for f in table.schema}
    assert schema["count"] == pa.int32() and schema["first_seen"] == pa.date32()
    assert schema["outlets"] == pa.list_(pa.string()) and schema["note"] == pa.string()
    assert table.to_pylist()[0]["outlets"] == ["Lake Courier", "Fjord Post"]


def test_no_rows_still_give_a_file(tmp_path):
    assert write_rows([], tmp_path / "none.jsonl", fmt="jsonl") == 0
    assert (tmp_path / "none.jsonl").read_text(encoding="utf-8") == ""
    write_rows([], tmp_path / "none.csv", fmt="csv", columns=["id"])
    assert (tmp_path / "none.csv").read_text(encoding="utf-8").strip() == "id"


def test_unknown_format_and_unwritable_path_name_the_file(tmp_path):
    with pytest.raises(ExportError, match="rows.xml.*unknown format 'xml'"):
        write_rows(ROWS, tmp_path / "rows.xml", fmt="xml")
    with pytest.raises(ExportError, match="nowhere/rows.csv"):
        write_rows(ROWS, tmp_path / "nowhere" / "rows.csv", fmt="csv")

"""Rows out of Storyline as files other tools read: JSON lines, CSV, TSV or Parquet.

One writer for every export (stories, articles, quotes, entities, and the events' flat rows),
so each format means the same everywhere: JSON lines keep lists and dates as JSON (dates as
ISO strings); CSV and TSV hold one value per cell, a list joined with "; " and a missing
value empty; Parquet keeps the columns' types (lists stay lists), taken from the rows or from
`types` where a column may be all missing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import StorylineError

FORMATS = {"jsonl": "JSON lines", "csv": "CSV", "tsv": "TSV", "parquet": "Parquet"}


class ExportError(StorylineError):
    """An export could not be written or read (names the file)."""


def _cell(value) -> object:
    """One CSV/TSV cell: lists joined with "; ", None empty, everything else as it prints."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join("" if v is None else str(v) for v in value)
    return value


def write_rows(rows: Iterable[dict], path: str | Path, *, fmt: str, columns: Sequence[str] | None = None,
               types: dict | None = None) -> int:  # fmt: skip
    """Write `rows` to `path` as one of FORMATS, with `columns` in that order (by default the
    first row's keys); returns how many rows. `types` maps a column to a pyarrow type for
    Parquet (the others are inferred, strings where a column holds no value)."""
    rows = list(rows)
    columns = list(columns or (rows[0].keys() if rows else ()))
    try:
        if fmt == "jsonl":
            with open(path, "w", encoding="utf-8") as out:
                for row in rows:
                    out.write(json.dumps({c: row.get(c) for c in columns}, default=str, ensure_ascii=False) + "\n")
        elif fmt in ("csv", "tsv"):
            with open(path, "w", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, fieldnames=columns, delimiter="\t" if fmt == "tsv" else ",",
                                        extrasaction="ignore")  # fmt: skip
                writer.writeheader()
                writer.writerows({c: _cell(row.get(c)) for c in columns} for row in rows)
        elif fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            records = [{c: row.get(c) for c in columns} for row in rows]
            inferred = pa.Table.from_pylist(records).schema if records else pa.schema([])
            fields = []
            for c in columns:
                kind = (types or {}).get(c)
                if kind is None and c in inferred.names and not pa.types.is_null(inferred.field(c).type):
                    kind = inferred.field(c).type
                fields.append((c, kind or pa.string()))
            pq.write_table(pa.Table.from_pylist(records, schema=pa.schema(fields)), str(path))
        else:
            raise ExportError(f"cannot write '{path}': unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    except OSError as exc:
        raise ExportError(f"cannot write '{path}': {exc.strerror or exc}") from None
    return len(rows)

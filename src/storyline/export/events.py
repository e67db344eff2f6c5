"""Events out of Storyline: our event record, PLOVER JSON lines, POLECAT-style TSV, CSV and
Parquet.

    (Article, Event) ──event_record──► our record (event.schema.json)
                                   ──to_plover──► PLOVER JSON (the manual's Data Fields)
                                   ──flat_row──► POLECAT-style columns (TSV, CSV, Parquet)

Our record keeps the evidence (sentence, trigger and actor offsets) and provenance (article,
outlet, URL); PLOVER's `text_info` and `cite_info` carry the same. An optional CAMEO root code
comes from the CAMEO→PLOVER table the caller points to (`load_cameo_roots`); the table is not
part of Storyline.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..record import Actor, Article, Event
from .tables import ExportError, write_rows

SCHEMA_PATH = Path(__file__).with_name("event.schema.json")
CODER = "storyline-events"
CODEBOOK = "plover-base (PLOVER manual draft 0.8)"
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
AUXILIARY_MODES = ("historical", "future", "hypothetical", "negated")
FLAT_COLUMNS = (
    "Event ID", "Event Date", "Date Precision", "Date Source", "Event Type", "Event Mode", "Contexts",
    "Quad Code", "CAMEO Root", "Actor Name", "Actor Entity", "Actor Country", "Actor Sector",
    "Recipient Name", "Recipient Entity", "Recipient Country", "Recipient Sector",
    "Placename", "Place Entity", "Country", "Latitude", "Longitude", "Speaker", "Confidence",
    "Story ID", "Article ID", "Publication Date", "Source", "URL", "Headline", "Language",
    "Summary Only", "Sentence", "Trigger",
)  # fmt: skip


def event_record(article: Article, event: Event, index: int, *, story: str | None = None) -> dict:
    """Our event record for one event of an article (`index`: its position in article.events)."""
    text = article.text
    return {
        "id": f"{article.id}-{index}",
        "article": article.id,
        "story": story,
        "outlet": article.outlet,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "summary_only": article.summary_only,  # the event was coded from a feed entry's summary
        "type": event.type,
        "mode": event.mode,
        "contexts": list(event.contexts),
        "date": event.date,
        "date_precision": event.date_precision,
        "date_source": event.date_source,
        "sources": [_actor(a) for a in event.sources],
        "targets": [_actor(a) for a in event.targets],
        "place": {"entity": event.place, "name": event.place_name, "country": event.place_country,
                  "latitude": event.latitude, "longitude": event.longitude}  # fmt: skip
        if event.place or event.place_name
        else None,
        "speaker": event.speaker,
        "confidence": event.confidence,
        "evidence": {
            "sentence": text[event.sentence_start : event.sentence_end],
            "sentence_start": event.sentence_start,
            "sentence_end": event.sentence_end,
            "trigger": text[event.trigger_start : event.trigger_end],
            "trigger_start": event.trigger_start,
            "trigger_end": event.trigger_end,
            "sequence": _sequence(article, event),
        },
    }


def records_of(articles: Iterable[Article], stories: dict[str, str] | None = None) -> list[dict]:
    """Our records for every event of every article; `stories` maps article id → story id."""
    stories = stories or {}
    return [event_record(a, e, i, story=stories.get(a.id)) for a in articles for i, e in enumerate(a.events)]


def _actor(a: Actor) -> dict:
    return {"text": a.text, "start": a.start, "end": a.end, "entity": a.entity,
            "country": a.country, "sector": a.sector}  # fmt: skip


def _sequence(article: Article, event: Event) -> int | None:
    for i, (start, end) in enumerate(article.sentences):
        if start <= event.sentence_start < max(end, start + 1):
            return i
    return None


# -- PLOVER ------------------------------------------------------------------------------------


def to_plover(record: dict, *, cameo_roots: dict | None = None, coded: str | None = None) -> dict:
    """The PLOVER JSON form of our record (the manual's Data Fields chapter)."""
    modes = [record["mode"]] if record.get("mode") else []
    contexts = [c for c in record.get("contexts", []) if c not in modes]
    evidence = record["evidence"]
    place = record.get("place")
    out = {
        "id": record["id"],
        "has_event": True,
        "date": record.get("date") if _is_day(record.get("date")) else (record.get("published") or None),
        "actor": [_entity(a) for a in record["sources"]],
        "recipient": [_entity(a) for a in record["targets"]],
        "event": [record["type"]],
        "event_loc": {"extracted_place": place.get("name"), "resolved_place": place.get("name"),
                      "lat": place.get("latitude"), "lon": place.get("longitude"),
                      "country_code": place.get("country")} if place else None,  # fmt: skip
        "event_text": [evidence["trigger"]],
        "quad_code": QUAD.get(record["type"]),
        "mode": modes,
        "context": contexts,
        "text": evidence["sentence"],
        "text_info": {"sequence": evidence.get("sequence"), "start": evidence["sentence_start"],
                      "end": evidence["sentence_end"]},  # fmt: skip
        "cite_info": {"corpus": "storyline", "citation": record["article"], "url": record.get("url"),
                      "title": record.get("title"), "language": record.get("language"),
                      "publication": record.get("outlet"), "summary_only": bool(record.get("summary_only")),
                      "coder": CODER, "codebook": CODEBOOK},  # fmt: skip
        "coder": CODER,
        "coded_date": coded or date.today().isoformat(),
        "comment": f"confidence {record.get('confidence')}; date precision {record.get('date_precision')}"
                   f"; date from {record.get('date_source')}",
    }
    if cameo_roots is not None:
        out["cameo_root"] = cameo_root(record["type"], record.get("mode"), cameo_roots)
    return out


def _entity(a: dict) -> dict:
    return {"code": a.get("country"), "sector": a.get("sector"), "entity_text": a.get("text"),
            "identifier_text": a.get("entity")}  # fmt: skip


def _is_day(value: str | None) -> bool:
    return bool(value) and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""))


def write_plover_jsonl(records: Iterable[dict], path: str | Path) -> int:
    """Write PLOVER records one JSON object a line; returns how many."""
    n = 0
    try:
        with open(path, "w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
    except OSError as exc:
        raise ExportError(f"cannot write '{path}': {exc.strerror or exc}") from None
    return n


def read_plover_jsonl(path: str | Path) -> list[dict]:
    """PLOVER records from JSON lines."""
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ExportError(f"cannot read '{path}': {exc.strerror or exc}") from None
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except ValueError as exc:
                raise ExportError(f"cannot read '{path}', line {number}: {exc}") from None
    return out


# -- CAMEO ----------------------------------------------------------------------------------------

_CAMEO_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([A-Z]+)\s*,\s*([^,#]*)")


def load_cameo_roots(path: str | Path) -> dict[tuple[str, str | None], str]:
    """(PLOVER type, mode or None) → CAMEO root code (two digits), from a CAMEO→PLOVER table
    ('0311: AGREE, mode, context # ...' lines). The root for a type is the one most of its
    CAMEO codes fall under; a mode's, the root of the codes with that mode."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ExportError(f"cannot read '{path}': {exc.strerror or exc}") from None
    by_type: dict[str, Counter] = {}
    by_mode: dict[tuple[str, str], Counter] = {}
    for line in lines:
        m = _CAMEO_LINE.match(line)
        if not m or line.lstrip().startswith("#"):
            continue
        code, kind, mode = m.group(1), m.group(2), m.group(3).strip().lower()
        by_type.setdefault(kind, Counter())[code[:2]] += 1
        if mode:
            by_mode.setdefault((kind, mode), Counter())[code[:2]] += 1
    out: dict[tuple[str, str | None], str] = {(k, None): c.most_common(1)[0][0] for k, c in by_type.items()}
    out.update({k: c.most_common(1)[0][0] for k, c in by_mode.items()})
    return out


def cameo_root(kind: str, mode: str | None, roots: dict) -> str | None:
    return roots.get((kind, (mode or "").lower() or None)) or roots.get((kind, None))


# -- flat tables ----------------------------------------------------------------------------------


def flat_row(record: dict, *, cameo_roots: dict | None = None) -> dict:
    """POLECAT-style columns (one actor and one recipient: the first of each; more are joined
    with ';')."""
    src, tgt = record["sources"], record["targets"]
    place = record.get("place") or {}
    evidence = record["evidence"]

    def joined(actors: list[dict], key: str) -> str | None:
        values = [str(a.get(key)) for a in actors if a.get(key)]
        return ";".join(values) if values else None

    return {
        "Event ID": record["id"], "Event Date": record.get("date"),
        "Date Precision": record.get("date_precision"), "Date Source": record.get("date_source"),
        "Event Type": record["type"],
        "Event Mode": record.get("mode"), "Contexts": ";".join(record.get("contexts", [])) or None,
        "Quad Code": QUAD.get(record["type"]),
        "CAMEO Root": cameo_root(record["type"], record.get("mode"), cameo_roots) if cameo_roots else None,
        "Actor Name": joined(src, "text"), "Actor Entity": joined(src, "entity"),
        "Actor Country": joined(src, "country"), "Actor Sector": joined(src, "sector"),
        "Recipient Name": joined(tgt, "text"), "Recipient Entity": joined(tgt, "entity"),
        "Recipient Country": joined(tgt, "country"), "Recipient Sector": joined(tgt, "sector"),
        "Placename": place.get("name"), "Place Entity": place.get("entity"), "Country": place.get("country"),
        "Latitude": place.get("latitude"), "Longitude": place.get("longitude"),
        "Speaker": record.get("speaker"), "Confidence": record.get("confidence"),
        "Story ID": record.get("story"), "Article ID": record["article"],
        "Publication Date": record.get("published"), "Source": record.get("outlet"),
        "URL": record.get("url"), "Headline": record.get("title"), "Language": record.get("language"),
        "Summary Only": bool(record.get("summary_only")),
        "Sentence": evidence["sentence"], "Trigger": evidence["trigger"],
    }  # fmt: skip


_PARQUET_TYPES = ("Quad Code", "int64"), ("Latitude", "float64"), ("Longitude", "float64"), \
    ("Confidence", "float64"), ("Summary Only", "bool_")


def write_table(records: Iterable[dict], path: str | Path, *, fmt: str, cameo_roots: dict | None = None) -> int:
    """Write flat rows as "tsv" (POLECAT-style), "csv" or "parquet"; returns how many rows."""
    if fmt not in ("tsv", "csv", "parquet"):
        raise ExportError(f"cannot write '{path}': unknown format '{fmt}' (tsv, csv, parquet)")
    types = None
    if fmt == "parquet":
        import pyarrow as pa

        types = {column: getattr(pa, kind)() for column, kind in _PARQUET_TYPES}
    rows = (flat_row(r, cameo_roots=cameo_roots) for r in records)
    return write_rows(rows, path, fmt=fmt, columns=FLAT_COLUMNS, types=types)


FORMATS = {"plover": "PLOVER JSON lines", "tsv": "POLECAT-style TSV", "csv": "CSV", "parquet": "Parquet"}


def export_events(records: list[dict], path: str | Path, *, fmt: str = "plover",
                  cameo_table: str | Path | None = None) -> int:  # fmt: skip
    """Write our records to `path` in one of FORMATS; returns how many events."""
    roots = load_cameo_roots(cameo_table) if cameo_table else None
    if fmt == "plover":
        return write_plover_jsonl((to_plover(r, cameo_roots=roots) for r in records), path)
    if fmt in ("tsv", "csv", "parquet"):
        return write_table(records, path, fmt=fmt, cameo_roots=roots)
    raise ExportError(f"cannot write '{path}': unknown format '{fmt}' (choose from {', '.join(FORMATS)})")

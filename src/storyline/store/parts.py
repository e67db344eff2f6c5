"""How the lists on an Article map to the store's tables: one table per list, one row per
item in order, with the columns in the record's field order."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import lru_cache

from ..record import Actor, Entity, Event, Mention, Paragraph, Quote, Removed, TimeExpression

TYPES = {  # columns that are not VARCHAR, for typing the unnested lists
    "language_score": "DOUBLE", "published": "DATE", "ingested_at": "TIMESTAMP", "updated_at": "TIMESTAMP",
    "raw": "BLOB", "position": "INTEGER", "start_char": "INTEGER", "end_char": "INTEGER", "line": "INTEGER",
    "sentence_start": "INTEGER", "sentence_end": "INTEGER", "speaker_start": "INTEGER", "speaker_end": "INTEGER",
    "cue_start": "INTEGER", "cue_end": "INTEGER", "direct": "BOOLEAN", "anchored": "BOOLEAN",
    "titles": "VARCHAR[]", "aliases": "VARCHAR[]", "contexts": "VARCHAR[]", "sources": "JSON", "targets": "JSON",
    "latitude": "DOUBLE", "longitude": "DOUBLE", "confidence": "DOUBLE",
    "trigger_start": "INTEGER", "trigger_end": "INTEGER",
}  # fmt: skip


def _actors_json(actors) -> str:
    return json.dumps([_values_dict(a) for a in actors], ensure_ascii=False)


def _actors(value) -> tuple[Actor, ...]:
    return tuple(Actor(**a) for a in (json.loads(value) if isinstance(value, str) else value or []))


def _values_dict(item) -> dict:
    return {name: getattr(item, name) for name in _field_names(type(item))}


def _values(item) -> tuple:
    """A record's fields in declaration order: the order of its table's columns."""
    return tuple(getattr(item, name) for name in _field_names(type(item)))


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclass_fields(kind))


@dataclass(frozen=True)
class Part:
    """A list on the Article kept in a table of its own, one row per item, in order."""

    table: str
    field: str  # the Article attribute
    columns: tuple[str, ...]  # after article_id and position
    to_row: Callable[[object], tuple] = _values
    from_row: Callable[[tuple], object] = tuple


PARTS = (
    Part("paragraphs", "paragraphs", ("start_char", "end_char", "kind"), from_row=lambda r: Paragraph(*r)),
    Part("removed_parts", "removed", ("text", "reason", "line"), from_row=lambda r: Removed(*r)),
    Part("sentences", "sentences", ("start_char", "end_char"), to_row=tuple),
    Part("mentions", "mentions",
          ("start_char", "end_char", "text", "label", "entity_key", "title", "country", "sentence_start", "sentence_end"),
          from_row=lambda r: Mention(*r)),
    Part("article_entities", "entities", ("entity_key", "name", "label", "country", "titles", "aliases"),
          from_row=lambda r: Entity(*r[:4], tuple(r[4]), tuple(r[5]))),
    Part("time_expressions", "dates", ("start_char", "end_char", "text", "type", "value", "precision", "anchored", "mod"),
          from_row=lambda r: TimeExpression(*r)),
    Part("events", "events",
          ("type", "sentence_start", "sentence_end", "trigger_start", "trigger_end", "sources", "targets", "mode",
           "contexts", "date", "date_precision", "place", "place_name", "place_country", "latitude", "longitude",
           "speaker", "confidence", "date_source"),
          to_row=lambda e: (*_values(e)[:5], _actors_json(e.sources), _actors_json(e.targets), e.mode,
                            list(e.contexts), *_values(e)[9:]),
          from_row=lambda r: Event(*r[:5], _actors(r[5]), _actors(r[6]), r[7], tuple(r[8]), *r[9:])),
    Part("quotes", "quotes",
          ("start_char", "end_char", "text", "direct", "speaker_key", "speaker_text", "speaker_start", "speaker_end",
           "cue", "cue_start", "cue_end", "channel"),
          from_row=lambda r: Quote(*r)),
)  # fmt: skip

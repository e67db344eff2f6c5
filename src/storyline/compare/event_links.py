"""Events that several articles of one story report, linked into one real-world event.

    rows (article, outlet, story, Event) ──same story, compatible──► LinkedEvent

Two coded events describe the same happening when they are in the same story and their type,
parties, date and place do not disagree: the same PLOVER type (AGREE and CONSULT about the same
meeting stay apart: one is the promise, the other the meeting); parties that share a country
or where one side is unnamed; dates equal at the coarser precision of the two, or one unknown
or only the publication day; places equal or one unknown. Pure: no store, no spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..record import Event


@dataclass(frozen=True)
class EventRow:
    """One coded event as the store holds it: where it was found, and the event."""

    article: str  # article id
    outlet: str | None
    story: str | None  # story id, from the stories stage
    event: Event
    sentence: str = ""  # the sentence's text, kept as evidence


@dataclass
class LinkedEvent:
    """One real-world event and every report of it."""

    id: str
    story: str | None
    type: str
    mode: str | None
    source_countries: tuple[str, ...]
    target_countries: tuple[str, ...]
    date: str | None
    date_precision: str | None
    place: str | None
    place_name: str | None
    rows: list[EventRow] = field(default_factory=list)

    @property
    def num_articles(self) -> int:
        return len({r.article for r in self.rows})

    @property
    def num_sources(self) -> int:
        """Distinct outlets (an article with no outlet counts as its own source)."""
        return len({r.outlet or "article:" + r.article for r in self.rows})

    @property
    def sentences(self) -> list[tuple[str, str | None, str]]:
        """(article id, outlet, sentence) for each report."""
        return [(r.article, r.outlet, r.sentence) for r in self.rows]


def link_events(rows: list[EventRow]) -> list[LinkedEvent]:
    """Group the rows into linked events, in order of first report. Rows without a story are
    linked only within their own article."""
    linked: list[LinkedEvent] = []
    # only events of one group and one type can be compatible: each row scans those alone, in
    # order of first report, as a scan of every linked event would find them
    by_kind: dict[tuple[str, str], list[LinkedEvent]] = {}
    for row in rows:
        group = row.story if row.story is not None else "article:" + row.article
        same = by_kind.setdefault((group, row.event.type), [])
        theirs = set(_countries(row.event.sources)) | set(_countries(row.event.targets))
        match = next((le for le in same if _compatible(le, row.event, theirs)), None)
        if match is None:
            match = LinkedEvent(
                id=f"{group}#{len(linked) + 1}",
                story=row.story,
                type=row.event.type,
                mode=row.event.mode,
                source_countries=(),
                target_countries=(),
                date=None,
                date_precision=None,
                place=None,
                place_name=None,
            )
            linked.append(match)
            same.append(match)
        _absorb(match, row)
    return linked


def _countries(actors) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.country for a in actors if a.country))


def _compatible(le: LinkedEvent, event: Event, theirs: set[str]) -> bool:
    """Whether `event` (whose parties' countries are `theirs`) can be a report of `le`, one of
    the same group and type (link_events compares only those)."""
    if theirs and (le.source_countries or le.target_countries) and (
        theirs.isdisjoint(le.source_countries) and theirs.isdisjoint(le.target_countries)
    ):
        return False
    if not _dates_agree(le.date, le.date_precision, event.date, event.date_precision):
        return False
    if le.place and event.place and le.place != event.place:
        return False
    return True


def _dates_agree(a: str | None, a_precision: str | None, b: str | None, b_precision: str | None) -> bool:
    if not a or not b or a_precision == "published" or b_precision == "published":
        return True
    size = min(len(a), len(b))
    return a[:size] == b[:size]


def _absorb(le: LinkedEvent, row: EventRow) -> None:
    event = row.event
    le.rows.append(row)
    le.source_countries = tuple(dict.fromkeys(le.source_countries + _countries(event.sources)))
    le.target_countries = tuple(dict.fromkeys(le.target_countries + _countries(event.targets)))
    le.mode = le.mode or event.mode
    if event.date and event.date_precision != "published":
        if not le.date or le.date_precision == "published" or len(event.date) > len(le.date):
            le.date, le.date_precision = event.date, event.date_precision
    elif not le.date and event.date:
        le.date, le.date_precision = event.date, event.date_precision
    if event.place and not le.place:
        le.place, le.place_name = event.place, event.place_name

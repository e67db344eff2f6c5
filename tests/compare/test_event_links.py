"""compare/event_links.py: reports of one event in one story linked (pure, no model)."""

from __future__ import annotations

from storyline.compare.event_links import EventRow, link_events
from storyline.record import Actor, Event


def _event(kind="CONSULT", src="RUS", tgt="UKR", date="2025-05-16", precision="day", place="place:istanbul"):
    return Event(kind, 0, 10, 0, 3, sources=(Actor("x", 0, 1, None, src, "GOV"),),
                 targets=(Actor("y", 2, 3, None, tgt, "GOV"),) if tgt else (), date=date,
                 date_precision=precision, place=place, place_name="Istanbul")  # fmt: skip


def test_link_events_joins_compatible_reports_in_one_story():
    rows = [
        EventRow("a1", "Wire", "s1", _event(), "They met."),
        EventRow("a2", "Courier", "s1", _event(src="UKR", tgt="RUS", place=None), "Both teams met."),
        EventRow("a3", "Wire", "s1", _event(date="2025-06-02"), "They will meet."),
        EventRow("a4", "Times", "s2", _event(), "Elsewhere."),
        EventRow("a1", "Wire", "s1", _event(kind="AGREE"), "Proposal."),
    ]
    linked = link_events(rows)
    assert [le.type for le in linked] == ["CONSULT", "CONSULT", "CONSULT", "AGREE"]
    first = linked[0]
    assert first.num_articles == 2 and first.num_sources == 2
    assert first.date == "2025-05-16" and first.place == "place:istanbul"
    assert [s for _, _, s in first.sentences] == ["They met.", "Both teams met."]
    assert linked[2].story == "s2"


def test_link_events_keeps_disagreeing_parties_apart():
    rows = [EventRow("a1", "W", "s", _event(src="FRA", tgt="DEU")), EventRow("a2", "X", "s", _event(src="USA", tgt="CAN"))]
    assert len(link_events(rows)) == 2

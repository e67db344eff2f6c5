"""Issue 22, done-when 3, on the sample corpus: every event's date says where it came from, and
fewer than a third of the events fall back to the publication date."""

from __future__ import annotations

from collections import Counter

import pytest

from storyline.pipeline import ingest
from storyline.sample import corpus_path
from storyline.store import Store

pytestmark = pytest.mark.slow

SOURCES = {"sentence", "clause", "context", "tense", "published"}


@pytest.fixture(scope="module")
def sample_events():
    store = Store(":memory:")
    ingest([str(corpus_path())], store)
    return [row["event"] for row in store.events()]


def test_every_dated_event_says_where_its_date_came_from(sample_events):
    assert sample_events
    for event in sample_events:
        assert (event.date is None) == (event.date_source is None), event
        assert event.date_source is None or event.date_source in SOURCES, event
        assert (event.date_source == "published") == (event.date_precision == "published"), event


def test_fewer_than_a_third_fall_back_to_the_publication_date(sample_events):
    sources = Counter(e.date_source for e in sample_events)
    assert sources["published"] < len(sample_events) / 3, sources
    assert sources["sentence"] + sources["clause"] > sources["published"], sources  # the text gives most dates

"""The two seed articles, ingested with their publication dates, compared as one story
(../shared/seeds/expected.json "comparison")."""

from __future__ import annotations

import json

import pytest

from storyline.compare import compare_story, story_timeline
from storyline.pipeline import ingest
from storyline.record import Hints
from storyline.store import Store
from tests.helpers import shared_path


@pytest.fixture(scope="module")
def seed_story():
    expected = json.loads(shared_path("seeds", "expected.json").read_text(encoding="utf-8"))
    store = Store(":memory:")
    for name, meta in expected["metadata"].items():
        ingest([str(shared_path("seeds", "articles", name))], store, hints=Hints(published=meta["published"]))
    (story,) = [s for s in store.stories() if s["articles"] == 2]
    articles = store.story_articles(story["id"])
    names = {a.id: a.name[:3] for a in articles}
    return compare_story(articles, store.story_copies(story["id"])), story_timeline(articles, {}), names


def _where(verdict, names):
    return {names[s.article] for s in verdict.sources}


def test_corroborated_events(seed_story):
    comparison, _, names = seed_story
    events = {(v.about.split()[0], v.about.split(" on ")[1][:10]) for v in comparison.of("corroborated") if v.kind == "event" and " on " in v.about}
    assert ("AGREE", "2025-06-02") in events  # Russia proposed June 2 talks in Istanbul
    assert ("CONSULT", "2025-05-16") in events  # the sides met in Istanbul on May 16


def test_single_source_facts(seed_story):
    comparison, _, names = seed_story
    single = comparison.of("single_source")
    call = [v for v in single if v.kind == "event" and "CONSULT" in v.about and "2025-05-19" in v.about]
    assert call and _where(call[0], names) == {"000"}
    assert any("zakharova" in v.about and _where(v, names) == {"000"} for v in single)
    assert any("Rubio" in s.sentence and _where(v, names) == {"003"} for v in single if v.kind == "quote" for s in v.sources)
    assert any("already submitted" in s.sentence and _where(v, names) == {"003"} for v in single for s in v.sources)


def test_trump_title_conflict_lists_both_sentences(seed_story):
    comparison, _, names = seed_story
    (conflict,) = [v for v in comparison.of("conflict") if "donald-trump" in v.about]
    assert {(names[s.article], v.value) for v in conflict.values for s in v.sources} == {
        ("000", "U.S. President"), ("003", "former U.S. President")}


def test_kyiv_response_is_an_update_not_a_conflict(seed_story):
    comparison, _, names = seed_story
    (update,) = comparison.of("update")
    assert "already submitted" in update.values[0].sources[0].sentence
    assert names[update.values[0].sources[0].article] == "003"
    assert any("no immediate response" in s.sentence for s in update.earlier)
    assert all(v.kind == "title" for v in comparison.of("conflict"))


def test_timeline_in_order_with_month_precision(seed_story):
    _, timeline, _ = seed_story
    dates = [e.date for e in timeline]
    for date in ("2022-03", "2025-05-16", "2025-05-19", "2025-06-02"):
        assert date in dates
    assert dates.index("2022-03") < dates.index("2025-05-16") < dates.index("2025-05-19") < dates.index("2025-06-02")
    (march,) = [e for e in timeline if e.date == "2022-03"]
    assert march.precision == "month" and march.sources
    assert all(e.sources for e in timeline)

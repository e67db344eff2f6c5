"""The events stage on the two reference articles in ../shared/seeds (never copied here): every
event expected.json lists, with its type, countries, place and date, and nothing coded from the
sidebar teasers the cleaner removes."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from helpers import SHARED, shared_path
from storyline.clean import clean
from storyline.config import Settings
from storyline.nlp import analyse
from storyline.readers import read

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def articles() -> dict:
    expected = json.loads(shared_path("seeds", "expected.json").read_text(encoding="utf-8"))
    folder = shared_path("seeds", "articles")
    cleaned = []
    for name, meta in sorted(expected.get("metadata", {}).items()):
        (doc,) = list(read([str(folder / name)], Settings()))
        cleaned.append(replace(clean(doc), published=meta.get("published"), published_from="user"))
    return {a.name.split("_")[0]: a for a in analyse(cleaned)}  # analyse ends with find_events


def _expected_events() -> list[dict]:
    path = SHARED / "seeds" / "expected.json"
    return json.loads(path.read_text(encoding="utf-8")).get("events", []) if path.exists() else []


def _matches(event, item: dict, article) -> bool:
    if "type" in item and event.type != item["type"]:
        return False
    sources = {a.country for a in event.sources}
    targets = {a.country for a in event.targets}
    if item.get("source_country") not in sources:
        return False
    if "target_country" in item and item["target_country"] not in targets:
        return False
    if "where" in item and (event.place_name != item["where"]):
        return False
    if "when" in item and event.date != item["when"]:
        return False
    if "mode" in item and event.mode != item["mode"]:
        return False
    sentence = article.text[event.sentence_start : event.sentence_end]
    return article.text[event.trigger_start : event.trigger_end] in sentence


@pytest.mark.parametrize("item", _expected_events(), ids=lambda item: item["what"][:50])
def test_expected_event(articles, item):
    for number in item["in"]:
        article = articles[number]
        found = [e for e in article.events if _matches(e, item, article)]
        assert found, f"{item['what']!r} not coded in {number}: " + "; ".join(
            f"{e.type} {[a.country for a in e.sources]}->{[a.country for a in e.targets]} {e.place_name} {e.date} {e.mode}"
            for e in article.events
        )


def test_nothing_from_the_teasers(articles):
    article = articles["000"]
    for event in article.events:
        sentence = article.text[event.sentence_start : event.sentence_end]
        for removed in article.removed:
            assert removed.text.strip()[:40] not in sentence or len(removed.text.strip()) < 20

"""The entities stage on the two reference articles in ../shared/seeds (never copied here):
every entity expected.json lists, and none of the ones it says are absent."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from helpers import SHARED, shared_path
from storyline.clean import clean
from storyline.config import Settings
from storyline.entities import resolve_across
from storyline.nlp import analyse
from storyline.readers import read

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(shared_path("seeds", "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def articles(expected) -> dict:
    """The seed articles, cleaned, dated from expected.json's metadata, analysed and resolved
    across the pair; keyed by their number ("000")."""
    folder = shared_path("seeds", "articles")
    cleaned = []
    for name, meta in sorted(expected.get("metadata", {}).items()):
        (doc,) = list(read([str(folder / name)], Settings()))
        cleaned.append(replace(clean(doc), published=meta.get("published"), published_from="user"))
    analysed = list(analyse(cleaned))
    return {a.name.split("_")[0]: a for a in resolve_across(analysed)}


def _entity(article, name: str):
    return next((e for e in article.entities if e.name == name or name in e.aliases), None)


def pytest_generate_tests(metafunc):
    if "item" in metafunc.fixturenames or "absent" in metafunc.fixturenames:
        path = SHARED / "seeds" / "expected.json"  # absent: empty parameter sets, skipped
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        data = {"entities": data.get("entities", []), "entities_absent": data.get("entities_absent", [])}
        if "item" in metafunc.fixturenames:
            metafunc.parametrize("item", data["entities"], ids=[e["name"] for e in data["entities"]])
        else:
            metafunc.parametrize("absent", data["entities_absent"])


def test_expected_entity(item, articles):
    kinds = {"PLACE_OR_ORG": ("PLACE", "ORG")}.get(item["type"], (item["type"],))
    found = {}
    for number in item["in"]:
        assert number in articles, f"no seed article {number}"
        entity = _entity(articles[number], item["name"])
        assert entity is not None, f"{item['name']} not found in {number}"
        assert entity.label in kinds, f"{item['name']} in {number} is {entity.label}"
        if "country" in item:
            assert entity.country == item["country"], f"{item['name']} in {number}: {entity.country}"
        assert any(m.entity == entity.key for m in articles[number].mentions)
        found[number] = entity
    assert len({e.key for e in found.values()}) == 1, "one key across the articles"
    if "title_contains" in item:
        titles = [t for e in found.values() for t in e.titles]
        assert any(item["title_contains"] in t for t in titles), titles
    for alias in item.get("aliases_seen", []):
        assert any(alias in e.aliases for e in found.values()), alias


def test_absent_entity(absent, articles):
    for number, article in articles.items():
        assert not [m for m in article.mentions if absent in m.text or m.text in absent], (absent, number)

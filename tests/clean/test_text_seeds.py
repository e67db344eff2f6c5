"""The plain-text cleaner on the two reference articles in ../shared/seeds (never copied here)."""

from __future__ import annotations

import json

import pytest

from helpers import shared_path
from storyline.clean.text import clean_text
from storyline.record import join_blocks


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(shared_path("seeds", "expected.json").read_text(encoding="utf-8"))["articles"]


@pytest.mark.parametrize("name", ["000_8a2fb638bc8d5522.txt", "003_efbc69b41dbf4251.txt"])
def test_seed_article(name, expected):
    if name not in expected:
        pytest.skip(f"expected.json has no 'articles' entry for {name}")
    facts = expected[name]
    text = shared_path("seeds", "articles", name).read_text(encoding="utf-8")
    cleaned = clean_text(text)
    body = join_blocks(cleaned.blocks)[0]
    assert cleaned.title == facts["title"]
    assert cleaned.dateline == facts["dateline"]
    assert cleaned.outlet == facts["outlet"]
    for phrase in facts["body_contains"]:
        assert phrase in body
    for phrase in facts["body_excludes"]:
        assert phrase not in body
    for heading in facts.get("section_headings", []):
        assert ("heading", heading) in cleaned.blocks
        assert not any(heading in block and block != heading for _, block in cleaned.blocks)
    assert cleaned.removed or name.startswith("003")
    assert cleaned.published is None, "the seed files carry no day-level date"

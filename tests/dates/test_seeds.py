"""The dates stage on the two reference articles in ../shared/seeds (never copied here): with
the publication dates expected.json gives, every listed date is found with its value; without
one, no year is invented."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from helpers import shared_path
from storyline.clean import clean
from storyline.config import Settings
from storyline.dates import find_dates
from storyline.readers import read

NAMES = {"000": "000_8a2fb638bc8d5522.txt", "003": "003_efbc69b41dbf4251.txt"}


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(shared_path("seeds", "expected.json").read_text(encoding="utf-8"))


def seed_article(name: str):
    (article,) = [clean(d) for d in read([str(shared_path("seeds", "articles", name))], Settings())]
    return article


@pytest.mark.parametrize("short", sorted(NAMES))
def test_listed_dates_are_found_with_their_values(short, expected):
    name = NAMES[short]
    published = expected["metadata"][name]["published"]
    article = find_dates(replace(seed_article(name), published=published))
    found = {(d.text, d.value) for d in article.dates}
    wanted = [(d["text"], d["value"]) for d in expected["dates"] if d["article"] == short]
    assert wanted
    for text, value in wanted:
        assert (text, value) in found, f"{text!r} -> {value} not in {sorted(found)}"


@pytest.mark.parametrize("short", sorted(NAMES))
def test_without_a_publication_date_june_2_keeps_no_year(short):
    article = find_dates(replace(seed_article(NAMES[short]), published=None))
    june = [d for d in article.dates if d.text == "June 2"]
    assert june and all(d.value == "XXXX-06-02" for d in june)
    assert all(not d.value[:4].isdigit() or d.text.endswith("2022") for d in article.dates if d.type == "DATE")

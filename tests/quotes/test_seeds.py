"""The quote stage on the two reference articles in ../shared/seeds (never copied here): every
quote expected.json lists is found, with its speaker, opening words and channel."""

from __future__ import annotations

import json

import pytest

from helpers import shared_path
from storyline.clean import clean
from storyline.config import Settings
from storyline.entities.coreference import entity_key
from storyline.nlp import load_model
from storyline.quotes import find_quotes
from storyline.readers import read

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def expected() -> list[dict]:
    data = json.loads(shared_path("seeds", "expected.json").read_text(encoding="utf-8"))
    if not data.get("quotes"):
        pytest.skip("expected.json lists no quotes")
    return data["quotes"]


@pytest.fixture(scope="module")
def articles() -> dict:
    """The seed articles, cleaned, parsed, with entities (where that stage exists) and quotes;
    keyed by their number ("000")."""
    nlp = load_model()
    out = {}
    for path in sorted(shared_path("seeds", "articles").glob("*.txt")):
        for article in [clean(d) for d in read([str(path)], Settings())]:
            doc = nlp(article.text)
            try:
                from storyline.entities import find_entities
            except ImportError:
                pass
            else:
                article = find_entities(article, doc)
            out[article.name.split("_")[0]] = find_quotes(article, doc)
    return out


def speaker_name(article, key: str | None) -> str | None:
    """The speaker's name: its Entity's, or (before the entity stage ran) the key itself."""
    for entity in article.entities:
        if entity.key == key:
            return entity.name
    return key


def test_every_expected_quote_is_found(expected, articles):
    for item in expected:
        article = articles[item["article"]]
        found = [q for q in article.quotes if q.text.lstrip("“\"").startswith(item["starts"])]
        assert found, f"{item['article']}: no quote starting {item['starts']!r}"
        q = found[0]
        name = speaker_name(article, q.speaker)
        assert name in (item["speaker"], entity_key("PERSON", item["speaker"])), (item, q)
        if "channel" in item:
            assert q.channel == item["channel"], (item, q)
        assert article.text[q.start : q.end] == q.text
        assert q.speaker_start is not None and article.text[q.speaker_start : q.speaker_end] == q.speaker_text


def test_quotes_point_into_the_text(articles):
    for article in articles.values():
        assert article.quotes
        for q in article.quotes:
            assert article.text[q.start : q.end] == q.text
            if q.cue is not None:
                assert article.text[q.cue_start : q.cue_end] == q.cue

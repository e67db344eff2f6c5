"""The sample corpus as StoryInputs, read and cleaned as ingest does, in publication order."""

from __future__ import annotations

import os

import pytest

from storyline.clean import clean_batch
from storyline.config import Settings
from storyline.readers import read
from storyline.record import RawDocument
from storyline.sample import corpus_path, load_truth
from storyline.stories import StoryInput, story_input


def date_order(items: list[StoryInput]) -> list[StoryInput]:
    """Stable sort by date; an undated article stays after the article before it."""
    keyed, last = [], ""
    for position, item in enumerate(items):
        last = item.published or last
        keyed.append(((item.published or last), position, item))
    return [item for _, _, item in sorted(keyed, key=lambda k: (k[0], k[1]))]


@pytest.fixture(scope="session")
def sample_stream() -> tuple[list[StoryInput], dict[str, str]]:
    """(inputs in publication order, article id -> truth.json article key)."""
    truth = load_truth()["articles"]
    docs = [d for d in read([str(corpus_path())], Settings()) if isinstance(d, RawDocument)]
    articles, errors = clean_batch(docs)
    assert not errors
    keys = {}
    for article in articles:
        rel = os.path.relpath(article.origin, corpus_path()).replace(os.sep, "/")
        key = rel if rel in truth else article.url
        if key in truth:
            keys[article.id] = key
    inputs = [story_input(a) for a in articles if a.id in keys]
    return date_order(inputs), keys

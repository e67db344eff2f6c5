"""The two reference articles in ../shared/seeds/articles report one story; the sidebar teasers
that cleaning removes from 000 (other stories' headlines) must not pull it anywhere else."""

from __future__ import annotations

from helpers import shared_path
from storyline.clean import clean_batch
from storyline.config import Settings
from storyline.readers import read
from storyline.record import RawDocument
from storyline.stories import StoryClusterer, StoryInput, story_input


def _seed_inputs() -> list[StoryInput]:
    folder = shared_path("seeds", "articles")
    docs = [d for d in read([str(folder)], Settings()) if isinstance(d, RawDocument)]
    articles, errors = clean_batch(docs)
    assert not errors and len(articles) == 2
    return [story_input(a) for a in sorted(articles, key=lambda a: a.name)]


def test_the_two_seed_articles_form_one_story():
    clusterer = StoryClusterer()
    first, second = clusterer.add_all(_seed_inputs())
    assert first.decision == "started"
    assert second.decision == "joined", second
    assert clusterer.story_of(first.article) == clusterer.story_of(second.article)
    story = clusterer.story(first.article)
    assert story.size == 2


def test_removed_teasers_do_not_link_000_elsewhere():
    seeds = _seed_inputs()
    seed_000 = seeds[0]
    removed = [r.text for r in _removed_teasers()]
    assert removed, "the teasers are among what cleaning removed"
    # each teaser as an article of its own: none may join the seed's story
    clusterer = StoryClusterer()
    clusterer.add(seed_000)
    for i, teaser in enumerate(removed):
        got = clusterer.add(StoryInput(id=f"teaser-{i}", title=teaser, text=teaser))
        assert clusterer.story_of(got.article) != clusterer.story_of(seed_000.id), teaser
    # and the seed's own text does not carry them
    for teaser in removed:
        assert teaser not in seed_000.text


def _removed_teasers():
    folder = shared_path("seeds", "articles")
    docs = [d for d in read([str(folder)], Settings()) if isinstance(d, RawDocument)]
    articles, _ = clean_batch(docs)
    article = next(a for a in articles if a.name.startswith("000"))
    return [r for r in article.removed if len(r.text.split()) >= 6]

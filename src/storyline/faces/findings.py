"""What the CLI, the HTTP API and the web pages read for a story, a storyline or an entity: the
comparisons and the timelines, gathered from the store in one way (the functions themselves are
in compare/)."""

from __future__ import annotations

from ..compare import (
    Comparison, StoryArticles, StorylineComparison, TimelineEntry, actor_timeline, compare_story, compare_storyline,
    story_timeline, storyline_timeline,
)  # fmt: skip
from ..record import Article
from ..store import Store

Timeline = list[tuple[str, TimelineEntry]]  # (story id, entry), in date order


def story_comparison(store: Store, story_id: str) -> Comparison:
    """The story's verdicts; StoryNotFound for an unknown story."""
    store.story(story_id)
    return compare_story(store.story_articles(story_id), store.story_copies(story_id))


def timeline_of_story(store: Store, story_id: str) -> tuple[Timeline, dict[str, list[Article]]]:
    """The story's dated events, and its articles (by story id) for naming the sources."""
    store.story(story_id)
    by_story = {story_id: store.story_articles(story_id)}
    return [(story_id, e) for e in story_timeline(by_story[story_id], store.story_copies(story_id))], by_story


def timeline_of_entity(store: Store, ref: str) -> tuple[dict, Timeline, dict[str, list[Article]]]:
    """The entity `ref` names (key, name or alias), its dated events across stories, and the
    articles of those stories; NotFound for an unknown entity."""
    entity = store.entity(ref)
    by_story = {s: store.story_articles(s) for s in store.entity_stories(entity["key"])}
    return entity, actor_timeline(by_story, entity["key"]), by_story


def storyline_stories(store: Store, storyline_id: str) -> tuple[dict, list[StoryArticles]]:
    """The storyline (as Store.storyline gives it) and its stories' articles and copies, in time
    order; StorylineNotFound for an unknown storyline."""
    line = store.storyline(storyline_id)
    stories = [StoryArticles(s["id"], store.story_articles(s["id"]), store.story_copies(s["id"]))
               for s in line["stories_list"]]  # fmt: skip
    return line, stories


def storyline_comparison(store: Store, storyline_id: str) -> StorylineComparison:
    """Each story's verdicts and the updates across the storyline's stories."""
    return compare_storyline(storyline_stories(store, storyline_id)[1])


def timeline_of_storyline(store: Store, storyline_id: str) -> tuple[Timeline, dict[str, list[Article]]]:
    """The dated events of every story of the storyline on one line, and the articles by story."""
    _, stories = storyline_stories(store, storyline_id)
    return storyline_timeline(stories), {s.story: s.articles for s in stories}

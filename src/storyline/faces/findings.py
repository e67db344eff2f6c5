"""What the CLI and the HTTP API both read for a story or an entity: the comparison and the
timelines, gathered from the store in one way (the functions themselves are in compare/)."""

from __future__ import annotations

from ..compare import Comparison, TimelineEntry, actor_timeline, compare_story, story_timeline
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

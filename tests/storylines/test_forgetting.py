"""`Threads.forget_retired`: a long stream holds only its windows, and every decision is the
one a clusterer that forgets nothing takes."""

from __future__ import annotations

import dataclasses
import datetime as dt

from storyline.stories import StoryInput
from storyline.storylines import Threads


def _later(items: list[StoryInput], days: int, tag: str) -> list[StoryInput]:
    """The same articles again, `days` later, under new ids: a stream of several months."""
    def shifted(item: StoryInput) -> StoryInput:
        when = (dt.date.fromisoformat(item.published[:10]) + dt.timedelta(days=days)).isoformat() if item.published else None
        return dataclasses.replace(item, id=item.id + tag, published=when)

    return [shifted(item) for item in items]


def _decision(placed) -> tuple:
    story, line = placed.story, placed.storyline
    return (story.article, story.story, story.decision, story.best, story.runner_up, story.copy, story.merged,
            line.storyline, line.decision, line.best, line.runner_up, line.merged)  # fmt: skip


def test_forgetting_what_left_the_windows_changes_no_decision(sample_stream):
    items, _ = sample_stream
    stream = items + _later(items, 100, "-b") + _later(items, 200, "-c")  # about 250 days
    keeping, forgetting = Threads(keep_inputs=False), Threads(keep_inputs=False)
    held = []
    for start in range(0, len(stream), 5):  # batches of five, forgotten after each as the pipeline does
        batch = stream[start : start + 5]
        assert [_decision(keeping.add(i)) for i in batch] == [_decision(forgetting.add(i)) for i in batch]
        forgetting.forget_retired()
        held.append((len(forgetting.stories.stories), len(forgetting.storylines), len(forgetting.stories._position)))
    assert len(keeping.stories.stories) > 2 * held[-1][0], "the stories that left the window were dropped"
    assert len(keeping.storylines) > held[-1][1], "so were the storylines"
    assert held[-1][2] < len(stream) / 2, "and their articles"
    # what is still held is exactly what the clusterer that keeps everything has
    for story_id, story in forgetting.stories.stories.items():
        assert story.as_dict() == keeping.stories.story(story_id).as_dict()
    for line_id, line in forgetting.storylines.items():
        assert line.as_dict() == keeping.storyline(line_id).as_dict()
    for article in forgetting.stories._position:
        assert forgetting.stories.story_of(article) == keeping.stories.story_of(article)
        assert forgetting.storyline_of_story(forgetting.stories.story_of(article)) == keeping.storyline_of_story(
            keeping.stories.story_of(article))  # fmt: skip

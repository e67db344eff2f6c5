"""Stories: articles about the same event grouped as they arrive, with near-duplicate copies
linked to their originals so a story can count its independent sources.

    StoryInput ──► StoryClusterer.add ──► Assignment (story id, score, runner-up)
                       │  near_duplicates: MinHash/LSH copies
                       │  index: candidate stories by rare terms and entities, in a time window
                       └─ StoryModel: logistic join decision over TF-IDF, entity and time features

This package never imports spaCy or the store: it reads `StoryInput` records
(`story_input(article)` builds one) and its state rebuilds from `history()`.
"""

from __future__ import annotations

from .clustering import Assignment, Match, StoryClusterer, StoryConfig, StoryModel, story_id_for
from .explain import Explanation, explain
from .inputs import StoryInput, story_input
from .near_duplicates import Copy, NearDuplicates
from .story import Story

__all__ = [
    "Assignment", "Copy", "Explanation", "Match", "NearDuplicates", "Story", "StoryClusterer", "StoryConfig",
    "StoryInput", "StoryModel", "explain", "story_id_for", "story_input",
]  # fmt: skip

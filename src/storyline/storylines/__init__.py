"""Storylines: the threads a reader follows over days and months, formed from stories as they
arrive. A story (stories/) is one development reported by many outlets; a storyline links the
stories of one thread in time, and merges with another when a story shows the two are one.

    StoryInput ──► Threads.add ──► Placement (story Assignment, storyline LineAssignment)
                     │  stories.StoryClusterer: the article's story
                     └─ a new story joins the best candidate storyline or starts one;
                        a grown story may merge two storylines

Like stories/, this package never imports spaCy or the store; its state rebuilds from the
stored (article, story, storyline) rows through `Threads.rebuild`.
"""

from __future__ import annotations

from .clustering import LineAssignment, LineMatch, Placement, StorylineConfig, Threads, storyline_id_for
from .storyline import Storyline

__all__ = ["LineAssignment", "LineMatch", "Placement", "Storyline", "StorylineConfig", "Threads", "storyline_id_for"]

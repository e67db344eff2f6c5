"""Cross-source comparison within a story: claims per article (claims.py, numbers.py), verdicts
(verdicts.py, updates.py) and timelines (timeline.py). Pure functions over Articles: no store,
no spaCy."""

from .claims import Claim, Source, article_claims
from .timeline import TimelineEntry, actor_timeline, story_timeline
from .verdicts import VERDICTS, Comparison, Value, Verdict, compare_story

__all__ = ["VERDICTS", "Claim", "Comparison", "Source", "Value", "Verdict", "TimelineEntry", "actor_timeline", "article_claims", "compare_story", "story_timeline"]

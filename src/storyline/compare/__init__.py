"""Cross-source comparison within a story: claims per article (claims.py, numbers.py), verdicts
(verdicts.py, updates.py); across a storyline's stories: what each story judges and the values
that move on from story to story (storyline.py); timelines (timeline.py). Pure functions over
Articles: no store, no spaCy."""

from .claims import Claim, Source, article_claims
from .storyline import Reported, StoryArticles, StorylineComparison, Update, compare_storyline
from .timeline import TimelineEntry, actor_timeline, story_timeline, storyline_timeline
from .verdicts import VERDICTS, Comparison, Value, Verdict, compare_story

__all__ = [
    "VERDICTS", "Claim", "Comparison", "Reported", "Source", "StoryArticles", "StorylineComparison", "TimelineEntry",
    "Update", "Value", "Verdict", "actor_timeline", "article_claims", "compare_story", "compare_storyline",
    "story_timeline", "storyline_timeline",
]

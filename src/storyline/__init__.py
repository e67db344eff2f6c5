"""Storyline: from a stream of raw news articles to stories, events and cross-source comparison."""

__version__ = "0.1.0"

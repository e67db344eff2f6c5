"""Watching sources: `storyline watch` and `storyline serve --watch` poll feeds on their own
schedule and ingest what is new, state kept in the store so a restart misses nothing and
repeats nothing.

    sources.py   what to watch: a file of URLs, or OPML
    schedule.py  when each feed is polled next (its own ttl / max-age, backoff on errors)
    watcher.py   `Watcher`: one poll (new entries → the pipeline in small batches) and the loop
"""

from .schedule import backoff_of, interval_of
from .sources import Feed, expand_sources, is_feed_reference, read_sources
from .watcher import OneStore, PollReport, Watcher

__all__ = ["Feed", "OneStore", "PollReport", "Watcher", "backoff_of", "expand_sources", "interval_of", "is_feed_reference", "read_sources"]

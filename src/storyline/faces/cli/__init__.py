"""The `storyline` command (`main`), thin over the library.

    commands.py  the group and its global options; ingest, articles, show, demo, settings, serve
    corpus.py    the commands that read findings: search, entities, quotes, stories, story, why,
                 events, compare, timeline, export
    eval.py      `storyline eval ...`
    spark.py     `storyline spark run` and `storyline load`
    terminal.py  what the commands share: opening the store, tables, JSON lines, progress
"""

from .commands import cli, main

__all__ = ["cli", "main"]

"""The `storyline` command (`main`), thin over the library.

    main.py      the group, its global options and the commands that ingest and list articles
    corpus.py    the commands that read findings: entities, quotes, stories, events, export
    eval.py      `storyline eval ...`
    spark.py     `storyline spark run` and `storyline load`
    terminal.py  what the commands share: opening the store, tables, JSON lines, progress
"""

from .main import cli, main

__all__ = ["cli", "main"]

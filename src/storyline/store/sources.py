"""The watched sources' tables: each feed's schedule, its last poll and the entries it has
given (what `storyline watch` and `storyline sources` read and write). Part of `Store`.

An entry is recorded as seen only once the articles of its poll are stored, in the same call
that records the poll: a watcher killed in between reads the entry again on its next poll, and
the store, whose article ids come from the entries' links, keeps it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

SOURCE_COLUMNS = (
    "url", "title", "added_at", "added_from", "interval_s", "next_poll", "last_poll", "last_status",
    "last_error", "failures", "polls", "entries_seen", "entries_stored",
)  # fmt: skip


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class SourceTables:
    """The `Store` methods over the sources tables (they use the store's `_db` connection)."""

    def add_sources(self, urls: Iterable[str], added_from: str) -> list[str]:
        """Add each source not yet watched (due at once); the ones added, in order."""
        wanted = list(dict.fromkeys(u for u in urls if u))
        if not wanted:
            return []
        with self._transaction(f"add {len(wanted)} sources to '{self.path}'"):
            known = {row[0] for row in self._db.execute(
                "SELECT url FROM sources WHERE url IN (SELECT unnest(?))", [wanted]).fetchall()}  # fmt: skip
            added = [u for u in wanted if u not in known]
            now = _now()
            for url in added:
                self._db.execute("INSERT INTO sources (url, added_at, added_from) VALUES (?, ?, ?)", [url, now, added_from])
        return added

    def remove_sources(self, urls: Iterable[str]) -> list[str]:
        """Stop watching these sources and forget their entries (their articles stay); the ones removed."""
        wanted = list(dict.fromkeys(urls))
        with self._transaction(f"remove {len(wanted)} sources from '{self.path}'"):
            known = [row[0] for row in self._db.execute(
                "SELECT url FROM sources WHERE url IN (SELECT unnest(?)) ORDER BY url", [wanted]).fetchall()]  # fmt: skip
            self._db.execute("DELETE FROM source_entries WHERE source IN (SELECT unnest(?))", [known])
            self._db.execute("DELETE FROM sources WHERE url IN (SELECT unnest(?))", [known])
        return known

    def sources(self, urls: Iterable[str] | None = None) -> list[dict]:
        """Every watched source (or those of `urls`), in the order they were added."""
        where, params = "", []
        if urls is not None:
            where, params = "WHERE url IN (SELECT unnest(?))", [list(urls)]
        cursor = self._db.execute(f"SELECT {', '.join(SOURCE_COLUMNS)} FROM sources {where} ORDER BY added_at, url", params)
        return [dict(zip(SOURCE_COLUMNS, row)) for row in cursor.fetchall()]

    def seen_entries(self, source: str, entries: Iterable[str]) -> set[str]:
        """Which of `entries` the source has already given."""
        keys = list(entries)
        if not keys:
            return set()
        rows = self._db.execute("SELECT entry FROM source_entries WHERE source = ? AND entry IN (SELECT unnest(?))",
                                [source, keys]).fetchall()  # fmt: skip
        return {row[0] for row in rows}

    def record_poll(self, source: str, *, status: str, error: str | None, title: str | None,
                    interval_s: float | None, next_poll: dt.datetime, failed: bool,
                    entries: dict[str, bool] | None = None) -> None:  # fmt: skip
        """One poll of `source`: its outcome and schedule, and the new entries it gave
        (`entries`: key -> whether it was stored), in one transaction."""
        entries = entries or {}
        with self._transaction(f"record a poll of '{source}' in '{self.path}'"):
            new = sorted(set(entries) - self.seen_entries(source, entries))
            if new:
                now = _now()
                self._db.execute(
                    "INSERT INTO source_entries SELECT ?, unnest(?::VARCHAR[]), ?, unnest(?::BOOLEAN[])",
                    [source, new, now, [bool(entries[key]) for key in new]],
                )
            stored = sum(1 for key in new if entries[key])
            self._db.execute(
                "UPDATE sources SET last_poll = ?, last_status = ?, last_error = ?, "
                "title = coalesce(?, title), interval_s = coalesce(?, interval_s), next_poll = ?, "
                "failures = CASE WHEN ? THEN failures + 1 ELSE 0 END, polls = polls + 1, "
                "entries_seen = entries_seen + ?, entries_stored = entries_stored + ? WHERE url = ?",
                [_now(), status, error, title, interval_s, next_poll, failed, len(new), stored, source],
            )

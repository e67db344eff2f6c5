"""The watcher: polls each watched feed on its own schedule and ingests what is new.

A poll reads the feed (a conditional GET: a 304 costs nothing), skips the entries the source
has already given, fetches the new entries' pages (readers/feed.py, politely), and ingests them
through the normal pipeline in batches of `watch_batch_size`, each batch its own transaction.
Only then are the poll, its new entries and the feed's validators recorded: a watcher killed
midway reads those entries again on its next start and the store, whose article ids come from
the entries, keeps each once. Fetching happens outside the store's write lock; each batch takes
it briefly, so a server running the watcher keeps answering and taking other ingests.

The store is reached through a session with `reading()` and `writing()` context managers, each
giving a Store: `OneStore` for a process that owns a Store (`storyline watch`), the API's owner
for `storyline serve --watch`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..config import Settings
from ..errors import Notice, StorylineError
from ..pipeline import IngestReport, Placement, ingest_documents
from ..readers.feed import FeedAbout, read_feed
from ..readers.fetch import Fetcher
from ..record import RawDocument, article_id
from ..store import Store
from .schedule import backoff_of, interval_of, next_poll


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class OneStore:
    """A session over one Store that this process owns: reading and writing are the same."""

    def __init__(self, store: Store):
        self.store = store

    @contextmanager
    def reading(self) -> Iterator[Store]:
        yield self.store

    @contextmanager
    def writing(self) -> Iterator[Store]:
        yield self.store


@dataclass
class PollReport:
    """What one poll of one source did."""

    url: str
    status: str = "nothing new"  # new entries | nothing new | not modified | error | stopped
    entries: int = 0  # in the feed
    new: int = 0  # not given before
    stored: int = 0  # of the new, stored
    errors: list[StorylineError] = field(default_factory=list)
    notices: list[StorylineError] = field(default_factory=list)
    next_poll: dt.datetime | None = None
    ingest: IngestReport = field(default_factory=IngestReport)

    def as_dict(self) -> dict:
        return {"source": self.url, "status": self.status, "entries": self.entries, "new": self.new,
                "stored": self.stored, "errors": [str(e) for e in self.errors],
                "notices": [str(n) for n in self.notices],
                "next_poll": self.next_poll.isoformat(timespec="seconds") + "Z" if self.next_poll else None}  # fmt: skip


class Watcher:
    """Polls the sources `urls` (every watched source when None) until stopped; see the module
    docstring. `after_batch(store)` runs under the write lock after each stored batch (alerts)."""

    def __init__(self, session, settings: Settings, urls: Iterable[str] | None = None, *,
                 placement: Placement | None = None, after_batch: Callable[[Store], None] | None = None,
                 clock: Callable[[], dt.datetime] = _now):  # fmt: skip
        self.session, self.settings = session, settings
        self.urls = None if urls is None else list(dict.fromkeys(urls))
        self.placement = placement or Placement()
        self.after_batch = after_batch
        self.clock = clock
        with session.reading() as store:
            self.validators = store.http_validators()
        self.fetcher = Fetcher(settings, cache=self.validators)

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the schedule ----------------------------------------------------------------------

    def sources(self) -> list[dict]:
        with self.session.reading() as store:
            return store.sources(self.urls)

    def due(self) -> list[dict]:
        """The sources to poll now, the longest overdue first."""
        now = self.clock()
        waiting = [s for s in self.sources() if s["next_poll"] is None or s["next_poll"] <= now]
        return sorted(waiting, key=lambda s: (s["next_poll"] or dt.datetime.min, s["url"]))

    def seconds_to_next(self) -> float | None:
        """Seconds until a source is due (0: one is now); None when there is nothing to watch."""
        times = [s["next_poll"] for s in self.sources()]
        if not times:
            return None
        if any(t is None for t in times):
            return 0.0
        return max(0.0, (min(times) - self.clock()).total_seconds())

    def run(self, stop: threading.Event, *, once: bool = False,
            on_poll: Callable[[PollReport], None] | None = None) -> list[PollReport]:  # fmt: skip
        """Poll due sources until `stop` is set (checked between batches): with `once`, every
        source once now, whatever its schedule, then return. Returns the reports of the polls made (kept only with
        `once`: a long watch hands each to `on_poll` and keeps none)."""
        made = []
        while not stop.is_set():
            for source in self.sources() if once else self.due():
                if stop.is_set():
                    break
                report = self.poll(source, stop)
                if on_poll:
                    on_poll(report)
                if once:
                    made.append(report)
            if once:
                break
            wait = self.seconds_to_next()
            stop.wait(float(self.settings.watch_interval) if wait is None else min(max(wait, 0.05), 60.0))
        return made

    # -- one poll --------------------------------------------------------------------------

    def poll(self, source: dict, stop: threading.Event | None = None) -> PollReport:
        """Poll one source now: ingest its new entries, record the poll and schedule the next."""
        url = source["url"]
        report = PollReport(url)
        about = FeedAbout()
        items = list(read_feed(url, self.settings, fetcher=self.fetcher, about=about, skip=self._seen_in(url)))
        documents = [item for item in items if isinstance(item, RawDocument)]
        report.notices = [item for item in items if isinstance(item, Notice)]  # summary-only entries: not failures
        report.errors = [item for item in items if not isinstance(item, (RawDocument, Notice))]
        report.entries, report.new = len(about.keys), len(about.keys) - about.skipped
        failed = not about.parsed and not about.not_modified
        entries: dict[str, bool] = {}
        if not failed:
            entries = dict.fromkeys(about.new, False)
            stopped = self._ingest(documents, about, entries, report, stop)
            report.stored = sum(entries.values())
            if stopped:  # the rest is read again next time; what is stored stays
                entries = {key: True for key, stored in entries.items() if stored}
                report.status = "stopped"
            else:
                report.status = ("not modified" if about.not_modified else "new entries" if report.new else "nothing new")
        else:
            report.status = "error"
        failures = source["failures"] + 1 if failed else 0
        interval = interval_of(self.settings, about.own_interval_s() or source["interval_s"])
        wait = 0.0 if report.status == "stopped" else backoff_of(self.settings, interval, failures)
        report.next_poll = next_poll(self.clock(), wait)
        error = "; ".join(str(e) for e in report.errors if not getattr(e, "locator", None))[:1000] or None
        with self.session.writing() as store:
            store.record_poll(url, status=report.status, error=error if failed else None, title=about.title,
                              interval_s=about.own_interval_s(), next_poll=report.next_poll, failed=failed,
                              entries=entries)  # fmt: skip
            if not failed and url in self.validators and report.status != "stopped":
                store.save_http_validators({url: self.validators[url]})
        return report

    def _seen_in(self, url: str) -> Callable[[list[str]], set[str]]:
        def seen(keys: list[str]) -> set[str]:
            with self.session.reading() as store:
                return store.seen_entries(url, keys)

        return seen

    def _ingest(self, documents: list[RawDocument], about: FeedAbout, entries: dict[str, bool],
                report: PollReport, stop: threading.Event | None) -> bool:  # fmt: skip
        """Ingest the poll's documents in small batches; marks in `entries` each entry whose
        article is stored. True when stopped before the end."""
        for chunk in _chunks(documents, max(1, int(self.settings.watch_batch_size))):
            if stop is not None and stop.is_set():
                return True
            with self.session.writing() as store:
                done = ingest_documents(chunk, store, settings=self.settings, placement=self.placement)
                ids = {article_id(d.key): about.key_of(d.locator) for d in chunk}
                for stored_id in store.assigned_articles(ids):
                    entries[ids[stored_id]] = True
                if self.after_batch:
                    self.after_batch(store)
            _add(report.ingest, done)
            report.errors.extend(done.errors)
            report.notices.extend(getattr(done, "notices", []))
        return False


def _chunks(items: list, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _add(total: IngestReport, part: IngestReport) -> None:
    for name in ("read", "new", "updated", "unchanged", "repeated"):
        setattr(total, name, getattr(total, name) + getattr(part, name))


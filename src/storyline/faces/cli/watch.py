"""`storyline watch` and `storyline sources`: the watched feeds, kept in the store, and the
loop that polls them (watch/ does the work; this file parses, prints and stops cleanly)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import signal
import sys
import threading

import click
from rich.table import Table

from ...config import Settings
from ...store import memory_options, open_store
from ...watch import PollReport, Watcher, expand_sources
from ..api.local import serving_locally
from ..api.owner import StoreOwner
from ..watching import after_batch_alerts
from .terminal import count, echo_json_lines, err, opened, out, print_error, print_note, print_table


def _added(store, references: list[str], added_from: str) -> tuple[list[str], list[str], list]:
    """Add the feeds `references` name: (every feed named, those new to the store, errors)."""
    feeds, errors = expand_sources(references)
    urls = [feed.url for feed in feeds]
    return urls, store.add_sources(urls, added_from), errors


def added_sources(settings: Settings, references: list[str]) -> tuple[list[str], bool]:
    """Add the feeds `references` name to the watched sources (before a watcher or server
    takes the store): the feeds in order, and whether some reference or line named none (each
    printed). Exits 1 when none is named at all."""
    with opened(settings) as store:
        urls, _, errors = _added(store, references, ", ".join(references)[:500])
    for error in errors:
        print_error(error)
    if not urls:
        sys.exit(1)
    return urls, bool(errors)


@click.group("sources")
def sources_cli() -> None:
    """The feeds `storyline watch` polls, kept in the store."""


@sources_cli.command("add")
@click.argument("references", nargs=-1, required=True, metavar="SOURCES...")
@click.option("--json", "as_json", is_flag=True, help="Print the feeds added as JSON lines.")
@click.pass_obj
def sources_add_cli(settings: Settings, references, as_json) -> None:
    """Watch feeds: feed URLs, saved feed files, or files listing feeds (OPML as every feed
    reader exports it, or one URL a line). Exit code 1 when some line named no feed."""
    with opened(settings) as store:
        urls, added, errors = _added(store, list(references), ", ".join(references)[:500])
    for error in errors:
        print_error(error)
    if as_json:
        echo_json_lines({"source": url, "added": url in added} for url in urls)
    else:
        out.print(f"{count(len(added), 'source')} added, {len(urls) - len(added)} already watched.")
    if errors:
        sys.exit(1)


@sources_cli.command("remove")
@click.argument("urls", nargs=-1, required=True, metavar="URLS...")
@click.pass_obj
def sources_remove_cli(settings: Settings, urls) -> None:
    """Stop watching feeds (their articles stay in the store). Exit code 1 for one not watched."""
    with opened(settings) as store:
        removed = store.remove_sources(urls)
    for url in urls:
        if url not in removed:
            print_error(f"'{url}': not a watched source (storyline sources list)")
    out.print(f"{count(len(removed), 'source')} removed.")
    if len(removed) < len(set(urls)):
        sys.exit(1)


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else "-"


@sources_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def sources_list_cli(settings: Settings, as_json) -> None:
    """The watched feeds: last poll (UTC), its status and error, entries seen and stored, next poll."""
    with opened(settings, read_only=True) as store:
        rows = store.sources()
    if as_json:
        echo_json_lines(rows)
        return
    if not rows:
        out.print("no sources: add some with 'storyline sources add FEED-URL|OPML-FILE'")
        return
    table = Table(box=None)
    table.add_column("source", overflow="fold")
    for column in ("last poll", "status", "seen", "stored", "next poll"):
        table.add_column(column, no_wrap=True, min_width=len(column))
    table.add_column("last error", overflow="fold")
    for row in rows:
        name = row["url"] if not row["title"] else f"{row['title']} ({row['url']})"
        table.add_row(name, _when(row["last_poll"]), row["last_status"] or "never polled", str(row["entries_seen"]),
                      str(row["entries_stored"]), _when(row["next_poll"]) if row["polls"] else "now",
                      row["last_error"] or "")  # fmt: skip
    print_table(table)


def print_poll(report: PollReport, as_json: bool) -> None:
    """One poll's errors and notices, then one line (or one JSON line) saying what it did."""
    for error in report.errors:
        print_error(error)
    for notice in report.notices:
        print_note(notice)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    then = f"; next poll {_when(report.next_poll)} UTC" if report.next_poll else ""
    out.print(f"{report.url}: {report.status}, {report.new} new of {count(report.entries, 'entry', 'entries')}, "
              f"{report.stored} stored{then}")  # fmt: skip


def stop_on_signals(stop: threading.Event) -> None:
    """SIGTERM and SIGINT set `stop`: the watcher ends after the batch it is storing."""

    def handler(signum, frame) -> None:
        if stop.is_set():  # a second Ctrl-C: the user means it
            raise KeyboardInterrupt
        err.print(f"stopping after the current batch ({signal.Signals(signum).name})")
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


@click.command("watch")
@click.argument("references", nargs=-1, metavar="[SOURCES...]")
@click.option("--once", is_flag=True, help="Poll each source once now, whatever its schedule, then exit (for cron).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON line per poll.")
@click.pass_obj
def watch_cli(settings: Settings, references, once, as_json) -> None:
    """Poll feeds until stopped (SIGTERM, Ctrl-C: after the current batch), each on its own
    schedule, and ingest what is new. SOURCES (feed URLs, saved feeds, OPML or URL-list files)
    are added to the watched sources and only they are polled; without SOURCES every watched
    source is. State is in the store: a restarted watcher neither misses nor repeats an entry.
    Exit code 1 when some poll met an error (the rest is stored)."""
    stop = threading.Event()
    failed = False
    urls = None
    if references:
        urls, failed = added_sources(settings, list(references))
    owner = StoreOwner(lambda create=False: open_store(str(settings.db), **memory_options(settings)))
    try:
        with owner.reading() as store:
            count_sources = len(store.sources(urls))
        if not count_sources:
            print_error("nothing to watch: name feeds, or add some with 'storyline sources add'")
            sys.exit(1)
        # while it runs, other storyline commands over this store work through it (api/local.py)
        with serving_locally(owner, settings) if not once else contextlib.nullcontext():
            with Watcher(owner, settings, urls, placement=owner.placement,
                         after_batch=after_batch_alerts(settings, on_error=print_error)) as watcher:  # fmt: skip
                if not once:
                    stop_on_signals(stop)
                    err.print(f"watching {count(count_sources, 'source')} into {settings.db}; Ctrl-C stops")

                def told(report: PollReport) -> None:
                    nonlocal failed
                    failed = failed or bool(report.errors)
                    print_poll(report, as_json)

                watcher.run(stop, once=once, on_poll=told)
    finally:
        owner.close()
    if failed:
        sys.exit(1)

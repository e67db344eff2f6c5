"""What every command shares: the consoles, opening the store, progress bars, counts, and
the option checks. Only the faces import this."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,  # fmt: skip
)
from rich.table import Table
from rich.text import Text

from ...clean import parse_date
from ...config import Settings
from ...errors import StoreError
from ...readers import walk
from ...readers.formats import format_of_name, split_name
from ...store import memory_options, open_store

out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 140)  # pipes get whole lines
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one error, one line


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]}
_CONTROL.update({0x09: " ", 0x0A: " ", 0x0D: " "})


def _one_line(message: object) -> str:
    """`message` as one line of markup-safe text: control characters from a file name or a
    record (an escape sequence, a carriage return) shown as \\x.. escapes, never sent to the
    terminal, and brackets never read as markup."""
    from rich.markup import escape

    text = str(message).translate(_CONTROL)
    return escape("".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text))


def print_error(message: object) -> None:
    """One error, one line on stderr (see `_one_line`)."""
    err.print(f"[red]error[/red] {_one_line(message)}", markup=True, highlight=False)


def print_note(message: object) -> None:
    """One notice, one line on stderr: not a failure (an entry stored from its summary)."""
    err.print(f"[yellow]note[/yellow] {_one_line(message)}", markup=True, highlight=False)


def iso_date_option(ctx, param, value):
    """A click callback: a YYYY-MM-DD date, or a usage error that says so."""
    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD")
    return day


def print_score(score) -> None:
    """An evaluation's details, then its headline as the last line."""
    click.echo(score.report())
    click.echo(score.headline())


def echo_json_lines(rows: Iterable[dict]) -> None:
    """Each row as one line of JSON (what every listing's --json prints)."""
    for row in rows:
        click.echo(json.dumps(row, default=str, ensure_ascii=False))


class Listing(Table):
    """A listing's table: the `shorten` columns (header → widest it may get, None for no
    limit; by default the title) give up width first and end in an ellipsis, while every
    other column (ids, dates, counts) keeps its whole value on one line, so a long title or a
    narrow terminal never hides or folds the numbers (below their own width, rich leaves the
    last columns out, so shortened columns go last). The `right` columns are right-justified.
    Rich shrinks only wrappable columns, so a shortened column is wrappable and its cells
    are single-line texts that end in an ellipsis."""

    def __init__(self, *columns: str, shorten: dict[str, int | None] | None = None, right: Sequence[str] = ()):
        super().__init__(box=None)
        self._short = [False] * len(columns)
        shorten = {"title": None} if shorten is None else shorten
        for i, header in enumerate(columns):
            if header in shorten:
                self._short[i] = True
                self.add_column(header, overflow="ellipsis", min_width=8, max_width=shorten[header])
            else:
                self.add_column(header, no_wrap=True, min_width=len(header), justify="right" if header in right else "left")

    def add_row(self, *cells, **options) -> None:
        cells = tuple(Text(c, no_wrap=True, overflow="ellipsis") if short and isinstance(c, str) else c
                      for c, short in zip(cells, self._short))  # fmt: skip
        super().add_row(*cells, **options)


def print_table(table: Table) -> None:
    """A table fitted to the terminal's width (140 columns in a pipe): unlike the console's
    other lines, which are never wrapped, a table is laid out to fit."""
    out.print(table, soft_wrap=False)


def count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


@contextmanager
def opened(settings: Settings, read_only: bool = False):
    """The store the settings name, closed afterwards; while a running server holds it, the
    server's store through it (handoff.py), so the command works as it would without one."""
    try:
        store = open_store(str(settings.db), read_only=read_only, **memory_options(settings))
    except StoreError as exc:
        from ..api.local import find_owner
        from .handoff import RemoteStore

        owner = find_owner(str(settings.db)) if "lock" in str(exc.__cause__ or exc).lower() else None
        if owner is None:
            raise
        store = RemoteStore(str(settings.db), owner)
    try:
        yield store
    finally:
        store.close()


class _Rate(ProgressColumn):
    """Items a second since the start: steadier than a recent window when the work arrives in
    batches (an ingest reports once per stored batch)."""

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        if not elapsed or not task.completed:
            return Text("")
        return Text(f"{task.completed / elapsed:.1f}/s", style="progress.data.speed")


class _Left(ProgressColumn):
    """The time left at the rate so far, only when the total is known."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed
        if task.total is None or not elapsed or not task.completed or task.finished:
            return Text("")
        seconds = int(max(0.0, task.total - task.completed) * elapsed / task.completed)
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return Text(f"{hours}:{minutes:02d}:{seconds:02d} left", style="progress.remaining")


def _nothing(advance: int = 1, total: int | None = None) -> None:
    return None


@contextmanager
def progress(what: str, *, total: int | None = None, quiet: bool = False):
    """A progress bar on stderr while a long command runs: what it does, a bar, items done
    (of the total when known), items a second, time elapsed and, when the total is known, time
    left. Shown only when stderr is a terminal and the command was not asked for `--json`
    (`quiet`); otherwise nothing at all is written, so a pipe or a log gets no progress
    characters. The callback it yields takes (advance=1, total=None), the protocol every
    library function's `progress` follows: `total`, when given, sets or corrects the total."""
    if quiet or not err.is_terminal:
        yield _nothing
        return
    bar = Progress(SpinnerColumn(), TextColumn(what), BarColumn(), MofNCompleteColumn(), _Rate(), TimeElapsedColumn(),
                   _Left(), console=err, transient=True)  # fmt: skip
    task = bar.add_task(what, total=total)
    with bar:
        yield lambda advance=1, total=None: bar.update(task, advance=advance, total=total)


def counted(items: Sequence, advance: Callable[..., None]) -> Iterator:
    """Each of `items`, the progress callback advanced by one (of all of them) after each."""
    for item in items:
        yield item
        advance(1, len(items))


COUNTED_JSONL_BYTES = 1 << 30  # a JSONL file up to this size has its lines counted for the total


def expected_documents(paths: Iterable[str]) -> int | None:
    """How many documents (and failed inputs) an ingest of `paths` will report, where that is
    cheap to know, for the progress bar's total: a text or HTML file is one, an uncompressed
    JSONL file one a non-blank line (counted in one pass over its bytes, up to
    `COUNTED_JSONL_BYTES`). None as soon as one input can only be counted by reading it as the
    ingest will: a feed URL, stdin, a feed or WARC file, anything gzipped, a file whose name
    does not say its format."""
    total = 0
    for path in map(os.fspath, paths):
        if path == "-" or "://" in path:
            return None
        files = walk(path) if os.path.isdir(path) else [path]
        for file in files:
            found = _documents_in(file)
            if found is None:
                return None
            total += found
    return total


def _documents_in(path: str) -> int | None:
    kind, gz = format_of_name(path), split_name(path)[2]
    if gz or kind not in ("text", "html", "jsonl"):
        return None
    if kind != "jsonl":
        return 1
    try:
        if os.path.getsize(path) > COUNTED_JSONL_BYTES:
            return None
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1  # the ingest reports it as one failed input

"""What every command shares: the consoles, opening the store, progress bars, counts, and
the option checks. Only the faces import this."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ...clean import parse_date
from ...config import Settings
from ...store import open_store

out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 140)  # pipes get whole lines
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one error, one line


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]}
_CONTROL.update({0x09: " ", 0x0A: " ", 0x0D: " "})


def print_error(message: object) -> None:
    """One error, one line on stderr: control characters from a file name or a record (an
    escape sequence, a carriage return) shown as \\x.. escapes, never sent to the terminal,
    and brackets never read as markup."""
    from rich.markup import escape

    text = str(message).translate(_CONTROL)
    text = "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)
    err.print(f"[red]error[/red] {escape(text)}", markup=True, highlight=False)


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


def count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


@contextmanager
def opened(settings: Settings, read_only: bool = False):
    """The store the settings name, closed afterwards."""
    store = open_store(str(settings.db), read_only=read_only, memory_mb=int(settings.db_memory_mb) or None)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def progress(what: str):
    """A progress bar on stderr (shown only on a terminal). The callback it yields takes
    (advance, total=None), the protocol every library function's `progress` follows."""
    bar = Progress(SpinnerColumn(), TextColumn(what), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=err, transient=True)  # fmt: skip
    task = bar.add_task(what, total=None)
    with bar:
        yield lambda advance=1, total=None: bar.update(task, advance=advance, total=total)

"""`storyline alert add|list|remove|run`: saved watches over the store, each new matching story,
event or storyline delivered once to a JSON Lines file or a webhook (storyline/alerts/)."""

from __future__ import annotations

import json
import sys

import click
from rich.markup import escape
from rich.table import Table

from ...alerts import KINDS, Criteria, add_alert, deliver_alerts
from ...config import Settings
from .handoff import RemoteStore
from .terminal import count, echo_json_lines, opened, out, print_error, print_table


def _local(store, settings: Settings):
    """The store itself, for delivering: a running server holding the store (handoff.py)
    delivers after each batch it stores, and two deliverers at once could send one twice."""
    if isinstance(store, RemoteStore):
        raise click.ClickException(f"the store '{settings.db}' is held by a running Storyline server, which "
                                   "delivers the alerts after each batch it stores: 'alert run' is not needed")
    return store


@click.group("alert")
def alert_cli() -> None:
    """Saved alerts: new matching stories, events or storylines delivered once each."""


@alert_cli.command("add")
@click.argument("name")
@click.option("--query", help="Any of these words in an article's title or text (case and accents aside).")
@click.option("--entity", help="An entity (name, alias or key) named in it, or an event's source or target.")
@click.option("--event-type", help="A PLOVER event type (e.g. PROTEST).")
@click.option("--country", metavar="ISO3", help="An entity's, event actor's or event place's country.")
@click.option("--outlet", help="The reporting outlet.")
@click.option("--on", "on", type=click.Choice(list(KINDS)), default="stories", show_default=True,
              help="What is delivered.")
@click.option("--to", "target", required=True, metavar="PATH|URL", help="A JSON Lines file, or a webhook URL (POST).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_obj
def alert_add_cli(settings: Settings, name, query, entity, event_type, country, outlet, on, target, as_json) -> None:
    """Save an alert; every criterion given must hold. What matches today is not delivered."""
    try:
        criteria = Criteria(query=query, entity=entity, event_type=event_type, country=country, outlet=outlet)
        with opened(settings) as store:
            today = add_alert(store, name, criteria, on, target)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps({"alert": name, "matching_today": today}))
    else:
        out.print(f"alert '{escape(name)}' saved: {count(today, KINDS[on], on)} match today; new ones will be delivered.")


@alert_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def alert_list_cli(settings: Settings, as_json) -> None:
    """Every alert: its criteria, target, deliveries made and pending, the latest error."""
    with opened(settings, read_only=True) as store:
        rows = store.alerts()
    for row in rows:
        row["criteria"] = Criteria.of(row).given()
    if as_json:
        echo_json_lines(rows)
        return
    table = Table(box=None)
    for column in ("name", "on", "criteria", "target", "delivered", "pending", "last error"):
        table.add_column(column, overflow="fold")
    for r in rows:
        criteria = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in r["criteria"].items())
        table.add_row(escape(r["name"]), r["on_kind"], escape(criteria), escape(r["target"]), str(r["delivered"]),
                      str(r["pending"]), escape(r["last_error"] or ""))  # fmt: skip
    print_table(table)
    out.print(count(len(rows), "alert"))


@alert_cli.command("remove")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_obj
def alert_remove_cli(settings: Settings, name, as_json) -> None:
    """Forget an alert and its deliveries (pending ones are never sent)."""
    with opened(settings) as store:
        store.remove_alert(name)
    click.echo(json.dumps({"removed": name})) if as_json else out.print(f"alert '{escape(name)}' removed.")


@alert_cli.command("run")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def alert_run_cli(settings: Settings, as_json) -> None:
    """Deliver now what is new and what is pending. Exit code 1 when some delivery failed."""
    with opened(settings) as store:
        report = deliver_alerts(_local(store, settings), settings)
    for failure in report.failures:
        print_error(f"alert '{failure['alert']}' to '{failure['target']}': {failure['error']}")
    if as_json:
        click.echo(json.dumps(report.as_dict()))
    else:
        out.print(report.summary())
    if report.failures:
        sys.exit(1)

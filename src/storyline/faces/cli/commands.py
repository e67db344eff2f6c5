"""The `storyline` command: thin over the library. Each command parses its flags, calls one
library function, and prints a table (or JSON with --json)."""

from __future__ import annotations

import json
import signal
import socket
import sys

import click
from rich.table import Table

from ...alerts import deliver_alerts
from ...config import SETTINGS, Settings, parse_assignments
from ...errors import StorylineError
from ...pipeline import ingest
from ...record import Hints
from ..serialise import article_json
from .handoff import RemoteStore, hand_over_ingest
from .terminal import (
    Listing,
    count,
    echo_json_lines,
    err,
    expected_documents,
    iso_date_option,
    opened,
    out,
    print_error,
    print_note,
    print_table,
    progress,
)


class StorylineGroup(click.Group):
    """Turns every StorylineError into a one-line 'Error: …' message and exit code 1 (usage
    errors exit with 2)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StorylineError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=StorylineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH", help="The store (default: $STORYLINE_DB, else ./storyline.duckdb).")
@click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE", help="Override a setting (see 'storyline settings').")
@click.version_option(package_name="storyline")
@click.pass_context
def cli(ctx: click.Context, db: str | None, assignments: tuple[str, ...]) -> None:
    """Storyline: raw news articles in, stories, events and a cross-source comparison out."""
    try:
        overrides = parse_assignments(list(assignments))
        if db:
            overrides["db"] = db
        ctx.obj = Settings(overrides)
    except StorylineError as exc:
        raise click.UsageError(str(exc)) from exc


def main() -> None:
    cli(prog_name="storyline")


# -- ingest -----------------------------------------------------------------------------------


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=iso_date_option, metavar="DATE", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--outlet", metavar="NAME", help="Outlet for inputs that name none.")
@click.option("--language", metavar="CODE", help="Language (ISO 639-1) for inputs that declare none.")
@click.option("--no-fetch", is_flag=True, help="Do not fetch the pages feed entries link to: store their summaries (summary-only).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def ingest_cli(settings: Settings, paths, published, outlet, language, no_fetch, as_json) -> None:
    """Read, clean and store articles from files, folders, feed URLs or '-' (stdin).

    Formats: .txt (YAML front matter or NAME.json sidecar), .html/.htm, .warc(.gz),
    RSS/Atom (.rss/.atom/.xml or a URL), .jsonl; any of them gzipped. Re-running adds nothing.
    Exit code 1 when some inputs failed (the others are stored); notices (a feed entry stored
    from its summary) are printed as `note` lines and do not change it."""
    hints = Hints(published=published, outlet=outlet, language=language)
    if no_fetch:  # fetch_linked_pages off for this run only
        settings = Settings({**dict(settings.items()), "fetch_linked_pages": False}, environ={})
    with opened(settings) as store, progress("ingesting", total=expected_documents(paths), quiet=as_json) as advance:
        if isinstance(store, RemoteStore):  # a running server holds the store: it ingests
            report = hand_over_ingest(store, list(paths), settings, hints, advance)
        else:
            report = ingest(list(paths), store, settings=settings, hints=hints, progress=advance)
        alerted = deliver_alerts(store, settings) if not isinstance(store, RemoteStore) and store.alerts() else None
        total = store.count_articles()
    for error in report.errors:
        print_error(error)
    for notice in report.notices:
        print_note(notice)
    for error in alerted.errors if alerted else ():
        print_error(error)
    if as_json:
        click.echo(json.dumps({**report.as_dict(), "articles_in_store": total,
                               **({"alerts": alerted.as_dict()} if alerted else {})}, indent=2))
    else:
        repeated = f", {report.repeated} repeated (the later copy kept)" if report.repeated else ""
        out.print(
            f"read {count(report.read, 'article')}: {report.new} new, {report.updated} updated, "
            f"{report.unchanged} unchanged{repeated}; {report.failed} failed. "
            f"{count(total, 'article')} in {settings.db}."
        )
        if alerted:
            out.print(alerted.summary())
    if report.errors:
        sys.exit(1)


# -- reading ----------------------------------------------------------------------------------


@cli.command("articles")
@click.option("--outlet", help="Only this outlet.")
@click.option("--language", help="Only this language (ISO 639-1).")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def articles_cli(settings: Settings, outlet, language, limit, offset, as_json) -> None:
    """List stored articles, newest first."""
    with opened(settings, read_only=True) as store:
        rows = store.articles(outlet=outlet, language=language, limit=limit, offset=offset)
    if as_json:
        echo_json_lines(rows)
        return
    table = Listing("id", "published", "lang", "outlet", "title", shorten={"outlet": 20, "title": None})
    for r in rows:
        title = (r["title"] or r["name"]) + (f"  [duplicate of {r['duplicate_of']}]" if r["duplicate_of"] else "")
        table.add_row(r["id"], str(r["published"] or "?"), r["language"] or "?", r["outlet"] or "?", title)
    print_table(table)
    out.print(count(len(rows), "article"))


@cli.command("show")
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@click.option("--raw", is_flag=True, help="Print the raw input as it was received.")
@click.pass_obj
def show_cli(settings: Settings, article: str, as_json: bool, raw: bool) -> None:
    """Show one article (by id or input file name): clean text, metadata, removed parts."""
    with opened(settings, read_only=True) as store:
        found = store.get_article(article)
    if raw:
        sys.stdout.buffer.write(found.raw)
        return
    if as_json:
        click.echo(json.dumps(article_json(found), indent=2, ensure_ascii=False))
        return
    out.print(f"[bold]{found.title or '(no title)'}[/bold]", markup=True)
    for label, value in (("id", found.id), ("name", found.name), ("outlet", found.outlet),
                         ("published", f"{found.published} ({found.published_from})" if found.published else None),
                         ("dateline", found.dateline), ("agency", found.agency), ("language", found.language), ("url", found.url),
                         ("from", found.where),
                         ("duplicate of", found.duplicate_of),
                         ("summary only", "yes: the page could not be fetched; this is the feed's summary"
                          if found.summary_only else None)):  # fmt: skip
        if value:
            out.print(f"[dim]{label:>12}[/dim]  {value}", markup=True)
    out.print()
    for p in found.paragraphs:
        text = found.text[p.start : p.end]
        out.print(f"[bold]## {text}[/bold]" if p.kind == "heading" else text, markup=p.kind == "heading")
        out.print()
    if found.entities:
        out.print("[bold]entities[/bold]", markup=True)
        for e in found.entities:
            extra = "; ".join(e.titles)
            out.print(f"  {e.name} ({e.label}{', ' + e.country if e.country else ''}){'  — ' + extra if extra else ''}", markup=False)
    if found.dates:
        out.print("[bold]dates[/bold]", markup=True)
        for d in found.dates:
            out.print(f"  {d.text!r:<24} {d.type:<9} {d.value}", markup=False)
    if found.quotes:
        out.print("[bold]quotes[/bold]", markup=True)
        names = {e.key: e.name for e in found.entities}
        for q in found.quotes:
            who = names.get(q.speaker or "", q.speaker_text or "?")
            how = ", ".join(x for x in (q.cue, q.channel) if x)
            out.print(f"  {who} ({how}): {q.text}", markup=False)
    if found.removed:
        out.print(f"removed {len(found.removed)} parts:", style="dim")
        for r in found.removed:
            out.print(f"  line {r.line or '?':>4}  {r.reason:<28} {r.text[:70]}", style="dim", markup=False)


# -- demo, settings ---------------------------------------------------------------------------


@cli.command("demo")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def demo_cli(settings: Settings, as_json: bool) -> None:
    """Ingest the built-in sample corpus into the store and summarise what was found."""
    from ...sample import corpus_path

    with opened(settings) as store, progress("ingesting the sample corpus", quiet=as_json) as advance:
        report = ingest([str(corpus_path())], store, settings=settings, progress=advance)
        summary = demo_summary(store)
    for error in report.errors:
        print_error(error)
    for notice in report.notices:
        print_note(notice)
    if as_json:
        click.echo(json.dumps({"ingest": report.as_dict(), **summary}, indent=2, default=str))
        return
    out.print(f"Stored {report.stored} articles from the sample corpus in {settings.db}.\n")
    table = Listing("outlet", "articles", "first", "last", shorten={"outlet": 40}, right=("articles",))
    table.title, table.title_justify = "Articles by outlet", "left"
    for row in summary["outlets"]:
        table.add_row(row["outlet"] or "?", str(row["articles"]), str(row["first"]), str(row["last"]))
    print_table(table)
    out.print(
        f"\n{summary['readers']}\n"
        f"{summary['duplicates']} exact duplicates; {summary['removed_parts']} boilerplate parts removed "
        f"from {summary['cleaned_articles']} articles; {summary['undated']} articles without a publication date."
    )
    stories = Listing("first", "last", "articles", "sources", "title", right=("articles", "sources"))
    stories.title, stories.title_justify = "Stories", "left"
    for s in summary["stories"]:
        stories.add_row(str(s["first_seen"] or "?"), str(s["last_seen"] or "?"), str(s["articles"]),
                        str(s["independent_sources"]), s["title"])  # fmt: skip
    out.print("")
    print_table(stories)
    lines = Listing("first", "last", "stories", "articles", "title", right=("stories", "articles"))
    lines.title, lines.title_justify = "Storylines", "left"
    for line in summary["storylines"]:
        lines.add_row(str(line["first_seen"] or "?"), str(line["last_seen"] or "?"), str(line["stories"]),
                      str(line["articles"]), line["title"])  # fmt: skip
    out.print("")
    print_table(lines)
    people = ", ".join(f"{p['name']} ({p['country'] or '?'})" for p in summary["people"])
    out.print(f"\nMost named people: {people}")
    out.print(f"{summary['quotes']} quotes; {summary['dates']} dates normalised.")
    out.print("Next: 'storyline storylines', 'storyline storyline ID', 'storyline stories', 'storyline story ID', "
              "'storyline why ARTICLE', "
              "'storyline entities', 'storyline quotes', 'storyline show NAME'.")


def demo_summary(store) -> dict:
    outlets = store.query(
        "SELECT outlet, count(*) AS articles, min(published) AS first, max(published) AS last "
        "FROM articles GROUP BY outlet ORDER BY articles DESC, outlet"
    )
    readers = store.query("SELECT reader, count(*) AS n FROM articles GROUP BY reader ORDER BY reader")
    one = lambda sql: store.query(sql)[0]["n"]  # noqa: E731
    return {
        "outlets": outlets,
        "readers": "by reader: " + ", ".join(f"{r['reader']} {r['n']}" for r in readers),
        "duplicates": one("SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL"),
        "removed_parts": one("SELECT count(*) AS n FROM removed_parts"),
        "cleaned_articles": one("SELECT count(DISTINCT article_id) AS n FROM removed_parts"),
        "undated": one("SELECT count(*) AS n FROM articles WHERE published IS NULL"),
        "stories": store.stories(),
        "storylines": store.storylines(),
        "people": store.entities(label="PERSON", limit=5),
        "quotes": one("SELECT count(*) AS n FROM quotes"),
        "dates": one("SELECT count(*) AS n FROM time_expressions"),
    }


@cli.command("settings")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def settings_cli(settings: Settings, as_json: bool) -> None:
    """List every setting: its value now, its default, and what it does."""
    rows = [{"name": n, "value": settings.get(n), "default": s.default, "env": "STORYLINE_" + n.upper(), "help": s.help}
            for n, s in SETTINGS.items()]  # fmt: skip
    if as_json:
        echo_json_lines(rows)
        return
    table = Table("setting", "value", "default", "environment", "what it does", box=None)
    for r in rows:
        table.add_row(r["name"], str(r["value"]), str(r["default"]), r["env"], r["help"])
    print_table(table)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port to listen on.")
@click.option("--ingest-token", envvar="STORYLINE_INGEST_TOKEN", metavar="TOKEN",
              help="Accept POST /api/articles with 'Authorization: Bearer TOKEN' (default: $STORYLINE_INGEST_TOKEN; "
                   "without it the API is read-only).")  # fmt: skip
@click.option("--watch", "watch", multiple=True, metavar="SOURCES",
              help="Watch these feeds while serving (feed URLs, saved feeds, OPML or URL-list files; repeatable), "
                   "as 'storyline watch' does; 'all': every watched source ('storyline sources list').")  # fmt: skip
@click.pass_obj
def serve_cli(settings: Settings, host: str, port: int, ingest_token: str | None, watch: tuple[str, ...]) -> None:
    """Serve the HTTP API (JSON; OpenAPI at /docs and /openapi.json) and the web pages over the
    store, which this process owns while it runs: other storyline commands run against the same
    store hand their work to it. With --watch, it polls feeds and ingests what is new meanwhile."""
    import uvicorn

    from ..api.app import create_app
    from ..api.local import owner_file

    urls = None
    if watch:
        from .watch import added_sources

        urls = [] if list(watch) == ["all"] else added_sources(settings, list(watch))[0]
    local = socket.create_server(("127.0.0.1", 0))  # where this user's other commands reach the store
    with owner_file(settings, f"http://127.0.0.1:{local.getsockname()[1]}") as local_token:
        app = create_app(settings, ingest_token=ingest_token or None, watch=urls, local_token=local_token)
        config = uvicorn.Config(app, host=host, port=port, log_level="info")
        public = config.bind_socket()
        mode = "ingestion on" if ingest_token else "read-only"
        watching = "" if urls is None else f", watching {'every watched source' if not urls else count(len(urls), 'source')}"
        err.print(f"serving {settings.db} on http://{host}:{port}/api ({mode}{watching})")
        # uvicorn stops cleanly on SIGTERM/SIGINT, then raises the signal again: here that ends
        # the process normally, so the owner file is removed on the way out
        for stop in (signal.SIGTERM, signal.SIGINT):
            signal.signal(stop, lambda signum, frame: sys.exit(0))
        uvicorn.Server(config).run(sockets=[public, local])


# The commands that read what the pipeline found, and the evaluations, live beside this file.
from .corpus import (  # noqa: E402
    compare_cli,
    entities_cli,
    events_cli,
    export_cli,
    quotes_cli,
    search_cli,
    stories_cli,
    story_cli,
    timeline_cli,
    why_cli,
)
from .eval import eval_cli  # noqa: E402
from .storylines import storyline_cli, storylines_cli, why_story_cli  # noqa: E402

for command in (entities_cli, quotes_cli, stories_cli, story_cli, why_cli, events_cli, compare_cli, timeline_cli,
                export_cli, search_cli, eval_cli, storylines_cli, storyline_cli, why_story_cli):  # fmt: skip
    cli.add_command(command)
from .spark import load_cli, spark_cli  # noqa: E402  (storyline spark run, storyline load)

cli.add_command(spark_cli)
cli.add_command(load_cli)

from .watch import sources_cli, watch_cli  # noqa: E402  (storyline watch, storyline sources ...)

cli.add_command(watch_cli)
cli.add_command(sources_cli)

from .alerts import alert_cli  # noqa: E402  (storyline alert add|list|remove|run)

cli.add_command(alert_cli)

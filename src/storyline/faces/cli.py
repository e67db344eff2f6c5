"""The `storyline` command: thin over the library. Each command parses its flags, calls one
library function, and prints a table (or JSON with --json)."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..config import SETTINGS, Settings, parse_assignments
from ..errors import StorylineError
from ..pipeline import ingest
from ..record import Hints
from ..stages.clean import parse_date
from ..store import open_store

out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 140)  # pipes get whole lines
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one error, one line


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


def _iso_date_option(ctx, param, value):
    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD")
    return day


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_iso_date_option, metavar="DATE", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--outlet", metavar="NAME", help="Outlet for inputs that name none.")
@click.option("--language", metavar="CODE", help="Language (ISO 639-1) for inputs that declare none.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def ingest_cli(settings: Settings, paths, published, outlet, language, as_json) -> None:
    """Read, clean and store articles from files, folders, feed URLs or '-' (stdin).

    Formats: .txt (YAML front matter or NAME.json sidecar), .html/.htm, .warc(.gz),
    RSS/Atom (.rss/.atom/.xml or a URL), .jsonl; any of them gzipped. Re-running adds nothing.
    Exit code 1 when some inputs failed (the others are stored)."""
    hints = Hints(published=published, outlet=outlet, language=language)
    with _open(settings) as store, _progress("ingesting") as advance:
        report = ingest(list(paths), store, settings=settings, hints=hints, progress=advance)
        total = store.count_articles()
    for error in report.errors:
        err.print(f"[red]error[/red] {error}", markup=True, highlight=False)
    if as_json:
        click.echo(json.dumps({**report.as_dict(), "articles_in_store": total}, indent=2))
    else:
        out.print(
            f"read {_count(report.read, 'article')}: {report.new} new, {report.updated} updated, "
            f"{report.unchanged} unchanged; {report.failed} failed. "
            f"{_count(total, 'article')} in {settings.db}."
        )
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
    with _open(settings, read_only=True) as store:
        rows = store.articles(outlet=outlet, language=language, limit=limit, offset=offset)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, default=str, ensure_ascii=False))
        return
    table = Table(box=None)
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("lang", no_wrap=True)
    table.add_column("outlet", no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column("title", no_wrap=True, overflow="ellipsis")
    for r in rows:
        title = (r["title"] or r["name"]) + (f"  [duplicate of {r['duplicate_of']}]" if r["duplicate_of"] else "")
        table.add_row(r["id"], str(r["published"] or "?"), r["language"] or "?", r["outlet"] or "?", title)
    out.print(table)
    out.print(f"{len(rows)} articles")


@cli.command("show")
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@click.option("--raw", is_flag=True, help="Print the raw input as it was received.")
@click.pass_obj
def show_cli(settings: Settings, article: str, as_json: bool, raw: bool) -> None:
    """Show one article (by id or input file name): clean text, metadata, removed parts."""
    with _open(settings, read_only=True) as store:
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
                         ("dateline", found.dateline), ("language", found.language), ("url", found.url),
                         ("from", found.origin + (f", {found.locator}" if found.locator else "")),
                         ("duplicate of", found.duplicate_of)):  # fmt: skip
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


def article_json(article) -> dict:
    """The JSON form of an article, as `show --json` and the API give it."""
    return {
        "id": article.id,
        "name": article.name,
        "title": article.title,
        "text": article.text,
        "dateline": article.dateline,
        "outlet": article.outlet,
        "published": article.published,
        "published_from": article.published_from,
        "language": article.language,
        "language_score": article.language_score,
        "url": article.url,
        "author": article.author,
        "duplicate_of": article.duplicate_of,
        "sections": article.sections,
        "paragraphs": [{"start": p.start, "end": p.end, "kind": p.kind} for p in article.paragraphs],
        "removed": [{"text": r.text, "reason": r.reason, "line": r.line} for r in article.removed],
        "sentences": [list(s) for s in article.sentences],
        "mentions": [asdict(m) for m in article.mentions],
        "entities": [asdict(e) for e in article.entities],
        "dates": [asdict(d) for d in article.dates],
        "quotes": [asdict(q) for q in article.quotes],
        "source": {"origin": article.origin, "locator": article.locator, "reader": article.reader,
                   "format": article.format, "encoding": article.encoding},  # fmt: skip
    }


@cli.command("entities")
@click.option("--label", help="Only this type: PERSON, ORG, PLACE, NORP, ...")
@click.option("--name", help="Only the entity with this name or alias.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def entities_cli(settings: Settings, label, name, limit, as_json) -> None:
    """List the people, organisations and places the corpus names, with their titles and country."""
    with _open(settings, read_only=True) as store:
        rows = store.entities(label=label.upper() if label else None, name=name, limit=limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(box=None)
    table.add_column("name", no_wrap=True, overflow="ellipsis", max_width=30)
    for column in ("type", "country", "articles"):
        table.add_column(column, no_wrap=True, min_width=len(column))
    table.add_column("titles", no_wrap=True, overflow="ellipsis", max_width=70)
    for r in rows:
        table.add_row(r["name"], r["label"], r["country"] or "?", str(r["articles"]), "; ".join(r["titles"]))
    out.print(table)
    out.print(_count(len(rows), "entity", "entities"))


@cli.command("quotes")
@click.option("--speaker", metavar="NAME", help="Only quotes by this person or organisation (name, alias or key).")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def quotes_cli(settings: Settings, speaker, limit, as_json) -> None:
    """List quotes with speaker, cue, channel and the article they are in."""
    with _open(settings, read_only=True) as store:
        rows = store.quotes(speaker=speaker, limit=limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    for r in rows:
        who = r["speaker"] or r["speaker_text"] or "unknown speaker"
        how = ", ".join(x for x in (r["cue"], r["channel"]) if x)
        out.print(f"[bold]{who}[/bold] ({how}) — {r['outlet'] or '?'}, {r['published'] or 'undated'}, {r['article']}", markup=True)
        out.print("  " + r["text"], markup=False)
    out.print(f"{_count(len(rows), 'quote')}")


@cli.command("stories")
@click.option("--since", callback=_iso_date_option, metavar="DATE", help="Only stories seen on or after this date.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def stories_cli(settings: Settings, since, limit, as_json) -> None:
    """List stories, most recently seen first: articles, independent sources, time span."""
    with _open(settings, read_only=True) as store:
        rows = store.stories(since=since, limit=limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, default=str, ensure_ascii=False))
        return
    table = Table(box=None)
    table.add_column("id", no_wrap=True, min_width=13)
    table.add_column("first", no_wrap=True, min_width=10)
    table.add_column("last", no_wrap=True, min_width=10)
    table.add_column("articles", justify="right")
    table.add_column("sources", justify="right")
    table.add_column("title", no_wrap=True, overflow="ellipsis")
    for r in rows:
        table.add_row(r["id"], str(r["first_seen"] or "?"), str(r["last_seen"] or "?"), str(r["articles"]),
                      str(r["independent_sources"]), r["title"])  # fmt: skip
    out.print(table)
    out.print(_count(len(rows), "story", "stories"))


@cli.command("story")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def story_cli(settings: Settings, story_id: str, as_json: bool) -> None:
    """One story: its articles by outlet and time."""
    with _open(settings, read_only=True) as store:
        story = store.story(story_id)
    if as_json:
        click.echo(json.dumps(story, default=str, indent=2, ensure_ascii=False))
        return
    out.print(f"[bold]{story['title']}[/bold]", markup=True)
    out.print(f"{story['id']}: {story['articles']} articles from {len(story['outlets'])} outlets, "
              f"{story['independent_sources']} independent sources, {story['first_seen']} to {story['last_seen']}")  # fmt: skip
    if story["merged_from"]:
        out.print(f"merged from: {', '.join(story['merged_from'])}")
    table = Table(box=None)
    for column in ("published", "outlet", "title", "article"):
        table.add_column(column, no_wrap=True, overflow="ellipsis")
    for a in story["articles_list"]:
        note = f"  (copy of {a['copy_of']})" if a["copy_of"] else ""
        table.add_row(str(a["published"] or "?"), a["outlet"] or "?", (a["title"] or a["name"]) + note, a["id"])
    out.print(table)


@cli.command("why")
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def why_cli(settings: Settings, article: str, as_json: bool) -> None:
    """Why an article is in its story: the score, shared terms and entities, the time gap."""
    from ..stories import Explanation

    with _open(settings, read_only=True) as store:
        decision = store.story_decision(article)
    if as_json:
        click.echo(json.dumps(decision, default=str, indent=2, ensure_ascii=False))
        return
    fields = {name: decision.get(name) for name in Explanation.__dataclass_fields__}
    fields["shared_terms"] = tuple(tuple(t) for t in fields["shared_terms"] or ())
    fields["shared_entities"] = tuple(fields["shared_entities"] or ())
    fields["merged"] = tuple(fields["merged"] or ())
    for line in Explanation(**fields).lines():
        out.print(line, markup=False)


@cli.command("events")
@click.option("--story", "story_id", metavar="ID", help="Only events of this story.")
@click.option("--actor", metavar="NAME", help="Only events with this source or target (name, entity key or ISO-3 country).")
@click.option("--type", "event_type", metavar="TYPE", help="Only this PLOVER type (AGREE, CONSULT, ...).")
@click.option("--since", callback=_iso_date_option, metavar="DATE", help="Only events on or after this date.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def events_cli(settings: Settings, story_id, actor, event_type, since, as_json) -> None:
    """PLOVER events: who did what to whom, when and where. Reports of one real-world event in
    one story are linked, with how many articles and independent outlets report it."""
    from ..stages.event_links import EventRow, link_events

    with _open(settings, read_only=True) as store:
        rows = store.events(story=story_id, actor=actor, type=event_type, since=since)
    linked = link_events([EventRow(r["article_id"], r["outlet"], r["story_id"], r["event"], r["sentence"].strip())
                          for r in rows])  # fmt: skip
    if as_json:
        for le in linked:
            click.echo(json.dumps(linked_event_json(le), ensure_ascii=False, default=str))
        return
    for le in linked:
        who = "/".join(le.source_countries) or "?"
        whom = "/".join(le.target_countries) or "-"
        where = f" in {le.place_name}" if le.place_name else ""
        out.print(f"[bold]{le.type}[/bold]{' (' + le.mode + ')' if le.mode else ''}  {who} → {whom}{where}, "
                  f"{le.date or 'undated'}  [{le.num_articles} articles, {le.num_sources} sources]", markup=True)  # fmt: skip
        for article, outlet, sentence in le.sentences[:3]:
            out.print(f"    {outlet or article}: {sentence[:160]}", markup=False)
    out.print(_count(len(linked), "event") + f" from {_count(len(rows), 'report')}")


def linked_event_json(le) -> dict:
    return {
        "id": le.id, "story": le.story, "type": le.type, "mode": le.mode,
        "source_countries": list(le.source_countries), "target_countries": list(le.target_countries),
        "date": le.date, "date_precision": le.date_precision, "place": le.place, "place_name": le.place_name,
        "num_articles": le.num_articles, "num_sources": le.num_sources,
        "reports": [{"article": a, "outlet": o, "sentence": s} for a, o, s in le.sentences],
    }  # fmt: skip


@cli.group("export")
def export_cli() -> None:
    """Write stored data to files for other tools."""


EXPORT_FORMATS = {"plover": "plover", "polecat": "tsv", "csv": "csv", "parquet": "parquet"}


@export_cli.command("events")
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="plover", show_default=True,
              help="plover: PLOVER JSON lines; polecat: POLECAT-style TSV; csv; parquet.")
@click.option("--out", "path", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file to write.")
@click.option("--cameo", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A CAMEO-to-PLOVER table (e.g. ../shared/eval/events/plover/CAMEO2PLOVER-2021.txt) to add CAMEO root codes.")
@click.pass_obj
def export_events_cli(settings: Settings, fmt: str, path: Path, cameo: Path | None) -> None:
    """Every stored event, one record each, with its sentence and article as provenance."""
    from ..export.events import export_events, records_of

    with _open(settings, read_only=True) as store:
        rows = store.events()
        ids = list(dict.fromkeys(r["article_id"] for r in rows))
        articles = [store.get_article(i) for i in ids]
        stories = {r["article_id"]: r["story_id"] for r in rows}
    written = export_events(records_of(articles, stories), path, fmt=EXPORT_FORMATS[fmt], cameo_table=cameo)
    out.print(f"wrote {_count(written, 'event')} to {path} ({fmt})")


# -- demo, settings ---------------------------------------------------------------------------


@cli.command("demo")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def demo_cli(settings: Settings, as_json: bool) -> None:
    """Ingest the built-in sample corpus into the store and summarise what was found."""
    from ..sample import corpus_path

    with _open(settings) as store, _progress("ingesting the sample corpus") as advance:
        report = ingest([str(corpus_path())], store, settings=settings, progress=advance)
        summary = demo_summary(store)
    for error in report.errors:
        err.print(f"[red]error[/red] {error}", markup=True)
    if as_json:
        click.echo(json.dumps({"ingest": report.as_dict(), **summary}, indent=2, default=str))
        return
    out.print(f"Stored {report.stored} articles from the sample corpus in {settings.db}.\n")
    table = Table("outlet", "articles", "first", "last", title="Articles by outlet", box=None)
    for row in summary["outlets"]:
        table.add_row(row["outlet"] or "?", str(row["articles"]), str(row["first"]), str(row["last"]))
    out.print(table)
    out.print(
        f"\n{summary['readers']}\n"
        f"{summary['duplicates']} exact duplicates; {summary['removed_parts']} boilerplate parts removed "
        f"from {summary['cleaned_articles']} articles; {summary['undated']} articles without a publication date."
    )
    stories = Table("first", "last", "articles", "sources", "title", title="\nStories", box=None)
    for s in summary["stories"]:
        stories.add_row(str(s["first_seen"] or "?"), str(s["last_seen"] or "?"), str(s["articles"]),
                        str(s["independent_sources"]), s["title"])  # fmt: skip
    out.print(stories)
    people = ", ".join(f"{p['name']} ({p['country'] or '?'})" for p in summary["people"])
    out.print(f"\nMost named people: {people}")
    out.print(f"{summary['quotes']} quotes; {summary['dates']} dates normalised.")
    out.print("Next: 'storyline stories', 'storyline story ID', 'storyline why ARTICLE', "
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
        for row in rows:
            click.echo(json.dumps(row))
        return
    table = Table("setting", "value", "default", "environment", "what it does", box=None)
    for r in rows:
        table.add_row(r["name"], str(r["value"]), str(r["default"]), r["env"], r["help"])
    out.print(table)


# -- eval -------------------------------------------------------------------------------------


@cli.group("eval")
def eval_cli() -> None:
    """Score a capability on an evaluation set (formats: ../shared/eval/README.md)."""


@eval_cli.command("extraction")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--as-text", is_flag=True, help="Render each page to plain text first and clean it with the text cleaner.")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per page: id, text.")
@click.option("--processes", type=click.IntRange(min=1), default=2, show_default=True)
def eval_extraction_cli(folder: Path, as_text: bool, predictions: Path | None, processes: int) -> None:
    """Article-text extraction: trafilatura's layout (evaldata.json + html/) or
    ground-truth.json + html/ (4-gram shingle P/R/F1)."""
    from ..evaluation.extraction import evaluate_extraction

    with _progress("scoring pages") as advance:
        score = evaluate_extraction(folder, as_text=as_text, predictions_path=predictions,
                                    processes=processes, progress=advance)  # fmt: skip
    _print_score(score)


@eval_cli.command("clustering")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per article: id, story.")
@click.option("--entities", is_flag=True, help="Add spaCy entity names to each article's features (slower).")
def eval_clustering_cli(path: Path, predictions: Path | None, entities: bool) -> None:
    """Story clustering on a JSON list of {id, cluster, title, text, date?}: pairwise and B-cubed F1."""
    from ..evaluation.clustering import evaluate_clustering

    with _progress("clustering articles") as advance:
        score = evaluate_clustering(path, predictions_path=predictions, entities=entities, progress=advance)
    _print_score(score)


@eval_cli.command("events")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per gold record.")
def eval_events_cli(path: Path, predictions: Path | None) -> None:
    """PLOVER event coding on gold records (JSON lines): type accuracy, macro-F1, actor countries."""
    from ..evaluation.events import evaluate_events

    with _progress("coding sentences") as advance:
        score = evaluate_events(path, predictions_path=predictions, progress=advance)
    _print_score(score)


@eval_cli.command("time")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per expression found.")
@click.option("--processes", type=click.IntRange(min=1), default=2, show_default=True)
def eval_time_cli(folder: Path, predictions: Path | None, processes: int) -> None:
    """Temporal expressions on TimeML files, scored as TempEval-3 task A (span and value F1)."""
    from ..evaluation.time import evaluate_time

    with _progress("scoring documents") as advance:
        score = evaluate_time(folder, predictions_path=predictions, processes=processes, progress=advance)
    _print_score(score)


@eval_cli.command("quotes")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per attribution found.")
@click.option("--processes", type=click.IntRange(min=1), default=2, show_default=True)
def eval_quotes_cli(folder: Path, predictions: Path | None, processes: int) -> None:
    """Quote attribution on a PolNeAR split (source, cue, content spans; direct-quote speakers)."""
    from ..evaluation.quotes import evaluate_quotes

    with _progress("scoring articles") as advance:
        score = evaluate_quotes(folder, predictions_path=predictions, processes=processes, progress=advance)
    _print_score(score)


# -- helpers ----------------------------------------------------------------------------------


def _print_score(score) -> None:
    """An evaluation's details, then its headline as the last line."""
    click.echo(score.report())
    click.echo(score.headline())


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


@contextmanager
def _open(settings: Settings, read_only: bool = False):
    store = open_store(str(settings.db), read_only=read_only)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def _progress(what: str):
    """A progress bar on stderr (shown only on a terminal). The callback it yields takes
    (advance, total=None), the protocol every library function's `progress` follows."""
    progress = Progress(SpinnerColumn(), TextColumn(what), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err, transient=True)  # fmt: skip
    task = progress.add_task(what, total=None)
    with progress:
        yield lambda advance=1, total=None: progress.update(task, advance=advance, total=total)


if __name__ == "__main__":
    main()

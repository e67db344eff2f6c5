"""Commands that read what the pipeline found: entities, quotes, stories, events, exports."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ...compare import VERDICTS
from ...config import Settings
from ...events.lexicon import TYPES as EVENT_TYPES
from ...export.tables import FORMATS as TABLE_FORMATS
from ...export.tables import write_rows
from ..findings import story_comparison, timeline_of_entity, timeline_of_story
from ..serialise import linked_event_json, linked_events
from ..storyline_why import storyline_why_lines, with_thresholds
from .terminal import Listing, count, counted, echo_json_lines, iso_date_option, opened, out, print_table, progress


@click.command("entities")
@click.option("--label", help="Only this type: PERSON, ORG, PLACE, NORP, ...")
@click.option("--name", help="Only the entity with this name or alias.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def entities_cli(settings: Settings, label, name, limit, as_json) -> None:
    """List the people, organisations and places the corpus names, with their titles and country."""
    with opened(settings, read_only=True) as store:
        rows = store.entities(label=label.upper() if label else None, name=name, limit=limit)
    if as_json:
        echo_json_lines(rows)
        return
    table = Listing("name", "type", "country", "articles", "titles", shorten={"name": 30, "titles": 70}, right=("articles",))
    for r in rows:
        table.add_row(r["name"], r["label"], r["country"] or "?", str(r["articles"]), "; ".join(r["titles"]))
    print_table(table)
    out.print(count(len(rows), "entity", "entities"))


@click.command("quotes")
@click.option("--speaker", metavar="NAME", help="Only quotes by this person or organisation (name, alias or key).")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def quotes_cli(settings: Settings, speaker, limit, as_json) -> None:
    """List quotes with speaker, cue, channel and the article they are in."""
    with opened(settings, read_only=True) as store:
        rows = store.quotes(speaker=speaker, limit=limit)
    if as_json:
        echo_json_lines(rows)
        return
    for r in rows:
        who = r["speaker"] or r["speaker_text"] or "unknown speaker"
        how = ", ".join(x for x in (r["cue"], r["channel"]) if x)
        out.print(f"[bold]{who}[/bold] ({how}) — {r['outlet'] or '?'}, {r['published'] or 'undated'}, {r['article']}", markup=True)
        out.print("  " + r["text"], markup=False)
    out.print(f"{count(len(rows), 'quote')}")


@click.command("stories")
@click.option("--since", callback=iso_date_option, metavar="DATE", help="Only stories seen on or after this date.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def stories_cli(settings: Settings, since, limit, as_json) -> None:
    """List stories, most recently seen first: articles, independent sources, time span."""
    with opened(settings, read_only=True) as store:
        rows = store.stories(since=since, limit=limit)
    if as_json:
        echo_json_lines(rows)
        return
    table = Listing("id", "first", "last", "articles", "sources", "title", right=("articles", "sources"))
    for r in rows:
        table.add_row(r["id"], str(r["first_seen"] or "?"), str(r["last_seen"] or "?"), str(r["articles"]),
                      str(r["independent_sources"]), r["title"])  # fmt: skip
    print_table(table)
    out.print(count(len(rows), "story", "stories"))


@click.command("search")
@click.argument("query")
@click.option("--outlet", metavar="NAME", help="Only articles from this outlet.")
@click.option("--since", callback=iso_date_option, metavar="DATE", help="Only articles published on or after this date.")
@click.option("--until", callback=iso_date_option, metavar="DATE", help="Only articles published on or before this date.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def search_cli(settings: Settings, query, outlet, since, until, limit, offset, as_json) -> None:
    """Full-text search over article titles and texts, best match first (BM25).

    Any word of QUERY may match (articles with more of them rank higher); case and accents
    do not matter; quotes and operators are plain characters."""
    with opened(settings, read_only=True) as store:
        rows = store.search_articles(query, outlet=outlet, since=since, until=until, limit=limit, offset=offset)
    if as_json:
        echo_json_lines(rows)
        return
    for r in rows:
        out.print(f"[bold]{r['title'] or r['name']}[/bold]  {r['score']:.2f}", markup=True, highlight=False)
        out.print(f"  {r['outlet'] or '?'}, {r['published'] or 'undated'}, {r['id']}"
                  + (f", story {r['story_id']}" if r["story_id"] else ""), markup=False)  # fmt: skip
        out.print("  " + r["snippet"], markup=False)
    out.print(count(len(rows), "article"))


@click.command("story")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def story_cli(settings: Settings, story_id: str, as_json: bool) -> None:
    """One story: its articles by outlet and time."""
    with opened(settings, read_only=True) as store:
        story = store.story(story_id)
    if as_json:
        click.echo(json.dumps(story, default=str, indent=2, ensure_ascii=False))
        return
    out.print(f"[bold]{story['title']}[/bold]", markup=True)
    out.print(f"{story['id']}: {story['articles']} articles from {len(story['outlets'])} outlets, "
              f"{story['independent_sources']} independent sources, {story['first_seen']} to {story['last_seen']}")  # fmt: skip
    if story["merged_from"]:
        out.print(f"merged from: {', '.join(story['merged_from'])}")
    table = Listing("published", "outlet", "title", "article", shorten={"outlet": 20, "title": None})
    for a in story["articles_list"]:
        note = f"  (copy of {a['copy_of']})" if a["copy_of"] else ""
        table.add_row(str(a["published"] or "?"), a["outlet"] or "?", (a["title"] or a["name"]) + note, a["id"])
    print_table(table)


@click.command("why")
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def why_cli(settings: Settings, article: str, as_json: bool) -> None:
    """Why an article is in its story (the score, shared terms and entities, the time gap), then
    why that story is in its storyline (see why-story)."""
    from ...stories import Explanation

    with opened(settings, read_only=True) as store:
        decision = store.story_decision(article)
    line_decision = with_thresholds(decision.pop("storyline_decision"))
    if as_json:
        click.echo(json.dumps({**decision, "storyline_decision": line_decision}, default=str, indent=2, ensure_ascii=False))
        return
    fields = {name: decision.get(name) for name in Explanation.__dataclass_fields__}
    fields["shared_terms"] = tuple(tuple(t) for t in fields["shared_terms"] or ())
    fields["shared_entities"] = tuple(fields["shared_entities"] or ())
    fields["merged"] = tuple(fields["merged"] or ())
    conflict = fields["names_in_conflict"]
    fields["names_in_conflict"] = (tuple(conflict[0]), tuple(conflict[1])) if conflict else None
    for line in Explanation(**fields).lines():
        out.print(line, markup=False)
    out.print("", markup=False)
    for line in storyline_why_lines(line_decision):
        out.print(line, markup=False)


def _event_type_option(ctx, param, value):
    """A click callback: one of the 16 PLOVER types in any case, or a usage error listing them."""
    if value is None or value.upper() in EVENT_TYPES:
        return value and value.upper()
    raise click.BadParameter(f"{value!r} is not a PLOVER event type; use one of {', '.join(EVENT_TYPES)}")


@click.command("events")
@click.option("--story", "story_id", metavar="ID", help="Only events of this story.")
@click.option("--actor", metavar="NAME", help="Only events with this source or target (name, entity key or ISO-3 country).")
@click.option("--type", "event_type", metavar="TYPE", callback=_event_type_option,
              help="Only this PLOVER type (AGREE, CONSULT, ...; any case).")
@click.option("--since", callback=iso_date_option, metavar="DATE", help="Only events on or after this date.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def events_cli(settings: Settings, story_id, actor, event_type, since, as_json) -> None:
    """PLOVER events: who did what to whom, when and where. Reports of one real-world event in
    one story are linked, with how many articles and independent outlets report it."""
    with opened(settings, read_only=True) as store:
        rows = store.events(story=story_id, actor=actor, type=event_type, since=since)
    linked = linked_events(rows)
    if as_json:
        echo_json_lines(linked_event_json(le) for le in linked)
        return
    for le in linked:
        who = "/".join(le.source_countries) or "?"
        whom = "/".join(le.target_countries) or "-"
        where = f" in {le.place_name}" if le.place_name else ""
        out.print(f"[bold]{le.type}[/bold]{' (' + le.mode + ')' if le.mode else ''}  {who} → {whom}{where}, "
                  f"{le.date or 'undated'}  [{le.num_articles} articles, {le.num_sources} sources]", markup=True)  # fmt: skip
        for article, outlet, sentence in le.sentences[:3]:
            out.print(f"    {outlet or article}: {sentence[:160]}", markup=False)
    out.print(count(len(linked), "event") + f" from {count(len(rows), 'report')}")


@click.group("export")
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
    from ...export.events import export_events, records_of

    with opened(settings, read_only=True) as store, progress("reading the events' articles") as advance:
        rows = store.events()
        ids = list(dict.fromkeys(r["article_id"] for r in rows))
        articles = [store.get_article(i) for i in counted(ids, advance)]
        stories = {r["article_id"]: r["story_id"] for r in rows}
    written = export_events(records_of(articles, stories), path, fmt=EXPORT_FORMATS[fmt], cameo_table=cameo)
    out.print(f"wrote {count(written, 'event')} to {path} ({fmt})")


def _export_command(kind: str, noun: str, what: str) -> click.Command:
    """`storyline export KIND`: every stored record of KIND written whole (see Store.export_rows)."""

    @click.option("--format", "fmt", type=click.Choice(list(TABLE_FORMATS)), default="jsonl", show_default=True,
                  help="jsonl: JSON lines; csv or tsv (lists joined with '; '); parquet.")
    @click.option("--out", "path", type=click.Path(dir_okay=False, path_type=Path), required=True,
                  help="The file to write.")
    @click.pass_obj
    def command(settings: Settings, fmt: str, path: Path) -> None:
        with opened(settings, read_only=True) as store:
            rows = store.export_rows(kind)
        written = write_rows(rows, path, fmt=fmt)
        out.print(f"wrote {count(written, noun, kind)} to {path} ({fmt})")

    command.__doc__ = what
    return export_cli.command(kind)(command)


for _kind, _noun, _what in (
    ("stories", "story", "Every story: its storyline, title, time span, articles, independent sources and outlets."),
    ("articles", "article", "Every article's metadata (no text): title, outlet, author, URL, dates, language, story, origin."),
    ("quotes", "quote", "Every quote: its text, speaker, cue and channel, with its article and story."),
    ("entities", "entity", "Every entity the corpus names: type, country, titles, aliases and how many articles name it."),
):
    _export_command(_kind, _noun, _what)


@click.command("compare")
@click.argument("story_id")
@click.option("--verdict", "verdicts", multiple=True, type=click.Choice([v.replace("_", "-") for v in VERDICTS]),
              help="Only facts with this verdict (repeat for several).")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many facts of each verdict.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def compare_cli(settings: Settings, story_id: str, verdicts: tuple[str, ...], limit: int | None, as_json: bool) -> None:
    """What the outlets of one story agree on, report alone, contradict, or update, each fact
    with every source's sentence. The closing counts (and the JSON's "counts") are the whole
    story's, whatever --verdict and --limit show."""
    with opened(settings, read_only=True) as store:
        story = store.story(story_id)
        comparison = story_comparison(store, story_id)
    counts = comparison.as_dict()["counts"]
    comparison = comparison.select([v.replace("-", "_") for v in verdicts] or VERDICTS, limit)
    if as_json:
        found = {"story": story_id, **comparison.as_dict(), "counts": counts}
        click.echo(json.dumps(found, indent=2, ensure_ascii=False, default=str))
        return
    out.print(f"[bold]{story['title']}[/bold]  ({story['articles']} articles, {story['independent_sources']} independent sources)", markup=True)
    names = {a["id"]: a["name"] for a in story["articles_list"]}
    styles = {"conflict": "red", "update": "yellow", "corroborated": "green", "single_source": "cyan"}
    for verdict in ("conflict", "update", "corroborated", "single_source"):
        found = comparison.of(verdict)
        if not found:
            continue
        out.print(f"\n[bold {styles[verdict]}]{verdict.replace('_', '-')} ({len(found)})[/]", markup=True)
        for v in found:
            out.print(f"  [bold]{v.kind}[/bold] {v.about}" + (f"  (variants: {'; '.join(v.variants)})" if v.variants else ""), markup=True, highlight=False)
            for earlier in v.earlier:
                out.print(f"    before, {_where(earlier, names)}: {earlier.sentence}", markup=False)
            for value in v.values:
                label = f"{value.value} — " if verdict in ("conflict", "update") or len(v.values) > 1 else ""
                for source in value.sources:
                    out.print(f"    {label}{_where(source, names)}: {source.sentence}", markup=False)
    out.print("\n" + ", ".join(count(counts[k], k.replace("_", "-") + " fact") for k in VERDICTS))


def _where(source, names: dict[str, str]) -> str:
    """Who said it and when: the outlet, else the article's name."""
    return f"{source.outlet or names.get(source.article, source.article)}, {source.published or 'undated'}"


@click.command("timeline")
@click.argument("story_id", required=False)
@click.option("--actor", metavar="NAME", help="The timeline of a person, organisation or place, across stories.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def timeline_cli(settings: Settings, story_id: str | None, actor: str | None, as_json: bool) -> None:
    """A story's dated events in order (or an actor's, with --actor), each with its sources and
    the precision of its date: a month is never placed on a day."""
    if bool(story_id) == bool(actor):
        raise click.UsageError("give a STORY_ID or --actor NAME (one of them)")
    with opened(settings, read_only=True) as store:
        if story_id:
            entries, by_story = timeline_of_story(store, story_id)
        else:
            _, entries, by_story = timeline_of_entity(store, actor)
    names = {a.id: a.name for articles in by_story.values() for a in articles}
    if as_json:
        echo_json_lines({"story": story, **entry.as_dict()} for story, entry in entries)
        return
    for story, entry in entries:
        outlets = sorted({s.outlet or names.get(s.article, s.article) for s in entry.sources})
        out.print(f"[bold]{entry.date:<10}[/bold] [dim]{entry.precision or '':<6}[/dim] {entry.what}"
                  f"  [dim]({', '.join(outlets)}{'; story ' + story if actor else ''})[/dim]", markup=True)  # fmt: skip
    out.print(count(len(entries), "dated event"))


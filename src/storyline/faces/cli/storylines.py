"""Commands that read storylines: the threads of stories over weeks (storylines, storyline,
why-story); `storyline why` (corpus.py) ends with the storyline part these share."""

from __future__ import annotations

import json

import click
from rich.markup import escape

from ...config import Settings
from ..findings import storyline_stories
from ..storyline_why import storyline_why, storyline_why_lines
from .terminal import Listing, count, echo_json_lines, iso_date_option, opened, out, print_table


@click.command("storylines")
@click.option("--since", callback=iso_date_option, metavar="DATE", help="Only storylines seen on or after this date.")
@click.option("--until", callback=iso_date_option, metavar="DATE", help="Only storylines seen on or before this date.")
@click.option("--q", "text", metavar="TEXT", help="Only storylines with a story whose title holds this text.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.pass_obj
def storylines_cli(settings: Settings, since, until, text, limit, as_json) -> None:
    """List storylines, most recently seen first: stories, articles, time span, the title of
    the largest story."""
    with opened(settings, read_only=True) as store:
        rows = store.storylines(text=text, since=since, until=until, limit=limit)
    if as_json:
        echo_json_lines(rows)
        return
    table = Listing("id", "first", "last", "stories", "articles", "title", right=("stories", "articles"))
    for r in rows:
        table.add_row(r["id"], str(r["first_seen"] or "?"), str(r["last_seen"] or "?"), str(r["stories"]),
                      str(r["articles"]), r["title"] or "")  # fmt: skip
    print_table(table)
    out.print(count(len(rows), "storyline"))


@click.command("storyline")
@click.argument("storyline_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def storyline_cli(settings: Settings, storyline_id: str, as_json: bool) -> None:
    """One storyline: its stories in time order (span, articles, outlets), then the facts whose
    value moved on from one story to a later one."""
    from ...compare import compare_storyline

    with opened(settings, read_only=True) as store:
        line, stories = storyline_stories(store, storyline_id)
    comparison = compare_storyline(stories)
    if as_json:
        found = comparison.as_dict()
        click.echo(json.dumps({**line, "updates": found["updates"], "chains": found["chains"]},
                              default=str, indent=2, ensure_ascii=False))  # fmt: skip
        return
    out.print(f"[bold]{line['title']}[/bold]", markup=True)
    out.print(f"{line['id']}: {count(line['stories'], 'story', 'stories')}, {count(line['articles'], 'article')}, "
              f"{line['first_seen'] or '?'} to {line['last_seen'] or '?'}", markup=False)  # fmt: skip
    if line["merged_from"]:
        out.print(f"merged from: {', '.join(line['merged_from'])}", markup=False)
    for s in line["stories_list"]:
        span = f"{s['first_seen'] or '?'}..{s['last_seen'] or '?'}"
        out.print(f"\n{span}  {count(s['articles'], 'article')}  {s['id']}  [bold]{escape(s['title'] or '')}[/bold]",
                  markup=True)  # fmt: skip
        out.print(f"    outlets: {', '.join(s['outlets'] or []) or '?'}", markup=False)
    chains = comparison.chains()
    out.print(f"\n[bold]updates across stories ({len(comparison.updates)})[/bold]", markup=True)
    for (kind, about), values in chains.items():
        steps = " → ".join(f"{r.value} ({r.story}, {r.published or 'undated'})" for r in values)
        out.print(f"  {kind} {about}: {steps}", markup=False)
    if not chains:
        out.print("  none", markup=False)


@click.command("why-story")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def why_story_cli(settings: Settings, story_id: str, as_json: bool) -> None:
    """Why a story is in its storyline: the score against the threshold, features, shared terms,
    the names that set it apart, the runner-up storyline, merges."""
    with opened(settings, read_only=True) as store:
        found = storyline_why(store, story_id)
    if as_json:
        click.echo(json.dumps(found, default=str, indent=2, ensure_ascii=False))
        return
    for line in storyline_why_lines(found):
        out.print(line, markup=False)

"""The web pages: HTML rendered on the server over the same library calls as the CLI and the API.

`mount_web(app, reading)` adds the pages to the API's FastAPI app (faces/api/), with the
store opened read-only per request by the API's `reading` dependency, and serves the CSS from
/static (shipped in the package; no CDN). Pages:

    /                   stories, with search and filters (title words, outlet, dates)
    /stories/{id}       timeline chart, coverage by outlet, the comparison, quotes, articles
    /storylines         storylines (threads of stories over weeks), with filters
    /storylines/{id}    its stories on one timeline, the updates across them, each comparison
    /entities/{key}     names and titles per outlet, country, the actor's timeline, quotes
    /events             the event browser with filters, and export links (/events/export)
    /articles/{ref}     clean text with entities, dates and quotes marked; removed parts folded
    /search?q=          full-text search over articles

Jinja2 escapes everything a template prints; article text reaches the page only escaped
(text.py). An unknown id gives a 404 page, a bad parameter a 400 page naming it, and a
store or stage that fails a 500 page: HTML, never the API's JSON problems.
"""

import datetime as dt
import functools
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined

from ...compare import actor_timeline, compare_story, compare_storyline, story_timeline
from ...errors import AmbiguousReference, NotFound, StorylineError
from ...events.lexicon import TYPES as EVENT_TYPES
from ...store import Store
from ...store.search import BadSearchQuery
from ..findings import storyline_stories
from ..serialise import linked_events
from ..storyline_why import storyline_why_lines, thresholds
from .atom import mount_atom
from .charts import coverage_chart, shown_date, timeline_chart
from .text import article_href, entity_href, marked_paragraphs, sentence_in_context

PAGE_SIZE = 50
MAX_PARAM_CHARS = 200
MAX_REF_CHARS = 2000  # an article may be named by its URL
MAX_OFFSET = 1_000_000
VERDICT_NAMES = {"conflict": "Conflicting", "update": "Updated", "corroborated": "Corroborated",
                 "single_source": "Single-source"}  # fmt: skip
EXPORTS = {  # format in the link → (export/events.py format, media type, file suffix)
    "plover": ("plover", "application/x-ndjson", "jsonl"),
    "polecat": ("tsv", "text/tab-separated-values; charset=utf-8", "tsv"),
    "csv": ("csv", "text/csv; charset=utf-8", "csv"),
    "parquet": ("parquet", "application/vnd.apache.parquet", "parquet"),
}
STATIC = Path(__file__).with_name("static")


class BadParameter(StorylineError):
    """A page was asked for with a query value it cannot use (names the parameter)."""


def _web_url(url: str | None) -> str:
    """The URL if it is an http(s) one (an article's own URL is input: no javascript: links)."""
    return url if url and url.lower().startswith(("http://", "https://")) else ""


def _said(text: str, direct: bool) -> str:
    """A quote's words, in quotation marks when they are direct speech and do not carry their own."""
    return f"“{text}”" if direct and text[:1] not in "\"“‘'«" else text


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("storyline.faces.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)  # fmt: skip
    env.filters.update(entity_href=entity_href, article_href=article_href, date=shown_date,
                       outlet=lambda o: o or "unknown outlet", web_url=_web_url, said=_said)  # fmt: skip
    env.globals.update(verdict_names=VERDICT_NAMES)
    return env


TEMPLATES = _environment()


def render(template: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(template).render(**context), status_code=status)


def page(handler):
    """An HTML page handler: unknown ids answer a 404 page, bad values a 400 page, other
    Storyline errors a 500 page."""

    @functools.wraps(handler)
    def wrapped(*args, **kwargs):
        try:
            for name, value in kwargs.items():
                if isinstance(value, str):
                    _check_path_value(name, value)
            return handler(*args, **kwargs)
        except NotFound as exc:
            return render("error.html", 404, title="Not found", detail=str(exc))
        except (BadParameter, BadSearchQuery, AmbiguousReference) as exc:
            return render("error.html", 400, title="Bad request", detail=str(exc))
        except StorylineError as exc:  # the store or a stage failed: say so as a page, as the API does as JSON
            return render("error.html", 500, title="Something went wrong", detail=f"{type(exc).__name__}: {exc}")

    return wrapped


def mount_web(app: FastAPI, reading) -> None:
    """Add the web pages and /static to `app`; `reading` is the dependency that yields a
    read-only Store for one request."""
    Reading = Annotated[Store, Depends(reading)]
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    html = {"response_class": HTMLResponse, "include_in_schema": False}
    mount_atom(app, Reading, page)  # /alerts/NAME.atom, /stories/ID.atom, /storylines/ID.atom (atom.py)

    @app.get("/", **html)
    @page
    def story_list(request: Request, store: Reading) -> HTMLResponse:
        ask = _Query(request)
        filters = {"text": ask.text("q"), "outlet": ask.text("outlet"), "since": ask.day("since"), "until": ask.day("until")}
        offset = ask.whole("offset")
        stories = store.stories(**filters, limit=PAGE_SIZE + 1, offset=offset)
        return render("stories.html", stories=stories[:PAGE_SIZE], filters=filters, outlets=store.outlets(),
                      more=len(stories) > PAGE_SIZE, offset=offset, page_size=PAGE_SIZE, query=ask.kept())  # fmt: skip

    @app.get("/stories/{story_id}", **html)
    @page
    def story(story_id: str, store: Reading) -> HTMLResponse:
        found = store.story(story_id)
        articles = store.story_articles(story_id)
        copies = store.story_copies(story_id)
        by_id = {a.id: a for a in articles}
        timeline = story_timeline(articles, copies)
        comparison = compare_story(articles, copies)
        verdicts = {k: comparison.of(k) for k in VERDICT_NAMES}
        named = _story_entities(articles)
        line = store.storyline(found["storyline_id"]) if found.get("storyline_id") else None
        return render(
            "story.html", story=found, articles=found["articles_list"], by_id=by_id, copies=copies, storyline=line,
            timeline=timeline, chart=timeline_chart(timeline), coverage=coverage_chart(found["articles_list"]),
            verdicts=verdicts, in_context=lambda s: sentence_in_context(by_id.get(s.article), s.start, s.end, s.sentence),
            quotes=_quotes_by_speaker(articles), entities=named,
            readable=lambda about: _KEY.sub(lambda m: named[m[0]]["name"] if m[0] in named else m[0], about),
        )  # fmt: skip

    @app.get("/storylines", **html)
    @page
    def storyline_list(request: Request, store: Reading) -> HTMLResponse:
        ask = _Query(request)
        filters = {"text": ask.text("q"), "since": ask.day("since"), "until": ask.day("until")}
        offset = ask.whole("offset")
        lines = store.storylines(**filters, limit=PAGE_SIZE + 1, offset=offset)
        return render("storylines.html", storylines=lines[:PAGE_SIZE], filters=filters, more=len(lines) > PAGE_SIZE,
                      offset=offset, page_size=PAGE_SIZE, query=ask.kept())  # fmt: skip

    @app.get("/storylines/{storyline_id}", **html)
    @page
    def storyline(storyline_id: str, store: Reading) -> HTMLResponse:
        line, stories = storyline_stories(store, storyline_id)
        comparison = compare_storyline(stories)
        named = _story_entities([a for st in stories for a in st.articles])
        decisions = {s["id"]: store.storyline_decision(s["id"]) for s in line["stories_list"]}
        return render(
            "storyline.html", line=line, chains=comparison.chains(), updates=comparison.updates,
            comparisons=comparison.comparisons, decisions=decisions, limits=thresholds(),
            why=lambda found: storyline_why_lines({**found, "thresholds": thresholds()}),
            titles={s["id"]: s["title"] for s in line["stories_list"]},
            readable=lambda about: _KEY.sub(lambda m: named[m[0]]["name"] if m[0] in named else m[0], about),
        )  # fmt: skip

    @app.get("/entities/{key}", **html)
    @page
    def entity(key: str, store: Reading) -> HTMLResponse:
        found = store.entity(key)
        # the actor's timeline as findings.timeline_of_entity gives it, reading only the
        # articles with an event the actor is in (the only ones the timeline is made of)
        entries = actor_timeline(store.actor_articles(found["key"]), found["key"])
        titles = {s["id"]: s["title"] for s in store.stories()}
        named_in = store.entity_stories(found["key"])
        return render(
            "entity.html", entity=found, usage=store.entity_usage(found["key"]),
            entries=entries, chart=timeline_chart([e for _, e in entries]), story_titles=titles,
            stories=[(s, titles.get(s, s)) for s in named_in], quotes=store.quotes(speaker=found["key"], limit=200),
        )  # fmt: skip

    @app.get("/events", **html)
    @page
    def events(request: Request, store: Reading) -> HTMLResponse:
        ask = _Query(request)
        filters = _event_filters(ask)
        offset = ask.whole("offset")
        linked = linked_events(_event_rows(store, filters))
        return render("events.html", events=linked[offset : offset + PAGE_SIZE], total=len(linked), filters=filters,
                      types=EVENT_TYPES, outlets=store.outlets(), offset=offset, page_size=PAGE_SIZE,
                      query=ask.kept(), exports=list(EXPORTS))  # fmt: skip

    @app.get("/events/export", include_in_schema=False)
    @page
    def export(request: Request, store: Reading) -> Response:
        ask = _Query(request)
        choice = ask.text("format") or "plover"
        if choice not in EXPORTS:
            raise BadParameter(f"format '{choice}' is not one of {', '.join(EXPORTS)}")
        fmt, media, suffix = EXPORTS[choice]
        return Response(_export(store, _event_filters(ask), fmt, suffix), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="events.{suffix}"'})  # fmt: skip

    @app.get("/articles/{ref:path}", **html)
    @page
    def article(ref: str, store: Reading) -> HTMLResponse:
        found = store.get_article(ref)
        try:
            story_id = store.story_decision(found.id)["story"]
        except NotFound:  # not placed in a story (yet)
            story_id = None
        return render("article.html", article=found, paragraphs=marked_paragraphs(found), story=story_id)

    @app.get("/search", **html)
    @page
    def search(request: Request, store: Reading) -> HTMLResponse:
        ask = _Query(request, longest=None)
        words = (ask.text("q") or "").strip()
        offset = ask.whole("offset")
        results = store.search_articles(words, limit=PAGE_SIZE + 1, offset=offset) if words else []
        return render("search.html", q=words, results=results[:PAGE_SIZE], more=len(results) > PAGE_SIZE,
                      offset=offset, page_size=PAGE_SIZE, highlighted=_highlighted)  # fmt: skip


def _check_path_value(name: str, value: str) -> None:
    """An id, key or reference from the path: refused (400) when it could name nothing."""
    if len(value) > MAX_REF_CHARS:
        raise BadParameter(f"the {name} has {len(value)} characters; at most {MAX_REF_CHARS} are allowed")
    if any(ord(c) < 32 or c == "\ufffd" for c in value):
        raise BadParameter(f"the {name} holds control characters or bytes that are not UTF-8")


class _Query:
    """A page's query parameters, checked: a bad one raises BadParameter naming it."""

    def __init__(self, request: Request, longest: int | None = MAX_PARAM_CHARS):
        self.params = request.query_params
        self.longest = longest

    def text(self, name: str) -> str | None:
        values = self.params.getlist(name)
        if len(values) > 1:
            raise BadParameter(f"'{name}' is given {len(values)} times; give it once")
        value = values[0].strip() if values else ""
        if not value:
            return None
        if self.longest and len(value) > self.longest:
            raise BadParameter(f"'{name}' has {len(value)} characters; at most {self.longest} are allowed")
        if any(ord(c) < 32 or c == "\ufffd" for c in value):
            raise BadParameter(f"'{name}' holds control characters or bytes that are not UTF-8")
        return value

    def day(self, name: str) -> str | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_day(name, value)
        except ValueError:
            return _bad_day(name, value)

    def whole(self, name: str) -> int:
        value = self.text(name)
        if value is None:
            return 0
        if not value.isascii() or not value.isdigit() or int(value) > MAX_OFFSET:
            raise BadParameter(f"'{name}' must be a whole number from 0 to {MAX_OFFSET}, not '{value}'")
        return int(value)

    def kept(self) -> dict[str, str]:
        """The non-empty parameters but the offset, for the next and previous page links."""
        return {k: v for k, v in self.params.items() if v and k != "offset"}


def _bad_day(name: str, value: str):
    raise BadParameter(f"'{name}' must be a date as YYYY-MM-DD, not '{value}'")


def _event_filters(ask: _Query) -> dict:
    kind = ask.text("type")
    if kind and kind.upper() not in EVENT_TYPES:
        raise BadParameter(f"type '{kind}' is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
    filters = {"story": ask.text("story"), "actor": ask.text("actor"), "type": kind.upper() if kind else None,
               "outlet": ask.text("outlet"), "since": ask.day("since"), "until": ask.day("until")}  # fmt: skip
    if filters["since"] and filters["until"] and filters["since"] > filters["until"]:
        raise BadParameter(f"'since' ({filters['since']}) is after 'until' ({filters['until']})")
    return filters


def _event_rows(store: Store, filters: dict) -> list[dict]:
    """Store.events rows under the browser's filters (outlet and until are applied here)."""
    rows = store.events(story=filters["story"], actor=filters["actor"], type=filters["type"], since=filters["since"])
    if filters["outlet"]:
        rows = [r for r in rows if r["outlet"] == filters["outlet"]]
    if filters["until"]:
        rows = [r for r in rows if _event_day(r) and _event_day(r) <= filters["until"]]
    return rows


def _event_day(row: dict) -> str | None:
    """The day the events query orders by: the event's own date where it has a day, else the
    article's publication date."""
    date = row["event"].date or ""
    if len(date) >= 10 and date[:4].isdigit():
        return date[:10]
    return row["published"].isoformat() if row["published"] else None


def _export(store: Store, filters: dict, fmt: str, suffix: str) -> bytes:
    """The filtered events in an export format (export/events.py writes files: a temporary one)."""
    from ...export.events import export_events, records_of

    rows = _event_rows(store, filters)
    wanted = {(r["article_id"], r["event"].sentence_start, r["event"].trigger_start) for r in rows}
    articles = [store.get_article(i) for i in dict.fromkeys(r["article_id"] for r in rows)]
    stories = {r["article_id"]: r["story_id"] for r in rows}
    records = [r for r in records_of(articles, stories)
               if (r["article"], r["evidence"]["sentence_start"], r["evidence"]["trigger_start"]) in wanted]  # fmt: skip
    handle, path = tempfile.mkstemp(prefix="storyline-export-", suffix="." + suffix)
    os.close(handle)
    try:
        export_events(records, path, fmt=fmt)
        return Path(path).read_bytes()
    finally:
        os.unlink(path)


_KEY = re.compile(r"\b[a-z]+:[\w.'-]+")  # an entity key in a verdict's `about`: "title of person:donald-trump"


def _story_entities(articles) -> dict[str, dict]:
    """The entities a story's articles name: key → {key, name, label, articles}, most named first."""
    found: dict[str, dict] = {}
    for a in articles:
        for e in a.entities:
            entry = found.setdefault(e.key, {"key": e.key, "name": e.name, "label": e.label, "articles": 0})
            entry["articles"] += 1
            if len(e.name) > len(entry["name"]):
                entry["name"] = e.name
    return dict(sorted(found.items(), key=lambda kv: (-kv[1]["articles"], kv[1]["name"])))


def _quotes_by_speaker(articles) -> list[tuple[str, str | None, list]]:
    """(speaker shown, entity key or None, [(article, quote)]) for a story, the most quoted first."""
    groups: dict[tuple[str, str | None], list] = defaultdict(list)
    for a in articles:
        names = {e.key: e.name for e in a.entities}
        for q in a.quotes:
            who = names.get(q.speaker or "") or q.speaker_text or "Unattributed"
            groups[(who, q.speaker if q.speaker in names else None)].append((a, q))
    ordered = sorted(groups.items(), key=lambda kv: (kv[0][0] == "Unattributed", -len(kv[1]), kv[0][0]))
    return [(who, key, quotes) for (who, key), quotes in ordered]


def _highlighted(text: str, spans: list) -> str:
    """A search snippet with its matched words in <mark>, everything else escaped."""
    from markupsafe import Markup, escape

    out, at = [], 0
    for start, end in sorted(spans or []):
        if start < at or end > len(text):
            continue
        out += [str(escape(text[at:start])), "<mark>", str(escape(text[start:end])), "</mark>"]
        at = end
    out.append(str(escape(text[at:])))
    return Markup("".join(out))

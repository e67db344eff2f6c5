"""Atom feeds (RFC 4287) any feed reader can subscribe to: a saved alert's latest deliveries
(`/alerts/NAME.atom`), a story's articles (`/stories/ID.atom`), a storyline's stories
(`/storylines/ID.atom`). Each feed and entry has a stable `urn:storyline:` id, so a reader
shows an entry once however often it polls; entries link to their web page.

No `from __future__ import annotations` here: FastAPI reads the routes' annotations, and the
store dependency's type is a local passed in by `mount_web`."""

import datetime as dt
import xml.etree.ElementTree as ET

from fastapi import FastAPI, Request
from fastapi.responses import Response

from ...store import Store

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
ALERT_ENTRIES = 50  # an alert feed's latest deliveries


def _stamp(value) -> str:
    """RFC 3339, in UTC: a date counts as its midnight; none as the epoch (Atom wants one)."""
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    else:
        moment = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed(*, feed_id: str, title: str, self_url: str, page_url: str | None, entries: list[dict]) -> bytes:
    """The feed as XML: `entries` hold id, title, updated, link, summary (newest first)."""
    root = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(root, "id").text = feed_id
    ET.SubElement(root, "title").text = title
    stamps = [e["updated"] for e in entries]
    ET.SubElement(root, "updated").text = max(stamps) if stamps else _stamp(None)
    ET.SubElement(root, "link", rel="self", type=MEDIA_TYPE, href=self_url)
    if page_url:
        ET.SubElement(root, "link", rel="alternate", type="text/html", href=page_url)
    ET.SubElement(ET.SubElement(root, "author"), "name").text = "Storyline"
    for entry in entries:
        node = ET.SubElement(root, "entry")
        ET.SubElement(node, "id").text = entry["id"]
        ET.SubElement(node, "title").text = entry["title"] or "(untitled)"
        ET.SubElement(node, "updated").text = entry["updated"]
        if entry.get("link"):
            ET.SubElement(node, "link", rel="alternate", type="text/html", href=entry["link"])
        ET.SubElement(node, "summary").text = entry.get("summary") or ""
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _answer(body: bytes) -> Response:
    return Response(body, media_type=MEDIA_TYPE + "; charset=utf-8")


def story_feed(store: Store, story_id: str, base: str) -> bytes:
    found = store.story(story_id)
    rows = found["articles_list"]
    changed = {r["id"]: r["updated_at"] for r in store.query(
        "SELECT id, updated_at FROM articles WHERE id IN (SELECT unnest(?))", [[r["id"] for r in rows]])}  # fmt: skip
    entries = [{"id": f"urn:storyline:article:{r['id']}", "title": r["title"] or r["name"],
                "updated": _stamp(changed.get(r["id"])), "link": f"{base}/articles/{r['id']}",
                "summary": f"{r['outlet'] or 'unknown outlet'}, {r['published'] or 'undated'}"}
               for r in rows]  # fmt: skip
    entries.sort(key=lambda e: e["updated"], reverse=True)
    return feed(feed_id=f"urn:storyline:story:{story_id}", title=found["title"],
                self_url=f"{base}/stories/{story_id}.atom", page_url=f"{base}/stories/{story_id}", entries=entries)


def storyline_feed(store: Store, storyline_id: str, base: str) -> bytes:
    line = store.storyline(storyline_id)
    entries = [{"id": f"urn:storyline:story:{s['id']}", "title": s["title"], "updated": _stamp(s["last_seen"]),
                "link": f"{base}/stories/{s['id']}",
                "summary": f"{s['articles']} articles from {', '.join(s['outlets']) or 'unknown outlets'}, "
                           f"{s['first_seen'] or '?'} to {s['last_seen'] or '?'}"}
               for s in line["stories_list"]]  # fmt: skip
    entries.sort(key=lambda e: e["updated"], reverse=True)
    return feed(feed_id=f"urn:storyline:storyline:{storyline_id}", title=line["title"],
                self_url=f"{base}/storylines/{storyline_id}.atom", page_url=f"{base}/storylines/{storyline_id}",
                entries=entries)  # fmt: skip


_PAGES = {"story": "stories", "storyline": "storylines", "event": "articles"}


def alert_feed(store: Store, name: str, base: str) -> bytes:
    rows = store.alert_deliveries(name, limit=ALERT_ENTRIES)
    entries = []
    for r in rows:
        payload, item = r["payload"], r["item_id"]
        facts = ", ".join(f"{k}: {v}" for k, v in payload.get("facts", {}).items() if k != "articles")
        entries.append({"id": f"urn:storyline:delivery:{r['id']}", "title": payload.get("title") or item,
                        "updated": _stamp(r["created_at"]),
                        "link": f"{base}/{_PAGES[r['kind']]}/{item.split(':')[0] if r['kind'] == 'event' else item}",
                        "summary": f"{r['kind']} {item} matched ({facts})"})  # fmt: skip
    return feed(feed_id=f"urn:storyline:alert:{name}", title=f"Storyline alert: {name}",
                self_url=f"{base}/alerts/{name}.atom", page_url=None, entries=entries)


def mount_atom(app: FastAPI, reading_type, page) -> None:
    """Add the feeds to `app`, before the HTML pages whose paths would take '.atom' as an id;
    `page` turns an unknown name or id into the web's 404 page."""
    hidden = {"include_in_schema": False, "response_class": Response}

    def base(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    @app.get("/alerts/{name}.atom", **hidden)
    @page
    def alert_atom(request: Request, name: str, store: reading_type) -> Response:
        return _answer(alert_feed(store, name, base(request)))

    @app.get("/stories/{story_id}.atom", **hidden)
    @page
    def story_atom(request: Request, story_id: str, store: reading_type) -> Response:
        return _answer(story_feed(store, story_id, base(request)))

    @app.get("/storylines/{storyline_id}.atom", **hidden)
    @page
    def storyline_atom(request: Request, storyline_id: str, store: reading_type) -> Response:
        return _answer(storyline_feed(store, storyline_id, base(request)))

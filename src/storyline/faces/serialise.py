"""The JSON forms the faces share: the CLI's --json and the HTTP API give the same objects."""

from __future__ import annotations

from dataclasses import asdict


def article_json(article) -> dict:
    """The JSON form of an article, as `show --json` and the API give it."""
    return {
        "id": article.id,
        "name": article.name,
        "title": article.title,
        "text": article.text,
        "dateline": article.dateline,
        "agency": article.agency,
        "outlet": article.outlet,
        "published": article.published,
        "published_from": article.published_from,
        "language": article.language,
        "language_score": article.language_score,
        "url": article.url,
        "author": article.author,
        "duplicate_of": article.duplicate_of,
        "summary_only": article.summary_only,  # the text is the feed's summary: the page could not be had
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


def linked_events(rows: list[dict]) -> list:
    """`Store.events` rows with the reports of one real-world event in one story linked."""
    from ..compare.event_links import EventRow, link_events

    return link_events([EventRow(r["article_id"], r["outlet"], r["story_id"], r["event"], r["sentence"].strip())
                        for r in rows])  # fmt: skip


def linked_event_json(le) -> dict:
    return {
        "id": le.id, "story": le.story, "type": le.type, "mode": le.mode,
        "source_countries": list(le.source_countries), "target_countries": list(le.target_countries),
        "date": le.date, "date_precision": le.date_precision, "place": le.place, "place_name": le.place_name,
        "num_articles": le.num_articles, "num_sources": le.num_sources,
        "reports": [{"article": a, "outlet": o, "sentence": s} for a, o, s in le.sentences],
    }  # fmt: skip

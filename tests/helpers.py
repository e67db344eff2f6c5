"""Helpers the tests share: hand-built articles, three paragraphs of prose, the ../shared folder beside the repository, and
an HTML page read back as its tags and text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from storyline.record import Article, Removed, article_id, join_blocks

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Three paragraphs of plain news prose we wrote, for the cleaners' tests: what must stay.
PARA_1 = (
    "The city council voted on Tuesday to rebuild the old river bridge, which has been closed "
    "to traffic since a flood damaged its piers two winters ago, and it set aside money for the work."
)
PARA_2 = (
    "Engineers told the council that the new bridge would take about three years to build and "
    "that the ferry service will keep running until the first lanes are open to cars and buses."
)
PARA_3 = (
    "Several residents who spoke at the meeting said they were glad the decision had finally "
    "been made, although some of them worried about the noise and dust during the long works."
)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a message saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the shared reference data beside the repository")
    return path


def make_article(name: str = "a.txt", *, text: str = "A sentence about something.", **fields) -> Article:
    """An Article built by hand, as the clean stage would make it."""
    body, paragraphs = join_blocks([("body", part) for part in text.split("\n\n")])
    defaults = dict(
        id=article_id("name:" + name),
        key="name:" + name,
        name=name,
        text=body,
        paragraphs=paragraphs,
        removed=[Removed("Share this", "widget", 3)],
        origin="in/" + name,
        reader="text",
        format="text",
        raw=text.encode(),
    )
    defaults.update(fields)
    return Article(**defaults)


@dataclass
class Route:
    """What the loopback server (tests/conftest.py `http_server`) answers on one path."""

    body: bytes
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    headers: dict = field(default_factory=dict)  # more headers to send (Cache-Control, Location, ...)
    drip: float = 0.0  # seconds between the body's bytes, sent one at a time after the headers


def sample_store(folder: Path, *records: dict) -> str:
    """A store file in `folder` holding the sample corpus, the given JSONL `records` and, when
    ../shared is present, the seeds (published 2025-05-28, as the README shows); its path.
    Tests about the seeds ask for them with `shared_path` themselves."""
    import json

    from storyline.config import Settings
    from storyline.pipeline import ingest
    from storyline.record import Hints
    from storyline.sample import corpus_path
    from storyline.store import open_store

    db = str(folder / "store.duckdb")
    inputs = [str(corpus_path())]
    if records:
        extra = folder / "records.jsonl"
        extra.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        inputs.append(str(extra))
    settings = Settings({"db": db})
    with open_store(db) as store:
        ingest(inputs, store, settings=settings)
        seeds = SHARED / "seeds" / "articles"
        if seeds.is_dir():
            ingest([str(seeds)], store, settings=settings, hints=Hints(published="2025-05-28"))
    return db


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the page's text."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def hrefs(self) -> list[str]:
        return [a.get("href", "") for t, a in self.tags if t == "a"]

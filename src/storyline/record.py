"""The typed records that flow through the pipeline.

A reader yields a `RawDocument` (what it found, untouched); the clean stage turns it into an
`Article` (clean text, metadata, what was removed and why). Later stages add to the `Article`;
the store saves it. Nothing here imports a stage, the store or a face.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

METADATA_FIELDS = ("id", "url", "outlet", "published", "title", "language", "author")


@dataclass(frozen=True)
class Hints:
    """Metadata given alongside a document (front matter, sidecar, JSONL fields, feed entry,
    CLI flags). Every field may be missing; nothing here is guessed."""

    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime as given
    title: str | None = None
    language: str | None = None
    author: str | None = None

    def merged_over(self, fallback: Hints) -> Hints:
        """These hints, with gaps filled from `fallback`."""
        return Hints(**{f: getattr(self, f) or getattr(fallback, f) for f in METADATA_FIELDS})


class _Located:
    """What has an `origin` and a `locator` (a document as read, an article): where it came from."""

    origin: str
    locator: str | None

    @property
    def where(self) -> str:
        """Where it came from, as messages name it: the input, and the line or record inside it."""
        return self.origin + (f", {self.locator}" if self.locator else "")


@dataclass(frozen=True)
class RawDocument(_Located):
    """One article as a reader found it, before any cleaning."""

    origin: str  # the file path, URL or "<stdin>" the user gave
    name: str  # a short name the user can refer to: the file name, the JSONL id, the URL
    reader: str  # which reader produced it: "text", "html", "warc", "feed", "jsonl"
    format: str  # what `content` is: "html" or "text"
    content: str  # the decoded document
    raw: bytes  # exactly the bytes received for this document
    locator: str | None = None  # where inside `origin`: "line 12", "record 3", an entry id
    hints: Hints = field(default_factory=Hints)
    encoding: str | None = None  # how `raw` was decoded
    # a feed entry's summary, stored because its linked page could not be had: `content` is
    # the summary's HTML, cleaned as a whole (never judged as a page's boilerplate)
    summary_only: bool = False

    @property
    def key(self) -> str:
        """What identifies this document across re-runs: its URL, else the id it came with,
        else its name and content. Re-ingesting the same input gives the same key."""
        if self.hints.url:
            return "url:" + self.hints.url
        if self.hints.id:
            return "id:" + self.hints.id
        return "name:" + self.name + ":" + hashlib.sha1(self.raw).hexdigest()


@dataclass(frozen=True)
class Paragraph:
    """A block of the clean text: `text[start:end]`. `kind` is "body" or "heading"."""

    start: int
    end: int
    kind: str = "body"


@dataclass(frozen=True)
class Removed:
    """A part of the input the cleaner dropped, and why, so a user can audit it."""

    text: str
    reason: str
    line: int | None = None  # 1-based line in the input text, where known


@dataclass(frozen=True)
class Mention:
    """A name in the text: `text[start:end]`, typed, and linked to the article's entity."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, PLACE, NORP, ...
    entity: str | None = None  # the key of the Entity it refers to (see Entity.key)
    title: str | None = None  # the title or role written with this mention: "Russian Foreign Minister"
    country: str | None = None  # ISO 3166-1 alpha-3, where the text shows it
    sentence_start: int | None = None  # the sentence it is in: text[sentence_start:sentence_end]
    sentence_end: int | None = None


@dataclass(frozen=True)
class Entity:
    """One real person, organisation or place an article names, however often and however named."""

    key: str  # stable across articles for the same name: "person:sergei-lavrov", "place:istanbul"
    name: str  # the fullest name seen: "Sergei Lavrov"
    label: str  # PERSON, ORG, PLACE, NORP, ...
    country: str | None = None  # ISO 3166-1 alpha-3
    titles: tuple[str, ...] = ()  # every title or role the article gives it, in order
    aliases: tuple[str, ...] = ()  # every form the article uses: "Lavrov", "Sergei Lavrov"


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression, normalised TIMEX3-style against the publication date."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: "2025-06-02", "XXXX-06-02", "2022-03", "P4D", "PAST_REF", ...
    precision: str | None = None  # day, month, year, season, decade, ... (None for durations/sets)
    anchored: bool = False  # resolved against the publication date (or another date in the text)
    mod: str | None = None  # TIMEX3 mod: START ("early 2022"), END, MID, APPROX, BEFORE, AFTER, ...


@dataclass(frozen=True)
class Quote:
    """Something someone said: the content span, who said it, how (the cue) and where (channel)."""

    start: int  # content: text[start:end]
    end: int
    text: str
    direct: bool  # in quotation marks, or reported ("said that ...", "according to ...")
    speaker: str | None = None  # Entity.key of the speaker, where resolved
    speaker_text: str | None = None  # the words naming the speaker here ("he", "Lavrov")
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None  # "said", "wrote", "according to"
    cue_start: int | None = None
    cue_end: int | None = None
    channel: str | None = None  # Telegram, Facebook, statement, interview, press conference, ...


@dataclass(frozen=True)
class Actor:
    """Who acts, or is acted on, in an event: the words, the entity, its country and sector."""

    text: str
    start: int
    end: int
    entity: str | None = None  # Entity.key
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # PLOVER/POLECAT sector: GOV, MIL, REB, LEG, JUD, POL, BUS, CVL, ...


@dataclass(frozen=True)
class Event:
    """One PLOVER-coded action in one sentence, with its evidence."""

    type: str  # one of the 16 PLOVER event types: AGREE, CONSULT, ...
    sentence_start: int
    sentence_end: int
    trigger_start: int  # the words that name the action
    trigger_end: int
    sources: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()
    mode: str | None = None  # PLOVER mode, e.g. historical, future, hypothetical, negated, phone ...
    contexts: tuple[str, ...] = ()  # PLOVER contexts
    date: str | None = None  # TIMEX3-style value of when it happened (or will)
    date_precision: str | None = None
    place: str | None = None  # Entity.key of the place
    place_name: str | None = None
    place_country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    speaker: str | None = None  # Entity.key of who reported it, for reported speech
    confidence: float = 0.0
    date_source: str | None = None  # sentence, clause, context, tense or published (events/dating.py)


@dataclass
class Article(_Located):
    """An article after cleaning. Later stages add their readings to it."""

    id: str
    key: str
    name: str
    text: str  # the clean body: paragraphs and headings separated by blank lines
    paragraphs: list[Paragraph]
    removed: list[Removed]
    origin: str
    reader: str
    format: str
    raw: bytes
    locator: str | None = None
    encoding: str | None = None
    title: str | None = None
    dateline: str | None = None
    agency: str | None = None  # the news agency its dateline names: "SAN FRANCISCO (AP) —" → "AP"
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    published_from: str | None = None  # where the date came from: metadata, user, text, address (URL, file name)
    language: str | None = None  # ISO 639-1
    language_score: float | None = None
    duplicate_of: str | None = None  # the id of the earliest article with the same content
    external_id: str | None = None
    summary_only: bool = False  # the text is a feed entry's summary: its linked page could not be had
    # filled by the language-understanding stages (nlp/ runs them)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # filled by events/

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def sections(self) -> list[dict]:
        """The text split at headings: [{heading, start, end}], the lead section first
        (heading None)."""
        out: list[dict] = []
        current = {"heading": None, "start": 0, "end": 0}
        for p in self.paragraphs:
            if p.kind == "heading":
                if current["heading"] is not None or current["end"] > current["start"]:
                    out.append(current)
                current = {"heading": self.text[p.start : p.end], "start": p.end, "end": p.end}
            else:
                if current["end"] == current["start"] and current["heading"] is None:
                    current["start"] = p.start
                current["end"] = p.end
        if current["heading"] is not None or current["end"] > current["start"]:
            out.append(current)
        return out

    def paragraph_texts(self, kind: str | None = None) -> list[str]:
        return [self.text[p.start : p.end] for p in self.paragraphs if kind in (None, p.kind)]


def article_id(key: str) -> str:
    """A short stable id from a document's key."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


_SPACE = re.compile(r"\s+")


def normalise_for_hash(text: str) -> str:
    """Text as compared for exact duplicates: NFKC, case-folded, whitespace collapsed,
    typographic quotes and dashes made plain."""
    text = unicodedata.normalize("NFKC", text).casefold()
    for fancy, plain in _PLAIN_PUNCT:
        text = text.replace(fancy, plain)  # str.replace is far quicker than translate here
    return _SPACE.sub(" ", text).strip()


_PLAIN_PUNCT = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("—", "-"), ("–", "-"))


def content_hash(text: str) -> str:
    return hashlib.sha1(normalise_for_hash(text).encode("utf-8")).hexdigest()


def join_blocks(blocks: list[tuple[str, str]]) -> tuple[str, list[Paragraph]]:
    """Join (kind, text) blocks into one text with blank lines between, and the paragraphs'
    offsets into it."""
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for kind, block in blocks:
        block = block.strip()
        if not block:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(block)
        paragraphs.append(Paragraph(pos, pos + len(block), kind))
        pos += len(block)
    return "".join(parts), paragraphs


@dataclass
class Cleaned:
    """What a cleaner (HTML or plain text) makes of one document: the article's blocks, the
    metadata it could see, and everything it dropped with the reason."""

    blocks: list[tuple[str, str]]  # (kind, text): kind is "body" or "heading", in reading order
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    dateline: str | None = None  # the article's own first dateline, e.g. "MOSCOW"
    agency: str | None = None  # the agency in that dateline, e.g. "AP" of "SAN FRANCISCO (AP) —"
    outlet: str | None = None
    published: str | None = None  # ISO date, only from day-level evidence
    author: str | None = None
    url: str | None = None  # canonical URL, where the page gives one
    language: str | None = None  # as declared by the page, if at all

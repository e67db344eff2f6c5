"""Facts each article states, as comparable claims: numbers with what they count, titles of the
people it names, the day a meeting took place, quotes, and each sentence as a plain statement.

    Article ──► [Claim(kind, slot, value, Source(article, outlet, published, sentence, offsets))]

A claim's `slot` says what it is about ("number", "killed") or ("title", "person:einar-...");
two claims in one story with the same slot can agree, conflict or update each other (see
verdicts.py). Pure: reads Articles, no store, no spaCy.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..dates.words import WEEKDAYS
from ..record import Article
from .numbers import WORD_NUMBERS, NumberReading, readings

STOPWORDS = frozenset(
    """a an the and or but of in on at to for from by with as is was were be been being has have had
    it its their they them he she his her we our you i this that these those which who whom what when
    where while after before said says say told also than then there here not no into over about
    would will could can may might more most some such other one two three per""".split()
)
MEETING_WORDS = r"(?:talks|meeting|met|meet|round|summit|negotiations|session|conference)"
# a past event the text places elsewhere in time: the number is background, not this story's fact
_BACKGROUND_CUE = re.compile(r"\b(?:a|one|two|three) (?:week|month|year)s? (?:after|before|earlier)|\blast (?:week|month|year)'?s?\b|\byears? ago\b|\bprevious\b", re.I)


@dataclass(frozen=True)
class Source:
    """Where a claim is said: the article, its outlet and date, and the sentence with offsets."""

    article: str
    outlet: str | None
    published: str | None
    sentence: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {
            "article": self.article,
            "outlet": self.outlet,
            "published": self.published,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Claim:
    """One thing one article says. `value` is comparable within the slot; `shown` is for people."""

    kind: str  # number, title, date, quote, statement
    slot: tuple
    value: object
    shown: str
    source: Source
    words: frozenset[str] = field(default_factory=frozenset)  # content stems of the sentence
    reading: NumberReading | None = None


_STEM_WORD = re.compile(r"[^\W\d_]+")


# cached: a story's copies and wire versions repeat the same sentences, and every kind of claim
# asks for the stems of the sentence it sits in (the value is an immutable frozenset)
@lru_cache(maxsize=16384)
def stems(text: str) -> frozenset[str]:
    """Content words, folded to a five-letter stem: 'approval' and 'approved' meet."""
    return frozenset(w[:5] for w in _STEM_WORD.findall(text.lower()) if len(w) > 2 and w not in STOPWORDS)


def article_claims(article: Article) -> list[Claim]:
    """Every claim the article makes, in text order within each kind."""
    sentences = _Sentences(article)
    claims: list[Claim] = []
    for (start, _), text, source, words in zip(sentences.spans, sentences.texts, sentences.sources, sentences.words):
        claims.append(Claim("statement", ("statement",), words, source.sentence, source, words))
        for reading in readings(text):
            if _background(article, text, start, reading):
                continue
            shown = (reading.text + ("%" if reading.unit == "%" else ""))
            claims.append(Claim("number", ("number", reading.measure), reading.value, shown, source, words, reading))
    claims.extend(_entity_claims(article, sentences))
    claims.extend(_title_claims(article, sentences))
    claims.extend(_meeting_dates(article, sentences))
    claims.extend(_phrase_claims(article, sentences))
    claims.extend(_quote_claims(article, sentences))
    return claims


def _sentences(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return list(article.sentences)
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", article.text) if m.group().strip()]


class _Sentences:
    """The article's sentences, each with its Source and stems, built once per article: every
    kind of claim reads them (a statement per sentence; the sentence a mention, date or quote
    sits in)."""

    def __init__(self, article: Article):
        self.article = article
        self.spans = _sentences(article)
        text = article.text
        self.texts = [text[s:e] for s, e in self.spans]
        self.sources = [Source(article.id, article.outlet, article.published, t.strip(), s, e) for t, (s, e) in zip(self.texts, self.spans)]
        self.words = [stems(t) for t in self.texts]
        self._starts = [s for s, _ in self.spans]
        # spans in order and apart (what the parser gives): bisection finds the one holding an
        # offset; otherwise a scan finds the first that does
        self._ordered = all(s <= e for s, e in self.spans) and all(
            self.spans[i][1] <= self.spans[i + 1][0] for i in range(len(self.spans) - 1)
        )

    def index_at(self, start: int) -> int | None:
        """The first sentence holding offset `start`, or None."""
        if self._ordered:
            i = bisect_right(self._starts, start) - 1
            return i if i >= 0 and start < self.spans[i][1] else None
        return next((i for i, (s, e) in enumerate(self.spans) if s <= start < e), None)

    def at(self, start: int, end: int) -> tuple[Source, frozenset[str]]:
        """The Source and stems of the sentence holding `start` (the span itself when none does)."""
        i = self.index_at(start)
        if i is not None:
            return self.sources[i], self.words[i]
        a = self.article
        source = Source(a.id, a.outlet, a.published, a.text[start:end].strip(), start, end)
        return source, stems(source.sentence)


def _background(article: Article, sentence: str, offset: int, reading: NumberReading) -> bool:
    """A number about another, earlier event: 'a week after a magnitude 6.1 earthquake ... killed
    at least 25', 'the earthquakes of February 2023, which killed more than 50,000'."""
    if _BACKGROUND_CUE.search(sentence[: reading.start]):
        return True
    year = (article.published or "")[:4]
    for d in article.dates:
        if offset <= d.start < offset + len(sentence) and d.type == "DATE" and d.start - offset < reading.start:
            if year and d.value[:4].isdigit() and d.value[:4] < year:
                return True
    return False


def _entity_claims(article: Article, sentences: _Sentences) -> list[Claim]:
    """Places and organisations the article names, each sentence naming one: 'Pütürge',
    'Kafue Copper Holdings'. Two outlets naming the same place corroborate that it is part of
    the story (the epicentre near Pütürge, the mine's operator)."""
    out, seen = [], set()
    for m in article.mentions:
        if m.label not in ("PLACE", "ORG") or not m.entity or (m.entity, m.sentence_start) in seen:
            continue
        seen.add((m.entity, m.sentence_start))
        source, words = sentences.at(m.start, m.end)
        out.append(Claim("entity", ("entity", m.entity), m.entity, m.text, source, words))
    return out


_EXCLUSIVE = ("former", "ex", "deputy", "vice", "acting", "interim", "outgoing", "incoming", "late", "assistant")


def _title_claims(article: Article, sentences: _Sentences) -> list[Claim]:
    out, seen = [], set()
    for m in article.mentions:
        if not (m.title and m.entity and m.entity.startswith("person:")):
            continue
        key = (m.entity, m.title.lower())
        if key in seen:
            continue
        seen.add(key)
        source, words = sentences.at(m.start, m.end)
        out.append(Claim("title", ("title", m.entity), title_parts(m.title), m.title, source, words))
    return out


def title_parts(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """(role words, exclusive qualifiers): 'former U.S. President' → ({'president'}, {'former'}).
    Country words ('U.S.', "Iceland's", 'Icelandic') are detail, not role."""
    words = re.findall(r"[\w.’'-]+", title)
    role, quals = set(), set()
    for i, w in enumerate(words):
        low = w.lower().rstrip(".").replace("’", "'")
        if low.rstrip("-") in _EXCLUSIVE or low.startswith("ex-"):
            quals.add(low.rstrip("-").split("-")[0])
            if low.startswith("ex-") and len(low) > 3:
                role.add(low[3:])
            continue
        if low.endswith("'s") or "." in w.rstrip(".") or (w[:1].isupper() and re.search(r"(ian|ic|ish|ese|i|an)$", low) and i < len(words) - 1):
            continue  # country or nationality: "Iceland's", "U.S.", "Icelandic", "Russian"
        if low in STOPWORDS:
            continue
        role.add(low)
    return frozenset(role), frozenset(quals)


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d$")
_ON = re.compile(r"\s+on\s+")
_MEETING_LEAD = re.compile(MEETING_WORDS + r"\b[^,.;]*\bin\s+$", re.I)


def _meeting_dates(article: Article, sentences: _Sentences) -> list[Claim]:
    """'talks in Bergen on April 8', 'the meeting in Bergen on April 9': the day a meeting at a
    place took place. Slot: the place."""
    out = []
    text = article.text
    places = [m for m in article.mentions if m.label == "PLACE" and m.entity]
    for d in article.dates:
        if d.type != "DATE" or d.precision != "day" or not _DAY_VALUE.match(d.value):
            continue
        for place in places:
            # the text between the place and the date is " on " (matched in place, not sliced)
            if place.end > d.start or not _ON.fullmatch(text, place.end, d.start):
                continue
            lead = text[max(0, place.start - 60) : place.start]
            if not _MEETING_LEAD.search(lead):
                continue
            source, words = sentences.at(d.start, d.end)
            out.append(Claim("date", ("date", place.entity), d.value, f"{place.text} on {d.text} ({d.value})", source, words))
    return out


def _quote_claims(article: Article, sentences: _Sentences) -> list[Claim]:
    out = []
    for q in article.quotes:
        if not q.speaker:
            continue
        source, _ = sentences.at(q.start, q.end)
        words = stems(q.text)
        out.append(Claim("quote", ("quote", q.speaker), words, q.text, source, words))
    return out


# the day something ends: "closed in Nairobi on Thursday", "the close of the forum on Thursday",
# "ends on Thursday"; a past-tense verb points back from the publication day, any other form ahead
_END_DAY = re.compile(
    r"(?<![\w-])(?:(?P<past>closed|ended|concluded|wrapped up|finished)|clos(?:e|es|ing)|ends?|conclud(?:e|es|ing)|wraps? up|finish(?:es|ing)?)\b"
    r"[^.;:!?]{0,40}?\bon (?P<day>" + "|".join(w.capitalize() for w in WEEKDAYS) + r")\b"
)
# where an event was centred: "epicentre near the district of Pütürge", "centred in the Pütürge
# district", "centred near Pütürge"
_CENTRE = re.compile(
    r"\b(?:epicent(?:re|er)|cent(?:red|ered))\s+(?:near|in|at|on|around|close to)\s+(?:the\s+)?"
    r"(?:(?:district|town|city|village|province|region|county|area)\s+of\s+)?"
    r"(?P<name>[A-Z\u00c0-\u00de][\w'\u2019-]*(?:\s+[A-Z\u00c0-\u00de][\w'\u2019-]*)*)"
)
# a term: "would be reviewed in three years", "a review after three years"
_PERIOD = re.compile(
    r"\b(?P<head>[a-z]{3,})\s+(?:in|after|within|every)\s+(?P<n>\d+|" + "|".join(WORD_NUMBERS) + r")\s+(?P<unit>day|week|month|year)s?\b",
    re.I,
)


_PERIOD_UNITS = ("day", "week", "month", "year")


def fold(text: str) -> str:
    """'Pütürge' and 'Puturge' meet; case and accents are spelling, not meaning."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()


def _phrase_claims(article: Article, sentences: _Sentences) -> list[Claim]:
    """Facts told in set phrases rather than as numbers or names: the day something ends, where an
    event was centred, and a term ('reviewed in three years'). Slots: ('end',), ('centre',),
    ('period', head stem)."""
    out = []
    published = _day(article.published)
    for text, source, words in zip(sentences.texts, sentences.sources, sentences.words):
        ends, centres, periods = _phrases_in(text)
        if published:
            for weekday, past in ends:
                wd = WEEKDAYS[weekday.lower()]
                if past:
                    day = published - timedelta(days=(published.weekday() - wd) % 7)
                else:
                    day = published + timedelta(days=(wd - published.weekday()) % 7)
                out.append(Claim("phrase", ("end",), day.isoformat(), weekday, source, words))
        for name in centres:
            out.append(Claim("phrase", ("centre",), fold(name), name, source, words))
        for head, value, shown in periods:
            out.append(Claim("phrase", ("period", head[:5]), value, shown, source, words))
    return out


# cached like stems: the set phrases of one sentence text (the weekday of an end and whether it
# is told in the past; each centre's name; each term's head word, value and words)
@lru_cache(maxsize=16384)
def _phrases_in(text: str) -> tuple[tuple, tuple, tuple]:
    # each pattern runs only where the words it needs are: a weekday name (all end in 'day'),
    # 'cent' (both patterns case-sensitive), a unit of time (_PERIOD ignores case: checked so
    # on ASCII text only)
    ends = tuple((m.group("day"), bool(m.group("past"))) for m in _END_DAY.finditer(text)) if "day" in text else ()
    centres = tuple(m.group("name") for m in _CENTRE.finditer(text)) if "cent" in text else ()
    periods = []
    if not text.isascii() or any(unit in text.lower() for unit in _PERIOD_UNITS):
        for m in _PERIOD.finditer(text):
            head = m.group("head").lower()
            if head in STOPWORDS:
                continue
            n = m.group("n").lower()
            value = (int(n) if n.isdigit() else WORD_NUMBERS[n], m.group("unit").lower())
            periods.append((head, value, text[m.start("n") : m.end()]))
    return ends, centres, tuple(periods)


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None

"""The plain-text cleaner: from a scraped text file to the article's blocks and metadata.

Decisions are made line by line from what a reader can see (see `lines.py`): length,
punctuation, stopword density, position, widget phrases, teaser lists after markers such as
"Related", template residue, and lines repeated across many documents of one site
(`find_repeated_lines`, CCNet-style, when a corpus is ingested together). It also reads the
headline, the dateline, an outlet line ("Source: ...", "Reference(s): ..."), a byline and a
day-level publication date from metadata-like lines, and splits a Title-Case heading a scraper
glued onto the end of a sentence. Every dropped line is kept in `removed` with its reason.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..record import Cleaned, Removed
from .datelines import DATELINE, find_dateline, is_bare_dateline, join_bare_dateline
from .language import detect_language
from .line_model import revise
from .lines import (
    TEASER_MARKER,
    LineFeatures,
    classify,
    features,
    line_score,
    main_regions,
    stopwords,
)
from .titles import split_site_suffix

# --- metadata lines -------------------------------------------------------------------------

_DATE_LABEL = (
    r"(?:published|posted|date|dated|updated|last updated|first published|"
    r"veröffentlicht|aktualisiert|datum|publié|mis à jour|publicado|actualizado|fecha|"
    r"pubblicato|data)"
)
_DATE_LINE = re.compile(rf"^{_DATE_LABEL}(?:\s+on)?\s*[:\-–—]?\s*(?P<value>.*)$", re.I)
_EMPTY_LABEL = re.compile(
    r"^(?:date|release date|published|posted|updated|author|by|source|tags?|categories|category|"
    r"filed under|time|location|datum|autor|quelle|fecha|autor|date de publication)\s*:\s*$",
    re.I,
)
_OUTLET_LINE = re.compile(
    r"^(?:reference\(s\)|references?|source\(s\)|sources?|via|quelle|quellen|fuente|source)"
    r"\s*:\s*(?P<value>.*)$",
    re.I,
)
BYLINE = re.compile(
    r"^(?i:by|written by|von|par|por|di)\s+"
    r"(?P<name>[A-ZÀ-Þ][\w.'’-]+(?:\s+(?:[A-ZÀ-Þ][\w.'’-]+|van|von|de|da|del|der|la|le|bin|al)){0,4})"
    r"(?:\s*(?:,|\||and|\bin\b|—|–|-)\s*.*)?$"
)
_TEMPLATE = re.compile(r"^(?:\{\{.*\}\}|\{%.*%\}|\$\{.*\}|%[A-Z_]+%|\w+_(?:img|placeholder)(?:\w+_img)*)$")

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan", "januar", "janvier", "enero", "gennaio", "janeiro"),
            ("february", "feb", "februar", "février", "febrero", "febbraio", "fevereiro"),
            ("march", "mar", "märz", "mars", "marzo", "março"),
            ("april", "apr", "avril", "abril", "aprile"),
            ("may", "mai", "mayo", "maggio", "maio"),
            ("june", "jun", "juni", "juin", "junio", "giugno", "junho"),
            ("july", "jul", "juli", "juillet", "julio", "luglio", "julho"),
            ("august", "aug", "août", "agosto"),
            ("september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro"),
            ("october", "oct", "oktober", "octobre", "octubre", "ottobre", "outubro"),
            ("november", "nov", "novembre", "noviembre", "novembro"),
            ("december", "dec", "dezember", "décembre", "diciembre", "dicembre", "dezembro"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_FORMS = [
    re.compile(r"(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:[T ][\d:.+\-Z]*)?"),
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    re.compile(rf"{_DAY}\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?{_YEAR}"),
    re.compile(r"(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d{2})"),
]
_WEEKDAY = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|"
    r"sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\w*\.?,?\s+",
    re.I,
)
_TIME_TAIL = re.compile(r"(?:\s*(?:,|at|um|à|-|–|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\s*(?:uhr)?)?\s*$", re.I)

# --- datelines and headings ------------------------------------------------------------------

_SMALL_WORDS = frozenset(
    "a an and at by for from in of on or the to under with vs via over into about after "
    "before between".split()
)
_CAPITALISED = re.compile(r"^[A-ZÀ-Þ0-9][\w’'&.-]*,?$")


def line_key(line: str) -> str:
    """The form under which a line is compared across documents (as CCNet does): NFKC,
    case-folded, punctuation dropped, whitespace collapsed. Unlike CCNet, digits are kept, so
    "part 1" and "part 2" of a series stay different lines."""
    line = unicodedata.normalize("NFKC", line).casefold()
    line = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in line)
    return " ".join(line.split())


# A repeated line longer than this is kept: the site may well reprint a real paragraph.
_REPEATED_MAX_WORDS = 25


def _generic(line: str) -> bool:
    """Short enough to be a site's furniture: a few words, or a label that is not a sentence.
    A sentence of prose is never dropped for being repeated (a wire story reprinted)."""
    words = len(line.split())
    if not words or words > _REPEATED_MAX_WORDS:
        return False
    return words <= 6 or line.rstrip()[-1] not in ".!?\"”’"


def find_repeated_lines(texts: Iterable[str], min_docs: int = 3) -> frozenset[str]:
    """Keys (`line_key`) of the short lines found in at least `min_docs` of `texts`: a site's
    menus, footers and widget labels when its articles are ingested together."""
    counts: Counter[str] = Counter()
    for text in texts:
        keys = {line_key(line) for line in text.splitlines() if _generic(line)}
        counts.update(keys)
    return frozenset(k for k, n in counts.items() if n >= min_docs)


def clean_text(
    text: str,
    *,
    repeated_lines: frozenset[str] = frozenset(),
    language: str | None = None,
    line_model: bool | Mapping[str, float] = True,
) -> Cleaned:
    """The article in a plain text: body and heading blocks, metadata, and what was dropped.
    `line_model` revises the main-text choice line by line with the shipped model
    (`line_model.py`), or with the weights given; False leaves the main regions' choice."""
    removed: list[Removed] = []
    meta: dict[str, str] = {}
    pieces = _pieces(text, repeated_lines, language, removed, meta)
    if not pieces:
        return Cleaned(blocks=[], removed=removed)
    table = line_table(pieces, _stops(text, language))
    feats, keep, reasons = table.feats, table.keep, table.reasons
    if line_model is not False:
        revise(table, None if line_model is True else line_model)
    _edges(table)

    # 3. The headline: a heading-like line just before the first good text.
    title_at = _find_title(pieces, feats, keep)
    title = pieces[title_at][1] if title_at is not None else None
    title, outlet = split_site_suffix(title, meta.get("outlet"))

    blocks: list[tuple[str, str]] = []
    for i, (lineno, line, glued) in enumerate(pieces):
        if i == title_at:
            continue
        if not keep[i]:
            removed.append(Removed(line, reasons[i] or "outside main text", lineno))
            continue
        kind = "heading" if glued or _is_heading(i, feats, keep) else "body"
        blocks.append((kind, line))

    blocks = join_bare_dateline(blocks)
    dateline, agency = find_dateline(blocks)

    removed.sort(key=lambda r: r.line or 0)
    return Cleaned(
        blocks=blocks,
        removed=removed,
        title=title,
        dateline=dateline,
        agency=agency,
        outlet=outlet,
        published=meta.get("published"),
        author=meta.get("author"),
    )


def text_table(text: str, *, language: str | None = None) -> LineTable:
    """The line table of a plain text before the line model: what `build_line_model` learns from."""
    pieces = _pieces(text, frozenset(), language, [], {})
    return line_table(pieces, _stops(text, language))


def _stops(text: str, language: str | None) -> frozenset[str]:
    return stopwords(language or detect_language(text, min_score=0.0)[0])


def _pieces(
    text: str,
    repeated_lines: frozenset[str],
    language: str | None,
    removed: list[Removed],
    meta: dict[str, str],
) -> list[tuple[int, str, bool]]:
    """(line number, text, split-off heading) of each line left after the lines judged alone
    (into `removed`; metadata into `meta`) and glued headings split off."""
    units = _units(text)

    # 1. Lines judged alone: residue, site-wide repeats, metadata, outlet lines.
    kept: list[tuple[int, str]] = []
    first_prose = next((i for i, (_, line) in enumerate(units) if _is_prose(line)), len(units))
    skip_next = False
    for idx, (lineno, line) in enumerate(units):
        if skip_next:
            skip_next = False
            continue
        reason = _line_reason(line, idx, units, repeated_lines, meta, first_prose)
        if reason == "outlet line+next":
            removed.append(Removed(line, "outlet line", lineno))
            nxt_no, nxt = units[idx + 1]
            removed.append(Removed(nxt, "outlet line", nxt_no))
            skip_next = True
        elif reason:
            removed.append(Removed(line, reason, lineno))
        else:
            kept.append((lineno, line))

    # 2. Glued headings split off before classification, so each part is judged as itself.
    pieces: list[tuple[int, str, bool]] = []  # (line, text, split-off heading)
    for lineno, line in kept:
        split = _split_glued_heading(line)
        if split:
            pieces.append((lineno, split[0], False))
            pieces.append((lineno, split[1], True))
        else:
            pieces.append((lineno, line, False))

    return pieces


@dataclass
class LineTable:
    """The cleaner's view of a text's lines before the line model: each line's features and
    context-free class, its score, the main regions, and the keep decision with its reasons."""

    pieces: list[tuple[int, str, bool]]
    feats: list[LineFeatures]
    raw: list[str]
    scores: list[float]
    regions: list[tuple[int, int]]
    keep: list[bool]
    reasons: list[str]


def line_table(pieces: list[tuple[int, str, bool]], stops: frozenset[str]) -> LineTable:
    """Classify and score each line, pick the main regions (`main_regions`), and keep the
    lines in them that are not clutter."""
    feats = [features(t, stops) for _, t, _ in pieces]
    raw = [classify(f) for f in feats]
    reasons = [f.clutter or "" for f in feats]  # a clutter line says what it is, in or out of the text
    _mark_teasers(feats, raw, reasons)
    scores = [line_score(f, c) for f, c in zip(feats, raw)]
    keep = [False] * len(pieces)
    regions = main_regions(scores)
    for start, end in regions:
        for i in range(start, end + 1):
            f = feats[i]
            if f.clutter:
                reasons[i] = f.clutter
            elif f.widget or f.marker or f.copyright:
                reasons[i] = "widget" if not f.copyright else "copyright"
            elif raw[i] == "bad":
                reasons[i] = reasons[i] or "boilerplate"
            else:
                keep[i] = True
    return LineTable(pieces, feats, raw, scores, regions, keep, reasons)


def _edges(table: LineTable) -> None:
    """What the kept text pulls in at its edges: a short closing sentence after it, a bare
    dateline above its lead, and a heading split off a kept line."""
    pieces, feats, raw, keep = table.pieces, table.feats, table.raw, table.keep
    ends = [i for i in range(len(pieces) - 1) if keep[i] and not keep[i + 1]]
    for i in ends:
        if _closing_sentence(feats[i + 1], raw[i + 1]):
            keep[i + 1] = True
    for i in range(len(pieces) - 1):
        if not keep[i] and keep[i + 1] and is_bare_dateline(pieces[i][1]):
            keep[i] = True  # "SAN FRANCISCO (AP) —" on a line of its own opens the lead
    for i, (_, _, glued) in enumerate(pieces):
        if glued and i > 0 and keep[i - 1]:
            keep[i] = True


# --- units -----------------------------------------------------------------------------------


def _units(text: str) -> list[tuple[int, str]]:
    """(1-based line number, text) of each paragraph: a non-blank line, or a blank-separated
    group of lines when the text is hard-wrapped."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if _hard_wrapped(lines):
        units: list[tuple[int, str]] = []
        start, group = 0, []
        for n, line in enumerate(lines, start=1):
            if line:
                if not group:
                    start = n
                group.append(line)
            elif group:
                units.append((start, " ".join(group)))
                group = []
        if group:
            units.append((start, " ".join(group)))
        return units
    return [(n, line) for n, line in enumerate(lines, start=1) if line]


def _hard_wrapped(lines: list[str]) -> bool:
    if "" not in lines:
        return False
    followed = [a for a, b in zip(lines, lines[1:]) if a and b]
    if len(followed) < 3:
        return False
    median = statistics.median(len(a) for a in followed)
    ended = sum(1 for a in followed if a[-1] in ".!?:\"”") / len(followed)
    return 50 <= median <= 100 and ended < 0.5


# --- single-line decisions -------------------------------------------------------------------


def _line_reason(
    line: str,
    idx: int,
    units: list[tuple[int, str]],
    repeated_lines: frozenset[str],
    meta: dict[str, str],
    first_prose: int,
) -> str | None:
    """Why a line is dropped on its own, or None. Metadata lines (outlet, date, byline) are
    read before site-wide repeats, since a site repeats their labels on every page."""
    if _EMPTY_LABEL.match(line) or _TEMPLATE.match(line):
        return "template residue"
    near_top = idx < 12 or idx < first_prose
    near_end = idx >= len(units) - 6
    words = len(line.split())
    if words <= 12:
        m = _OUTLET_LINE.match(line)
        if m and (near_end or near_top):
            value = m.group("value").strip()
            if not value and idx + 1 < len(units) and len(units[idx + 1][1].split()) <= 6:
                meta.setdefault("outlet", units[idx + 1][1].strip(" ."))
                return "outlet line+next"
            if value and len(value.split()) <= 6:
                meta.setdefault("outlet", value.strip(" ."))
                return "outlet line"
        m = _DATE_LINE.match(line)
        if m and near_top:
            day = parse_day(m.group("value"))
            if day:
                meta.setdefault("published", day)
                return "metadata"
        if near_top and words <= 8:
            day = _standalone_date(line)
            if day:
                meta.setdefault("published", day)
                return "metadata"
            m = BYLINE.match(line)
            if m:
                meta.setdefault("author", m.group("name").strip())
                return "byline"
    # a repeated "Related" still opens a teaser list: the teaser pass must see it
    if repeated_lines and line_key(line) in repeated_lines and not TEASER_MARKER.match(line):
        return "repeated across site"
    return None


def _closing_sentence(f: LineFeatures, cls: str) -> bool:
    """A short finished sentence right after the main text: its last paragraph, which a list of
    names ("Ingrid Dahl, Lars Berg and Tomas Lind signed for Norway.") leaves short of
    stopwords. Never a widget, a credit or a cut-off teaser."""
    return (
        cls == "short" and f.sentence_end and not f.truncated and not f.clutter and f.words >= 4
        and sum(1 for w in f.text.split() if w[:1].islower()) >= 1
    )


def _is_prose(line: str) -> bool:
    """A full sentence or more: where an article's own text (not its header) begins."""
    return len(line.split()) >= 15 and line.rstrip()[-1:] in ".!?\"”’"


def parse_day(value: str) -> str | None:
    """An ISO date from text that names a day, month and year; None for anything less."""
    for form in _DATE_FORMS:
        m = form.search(value)
        if not m:
            continue
        parts = m.groupdict()
        if parts.get("mnum"):
            month = int(parts["mnum"])
        else:
            month = _MONTHS.get(parts["month"].casefold().rstrip("."), 0)
        day, year = int(parts["day"]), int(parts["year"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _standalone_date(line: str) -> str | None:
    """A line that is a full date and nothing else ("May 28, 2025", "Thursday, 31. May 2012")."""
    rest = _WEEKDAY.sub("", line.strip())
    for form in _DATE_FORMS:
        m = form.match(rest)
        if m and not _TIME_TAIL.sub("", rest[m.end():]).strip():
            return parse_day(m.group(0))
    return None


def _mark_teasers(feats: list[LineFeatures], classes: list[str], reasons: list[str]) -> None:
    """After a marker such as "Related" that follows some prose, lines are teasers until
    prose resumes. A marker above all prose (a menu's "Trending") starts nothing. A teaser
    often opens with its own story's dateline ("PORTO, Feb. 26 —"): that is never the
    article resuming, since only the article's first dateline is its own."""
    teasing = False
    seen_prose = False
    for i, f in enumerate(feats):
        if f.marker:
            teasing = seen_prose
            continue
        prose = classes[i] == "good" or (
            classes[i] == "neargood" and f.sentence_end and not f.truncated
        )
        if not teasing:
            seen_prose = seen_prose or prose
            continue
        if prose and not DATELINE.match(f.text):
            teasing = False
            continue
        classes[i] = "bad"
        reasons[i] = reasons[i] or "teaser"


def _is_heading(i: int, feats: list[LineFeatures], keep: list[bool]) -> bool:
    f = feats[i]
    if not f.heading_like or f.words > 15 or f.chars >= 120:
        return False
    nxt = next((j for j in range(i + 1, len(keep)) if keep[j]), None)
    return nxt is not None and feats[nxt].chars > f.chars and not feats[nxt].heading_like


def _find_title(pieces: list[tuple[int, str, bool]], feats: list[LineFeatures], keep: list[bool]) -> int | None:
    first_good = next(
        (i for i, k in enumerate(keep) if k and not feats[i].heading_like), None
    )
    if first_good is None:
        return None
    for i in range(first_good - 1, max(-1, first_good - 4), -1):
        f = feats[i]
        if f.widget or f.marker or pieces[i][2]:
            return None
        if is_bare_dateline(f.text):
            continue
        if f.heading_like and 3 <= f.words <= 25 and (f.title_case or f.words >= 5):
            return i
        if i == 0 and f.heading_like and 2 <= f.words <= 25 and f.text[:1].isupper():
            return i  # the text's first line, above its prose: a headline in sentence case
    return None


def _split_glued_heading(line: str) -> tuple[str, str] | None:
    """("...a formal response from", "Ceasefire Frameworks Under Discussion") for a sentence
    that runs straight into a Title-Case heading, or ("...the country.", "Rebuilding Under Way,
    But Slowly") for a heading glued after a finished sentence; None for an ordinary line. A
    line ending in sentence punctuation, or a run of fewer than three capitalised words (a
    name), stays."""
    if not line or line[-1] in ".!?:;,\"”’)]…" or len(line) > 1500:
        return None
    words = line.split()
    if len(words) < 8:
        return None
    j = len(words)
    while j > 0 and (_CAPITALISED.match(words[j - 1]) or words[j - 1] in _SMALL_WORDS) and not _ends_sentence(words[j - 1]):
        j -= 1
    while j < len(words) and words[j] in _SMALL_WORDS:
        j += 1
    run = words[j:]
    capitalised = [w for w in run if _CAPITALISED.match(w)]
    if len(run) < 3 or len(capitalised) < 3 or len(run) > 10 or j < 5:
        return None
    before = words[j - 1]
    after_sentence = before[-1] in ".!?\"”’" and all(_CAPITALISED.match(w) or w in _SMALL_WORDS for w in run)
    if not after_sentence and (not before[:1].islower() or before[-1] in ".!?:;"):
        return None
    head = " ".join(words[:j])
    # The text before must read as a sentence in progress, with its own lower-case words.
    if sum(1 for w in words[:j] if w[:1].islower()) < 3:
        return None
    return head, " ".join(run)


def _ends_sentence(word: str) -> bool:
    """"Monday." ends a sentence; "U.S." and "St." do not."""
    return word.endswith(".") and "." not in word[:-1] and len(word) > 4

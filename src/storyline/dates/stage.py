"""The dates stage: find the temporal expressions of a text and normalise them TIMEX3-style
against the publication date.

    text ──rules (rules.py, relative.py)──► spans ──longest first──► values in reading order

Each rule both recognises an expression and values it; a value may depend on what the text said
before (the quarter a report is about, the day just named) and on the tense of the clause
("will meet on June 2" looks forward, "met on May 16" back). Without a reference date no year is
invented: "June 2" stays XXXX-06-02.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..record import Article, TimeExpression
from . import relative  # noqa: F401 - registers its rules into RULES
from .regex_starts import StartIndex
from .rules import RULES, lower_as_ignorecase
from .timex import Context, Reading, ref_date

__all__ = ["find_dates", "find_time_expressions", "load_rules", "read_time_expressions"]


def find_dates(article: Article, doc=None) -> Article:
    """The article with `dates` filled from its text, read against its publication date."""
    return replace(article, dates=find_time_expressions(article.text, article.published, doc))


def find_time_expressions(text: str, reference: str | None, doc=None) -> list[TimeExpression]:
    """Every temporal expression in `text`, in order, valued against `reference` (an ISO date
    or datetime; None keeps values partial). `doc`, a spaCy parse of `text`, gives sentence
    bounds where present."""
    return [
        TimeExpression(start, end, text[start:end], r.type, r.value, r.precision, r.anchored, r.mod)
        for start, end, r in read_time_expressions(text, reference, doc)
    ]


def read_time_expressions(text: str, reference: str | None, doc=None) -> list[tuple[int, int, Reading]]:
    """(start, end, Reading) for each expression: the full reading, modifier included."""
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc is not None else _sentences(text)
    ctx = Context(ref_date(reference), text, _tense_finder(text, sentences))
    out = []
    for start, end, handler, match in _spans(text):
        ctx.pos = start
        reading = handler(match, ctx)
        if reading is None:
            continue
        ctx.remember(reading)
        out.append((start, end, reading))
    return out


def _spans(text: str):
    """The matches of every rule, longest first, that do not overlap a longer one or cross a
    paragraph break; in text order."""
    found = []
    lowered = lower_as_ignorecase(text)
    index = _start_index()
    places = None
    for order, r in enumerate(RULES):
        if not r.possible(text, lowered):
            continue  # none of the words its every match needs: no scan (same result, cheaper)
        # each rule tried only where its first letters are (regex_starts): r.pattern.finditer's matches
        places = places or index.places(text)
        for m in index.finditer(order, text, places):
            start, end = m.span()
            while end > start and text[end - 1] in " \t\n,":
                end -= 1
            if end > start and "\n\n" not in text[start:end]:
                found.append((start, end, order, r.value, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for start, end, _order, handler, m in found:
        if any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, handler, m))
    chosen.sort(key=lambda c: c[0])
    return chosen


_INDEX: list[StartIndex] = []


def load_rules() -> None:
    """Build the rules' start index now (about 0.2 s): the nlp stage calls it when it loads the
    model, so the first article's dates cost what every other's do."""
    _start_index()


def _start_index() -> StartIndex:
    """The rules' StartIndex, built once (again if a rule was registered since)."""
    if not _INDEX or len(_INDEX[0].patterns) != len(RULES):
        _INDEX[:] = [StartIndex([r.pattern for r in RULES])]
    return _INDEX[0]


# -- sentences and tense ------------------------------------------------------------------

_ABBREV = re.compile(r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Inc|Corp|Co|Ltd|No|vs|Lt|Col|Capt|Prof|Jr|Sr)|\b[A-Z]|[ap]\.m)\.$")
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘'(]?[A-Z0-9])|\n+")


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if text[m.start()] == "." and _ABBREV.search(text[max(0, m.start() - 6) : m.start() + 1]):
            continue
        out.append((start, m.start() + 1))
        start = m.end()
    out.append((start, len(text)))
    return out


_FUTURE = {"will", "'ll", "shall", "wo", "won't", "would", "'d", "going", "gonna", "plans", "plan",
           "planned", "planning", "scheduled", "expects", "expected", "expect", "set", "due",
           "upcoming", "next", "intends", "intend", "aims", "hopes", "proposes", "proposed",
           "slated", "until", "tomorrow", "coming", "soon", "could", "may", "might"}  # fmt: skip
_STRONG_FUTURE = {"will", "'ll", "shall", "wo", "won't", "would", "going", "gonna", "scheduled",
                  "slated", "next", "tomorrow", "upcoming"}  # fmt: skip
_PRESENT = {"is", "are", "am", "'s", "'re"}
_PAST = {"was", "were", "had", "did", "ago", "last", "yesterday", "earlier", "since", "has", "have",
         "met", "held", "took", "made", "began", "came", "went", "gave", "left", "fell", "rose",
         "won", "lost", "sold", "bought", "found", "saw", "hit", "struck", "spoke", "became",
         "brought", "built", "caught", "chose", "drew", "drove", "felt", "fought", "flew", "got",
         "grew", "heard", "kept", "knew", "led", "paid", "ran", "sent", "shot", "sat", "stood",
         "taught", "thought", "threw", "wrote", "broke", "spent", "won", "froze", "swore", "quit",
         "slid", "sank", "slumped", "ended", "closed"}  # fmt: skip
_NOT_PAST = {"said", "told", "added", "stated", "noted", "explained", "according", "need",
             "speed", "seed", "feed", "bed", "red", "shed", "hundred", "united", "indeed",
             "proceed", "exceed", "succeed", "based", "limited", "related", "called", "red",
             "so-called", "talked", "asked", "reported", "announced", "confirmed", "expected",
             "scheduled", "planned", "proposed", "owned", "listed", "traded", "interested"}  # fmt: skip
_WORD = re.compile(r"[A-Za-z']+")
_NEXT_TO = re.compile(r"\bnext to\b", re.I)
_REPORTING = {"said", "told", "announced", "reported", "added", "stated", "confirmed", "noted",
              "met", "spoke", "released", "issued", "declared", "disclosed"}  # fmt: skip


def _tense_finder(text: str, sentences: list[tuple[int, int]]):
    """A function giving the tense ("past", "present", "future" or None) of the clause around
    a span: the nearest tense cue on the left within its sentence, else on the right."""
    bounds = sentences

    def tense_at(start: int, end: int, strong: bool = False) -> str | None:
        lo, hi = 0, len(text)
        for a, b in bounds:
            if a <= start < max(b, a + 1):
                lo, hi = a, b
                break
        left = [w.lower() for w in _WORD.findall(_NEXT_TO.sub(" ", text[lo:start]))][::-1][:12]
        right = [w.lower() for w in _WORD.findall(_NEXT_TO.sub(" ", text[end:hi]))][:12]
        close = [w for w in left[:3] if w != "on"][:1]
        if close and close[0] in _REPORTING:
            return "past"  # "said Friday that ...": the date is when it was said
        for side in (left, right):
            for w in side:
                cue = _cue(w)
                if cue == "future" and strong and w not in _STRONG_FUTURE:
                    continue
                if cue:
                    return cue
        return None

    return tense_at


def _cue(word: str) -> str | None:
    if word in _FUTURE:
        return "future"
    if word in _PAST:
        return "past"
    if word in _PRESENT:
        return "present"
    if word in _NOT_PAST:
        return None
    if len(word) > 4 and word.endswith("ed"):
        return "past"
    return None

"""Temporal rules for what is read against the moment of writing: weekdays, today and
yesterday, times of day, "now", "recently", "the future", durations ("three years", "a year
ago"), sets ("every week", "daily") and holidays. Registered into rules.RULES."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .rules import WEEKDAY_WORDS, _edge, _g, _mod, _month, _year_back, rule
from .timex import PRECISION, Context, Reading, at_granularity, duration, pick_year, shift, weekday_date
from .words import MONTHS, PARTS_OF_DAY, WEEKDAYS, number, unit_code, words

# -- weekdays and days relative to today ---------------------------------------------------


@rule("weekday", r"(?:(?P<rel>last|this|next|this past|this coming|coming|past|the previous|the following|the next|early|late|earlier|later|mid)~(?:on )?)?(?P<wd>{WEEKDAY})(?:'s)?(?: (?P<part>{PART}))?", needs=WEEKDAY_WORDS)
def weekday(m: re.Match, ctx: Context) -> Reading | None:
    wd = WEEKDAYS[m.group("wd").lower()]
    rel = words(m.group("rel") or "")
    part = m.group("part")
    edge = _edge(rel) if rel in ("early", "late", "earlier", "later", "mid") else None
    if ctx.ref is None:
        value = f"XXXX-WXX-{wd + 1}"
    else:
        if rel in ("the previous", "the following", "the next") and ctx.day:
            base = ctx.day
            day = weekday_date(wd, base, None, "last" if rel == "the previous" else "next")
        else:
            relation = {"last": "last", "this past": "last", "past": "last", "next": "next",
                        "this coming": "next", "coming": "next"}.get(rel)  # fmt: skip
            day = weekday_date(wd, ctx.ref, _weekday_tense(ctx, m), relation)
        value = day.isoformat()
    if part:
        return Reading("TIME", value + "T" + PARTS_OF_DAY[part.lower()], "part of day", edge, ctx.ref is not None)
    return Reading("DATE", value, "day", edge, anchored=ctx.ref is not None)


def _weekday_tense(ctx: Context, m: re.Match) -> str | None:
    tense = ctx.tense(m.start(), m.end(), strong=True)
    return "future" if tense == "future" else "past"


@rule("weekday-set", r"(?:(?:every|each|on) )?(?P<wd>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)|(?:every|each) {WEEKDAY}|{WEEKDAY} (?P<part>mornings|afternoons|evenings|nights))", needs=WEEKDAY_WORDS)
def weekday_set(m: re.Match, ctx: Context) -> Reading:
    name = re.search(r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", m.group()).group()
    value = f"XXXX-WXX-{WEEKDAYS[name.lower()] + 1}"
    if m.group("part"):
        value += "T" + PARTS_OF_DAY[m.group("part").lower().rstrip("s")]
    return Reading("SET", value, None)


_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@rule("today", r"(?:(?P<edge>early|earlier|late|later) )?(?P<word>today|tonight|yesterday|tomorrow)(?: (?P<part>{PART}))?", needs=("today", "tonight", "yesterday", "tomorrow"))
@rule("day-part", r"(?P<rel>this|last|tomorrow|yesterday) (?P<part>{PART})|(?P<word>overnight)", needs=("morning", "afternoon", "evening", "night"))
def today(m: re.Match, ctx: Context) -> Reading | None:
    word = words(_g(m, "word") or "")
    rel = words(_g(m, "rel") or "")
    part = words(_g(m, "part") or "")
    if word == "overnight":
        return None
    if rel:
        offset = {"this": 0, "last": -1, "tomorrow": 1, "yesterday": -1}[rel]
        if rel == "last" and part != "night":
            return None
    else:
        offset = _DAYS[word]
    if word == "tonight":
        part = "night"
    edge = _edge(_g(m, "edge"))
    if ctx.ref is None:
        value = "XXXX-XX-XX"
    else:
        value = (ctx.ref + timedelta(days=offset)).isoformat()
    if part and not (word == "tonight" and not rel):
        return Reading("TIME", value + "T" + PARTS_OF_DAY[part], "part of day", edge, ctx.ref is not None)
    return Reading("DATE", value, "day", edge, anchored=ctx.ref is not None)


@rule("anaphoric-day", r"(?:that day|(?:that|the) same day|the (?P<rel>next|following|previous|preceding) (?P<unit>day|morning|afternoon|evening|night)|the day (?P<rel2>before|after) (?P<word>yesterday|tomorrow))", needs=("day", "morning", "afternoon", "evening", "night"))
def anaphoric_day(m: re.Match, ctx: Context) -> Reading | None:
    base = ctx.day or ctx.ref
    rel = words(m.group("rel") or m.group("rel2") or "")
    if m.group("word"):
        base = ctx.ref and ctx.ref + timedelta(days=_DAYS[m.group("word").lower()])
    if base is None:
        return Reading("DATE", "XXXX-XX-XX", "day")
    step = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}.get(rel, 0)
    value = (base + timedelta(days=step)).isoformat()
    unit = (m.group("unit") or "day").lower()
    if unit != "day":
        return Reading("TIME", value + "T" + PARTS_OF_DAY[unit], "part of day", anchored=True)
    return Reading("DATE", value, "day", anchored=True)


# -- present, past and future references ---------------------------------------------------

REFS = {
    "PRESENT_REF": r"now|right now|just now|currently|current(?! account| accounts|ly|s\b)|at present|presently|nowadays|these days|the present|at the moment|at this time|this time|for now|so far|to date",
    "PAST_REF": r"recently|lately|formerly|the past|in the past|recent(?= (?!years|months|weeks|days|quarters|decades))|the old days|long ago|some time ago|years ago|not long ago",
    "FUTURE_REF": r"the future|future (?:quarters|years|months|periods)|future(?= (?:generations|growth|earnings|results))|the near future|the near term|the short term|the long term|the longer term|the years to come|the months to come|the weeks to come|the days to come|years to come|months to come|the coming (?:days|weeks|months|years|quarters|decades)|coming (?:months|years|quarters|decades)|as soon as possible|a later date|later this decade|one day|someday|eventually",
}  # fmt: skip


@rule("reference", "|".join(f"(?P<{k}>{v})" for k, v in REFS.items()))
def reference(m: re.Match, ctx: Context) -> Reading | None:
    kind = next(k for k in REFS if m.group(k))
    text = words(m.group())
    if text in ("this time", "so far", "to date", "for now", "in the past", "one day", "eventually", "someday"):
        if text in ("in the past",):
            return Reading("DATE", "PAST_REF", "ref")
        return None
    if text == "now" and ctx.text[m.end() : m.end() + 1] == "," and m.group()[0] == "N":
        return None  # "Now, he says, ...": a discourse marker, not a time
    if text == "now" and re.match(r"\s*(?:that|than)\b", ctx.text[m.end() : m.end() + 6]):
        return None if ctx.text[m.end() : m.end() + 6].strip().startswith("than") else Reading("DATE", "PRESENT_REF", "ref")
    return Reading("DATE", kind, "ref")


# -- durations, and dates counted back or forward from now ---------------------------------

_DIRECTION = r"(?: or so)?(?: (?P<dir>ago|earlier|later|from now|hence|or so|or more|or longer|or less|running|in a row|straight))?"


@rule("duration", r"(?:(?P<mod>{MOD}) (?!(?:the|its|their|those|these|that|this) )|(?P<mod2>at~least|at~most|more~than|less~than|nearly|almost|up~to) (?=(?:the|its|their) ))?(?:(?P<det>the|its|their|those|these|that|this) )?(?:(?P<rel>past|last|next|first|coming|previous|following|final|latest|additional|further|initial|remaining|other|year~earlier|year~ago|same|entire|whole|full|recent|succeeding|preceding) )?(?:(?P<rel2>few|several|many|first|last|past) )?(?P<num>{NUM})(?: (?:more|additional|straight|consecutive|full|long|trading|business|working|calendar|extra|short))?~(?P<unit>{UNIT})(?P<adj>~(?:long|old))?" + _DIRECTION)
def duration_rule(m: re.Match, ctx: Context) -> Reading | None:
    num_text = words(m.group("num"))
    unit_word = words(m.group("unit"))
    unit = unit_code(unit_word)
    n = number(num_text)
    plural = unit_word.endswith("s") or unit_word == "centuries"
    vague = n is None
    direction = words(m.group("dir") or "")
    rel = words(m.group("rel") or m.group("rel2") or "")
    mod = _mod(m.group("mod") or m.group("mod2"))
    if vague and not plural:
        return None
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", num_text) and not plural:
        return None  # "the 1988 quarter" names a year
    if (m.group("adj") or "").lower().endswith("old") or re.match(r"\s+old\b", ctx.text[m.end() : m.end() + 5]):
        return None  # an age, not a period of time
    if unit_word == "second" and num_text in ("a", "an", "one"):
        return None  # "a second round"
    if unit == "Q" and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 5]):
        return None  # "three quarters of the votes"
    if unit == "2W":
        unit, n = "W", (n or 1) * 2
    if direction in ("before", "after"):
        direction = ""  # a signal, not part of the expression: "two days after the vote"
        return _plain_duration(m, ctx, n, unit, mod, rel, trim=True)
    if direction == "ago":
        return _counted(ctx, n, unit, -1, mod, m)
    if direction in ("earlier", "later"):
        if n == 1 and unit == "Y" and direction == "earlier":
            return _year_back(ctx, "earlier")
        base = ctx.period or (("D", ctx.day) if ctx.day else None)
        if base is None or vague:
            return _counted(ctx, n, unit, -1 if direction == "earlier" else 1, mod, m)
        granularity, day = base
        finer = {"D": 0, "W": 1, "M": 2, "Q": 3, "Y": 4}
        grain = granularity if finer.get(granularity, 4) <= finer.get(unit, 0) else unit
        if unit in ("H", "MIN", "SEC"):
            return Reading("DURATION", duration(n, unit), None, mod)
        return Reading("DATE", at_granularity(shift(day, unit, int(-n if direction == "earlier" else n)), grain),
                       PRECISION.get(grain), mod, anchored=True)  # fmt: skip
    if direction in ("from now", "hence"):
        return _counted(ctx, n, unit, 1, mod, m)
    if direction in ("or so",):
        mod = mod or "APPROX"
    return _plain_duration(m, ctx, n, unit, mod, rel)


def _plain_duration(m, ctx, n, unit, mod, rel, trim=False) -> Reading | None:
    num_text = words(m.group("num"))
    if num_text in ("a", "an") and not m.group("det") and not rel and not m.group("adj"):
        before = ctx.text[max(0, m.start() - 40) : m.start()].lower()
        if re.search(r"(?:\d|percent|%|times|once|twice|million|billion|thousand|dollars|cents?|tons?|barrels|shares|people|yen|pounds|euros)\W*(?:\w+\W+)?$", before):
            return Reading("SET", duration(1, unit), None)
    if unit in ("L",):
        return Reading("DURATION", f"P{int(n * 1000) if n else 'X'}Y" if n else "PXL", None, mod)
    if rel in ("recent",) and n is None:
        return Reading("DURATION", duration(None, unit), None, mod)
    return Reading("DURATION", duration(n, unit), None, mod)


def _counted(ctx: Context, n: float | None, unit: str, sign: int, mod: str | None, m: re.Match) -> Reading:
    """A date n units before (sign -1) or after (+1) the reference date: "three years ago"."""
    if n is None:
        return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "ref", mod)
    if n == 1 and unit == "Y" and sign < 0:
        return _year_back(ctx, "ago")
    if ctx.ref is None or unit in ("H", "MIN", "SEC"):
        if unit in ("H", "MIN", "SEC"):
            return Reading("DURATION", duration(n, unit), None, mod)
        return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "ref", mod)
    grain = {"E": "Y", "C": "Y"}.get(unit, unit)
    day = shift(ctx.ref, unit, int(round(sign * n))) if n == int(n) else shift(ctx.ref, "M", int(round(sign * n * 12))) if unit == "Y" else ctx.ref
    return Reading("DATE", at_granularity(day, grain), PRECISION.get(grain), mod, anchored=True)


@rule("vague-duration", r"(?:(?P<det>the) )?(?:(?P<rel>past|last|next|coming|recent|previous|first|early|ensuing|intervening) )?(?:(?P<rel2>few|several|many) )?(?P<unit>seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)(?: (?P<tail>ahead|to come|of|ago|earlier|later))?")
def vague_duration(m: re.Match, ctx: Context) -> Reading | None:
    tail = words(m.group("tail") or "")
    rel = words(m.group("rel") or "")
    if tail == "of":
        return None  # "years of war" is read as the bare unit below only when standing alone
    if tail == "to come" or rel == "coming":
        return Reading("DATE", "FUTURE_REF", "ref")
    if tail == "ago":
        return Reading("DATE", "PAST_REF", "ref")
    if not (rel or m.group("rel2") or tail):
        return None  # a bare "years", "the days": too often a noun phrase, not a period
    unit = unit_code(m.group("unit"))
    return Reading("DURATION", duration(None, unit), None)


# -- sets ------------------------------------------------------------------------------------

_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
            "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H",
            "semiannually": "P6M", "semi-annually": "P6M"}  # fmt: skip


@rule("set", r"(?:(?P<freq>once|twice|three times|four times|\d+ times) )?(?P<q>every|each|per|a|an) (?P<other>other )?(?P<unit>second|minute|hour|day|night|morning|evening|week|weekend|month|quarter|year|decade|summer|winter|spring|fall|{MONTH})|(?P<adv>daily|nightly|weekly|biweekly|monthly|yearly|annually|hourly|semi~?annually)")
def set_rule(m: re.Match, ctx: Context) -> Reading | None:
    if m.group("adv"):
        word = m.group("adv")
        if re.match(r" [A-Z]", ctx.text[m.end() : m.end() + 2]):
            return None  # a newspaper: "the party daily Granma"
        if word[0].isupper() and re.search(r"[A-Z]\w*\s+$", ctx.text[max(0, m.start() - 20) : m.start()]):
            return None  # a name: "China Daily"
        return Reading("SET", _ADVERBS.get(words(word).replace(" ", ""), "P1Y"), None)
    q = words(m.group("q"))
    unit_word = m.group("unit")
    if q in ("a", "an") and not m.group("freq"):
        return None  # "a year" after a quantity is read by the duration rule
    step = 2 if m.group("other") else 1
    if unit_word[0].isupper() and unit_word.rstrip(".").lower() in MONTHS:
        return Reading("SET", f"XXXX-{_month(unit_word):02d}", None)
    unit_word = unit_word.lower()
    if unit_word in ("morning", "evening"):
        return Reading("SET", "XXXX-XX-XXT" + PARTS_OF_DAY[unit_word], None)
    if unit_word in ("summer", "winter", "spring", "fall"):
        return Reading("SET", "XXXX-" + {"summer": "SU", "winter": "WI", "spring": "SP", "fall": "FA"}[unit_word], None)
    if unit_word == "weekend":
        return Reading("SET", "XXXX-WXX-WE", None)
    unit = unit_code(unit_word)
    return Reading("SET", duration(step, unit), None)


# -- times of day ----------------------------------------------------------------------------

_DAY_AFTER = r"(?:,? (?:on )?(?P<wd>{WEEKDAY})|,? (?P<word>today|tonight|yesterday|tomorrow)|,? (?P<month>{MONTH}) (?P<day>{DAY}))?"


@rule("clock", r"(?:(?P<mod>about|around|approximately|shortly before|shortly after|just before|just after) )?(?P<h>[01]?\d)(?:[:.](?P<m>[0-5]\d))? ?(?P<ap>[ap]\.?m\b\.?|o'clock)(?: (?P<tz>{TZ}))?" + _DAY_AFTER, needs=(re.compile(r"\d\s*[apo]", re.I),))
@rule("clock-24", r"(?:(?P<mod>about|around|approximately) )?(?P<h>[012]?\d):(?P<m>[0-5]\d)(?: (?P<tz>{TZ}|hours|hrs))" + _DAY_AFTER, needs=(re.compile(r"\d:\d"),))
@rule("noon", r"(?:(?P<mod>about|around|shortly before|shortly after|just before|just after) )?(?P<named>noon|midday|midnight)" + _DAY_AFTER, needs=("noon", "midday", "midnight"))
def clock(m: re.Match, ctx: Context) -> Reading | None:
    named = (_g(m, "named") or "").lower()
    if named:
        hour, minute = (24 if named == "midnight" else 12), 0
    else:
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        ap = (_g(m, "ap") or "").lower()
        if ap.startswith("p") and hour < 12:
            hour += 12
        elif ap.startswith("a") and hour == 12:
            hour = 0
        if hour > 24:
            return None
    day = _day_of(m, ctx)
    clock_text = f"{hour:02d}:{minute:02d}" if named != "midnight" else "24:00"
    return Reading("TIME", f"{day}T{clock_text}", "minute", _mod(_g(m, "mod")), anchored=day[0] != "X")


def _day_of(m: re.Match, ctx: Context) -> str:
    """The day a clock time is on: the day written beside it, else the last day the text named,
    else the reference date."""
    if m.group("wd") and ctx.ref:
        return weekday_date(WEEKDAYS[m.group("wd").lower()], ctx.ref, ctx.tense(m.start(), m.end())).isoformat()
    if m.group("word") and ctx.ref:
        return (ctx.ref + timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("word").lower()])).isoformat()
    if m.group("month") and ctx.ref:
        month = _month(m.group("month"))
        day = int(re.match(r"\d+", m.group("day")).group())
        return f"{pick_year(month, day, ctx.ref, ctx.tense(m.start(), m.end())):04d}-{month:02d}-{day:02d}"
    if ctx.day and "\n" not in ctx.text[ctx.day_pos : m.start()]:
        return ctx.day.isoformat()  # named earlier in the same paragraph
    return ctx.ref.isoformat() if ctx.ref else "XXXX-XX-XX"


@rule("hour-in-the", r"(?P<h>[01]?\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:o'clock )?in the (?P<part>morning|afternoon|evening)" + _DAY_AFTER, needs=("morning", "afternoon", "evening"))
def hour_in_the(m: re.Match, ctx: Context) -> Reading | None:
    hour = int(number(m.group("h")) or 0)
    part = m.group("part").lower()
    if part != "morning" and hour < 12:
        hour += 12
    return Reading("TIME", f"{_day_of(m, ctx)}T{hour:02d}:00", "minute", anchored=ctx.ref is not None)


# -- holidays --------------------------------------------------------------------------------

def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


HOLIDAYS = {
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31), "independence day": lambda y: date(y, 7, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4), "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1), "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "halloween": lambda y: date(y, 10, 31), "valentine's day": lambda y: date(y, 2, 14),
    "veterans day": lambda y: date(y, 11, 11), "easter": _easter, "easter sunday": _easter,
    "boxing day": lambda y: date(y, 12, 26),
}  # fmt: skip


@rule("holiday", r"(?:(?P<rel>last|this|next) )?(?P<name>(?-i:Christmas(?: Day| Eve)?|New Year's (?:Day|Eve)|Independence Day|Thanksgiving(?: Day)?|Labor Day|Memorial Day|Election Day|Halloween|Valentine's Day|Veterans Day|Easter(?: Sunday)?|Boxing Day))(?:,? (?P<year>{YEAR}))?",
      needs=(re.compile("Christmas|Year's|Independence|Thanksgiving|Labor|Memorial|Election|Halloween|Valentine|Veterans|Easter|Boxing"),))
def holiday(m: re.Match, ctx: Context) -> Reading | None:
    when = HOLIDAYS[words(m.group("name")).replace("’", "'")]
    rel = (m.group("rel") or "").lower()
    if m.group("year"):
        return Reading("DATE", when(int(m.group("year"))).isoformat(), "day")
    if ctx.ref is None:
        return None
    this_year = when(ctx.ref.year)
    if rel == "last":
        day = this_year if this_year < ctx.ref else when(ctx.ref.year - 1)
    elif rel == "next":
        day = this_year if this_year > ctx.ref else when(ctx.ref.year + 1)
    else:
        guess = pick_year(this_year.month, this_year.day, ctx.ref, ctx.tense(m.start(), m.end()))
        day = when(guess)
    return Reading("DATE", day.isoformat(), "day", anchored=True)

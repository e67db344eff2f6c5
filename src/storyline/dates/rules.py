"""The temporal-expression rules: what each looks like (a template, see words.py) and what
it means (a handler that values a match against the reading Context, see timex.py).

Spans follow TimeBank's extents: a determiner and a quantity modifier belong to the expression
("the past two months", "at least 30 days", "a year ago"), a preposition does not ("in", "on",
"since"). Values follow its conventions, read from the TimeML guidelines and the TempEval
training data: "last week" is the previous ISO week, "a year earlier" in a quarterly report is
the same quarter a year before, "recently" is PAST_REF, "the past two years" is P2Y.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from .timex import (
    PRECISION, SEASON_START, Context, Reading, add_months, at_granularity, pick_year, quarter, season_of, shift,
    week_value,
)  # fmt: skip
from .words import EDGES, MODIFIERS, MONTHS, ORDINALS, SEASONS, compile_rule, spelled_year, words

Handler = Callable[[re.Match, Context], Reading | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    value: Handler
    # Words every match must contain, as groups: the rule can match only where each group has
    # one of its words in the lowered text (see `possible`). A cheap test that spares most
    # texts the full scan of rules about quarters, seasons, holidays, centuries, clock times.
    needs: tuple[tuple[str | re.Pattern, ...], ...] = ()

    def possible(self, text: str, lowered: str) -> bool:
        """False only where `pattern` cannot match `text` (`lowered` is lower_as_ignorecase(text))."""
        return all(
            any(w.search(text) if isinstance(w, re.Pattern) else w in lowered for w in group)
            for group in self.needs
        )


RULES: list[Rule] = []


def lower_as_ignorecase(text: str) -> str:
    """`text` lower-cased so that a lower-case ASCII word is in it wherever a case-insensitive
    pattern could match that word: besides str.lower(), re.IGNORECASE lets "ı" match "i" and
    "ſ" match "s", and "İ" lowers to "i" plus a combining dot."""
    low = text.lower()
    if text.isascii():
        return low
    return low.replace("\u0131", "i").replace("\u017f", "s").replace("\u0307", "")


def rule(name: str, template: str, needs=()) -> Callable[[Handler], Handler]:
    """Register a rule. `needs`: words (lower-case, no spaces: a template's space also matches
    a line break) one of which every match contains, or a tuple of such groups that each must
    have one present; a compiled pattern in a group is searched in the original text."""
    groups = tuple(needs) if needs and isinstance(needs[0], tuple) else ((tuple(needs),) if needs else ())

    def register(handler: Handler) -> Handler:
        RULES.append(Rule(name, compile_rule(template), handler, groups))
        return handler

    return register


# what every {MONTH} or {WEEKDAY} contains: they are case-sensitive, so these are too
# (searched in the text as written: "May", "SEPTEMBER", "Sept." but not "may" or "market")
MONTH_WORDS = (re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|OCT|NOV|DEC"),)
WEEKDAY_WORDS = (re.compile("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"),)


def _g(m: re.Match, name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _edge(text: str | None) -> str | None:
    if not text:
        return None
    t = words(text).replace("the ", "").replace(" of", "").strip()
    return EDGES.get(t) or EDGES.get(t.split()[0] if t else "")


def _mod(text: str | None) -> str | None:
    return MODIFIERS.get(words(text)) if text else None


def _month(text: str) -> int:
    return MONTHS[words(text).rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# -- calendar dates -----------------------------------------------------------------------

DATE_TAIL = r"(?:,? ?(?P<year>{YEAR}))?"


@rule("month-day", r"(?:(?:last|this|next|this past|this coming) )?(?:(?P<wd>{WEEKDAY}),? (?:the )?)?(?:(?P<edge>early|late|mid)~)?(?P<month>{MONTH}) (?P<day>{DAY})" + DATE_TAIL, needs=MONTH_WORDS)
@rule("day-month", r"(?:(?P<wd>{WEEKDAY}),? (?:the )?)?(?P<day>{DAY}) (?:of )?(?P<month>{MONTH})" + DATE_TAIL, needs=MONTH_WORDS)
def month_day(m: re.Match, ctx: Context) -> Reading | None:
    month, day = _month(m.group("month")), _day(m.group("day"))
    if m.group("year"):
        year = int(m.group("year"))
    elif ctx.ref:
        year = pick_year(month, day, ctx.ref, ctx.tense(m.start(), m.end()))
    else:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
    if _date(year, month, day) is None:
        return None
    return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}", "day", _edge(_g(m, "edge")),
                   anchored=not m.group("year"))  # fmt: skip


@rule("iso-date", r"(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)")
@rule("us-date", r"(?P<mo>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)?\d\d)", needs=("/",))
def numeric_date(m: re.Match, ctx: Context) -> Reading | None:
    year = int(m.group("y"))
    year += 0 if year >= 100 else (1900 if year >= 50 else 2000)
    day = _date(year, int(m.group("mo")), int(m.group("d")))
    return Reading("DATE", day.isoformat(), "day") if day else None


@rule("month-year", r"(?:(?P<edge>early|late|mid|the (?:beginning|start|middle|end) of)~)?(?P<month>{MONTH})(?: of|,)? (?P<year>{YEAR})", needs=MONTH_WORDS)
def month_year(m: re.Match, ctx: Context) -> Reading:
    return Reading("DATE", f"{int(m.group('year')):04d}-{_month(m.group('month')):02d}", "month",
                   _edge(m.group("edge")))  # fmt: skip


@rule("month-rel-year", r"(?P<month>{MONTH})(?: of)? (?P<rel>this|last|next) year", needs=(MONTH_WORDS, ("year",)))
@rule("month", r"(?:(?P<rel>last|this|next|this past|this coming)~|(?P<edge>early|late|mid|the (?:beginning|start|middle|end) of)~)?(?P<month>{MONTH})", needs=MONTH_WORDS)
def month(m: re.Match, ctx: Context) -> Reading | None:
    name = m.group("month")
    month = _month(name)
    rel = words(m.group("rel") or "")
    edge = _edge(_g(m, "edge"))
    if name.rstrip(".").lower() in ("may", "march", "mar") and not rel and not edge:
        before = ctx.text[max(0, m.start() - 20) : m.start()].lower().split()
        if not before or before[-1] not in ("in", "since", "until", "till", "by", "of", "from",
                                             "through", "during", "to", "before", "after",
                                             "between", "and", "or", "early", "late", "mid", "the", "a",
                                             "an", "last", "this", "next", "each", "every"):  # fmt: skip
            return None
    if name.rstrip(".").lower() in ("mar", "jun", "jul", "sep", "oct", "dec", "jan", "feb", "apr", "aug", "nov", "sept") and not name.endswith("."):
        return None
    if ctx.ref is None:
        return Reading("DATE", f"XXXX-{month:02d}", "month", edge)
    ref = ctx.ref
    if rel.endswith("year"):
        year = ref.year + {"this": 0, "last": -1, "next": 1}[rel.split()[0]]
    elif rel in ("last", "this past"):
        year = ref.year if month < ref.month else ref.year - 1
    elif rel in ("next", "this coming"):
        year = ref.year if month > ref.month else ref.year + 1
    elif rel == "this":
        year = ref.year
    else:
        year = pick_year(month, None, ref, ctx.tense(m.start(), m.end()))
    return Reading("DATE", f"{year:04d}-{month:02d}", "month", edge, anchored=True)


@rule("year", r"(?:(?P<edge>early|late|mid|the (?:beginning|start|middle|end) of|the (?:early|late|first|latter) part of)~)?(?:(?P<pre>fiscal|calendar|the (?:fiscal|calendar) year|fiscal year|FY|the) ?)?(?P<year>{YEAR})(?: (?P<post>period|quarter|fiscal year))?")
def year(m: re.Match, ctx: Context) -> Reading | None:
    value = int(m.group("year"))
    after = ctx.text[m.end() : m.end() + 12].lower()
    if re.match(r"\s*(?:people|troops|feet|meters|metres|miles|tons|pounds|shares|points|cars|units|acres|votes|workers|jobs)\b", after):
        return None
    if (m.group("post") or "").lower() in ("period", "quarter") and ctx.fiscal:
        return Reading("DATE", f"{value:04d}-Q{ctx.fiscal[1]}", "quarter", refers_back=value < ctx.fiscal[0])
    return Reading("DATE", f"{value:04d}", "year", _edge(m.group("edge")))


@rule("spelled-year", r"(?:the year )?(?:nineteen (?:{NUMBER}|hundred(?: and)?(?: {NUMBER})?)|two thousand(?: and)?(?: (?:one|two|three|four|five|six|seven|eight|nine|ten))?)".replace("{NUMBER}", r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:~(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"), needs=("nineteen", "thousand"))
def spelled(m: re.Match, ctx: Context) -> Reading | None:
    text = words(m.group())
    if text.startswith("two thousand") and not text.startswith("the year"):
        before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        if not re.search(r"(?:in|since|until|by|of)\s*$", before):
            return None
    value = spelled_year(text)
    return Reading("DATE", f"{value:04d}", "year") if value else None


@rule("month-spelled-year", r"(?P<month>{MONTH}) (?P<year>nineteen (?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:~(?:one|two|three|four|five|six|seven|eight|nine))?)", needs=(MONTH_WORDS, ("nineteen",)))
def month_spelled_year(m: re.Match, ctx: Context) -> Reading | None:
    value = spelled_year(m.group("year"))
    return Reading("DATE", f"{value:04d}-{_month(m.group('month')):02d}", "month") if value else None


@rule("decade", r"(?:the )?(?:(?P<edge>early|mid|late)~)?(?:(?P<dec>1\d\d0|20\d0)'?s|'(?P<short>\d0)s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))", needs=("0s", "0's", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"))
def decade(m: re.Match, ctx: Context) -> Reading | None:
    if m.group("word") and not m.group().lower().startswith("the"):
        return None
    if m.group("dec"):
        value = m.group("dec")[:3]
    elif m.group("short"):
        value = "19" + m.group("short")[0]
    else:
        tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}[m.group("word").lower()]  # fmt: skip
        value = f"19{tens}"
    return Reading("DATE", value, "decade", _edge(m.group("edge")))


@rule("century", r"(?:the )?(?:(?P<edge>early|mid|late)~)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty~first)~century", needs=("century",))
def century(m: re.Match, ctx: Context) -> Reading | None:
    text = words(m.group("ord"))
    n = int(re.match(r"\d+", text).group()) if text[0].isdigit() else ORDINALS.get(text.replace(" ", "-"))
    return Reading("DATE", f"{n - 1:02d}", "century", _edge(m.group("edge"))) if n else None


@rule("quarter-code", r"(?-i:(?P<q>Q[1-4]|H[12]))(?:~(?P<year>{YEAR}|'\d\d))?", needs=("q1", "q2", "q3", "q4", "h1", "h2"))
def quarter_code(m: re.Match, ctx: Context) -> Reading | None:
    code = m.group("q")
    year = m.group("year")
    if year:
        y = int(year[1:]) + 1900 if year.startswith("'") else int(year)
        y += 100 if year.startswith("'") and y < 1950 else 0
    elif ctx.ref:
        y = ctx.ref.year
    else:
        return Reading("DATE", f"XXXX-{code}", "quarter" if code[0] == "Q" else "half")
    return Reading("DATE", f"{y:04d}-{code}", "quarter" if code[0] == "Q" else "half")


# -- quarters, halves and business periods -------------------------------------------------


@rule("quarter", r"(?:(?P<det>the|its|their|this|that|a|an) )?(?:(?P<rel>this year's|last year's|next year's|year~earlier|year~ago|comparable|same|latest|current|previous|prior|fiscal|flat|strong|weak|disappointing|traditionally \w+) )?(?:(?P<y1>{YEAR})~)?(?:fiscal~)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)~(?:fiscal~)?(?P<unit>quarter|half)(?: (?:of|in) (?:fiscal )?(?P<y2>{YEAR}))?", needs=("quarter", "half"))
def quarter_named(m: re.Match, ctx: Context) -> Reading | None:
    ordinal = words(m.group("ord"))
    n = int(ordinal[0]) if ordinal[0].isdigit() else ORDINALS[ordinal]
    unit = m.group("unit").lower()
    given = m.group("y1") or m.group("y2")
    rel = words(m.group("rel") or "")
    code = "Q" if unit == "quarter" else "H"
    if code == "H" and n > 2:
        n = 2
    if ordinal == "last" and not given:
        if code == "H" or ctx.ref is None:
            return None
        prev = add_months(ctx.ref, -3)
        return Reading("DATE", f"{prev.year}-Q{quarter(prev)}", "quarter", anchored=True)
    if given:
        year = int(given)
    elif ctx.ref is None:
        return Reading("DATE", f"XXXX-{code}{n}", PRECISION[code])
    else:
        year = ctx.ref.year
        fiscal = ctx.fiscal_quarter()
        if rel.startswith("year") or rel in ("last year's", "comparable"):
            year = (fiscal[0] if fiscal else year) - 1
            return Reading("DATE", f"{year:04d}-{code}{n}", PRECISION[code], anchored=True, refers_back=True)
        elif rel == "next year's":
            year += 1
        elif code == "Q" and date(year, 3 * n - 2, 1) > ctx.ref and ctx.tense(m.start(), m.end()) != "future":
            year -= 1
        elif code == "H" and n == 2 and ctx.ref.month < 7 and ctx.tense(m.start(), m.end()) == "past":
            year -= 1
    return Reading("DATE", f"{year:04d}-{code}{n}", PRECISION[code], anchored=not given)


@rule("the-quarter", r"(?P<det>the|its|this|that|last year's) (?:(?P<rel>latest|current|recent|most recent|previous|prior|comparable|same|corresponding|year~earlier|year~ago|just~(?:ended|completed)|fiscal) )?(?:(?P<rel2>fiscal|year~earlier|year~ago) )?(?P<unit>quarter|period)(?: (?P<tail>a year (?:ago|earlier)|(?:of )?last year|(?:of )?the previous year|year~earlier))?", needs=("quarter", "period"))
def the_quarter(m: re.Match, ctx: Context) -> Reading | None:
    rel = words(" ".join(x for x in (m.group("rel"), m.group("rel2")) if x))
    unit = m.group("unit").lower()
    if unit == "period" and not (rel and rel != "fiscal") and not m.group("tail"):
        return None
    if ctx.ref is None:
        return Reading("DATE", "XXXX-QX", "quarter")
    if rel == "current" or (m.group("det").lower() == "this" and not rel):
        return Reading("DATE", f"{ctx.ref.year}-Q{quarter(ctx.ref)}", "quarter", anchored=True)
    year, q = ctx.fiscal_quarter()
    back = bool(m.group("tail")) or m.group("det").lower() == "last year's" or any(w in rel for w in ("year earlier", "year ago", "comparable", "corresponding", "same"))
    if back:
        year -= 1
    elif rel in ("previous", "prior"):
        prev = add_months(date(year, 3 * q - 2, 1), -3)
        year, q = prev.year, quarter(prev)
    return Reading("DATE", f"{year:04d}-Q{q}", "quarter", anchored=True, refers_back=back)


@rule("year-earlier", r"(?:(?P<det>the) )?(?:year~earlier|year~ago)", needs=(("year",), ("earlier", "ago")))
def year_earlier(m: re.Match, ctx: Context) -> Reading | None:
    after = ctx.text[m.end() : m.end() + 30].lower()
    if re.match(r"\s+(?:\w+\s+)?(?:nine|six|three|twelve)\s+months", after):
        return None  # "the year-earlier nine months" is a duration, read by the duration rule
    return _year_back(ctx, "earlier")


def _year_back(ctx: Context, how: str) -> Reading:
    """One year before: the quarter a business text is about, else the period the text last
    named ("earlier"), else the reference year ("ago")."""
    if ctx.ref is None:
        return Reading("DATE", "XXXX", "year")
    if ctx.fiscal is not None and (how == "ago" or (ctx.period and ctx.period[0] == "Q")):
        year, q = ctx.fiscal
        return Reading("DATE", f"{year - 1:04d}-Q{q}", "quarter", anchored=True, refers_back=True)
    if how == "earlier" and ctx.period is not None:
        unit, day = ctx.period
        return Reading("DATE", at_granularity(shift(day, "Y", -1), unit), PRECISION[unit],
                       anchored=True, refers_back=True)  # fmt: skip
    return Reading("DATE", f"{ctx.ref.year - 1:04d}", "year", anchored=True, refers_back=True)


# -- seasons, weeks, months and years relative to now ---------------------------------------


@rule("season", r"(?:(?P<edge>early|late|mid|the (?:beginning|start|middle|end) of)~)?(?:(?P<rel>this|last|next|this past|this coming|the|that|the past|the coming) )?(?:(?P<edge2>early|late) )?(?P<season>{SEASON})(?:(?: of)? (?P<year>{YEAR}))?", needs=("spring", "summer", "fall", "autumn", "winter"))
def season(m: re.Match, ctx: Context) -> Reading | None:
    code = SEASONS[m.group("season").lower()]
    rel = words(m.group("rel") or "")
    edge = _edge(m.group("edge") or m.group("edge2"))
    if m.group("year"):
        return Reading("DATE", f"{m.group('year')}-{code}", "season", edge)
    if not rel or (code == "FA" and rel in ("the", "that") and m.group("season").islower() and False):
        if code in ("SP", "FA"):
            return None  # bare "spring", "fall" are more often other words
    if ctx.ref is None:
        return Reading("DATE", f"XXXX-{code}", "season", edge)
    now_year, now_code = season_of(ctx.ref)
    start = date(ctx.ref.year, SEASON_START[code], 1)
    current_start = date(now_year, SEASON_START[now_code], 1)
    if rel in ("last", "this past", "the past"):
        year = ctx.ref.year if start < current_start else ctx.ref.year - 1
    elif rel in ("next", "this coming", "the coming"):
        year = ctx.ref.year if start > current_start else ctx.ref.year + 1
    else:
        year = ctx.ref.year
        if ctx.tense(m.start(), m.end()) == "past" and start > ctx.ref:
            year -= 1
    return Reading("DATE", f"{year:04d}-{code}", "season", edge, anchored=True)


REL_DEICTIC = {"this": 0, "current": 0, "the current": 0, "this past": -1, "last": -1,
               "the past": -1, "the last": -1, "past": -1, "the most recent": -1,
               "next": 1, "the next": 1, "the coming": 1, "this coming": 1, "coming": 1}  # fmt: skip
REL_ANAPHORIC = {"that": 0, "the same": 0, "that same": 0, "the previous": -1, "the prior": -1,
                 "the preceding": -1, "previous": -1, "prior": -1, "the following": 1,
                 "the subsequent": 1}  # fmt: skip
_REL = "|".join(sorted((k.replace(" ", " ") for k in {**REL_DEICTIC, **REL_ANAPHORIC}), key=len, reverse=True))
_EDGE = r"(?P<edge>early|earlier|late|later|mid|the (?:beginning|start|middle|end|rest|remainder|balance) of|the (?:early|late|first|latter) part of|the (?:first|second) half of)"


@rule("relative-unit", _EDGE.replace("(?P<edge>", "(?:(?P<edge>") + r"~(?:in )?)?(?P<rel>" + _REL + r") (?P<unit>week|weekend|month|year|fiscal year|decade|century)", needs=("week", "month", "year", "decade", "century"))
def relative_unit(m: re.Match, ctx: Context) -> Reading | None:
    rel = words(m.group("rel"))
    unit_word = words(m.group("unit"))
    edge_text = words(m.group("edge") or "")
    edge = _edge(edge_text) if "half" not in edge_text else None
    unit = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "fiscal year": "Y",
            "decade": "E", "century": "C"}[unit_word]  # fmt: skip
    if rel in REL_ANAPHORIC:
        step = REL_ANAPHORIC[rel]
        base = ctx.period[1] if ctx.period else ctx.ref
    else:
        step = REL_DEICTIC[rel]
        base = ctx.ref
    if base is None:
        value = {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "E": "XXX", "C": "XX"}[unit]
        return Reading("DATE", value, PRECISION[unit], edge)
    if unit == "E" and rel in ("the past", "the last", "past") and not edge:
        return Reading("DURATION", "P10Y", None)
    day = shift(base, unit, step)
    value = at_granularity(day, unit)
    if unit_word == "weekend":
        value += "-WE"
    if "first half" in edge_text and unit == "Y":
        value += "-H1"
    elif "second half" in edge_text and unit == "Y":
        value += "-H2"
    return Reading("DATE", value, PRECISION[unit], edge, anchored=True)


@rule("the-weekend", r"(?:the|this|last|next|that) weekend", needs=("weekend",))
def weekend(m: re.Match, ctx: Context) -> Reading | None:
    if ctx.ref is None:
        return Reading("DATE", "XXXX-WXX-WE", "week")
    rel = words(m.group()).split()[0]
    past = ctx.tense(m.start(), m.end()) != "future"
    if rel == "last" or (rel in ("the", "that") and past):
        day = ctx.ref if ctx.ref.weekday() >= 5 else ctx.ref - timedelta(days=7)
    elif rel == "next":
        day = ctx.ref + timedelta(days=7)
    else:
        day = ctx.ref
    return Reading("DATE", week_value(day) + "-WE", "week", anchored=True)


@rule("the-year", r"(?:(?P<edge>early|earlier|late|later|mid) (?:in )?)?(?:the|that) (?:(?P<adj>full|fiscal|calendar|latest fiscal|current fiscal|whole|entire) )?(?P<unit>year|week)|(?:(?P<edge2>around|by|at|before|after) )?(?:(?:the )?year~end|year's end|the end of the year)", needs=("year", "week"))
def the_year(m: re.Match, ctx: Context) -> Reading | None:
    text = words(m.group())
    adj = words(m.group("adj") or "")
    after = ctx.text[m.end() : m.end() + 20].lower()
    if m.group("unit") and m.group("unit").lower() == "week":
        if adj:
            return None
        return Reading("DATE", f"{ctx.ref.year:04d}-WXX" if ctx.ref else "XXXX-WXX", "week")
    if "end" in text and not m.group("unit"):
        edge = "END"
        mod = "APPROX" if text.startswith("around") else edge
        return Reading("DATE", f"{ctx.ref.year:04d}" if ctx.ref else "XXXX", "year", mod, ctx.ref is not None)
    if re.match(r"\s+(?:ended|ending|to date|through|ago|earlier|before|-)", after):
        return Reading("DURATION", "P1Y", None)
    before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
    if not adj and re.search(r"\bfor\s+$", before):
        return Reading("DURATION", "P1Y", None)
    if ctx.ref is None:
        return Reading("DATE", "XXXX", "year", _edge(m.group("edge")))
    year = ctx.ref.year
    if "latest" in adj:
        year -= 1
    elif not adj and words(m.group()).split()[-2:-1] == ["that"] and ctx.period:
        year = ctx.period[1].year
    return Reading("DATE", f"{year:04d}", "year", _edge(m.group("edge")), anchored=True)

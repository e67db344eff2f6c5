"""TIMEX3 values: the calendar arithmetic and the reading context that temporal rules resolve
against (rules.py and relative.py find the expressions; stage.py runs them).

Values follow the TimeML 1.2 guidelines: `1998-08-07`, `1998-08`, `1998-W32`, `1998-Q3`,
`1998-SU`, `1998-H1`, `199` (the 1990s), `19` (the 1900s), `1998-08-07T22:00`, `1998-08-07TMO`,
`P3Y`, `PT2H`, `PXD` (some days), `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`. Without a reference
date a value keeps what the words give and no more: `XXXX-06-02`, `XXXX-WXX-3`, `XXXX`.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Reading:
    """What one expression means: TIMEX3 type, value, how precise, and an optional modifier
    (START, MID, END, APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE)."""

    type: str
    value: str
    precision: str | None = None
    mod: str | None = None
    anchored: bool = False
    refers_back: bool = False  # a comparison period ("a year earlier"), not what the text is about


def ref_date(reference: str | None) -> date | None:
    """The day of a reference given as ISO date or datetime; None when absent or unreadable."""
    if not reference:
        return None
    try:
        return date.fromisoformat(reference.strip()[:10])
    except ValueError:
        return None


# -- calendar arithmetic ------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: date, unit: str, n: int) -> date:
    """`day` moved by n units: D, W, M, Q, Y, E (decade), C (century)."""
    if unit == "D":
        return day + timedelta(days=n)
    if unit == "W":
        return day + timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "Y": 12, "E": 120, "C": 1200}[unit] * n
    return add_months(day, months)


def quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def at_granularity(day: date, unit: str) -> str:
    """The value naming the `unit`-long period that holds `day`."""
    if unit == "D":
        return day.isoformat()
    if unit == "W":
        return week_value(day)
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "Q":
        return f"{day.year:04d}-Q{quarter(day)}"
    if unit == "E":
        return f"{day.year // 10:03d}"
    if unit == "C":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


PRECISION = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "E": "decade",
             "C": "century", "H": "half", "S": "season"}  # fmt: skip
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_of(day: date) -> tuple[int, str]:
    """(year, season code) for the meteorological season holding `day` (winter counts to
    the year it starts in)."""
    if day.month in (12, 1, 2):
        return (day.year if day.month == 12 else day.year - 1), "WI"
    return day.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(day.month, "FA")


def pick_year(month: int, day: int | None, ref: date, tense: str | None) -> int:
    """The year of a month (and day) written without one: the occurrence nearest the reference,
    unless the tense points the other way and the nearest is more than about a month off."""
    def as_date(year: int) -> date:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, min(day or 15, last))

    options = sorted((abs((as_date(y) - ref).days), y) for y in (ref.year - 1, ref.year, ref.year + 1))
    best = options[0][1]
    gap = (as_date(best) - ref).days
    slack = 100 if day is None else 90
    if tense == "past" and gap > slack:
        best -= 1
    elif tense == "future" and gap < -slack:
        best += 1
    return best


def weekday_date(weekday: int, ref: date, tense: str | None, relation: str | None = None) -> date:
    """The date of a weekday named in a text written on `ref`: the most recent one for the past
    (today included), the coming one for the future; `last`/`next` skip today."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if relation in ("last", "past", "previous"):
        return ref - timedelta(days=back or 7)
    if relation in ("next", "coming"):
        return ref + timedelta(days=ahead or 7)
    if tense == "future":
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def duration(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: P3Y, PT2H, P2Y6M, PXD (n None: an unspecified number)."""
    time_unit = unit in ("H", "MIN", "SEC")
    code = {"MIN": "M", "SEC": "S", "E": "Y", "C": "Y"}.get(unit, unit)
    prefix = "PT" if time_unit else "P"
    if n is None:
        return f"{prefix}X{unit if unit in ('E', 'C') else code}"
    scale = {"E": 10, "C": 100}.get(unit, 1)
    n = n * scale
    if n == int(n):
        return f"{prefix}{int(n)}{code}"
    whole = int(n)
    part = n - whole
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60),
               "MIN": ("S", 60)}.get(unit)  # fmt: skip
    if smaller is None:
        return f"{prefix}{n:g}{code}"
    sub_code, factor = smaller
    rest = round(part * factor)
    if unit == "D":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    head = f"{whole}{code}" if whole else ""
    return f"{prefix}{head}{rest}{sub_code}"


# -- reading context ----------------------------------------------------------------------


@dataclass
class Context:
    """What a rule may consult while valuing an expression: the reference date, the text, the
    tense around a span, and the dates the text has already named (for "a year earlier",
    "the quarter", "the next day")."""

    ref: date | None
    text: str
    tense_at: Callable[[int, int, bool], str | None]
    day: date | None = None  # the last day the text named
    period: tuple[str, date] | None = None  # the last (unit, date) a date expression named
    fiscal: tuple[int, int] | None = None  # the last (year, quarter) the text named
    seen: list[Reading] = field(default_factory=list)
    pos: int = 0  # where the expression being valued starts
    day_pos: int = -1  # where `day` was named

    def tense(self, start: int, end: int, strong: bool = False) -> str | None:
        """The tense of the clause around a span; `strong` ignores weak future cues (could,
        hopes, plans) that say little about when something named by a weekday happens."""
        return self.tense_at(start, end, strong)

    def remember(self, reading: Reading) -> None:
        """Let later anaphoric expressions refer back to this one."""
        self.seen.append(reading)
        if reading.type not in ("DATE", "TIME") or "X" in reading.value[:4] or reading.refers_back:
            return
        value = reading.value
        try:
            if len(value) >= 10 and value[4] == "-" and value[7] == "-":
                self.day = date.fromisoformat(value[:10])
                self.day_pos = self.pos
                self.period = ("D", self.day)
            elif len(value) == 7 and value[5] == "Q" and value[6].isdigit():
                self.fiscal = (int(value[:4]), int(value[6]))
                self.period = ("Q", date(int(value[:4]), 3 * int(value[6]) - 2, 1))
            elif len(value) == 7 and value[4] == "-" and value[5:].isdigit():
                self.period = ("M", date(int(value[:4]), int(value[5:]), 1))
            elif len(value) == 4 and value.isdigit():
                self.period = ("Y", date(int(value), 1, 1))
        except ValueError:
            pass

    def fiscal_quarter(self) -> tuple[int, int] | None:
        """The quarter a business text is about: the last one named, else the last one completed
        before the reference date."""
        if self.fiscal:
            return self.fiscal
        if self.ref is None:
            return None
        last = add_months(self.ref, -3)
        return last.year, quarter(last)

"""The geometry of the web pages' SVG charts, computed here and drawn by templates/charts.html.

    timeline_chart(entries) -> TimelineChart   dated events on a time axis, each at its precision
    coverage_chart(articles) -> CoverageChart  articles per outlet per day

A date is drawn at the precision the text gives it: a day is a dot, a month or a year a bar
across the whole month or year, never a dot on some day of it. Dates with no year
("XXXX-06-02") or that are not calendar dates cannot be placed and are listed, not drawn.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

WIDTH = 720  # viewBox units
LEFT = 8
RIGHT = 8
ROW = 22
AXIS = 26  # room for the axis labels under the rows
MIN_DAYS = 7  # the shortest time axis drawn
SEASONS = {"SP": (3, 6), "SU": (6, 9), "FA": (9, 12), "WI": (12, 15)}  # months [start, end)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class Period:
    """The stretch of time a TIMEX3 value names: [start, end) in days."""

    start: dt.date
    end: dt.date
    precision: str  # day, week, month, season, quarter, year


def period_of(value: str | None) -> Period | None:
    """The period a TIMEX3 date value names, or None when it cannot be placed on a calendar."""
    if not value:
        return None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return Period(day, day + dt.timedelta(days=1), "day")
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            return Period(dt.date(int(m[1]), int(m[2]), 1), _month(int(m[1]), int(m[2]) + 1), "month")
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Period(monday, monday + dt.timedelta(days=7), "week")
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            first = 3 * int(m[2]) - 2
            return Period(dt.date(int(m[1]), first, 1), _month(int(m[1]), first + 3), "quarter")
        if (m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)) and m[2] in SEASONS:
            first, last = SEASONS[m[2]]
            return Period(_month(int(m[1]), first), _month(int(m[1]), last), "season")
        if m := re.fullmatch(r"(\d{4})", value):
            return Period(dt.date(int(m[1]), 1, 1), dt.date(int(m[1]) + 1, 1, 1), "year")
    except ValueError:  # month 13, day 31 of June, week 60: not a calendar date
        return None
    return None


def shown_date(value: str | None, precision: str | None = None) -> str:
    """A date value as people read it, at its own precision: '2 June 2025', 'March 2022',
    '2022', '2 June (year unknown)'."""
    if not value:
        return "undated"
    period = period_of(value)
    if period is None:
        if m := re.fullmatch(r"XXXX-(\d{2})-(\d{2})", value):
            month = int(m[1])
            if 1 <= month <= 12:
                return f"{int(m[2])} {MONTHS[month - 1]} (year unknown)"
        return value
    start = period.start
    if period.precision == "day":
        return f"{start.day} {MONTHS[start.month - 1]} {start.year}"
    if period.precision == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    if period.precision == "year":
        return str(start.year)
    if period.precision == "week":
        return f"week of {start.day} {MONTHS[start.month - 1]} {start.year}"
    return value


@dataclass
class Mark:
    """One entry on the timeline chart: a dot (a day) or a bar (a longer period)."""

    row: int
    y: float
    x: float
    width: float  # 0 for a dot
    label: str  # the date as shown
    what: str
    anchor: str  # the id of the entry in the list under the chart


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class TimelineChart:
    height: float
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    unplaced: int = 0  # entries with a date no calendar holds (listed only)


def timeline_chart(entries: list, anchor_prefix: str = "event") -> TimelineChart:
    """Chart geometry for timeline entries (anything with `.date` and `.what`), in their order;
    the list under the chart gives entry i the id f'{anchor_prefix}-{i}'."""
    placed = [(i, e, p) for i, e in enumerate(entries) if (p := period_of(e.date))]
    if not placed:
        return TimelineChart(height=0, unplaced=len(entries))
    first = min(p.start for _, _, p in placed)
    last = max(p.end for _, _, p in placed)
    if (last - first).days < MIN_DAYS:  # a day or two: widen the axis around them
        pad = MIN_DAYS - (last - first).days
        first, last = first - dt.timedelta(days=pad // 2), last + dt.timedelta(days=pad - pad // 2)
    span = max((last - first).days, 1)
    inner = WIDTH - LEFT - RIGHT

    def x(day: dt.date) -> float:
        return round(LEFT + inner * (day - first).days / span, 2)

    marks = []
    for row, (i, entry, period) in enumerate(placed):
        y = row * ROW + ROW / 2
        label = shown_date(entry.date)
        if period.precision == "day":
            middle = round(x(period.start) + inner * 0.5 / span, 2)  # the middle of the day
            marks.append(Mark(row, y, middle, 0, label, entry.what, f"{anchor_prefix}-{i}"))
        else:
            left = x(period.start)
            marks.append(Mark(row, y, left, max(round(x(period.end) - left, 2), 2.0), label, entry.what, f"{anchor_prefix}-{i}"))
    height = len(placed) * ROW + AXIS
    return TimelineChart(height=height, marks=marks, ticks=_ticks(first, last, x), unplaced=len(entries) - len(placed))


def _ticks(first: dt.date, last: dt.date, x) -> list[Tick]:
    """Axis labels: years for a long span, months for a shorter one, days for a few weeks."""
    days = (last - first).days
    if days > 3 * 365:
        return [Tick(x(dt.date(y, 1, 1)), str(y)) for y in range(first.year + (first.month > 1 or first.day > 1), last.year + 1)
                if dt.date(y, 1, 1) <= last]  # fmt: skip
    if days > 60:
        out, month = [], _month(first.year, first.month + (first.day > 1))
        step = 1 if days <= 400 else 3
        while month <= last:
            out.append(Tick(x(month), f"{MONTHS[month.month - 1][:3]} {month.year}"))
            month = _month(month.year, month.month + step)
        return out
    step = max(1, days // 6)
    return [Tick(x(first + dt.timedelta(days=d)), _short(first + dt.timedelta(days=d))) for d in range(0, days + 1, step)]


@dataclass
class Dot:
    x: float
    y: float
    r: float
    count: int
    day: str


@dataclass
class CoverageChart:
    """Articles per outlet per day: one row per outlet, one column per day."""

    outlets: list[str]
    days: list[str]
    dots: list[Dot]
    height: float
    label_width: float
    column: float
    undated: int = 0


def coverage_chart(articles: list[dict]) -> CoverageChart:
    """From rows with `outlet` and `published` (an ISO date or a date, or None)."""
    counts: Counter = Counter()
    undated = 0
    for a in articles:
        day = a.get("published")
        if not day:
            undated += 1
            continue
        counts[(a.get("outlet") or "unknown outlet", str(day)[:10])] += 1
    outlets = sorted({o for o, _ in counts})
    if not counts:
        return CoverageChart([], [], [], 0, 0, 0, undated)
    first = dt.date.fromisoformat(min(d for _, d in counts))
    last = dt.date.fromisoformat(max(d for _, d in counts))
    days = [(first + dt.timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
    label_width = 200.0
    column = max(min((WIDTH - label_width) / len(days), 60.0), 4.0)
    top = max(counts.values())
    dots = [
        Dot(round(label_width + column * (days.index(d) + 0.5), 2), outlets.index(o) * ROW + ROW / 2,
            round(3 + 6 * (n / top) ** 0.5, 2), n, d)
        for (o, d), n in sorted(counts.items())
    ]  # fmt: skip
    return CoverageChart(outlets, days, dots, len(outlets) * ROW + AXIS, label_width, column, undated)


def _month(year: int, month: int) -> dt.date:
    """The first day of `month` of `year`, months past 12 rolling into the next years."""
    return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _short(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]}"

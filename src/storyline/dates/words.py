"""The words temporal rules are built from: months, weekdays, numbers, units, modifiers, and the
small template language the rules in rules.py are written in."""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}  # fmt: skip
SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
            "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
            "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "twenty-first": 21, "final": 4, "last": 4}  # fmt: skip
# unit word -> TIMEX3 unit code (E decade, C century; MIN/SEC are time units)
UNITS = {"second": "SEC", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W",
         "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y", "decade": "E",
         "century": "C", "centurie": "C", "millennium": "L", "millennia": "L"}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI", "tonight": "NI"}  # fmt: skip
# modifier words before a quantity -> TIMEX3 mod
MODIFIERS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "APPROX", "almost": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "no less than": "EQUAL_OR_MORE", "fewer than": "LESS_THAN", "within": "EQUAL_OR_LESS",
    "as many as": "EQUAL_OR_LESS", "as long as": "EQUAL_OR_LESS", "just": None, "only": None,
    "well over": "MORE_THAN", "barely": "APPROX", "close to": "APPROX", "the better part of": None,
}  # fmt: skip
EDGES = {"early": "START", "earlier": "START", "beginning": "START", "start": "START",
         "first part": "START", "mid": "MID", "middle": "MID", "late": "END", "later": "END",
         "end": "END", "latter part": "END", "close": "END"}  # fmt: skip

# -- template language --------------------------------------------------------------------
# A rule is written with " " for "whitespace within a paragraph" and "~" for "whitespace or
# a hyphen"; {NAME} pieces come from PIECES. Everything is case-insensitive except the
# (?-i:...) parts: month and weekday names must be capitalised.

SPACE = r"(?:[ \t\xa0]+\n?[ \t\xa0]*|\n[ \t\xa0]*)"
_SMALL = "|".join(sorted(SMALL, key=len, reverse=True))
_TENS = "|".join(TENS)
NUMBER_WORDS = rf"(?:(?:{_TENS})(?:~(?:one|two|three|four|five|six|seven|eight|nine))?|{_SMALL}|(?:a|one) hundred|hundreds|a dozen|dozens)"
VAGUE_NUMBERS = r"(?:a few|few|several|a couple of|a couple|couple of|many|a number of|some|dozens of|hundreds of|thousands of)"
MONTH = (r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November"
         r"|December)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?= ?\d))"
         r"|(?:JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER))")  # fmt: skip
WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PIECES = {
    "MONTH": MONTH,
    "WEEKDAY": WEEKDAY,
    "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])",
    "YEAR": r"(?<![\d$£€.,/])(?:1[5-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|-(?:year|month|day|week|hour)| (?:percent|per cent))",
    "NUM": rf"(?:\d+(?:\.\d+)?(?: \d/\d)?(?: and a half)?|\d/\d|{NUMBER_WORDS}(?: and a half)?|a half|half an?|an?|{VAGUE_NUMBERS})",
    "UNIT": r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries|millenni(?:um|a))",
    "MOD": "(?:" + "|".join(sorted((m.replace(" ", "~") for m in MODIFIERS), key=len, reverse=True)) + ")",
    "PART": r"(?:morning|afternoon|evening|night|overnight)",
    "SEASON": r"(?:spring|summer|fall|autumn|winter)",
    "TZ": r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|local time)",
}  # fmt: skip


def compile_rule(template: str) -> re.Pattern:
    """A rule template as a regular expression (see the template language above)."""
    pattern = template
    for _ in range(3):  # pieces may name pieces
        pattern = re.sub(r"\{([A-Z]+)\}", lambda m: PIECES[m.group(1)], pattern)
    pattern = pattern.replace("~", "(?:-|" + "\x00" + ")").replace(" ", "\x00").replace("\x00", SPACE)
    return re.compile(r"(?<![\w'])(?:" + pattern + r")(?![\w])", re.IGNORECASE)


def words(text: str) -> str:
    """Lower-cased, single-spaced, no hyphens: how handlers look words up."""
    return re.sub(r"[\s\-]+", " ", text.lower()).strip()


def number(text: str | None) -> float | None:
    """The number a quantity word or numeral gives; None for vague ones (several, a few)."""
    if not text:
        return None
    t = words(text)
    if t in ("a couple", "a couple of", "couple of"):
        return 2.0
    half = 0.5 if t.endswith(" and a half") else 0.0
    t = t.removesuffix(" and a half")
    if t in ("a", "an", "one"):
        return 1.0 + half
    if t in ("a half", "half a", "half an"):
        return 0.5
    if t in ("a dozen",):
        return 12.0
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(?: (\d)/(\d))?", t)
    if match:
        value = float(match.group(1))
        if match.group(2):
            value += int(match.group(2)) / int(match.group(3))
        return value + half
    match = re.fullmatch(r"(\d)/(\d)", t)
    if match:
        return int(match.group(1)) / int(match.group(2))
    if t in ("a hundred", "one hundred"):
        return 100.0 + half
    parts = t.split()
    if parts and parts[0] in TENS:
        return float(TENS[parts[0]] + (SMALL.get(parts[1], 0) if len(parts) > 1 else 0)) + half
    if t in SMALL:
        return float(SMALL[t]) + half
    return None


def unit_code(text: str) -> str:
    t = words(text).split()[-1]
    if t in ("centuries",):
        return "C"
    t = t[:-1] if t.endswith("s") and t[:-1] in UNITS else t
    return UNITS.get(t, "D")


def spelled_year(text: str) -> int | None:
    """1997 from "nineteen ninety-seven", 2000 from "two thousand", 2001 from "two thousand one"."""
    t = words(text).removeprefix("the year ").replace(" and ", " ")
    parts = t.split()
    if parts[:2] == ["two", "thousand"]:
        rest = number(" ".join(parts[2:])) if parts[2:] else 0
        return 2000 + int(rest or 0)
    if parts and parts[0] in SMALL and SMALL[parts[0]] >= 10:
        rest = " ".join(parts[1:])
        if rest.startswith("hundred"):
            tail = rest.removeprefix("hundred").strip()
            return SMALL[parts[0]] * 100 + int(number(tail) or 0) if tail else SMALL[parts[0]] * 100
        n = number(rest)
        return SMALL[parts[0]] * 100 + int(n) if n is not None else None
    return None

"""Numbers in a sentence, with their unit and what they count: "21 killed", "25 people were
killed", "injuring more than 300", "14 miners", "magnitude 6.1", "a 7% pay rise".

    sentence text ──► NumberReading(value, low, high, unit, measure, qualifier, span)

`measure` names the slot the number fills, from the words around it only: a casualty verb
("killed", "injured", "trapped", "rescued"), "magnitude", a counted noun ("countries",
"aftershocks", "ships"), or for a percentage the verb that governs it and the noun it modifies
("demand:increase", "offer:", "level:rate"). Two readings with the same measure in one story
speak about the same quantity; numbers we cannot place get no measure and are never compared.
Pure: plain text in, readings out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..dates.words import SMALL, TENS

WORD_NUMBERS = {**SMALL, "twenty": TENS["twenty"]}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# qualifiers bound the value: "at least 25" is 25 or more, "about 180" is near 180
QUALIFIERS = {
    "at least": "min", "more than": "min", "over": "min", "upwards of": "min", "no fewer than": "min",
    "at most": "max", "fewer than": "max", "less than": "max", "up to": "max", "under": "max",
    "about": "approx", "around": "approx", "roughly": "approx", "nearly": "approx", "almost": "approx",
    "some": "approx", "approximately": "approx", "an estimated": "approx",
}

# what a number counts, from the verb next to it (lemma prefixes; English)
CASUALTY_VERBS = {
    "kill": "killed", "dead": "killed", "die": "killed", "died": "killed", "death": "killed",
    "injur": "injured", "hurt": "injured", "wound": "injured", "treated": "injured",
    "trap": "trapped", "missing": "missing", "rescu": "rescued", "evacuat": "evacuated",
    "displac": "displaced", "arrest": "arrested", "collaps": "collapsed",
}
# a counted noun, singular or plural, folded to one name
COUNT_NOUNS = {
    "people": "people", "person": "people", "persons": "people",
    "vessel": "ships", "vessels": "ships", "ship": "ships", "ships": "ships",
    "country": "countries", "countries": "countries", "nation": "countries", "nations": "countries",
    "aftershock": "aftershocks", "aftershocks": "aftershocks",
    "building": "buildings", "buildings": "buildings", "house": "houses", "houses": "houses", "homes": "houses",
    "miner": "miners", "miners": "miners", "worker": "workers", "workers": "workers",
    "passenger": "passengers", "passengers": "passengers", "soldier": "soldiers", "soldiers": "soldiers",
    "carriage": "carriages", "carriages": "carriages", "delegation": "delegations", "delegations": "delegations",
}
PERCENT_VERBS = {
    "demand": "demand", "want": "demand", "ask": "demand", "seek": "demand", "call": "demand",
    "offer": "offer", "propos": "offer",
}
INCREASE_NOUNS = ("pay rise", "wage increase", "pay increase", "increase", "raise", "rise", "pay cut", "cut")

_NUMBER = (
    r"(?:\$|€|£)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)"
    r"|" + "|".join(sorted(list(WORD_NUMBERS) + list(TENS), key=len, reverse=True))
)
NUMBER = re.compile(r"(?<![\w.-])(" + _NUMBER + r")(?:\s+(hundred|thousand|million|billion))?(?![\w-])", re.I)
# what every NUMBER match holds in ASCII text: a digit, or a number word as a whole run of letters
_DIGIT = re.compile(r"[0-9]")
_LETTERS = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(WORD_NUMBERS) | frozenset(TENS)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*%?|%")
_DURATION = re.compile(r"\s*(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries)\b", re.I)


@dataclass(frozen=True)
class NumberReading:
    """One number in a sentence: its value (with bounds from a qualifier), unit and measure."""

    start: int  # offsets of the number's words within the sentence given
    end: int
    text: str
    value: float
    unit: str | None  # "%", "km", "basis points", "$", a currency word, ...
    measure: str | None  # what it counts: "killed", "magnitude", "countries", "demand:increase", ...
    qualifier: str | None  # "min", "max", "approx"

    def compatible(self, other: NumberReading) -> bool:
        """Whether the two could both be true: equal values, or ranges that overlap."""
        if self.qualifier and other.qualifier and self.value != other.value:
            return False  # "more than 140" and "more than 200" are two different reports
        lo_a, hi_a = self.bounds()
        lo_b, hi_b = other.bounds()
        return lo_a <= hi_b and lo_b <= hi_a

    def bounds(self) -> tuple[float, float]:
        v = self.value
        if self.qualifier == "min":
            return v, float("inf")
        if self.qualifier == "max":
            return 0.0, v
        if self.qualifier == "approx":
            return v * 0.9, v * 1.1
        return v, v


def parse_number(text: str) -> float | None:
    """'21' → 21, '1,800' → 1800, 'Thirty-eight' → 38, 'two' → 2, '$1.2' → 1.2."""
    t = text.lower().lstrip("$€£").replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    if "-" in t:
        tens, _, unit = t.partition("-")
        if tens in TENS and unit in WORD_NUMBERS:
            return float(TENS[tens] + WORD_NUMBERS[unit])
        return None
    if t in WORD_NUMBERS:
        return float(WORD_NUMBERS[t])
    if t in TENS:
        return float(TENS[t])
    return None


def read_numbers(sentence: str) -> list[NumberReading]:
    """Every number in the sentence that counts or measures something we can name."""
    return list(readings(sentence))


# cached: a story's copies repeat the same sentences (readings are immutable, the tuple too)
@lru_cache(maxsize=16384)
def readings(sentence: str) -> tuple[NumberReading, ...]:
    """read_numbers as a tuple, once per distinct sentence."""
    if sentence.isascii() and not _DIGIT.search(sentence) and _NUMBER_WORDS.isdisjoint(_LETTERS.findall(sentence.lower())):
        return ()  # no digit and no number word: NUMBER cannot match, so it is not run
    out = []
    for m in NUMBER.finditer(sentence):
        value = parse_number(m.group(1))
        if value is None:
            continue
        if m.group(2):
            value *= SCALES[m.group(2).lower()]
        before = sentence[: m.start()]
        after = sentence[m.end() :]
        if _is_clock_or_date(before, after, m.group(1)):
            continue
        if re.match(r"\s+of\s+(?:the|its|their)\s", after):  # partitive "Eleven of the 14 miners": a share
            continue
        if _DURATION.match(after):  # "injuring 38, one week after ...": a span of time counts nothing
            continue
        unit = _unit(m.group(0), after)
        measure = _measure(before, after, unit)
        if measure is None:
            continue
        out.append(
            NumberReading(m.start(), m.end(), m.group(0), value, unit, measure, _qualifier(before))
        )
    return tuple(out)


def _is_clock_or_date(before: str, after: str, number: str) -> bool:
    if re.match(r"\s*(?::\d|a\.m\.|p\.m\.|am\b|pm\b)", after) or re.search(r"\d:$", before):
        return True
    if re.search(r"(January|February|March|April|May|June|July|August|September|October|November|December)\s*$", before):
        return True
    if re.match(r"\s*(January|February|March|April|May|June|July|August|September|October|November|December)\b", after):
        return True
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", number))  # a year


def _unit(number: str, after: str) -> str | None:
    if number[:1] in "$€£":
        return number[0]
    m = re.match(r"\s*(%|per ?cent\b|percent\b|percentage points?\b|basis points?\b|kilomet\w+|km\b|metres?\b|meters?\b|degrees?\b|lira\b|euros?\b|dollars?\b|pesos?\b|tonnes?\b)", after, re.I)
    if not m:
        return None
    u = m.group(1).lower()
    if u.startswith(("per", "%")) and "point" not in u:
        return "%"
    return u.rstrip("s") if not u.endswith("ss") else u


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _measure(before: str, after: str, unit: str | None) -> str | None:
    before = _strip_qualifier(before)
    prev = _words(before)[-4:]
    nxt = _words(re.split(r"[,;]|\band\b", after, maxsplit=1)[0])[:6]
    if prev and prev[-1] == "magnitude":
        return "magnitude"
    if unit == "%":
        return _percent_measure(before, after)
    if unit in ("km", "kilometre", "kilometer", "metre", "meter", "degree"):
        return None  # distances and temperatures describe, they are not what a story counts
    if unit:
        noun = re.match(r"\s*\S+\s+(fund|pledges?|budget|loan|package)", after)
        return f"amount:{unit}" + (f":{noun.group(1).rstrip('s')}" if noun else "")
    # "21 people killed", "killing 21 people", "47 injured", "14 miners were trapped"
    noun = next((COUNT_NOUNS[w] for w in nxt[:2] if w in COUNT_NOUNS), None)
    verb = _verb_after(nxt[1:] if noun and nxt and nxt[0] in COUNT_NOUNS else nxt) or _verb_class(" ".join(prev[-2:]))
    if verb and verb == "collapsed" and noun not in ("buildings", "houses"):
        verb = None
    if verb:
        return verb if noun in (None, "people", "miners", "workers", "passengers", "soldiers") else f"{verb}:{noun}"
    if noun in ("countries", "aftershocks", "ships", "buildings", "houses", "passengers", "delegations", "carriages"):
        return noun
    return None


_AUX = frozenset("were was had have has been are is".split())


def _verb_after(words: list[str]) -> str | None:
    """The casualty verb right after a number (and its noun): '40 injured', '25 people were
    killed', '14 miners trapped'; a bare stem ('rescue workers') is a noun, not a verb."""
    words = [w for w in words[:4] if w not in _AUX] or [""]
    word = words[0]
    if word in ("dead", "died", "missing") or re.search(r"(ed|d|t)$", word):
        return _verb_class(word)
    return None


def _strip_qualifier(before: str) -> str:
    tail = before.rstrip()
    for phrase in QUALIFIERS:
        if tail.lower().endswith(" " + phrase) or tail.lower() == phrase:
            return tail[: len(tail) - len(phrase)]
    return before


def _verb_class(words: str) -> str | None:
    for stem, cls in CASUALTY_VERBS.items():
        if re.search(r"\b" + stem, words):
            return cls
    return None


def _percent_measure(before: str, after: str) -> str | None:
    clause = re.split(r"[,;]|\bwhile\b|\band\b", before)[-1]
    words = _words(clause)[-6:]
    verb = next((cls for w in reversed(words) for stem, cls in PERCENT_VERBS.items() if w.startswith(stem)), "")
    tail = re.sub(r"^\s*(%|per ?cent|percent)\s*", "", after.lower())
    noun = next((n for n in INCREASE_NOUNS if tail.startswith(n)), None)
    if noun:
        return f"{verb}:{'cut' if 'cut' in noun else 'increase'}"
    if verb:
        return f"{verb}:"
    if re.search(r"\bto\s*$", clause):
        head = [w for w in _words(re.sub(r"\bby\b.*$", "", clause[: clause.rfind("to")]))
                if len(w) > 3 and not w.endswith("ed")]
        return f"level:{head[-1]}" if head else None
    m = re.match(r"\s*of\s+(?:the\s+)?(?:total\s+)?(?:allowable\s+)?(catch|vote|market|quota|stake|shares?)\b", tail)
    if m:
        return f"share:{m.group(1)}"
    return None


def _qualifier(before: str) -> str | None:
    tail = before.lower().rstrip()
    tail = re.sub(r"\b(a|an|the)\s*$", "", tail).rstrip()
    for phrase, kind in QUALIFIERS.items():
        if tail.endswith(phrase):
            return kind
    return None

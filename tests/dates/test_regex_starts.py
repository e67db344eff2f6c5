"""regex_starts: each temporal rule tried only where its first letters are finds exactly the
matches a full scan finds."""

import re

from storyline.dates import stage  # noqa: F401 - registers every rule
from storyline.dates.regex_starts import K, StartIndex, prefixes
from storyline.dates.rules import RULES

TEXTS = [
    "Talks resumed on Monday, March 3, 2025, three years after the last round; in the past two weeks "
    "officials met twice. A year earlier, in Q3 2023, sales fell 4%. The meeting is set for 10:30 a.m. EST.",
    "EARLY LAST WEEK THE MINISTER SAID THE 1990S WERE DIFFERENT. Every Tuesday morning, for six months.",
    "Le 3 mars, à Genève – «dans deux ans» — Straße; in the ſpring of 2021 and İn late Sept. 2019 (Q1), "
    "the fiscal year 2024-25, '90s, 24/7, 3/14/2021, 2021-03-14, nineteen ninety-seven, H2.",
    "", "a", "Q1", "May", "x" * 50 + "today",
    "the quarter\n\nended last year; the year-earlier period; during the past decade, since the 20th century",
]


def test_every_rule_finds_what_a_full_scan_finds():
    index = StartIndex([r.pattern for r in RULES])
    for text in TEXTS + [t.lower() for t in TEXTS] + [t.upper() for t in TEXTS]:
        places = index.places(text)
        for n, r in enumerate(RULES):
            full = [(m.span(), m.groupdict()) for m in r.pattern.finditer(text)]
            fast = [(m.span(), m.groupdict()) for m in index.finditer(n, text, places)]
            assert fast == full, (r.name, text)


def test_prefixes_read_from_the_pattern():
    assert prefixes(re.compile(r"(?<!\w)(?:last|next) (?-i:Monday)", re.I)) == {"las", "nex"}
    assert prefixes(re.compile(r"Q[1-4]", re.I)) == {"q1", "q2", "q3", "q4"}
    assert all(len(p) <= K for p in prefixes(re.compile(r"\d+ days?")))
    assert prefixes(re.compile(r"(a)?\1")) is None  # a back-reference: not read, scanned as before
    assert prefixes(re.compile(r"x*")) is None  # may match nothing

"""Where a regular expression's matches can begin, so that a long case-insensitive pattern is
tried only there and not at every word of a text.

Python's `re` tries a pattern at every position of the text; for the temporal rules (long
alternations behind a `(?<![\\w'])` lookbehind) nearly all the time goes into failed attempts
at word starts. `prefixes(pattern)` reads the pattern's parse tree once and gives every
lower-cased ASCII string of up to K characters a match can begin with ("the", "las", "jan",
"19"...): a superset, never missing one. `StartIndex` indexes a text once by the K characters
at each place a match may begin; `finditer` then tries the pattern only at the places whose
characters are one of its prefixes, in order, skipping those inside the previous match: the
same matches `pattern.finditer(text)` gives (a match is found at a position by the same
attempt either way; a lookbehind sees the text before the position in both).

Where the text's characters there are not ASCII (case folding may then join other letters),
the place is always tried. A pattern with a construct not read here, or one that can match
the empty string, is scanned as before.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the parse tree's opcodes (Python 3.11+)
from re import _parser

K = 3
_ASCII = [chr(i) for i in range(128)]
_ANY = frozenset(c.lower() for c in _ASCII)
_CATEGORIES = {
    C.CATEGORY_DIGIT: frozenset(c for c in _ASCII if re.match(r"\d", c)),
    C.CATEGORY_WORD: frozenset(c.lower() for c in _ASCII if re.match(r"\w", c)),
    C.CATEGORY_SPACE: frozenset(c for c in _ASCII if re.match(r"\s", c)),
}
_LIMIT = 20_000  # more prefixes than this: the pattern is not worth indexing


class _Unread(Exception):
    """A construct `prefixes` does not read (a back-reference, a conditional...)."""


def prefixes(pattern: re.Pattern) -> frozenset[str] | None:
    """Every lower-cased ASCII string of K characters (or fewer, where a match may be that
    short) that a match of `pattern` on ASCII text can begin with; None where not known."""
    try:
        found = _sequence(_parser.parse(pattern.pattern, pattern.flags).data, {""})
    except (_Unread, AttributeError, TypeError, ValueError):
        return None
    return None if "" in found else frozenset(found)


def _sequence(items, live: set[str]) -> set[str]:
    done = {s for s in live if len(s) >= K}
    live = {s for s in live if len(s) < K}
    for op, av in items:
        if not live:
            break
        out = _item(op, av, live)
        if len(out) > _LIMIT:
            raise _Unread("too many prefixes")
        done |= {s for s in out if len(s) >= K}
        live = {s for s in out if len(s) < K}
    return done | live


def _item(op, av, live: set[str]) -> set[str]:
    if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
        chars = _characters(op, av)
        return {s + c for s in live for c in chars}
    if op is C.SUBPATTERN:
        return _sequence(av[3], live)
    if op is C.ATOMIC_GROUP:
        return _sequence(av, live)
    if op is C.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            out |= _sequence(alternative, live)
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, body = av
        out = set(live) if low == 0 else set()
        current = set(live)
        for times in range(1, K + 2):  # K + 1 repeats fill every prefix, however short each is
            if times > high:
                break
            current = _sequence(body, current)
            if times >= low or times == K + 1:
                out |= current
        return out
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return set(live)  # takes no character
    raise _Unread(str(op))


def _characters(op, av) -> frozenset[str]:
    """The ASCII characters, lower-cased, one single-character item may match (or more)."""
    if op is C.LITERAL:
        char = chr(av)
        if char.isascii():
            return frozenset(char.lower())
        # without case, a non-ASCII letter may match an ASCII one ("ſ" matches "s")
        return frozenset(c.lower() for c in _ASCII if re.fullmatch(re.escape(char), c, re.IGNORECASE))
    if op is C.IN:
        out: set[str] = set()
        for kind, value in av:
            if kind is C.LITERAL:
                out |= _characters(kind, value)
            elif kind is C.RANGE and value[1] < 128:
                out |= {chr(i).lower() for i in range(value[0], value[1] + 1)}
            elif kind is C.CATEGORY and value in _CATEGORIES:
                out |= _CATEGORIES[value]
            else:
                return _ANY  # a negated set, a wide range, another category
        return frozenset(out)
    return _ANY


class StartIndex:
    """For a fixed list of patterns (each behind a `(?<![\\w'])` lookbehind or not): each
    pattern's prefixes, and the one scan that lists a text's possible starting places."""

    def __init__(self, patterns: list[re.Pattern], after: str = r"(?<![\w'][\s\S])") -> None:
        """`after`: a lookbehind of width 2 true wherever any of the patterns may begin, the
        character there taken (the default: not after a word character or an apostrophe,
        as every temporal rule begins). Use "" for patterns that may begin anywhere."""
        self.patterns = list(patterns)
        self.prefixes = [prefixes(p) for p in self.patterns]
        # whether a pattern may match fewer than K characters (its keys are then looked up by prefix)
        self._short = [found is not None and any(len(s) < K for s in found) for found in self.prefixes]
        first = sorted({s[0] for found in self.prefixes if found for s in found})
        chars = "".join(re.escape(c) + (re.escape(c.upper()) if c.upper() != c else "") for c in first)
        # a character class first: re's C loop jumps to the next such character by itself
        self._places = re.compile(rf"(?:[{chars}]|[^\x00-\x7f]){after}" if chars else r"[^\x00-\x7f]")

    def places(self, text: str) -> tuple[dict[str, list[int]], list[int]]:
        """The text's possible starting places: {its K characters lower-cased: positions}, and
        the positions where those characters are not all ASCII."""
        starts = [m.start() for m in self._places.finditer(text)]
        by_key: dict[str, list[int]] = {}
        odd: list[int] = []
        low = text.lower() if text.isascii() else None
        for p in starts:
            if low is not None:
                key = low[p : p + K]
            else:
                key = text[p : p + K]
                if not key.isascii():
                    odd.append(p)
                    continue
                key = key.lower()
            found = by_key.get(key)
            if found is None:
                by_key[key] = [p]
            else:
                found.append(p)
        return by_key, odd

    def finditer(self, n: int, text: str, places: tuple[dict[str, list[int]], list[int]]):
        """The matches of pattern `n` in `text`, as `patterns[n].finditer(text)` gives them;
        `places`: self.places(text)."""
        pattern, found = self.patterns[n], self.prefixes[n]
        if found is None:
            yield from pattern.finditer(text)
            return
        by_key, odd = places
        if self._short[n]:
            keys = [k for k in by_key if any(k[:j] in found for j in range(1, K + 1))]
        else:
            keys = by_key.keys() & found
        candidates = [p for k in keys for p in by_key[k]] + odd
        candidates.sort()
        match = pattern.match
        end = 0
        for p in candidates:
            if p < end:
                continue  # inside the match before: finditer goes on from its end
            m = match(text, p)
            if m is not None:
                yield m
                end = m.end()

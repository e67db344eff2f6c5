"""The dateline that opens a news article: "MOSCOW —", "NAIROBI, Kenya —", "SAN FRANCISCO (AP) —".

It is the start of the article, not page furniture: the place (and the agency in brackets)
belongs to the lead paragraph. `find_dateline` reads the place and the agency from the first
body block; `join_bare_dateline` puts a dateline that a page set apart ("SAN FRANCISCO (AP) —"
in a block of its own) back in front of the paragraph it opens.
"""

from __future__ import annotations

import re

# A place in capitals opening the text, an optional agency in brackets, then a dash.
DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ.'’\- ]{1,40}?(?:,\s*[A-ZÀ-Þ][\w.'’\- ]{1,30}?)?)"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&/-]{0,20})\))?\s*(?:—|–|--|-)\s+(?=\S)"
)
_BARE = re.compile(DATELINE.pattern.removesuffix(r"\s+(?=\S)") + r"\s*$")


def place_ok(place: str) -> bool:
    """A dateline's place is written in capitals, three letters at least ("MOSCOW", "NAIROBI, Kenya")."""
    head = place.split(",")[0].strip()
    letters = [ch for ch in head if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def is_bare_dateline(text: str) -> bool:
    """A dateline with nothing after it: "SAN FRANCISCO (AP) —"."""
    m = _BARE.match(text.strip())
    return bool(m and place_ok(m.group("place")))


def find_dateline(blocks: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """(place, agency) of the dateline opening the first body block among the first three
    blocks, or (None, None)."""
    for kind, block in blocks[:3]:
        if kind == "body":
            m = DATELINE.match(block)
            if m and place_ok(m.group("place")):
                agency = (m.group("agency") or "").strip() or None
                return " ".join(m.group("place").split()).strip(" ,"), agency
            break
    return None, None


def join_bare_dateline(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The blocks with a dateline standing alone ("SAN FRANCISCO (AP) —") joined to the body
    block after it, so the lead reads as one paragraph."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(blocks):
        kind, text = blocks[i]
        if is_bare_dateline(text) and i + 1 < len(blocks) and blocks[i + 1][0] == "body":
            out.append(("body", f"{text.strip()} {blocks[i + 1][1]}"))
            i += 2
            continue
        out.append((kind, text))
        i += 1
    return out

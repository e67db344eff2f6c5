"""A headline for an article that has none: its lead sentence, without the dateline, cut short.

Many scraped texts and feeds carry no title, and a story of such articles would have nothing to
show in a listing. The lead sentence is what a headline condenses (news writing puts the
development first), so it stands in: the text's first paragraph, its dateline ("JERUSALEM (JTA)
—", "PORTO PRÍNCIPE -") dropped, up to its first sentence end, at most `MAX_WORDS` words. A story
shows it only while none of its articles has a title of its own (`Story.title`).
"""

from __future__ import annotations

import re

MAX_WORDS = 16

# a dateline: a place (a few words, capitalised, maybe ", Country" or "(Agency)"), then a dash
_DATELINE = re.compile(r"^(?P<place>[^\W\d_][^\n—–]{0,60}?)\s+(?:—|–|--|-)\s+(?=\S)")
# a sentence end: ., ! or ? (maybe closing a quotation), then space and a capital or an opening quote
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[^\W\d_])")


def infer_headline(text: str, max_words: int = MAX_WORDS) -> str:
    """The lead sentence of `text` as a headline ('' for a text with no words)."""
    lead = next((p.strip() for p in text.split("\n") if p.strip()), "")
    m = _DATELINE.match(lead)
    if m and _is_place(m.group("place")):
        lead = lead[m.end():]
    for end in _SENTENCE_END.finditer(lead):
        if not _abbreviation(lead[: end.start()]):
            lead = lead[: end.start()]
            break
    words = lead.split()
    if len(words) > max_words:
        return " ".join(words[:max_words]).rstrip(",;:") + "…"
    return " ".join(words).rstrip(".")


def _is_place(place: str) -> bool:
    """A dateline's place: at most six words, each starting with a capital (or a bracket)."""
    words = place.replace(",", " ").split()
    return 0 < len(words) <= 6 and all(w[0].isupper() or w[0] == "(" for w in words)


_ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|St|Jr|Sr|U\.S|U\.N|No|Inc|Co|Corp|Lt|Col|Capt)\.$")


def _abbreviation(before: str) -> bool:
    return bool(_ABBREVIATIONS.search(before)) or bool(re.search(r"\b[A-Z]\.$", before))

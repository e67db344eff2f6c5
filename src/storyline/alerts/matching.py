"""Whether an article, or one of its events, meets a saved alert's criteria: pure functions
over the rows `Store.alert_rows` gives. Criteria combine with AND; an unset one
holds. A story matches when one of its articles does, a storyline when one of its stories does.

For an article: `query` holds when any of its words is in the title or text (case and accents
aside); `entity` when an entity of the article (by key, name or alias) or a source or target
of one of its events is it; `event_type` when one of its events has the type; `country` when
one of its entities, event actors or event places has the country; `outlet` when it is the
article's outlet. For an event, the same criteria read the event itself (its type, its sources
and targets, its place) and its article (words, outlet)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..events.lexicon import TYPES

KINDS = {"stories": "story", "events": "event", "storylines": "storyline"}  # --on value -> delivered kind
CRITERIA = ("query", "entity", "event_type", "country", "outlet")


def fold(text: str) -> str:
    """Lower case, accents off: 'Zürich' -> 'zurich'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Criteria:
    query: str | None = None
    entity: str | None = None
    event_type: str | None = None
    country: str | None = None
    outlet: str | None = None

    def __post_init__(self):
        if self.event_type is not None and self.event_type.upper() not in TYPES:
            raise ValueError(f"unknown event type '{self.event_type}'; known: {', '.join(TYPES)}")
        if self.country is not None and not re.fullmatch(r"[A-Za-z]{3}", self.country):
            raise ValueError(f"country '{self.country}' is not an ISO 3166-1 alpha-3 code (e.g. FRA)")
        if self.query is not None and not _WORD.findall(self.query):
            raise ValueError(f"query '{self.query}' has no words")

    @classmethod
    def of(cls, row: dict) -> Criteria:
        return cls(**{c: row.get(c) for c in CRITERIA})

    def given(self) -> dict:
        return {c: getattr(self, c) for c in CRITERIA if getattr(self, c) is not None}


def _words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def _is_entity(name: str, key: str | None, names: list[str]) -> bool:
    wanted = fold(name)
    return (key is not None and fold(key) == wanted) or any(fold(n) == wanted for n in names if n)


def _actor_is(actor: dict, name: str, entities: dict[str, dict]) -> bool:
    known = entities.get(actor.get("entity") or "", {})
    return _is_entity(name, actor.get("entity"), [actor.get("text"), known.get("name"), *(known.get("aliases") or [])])


def _actors(event: dict) -> list[dict]:
    return list(event.get("sources") or []) + list(event.get("targets") or [])


def _event_countries(event: dict) -> set[str]:
    return {(a.get("country") or "").upper() for a in _actors(event)} | {(event.get("place_country") or "").upper()}


def _words_and_outlet(criteria: Criteria, article: dict, facts: dict) -> bool:
    """Whether the article has the query's words and is from the outlet asked for (each
    criterion only when given); what it found is added to `facts`."""
    if criteria.query:
        found = sorted(_words(criteria.query) & (_words(article.get("title") or "") | _words(article.get("text") or "")))
        if not found:
            return False
        facts["words"] = found
    if criteria.outlet:
        if fold(article.get("outlet") or "") != fold(criteria.outlet):
            return False
        facts["outlet"] = article["outlet"]
    return True


def article_facts(criteria: Criteria, article: dict) -> dict | None:
    """What makes the article match (the words, entity, types... found), or None if it does not."""
    facts: dict = {}
    if not _words_and_outlet(criteria, article, facts):
        return None
    entities = {e["key"]: e for e in article.get("entities") or []}
    events = article.get("events") or []
    if criteria.event_type:
        events = [e for e in events if e["type"] == criteria.event_type.upper()]
        if not events:
            return None
        facts["event_type"] = criteria.event_type.upper()
    if criteria.entity:
        named = [e for e in entities.values() if _is_entity(criteria.entity, e["key"], [e["name"], *(e["aliases"] or [])])]
        acting = [ev for ev in events if any(_actor_is(a, criteria.entity, entities) for a in _actors(ev))]
        if not named and not acting:
            return None
        facts["entity"] = named[0]["name"] if named else criteria.entity
    if criteria.country:
        iso = criteria.country.upper()
        if not any((e.get("country") or "").upper() == iso for e in entities.values()) and not any(
            iso in _event_countries(ev) for ev in events
        ):
            return None
        facts["country"] = iso
    return facts


def event_facts(criteria: Criteria, article: dict, event: dict) -> dict | None:
    """What makes one of the article's events match, or None if it does not."""
    facts: dict = {"event_type": event["type"]}
    if criteria.event_type and event["type"] != criteria.event_type.upper():
        return None
    if not _words_and_outlet(criteria, article, facts):
        return None
    entities = {e["key"]: e for e in article.get("entities") or []}
    if criteria.entity:
        if not any(_actor_is(a, criteria.entity, entities) for a in _actors(event)):
            return None
        facts["entity"] = criteria.entity
    if criteria.country:
        if criteria.country.upper() not in _event_countries(event):
            return None
        facts["country"] = criteria.country.upper()
    return facts


def matching_items(criteria: Criteria, kind: str, articles: list[dict]) -> dict[str, dict]:
    """Item id -> {facts, articles} for the items of `kind` (story, event, storyline) that these
    articles make match; articles not yet placed in a story (or storyline) give none."""
    items: dict[str, dict] = {}
    for article in articles:
        if kind == "event":
            for event in article.get("events") or []:
                facts = event_facts(criteria, article, event)
                if facts is not None:
                    items[f"{article['id']}:{event['position']}"] = {"facts": facts, "articles": [article["id"]],
                                                                    "title": article["title"]}  # fmt: skip
            continue
        item = article.get("story_id") if kind == "story" else article.get("storyline_id")
        if item is None:
            continue
        facts = article_facts(criteria, article)
        if facts is not None:
            found = items.setdefault(item, {"facts": facts, "articles": []})
            found["articles"].append(article["id"])
    return items

"""What the story stage reads: a light record per article, so `stories/` needs neither spaCy
nor the store (STYLE habit 2). `story_input` builds one from an `Article`."""

from __future__ import annotations

from dataclasses import dataclass

from ..record import Article


@dataclass(frozen=True)
class StoryInput:
    """One article as the clusterer sees it.

    `entities` are canonical entity keys ("person:sergei-lavrov") or normalised names; they may
    be empty, and clustering then works on the text alone. `published` and `event_dates` are ISO
    dates (YYYY-MM-DD, longer values are cut to the day) or absent. `language` is the ISO 639-1
    code of `Article.language` ("es"): it picks the stopwords the text is read without
    (`features.stopwords`); absent, the text is read as English."""

    id: str
    title: str
    text: str
    published: str | None = None
    outlet: str | None = None
    entities: tuple[str, ...] = ()
    event_dates: tuple[str, ...] = ()
    language: str | None = None


# Entity types that name who and where a story is about (record.Entity.label values).
STORY_ENTITY_LABELS = frozenset({"PERSON", "ORG", "PLACE", "GPE", "LOC", "NORP", "EVENT", "FAC"})


def story_input(article: Article) -> StoryInput:
    """The clusterer's view of a cleaned (and, where run, analysed) article."""
    entities = tuple(dict.fromkeys(e.key for e in article.entities if e.label in STORY_ENTITY_LABELS))
    event_dates = tuple(
        dict.fromkeys(
            d.value[:10]
            for d in article.dates
            if d.type == "DATE" and d.precision == "day" and len(d.value) >= 10 and d.value[:4].isdigit()
        )
    )
    return StoryInput(
        id=article.id,
        title=article.title or "",
        text=article.text,
        published=(article.published or None) and article.published[:10],
        outlet=article.outlet,
        entities=entities,
        event_dates=event_dates,
        language=article.language or None,
    )

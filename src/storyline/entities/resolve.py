"""Entities across articles: partial PERSON names linked to the one full name the corpus knows.

"President Trump" in an article that never gives his first name takes the key of the one
"Donald Trump" found in the batch or already stored, and "Donald J. Trump" (another paper's
style) is that "Donald Trump" too; a surname two full names share, or a
name of another label, or a person whose country conflicts, is left alone. An entity whose own article shows no country takes the
one country the rest of the corpus gives it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from ..record import Article, Entity
from .gazetteer import fold as _fold


def resolve_across(articles: list[Article], known: Iterable[Entity] = ()) -> list[Article]:
    """The articles with partial PERSON names linked across the corpus: a surname-only or
    partial name takes the key of the one full name with that surname in the batch or in
    `known`. Never when two full names share the surname, never across labels, never when
    the two articles give the person different countries. An entity
    whose country its own article does not show takes the one country the corpus gives it."""
    known = list(known)
    everyone = [e for a in articles for e in a.entities] + known
    plain = _plain_forms(everyone)
    full: dict[str, dict[str, Entity]] = {}
    for entity in everyone:
        if entity.label == "PERSON" and len(entity.name.split()) >= 2 and entity.key not in plain:
            full.setdefault(_fold(entity.name.split()[-1]), {}).setdefault(entity.key, entity)
    resolved = [_resolve_article(article, full, plain) for article in articles]
    countries: dict[str, set[str]] = {}
    for entity in [e for a in resolved for e in a.entities] + known:
        if entity.country:
            countries.setdefault(entity.key, set()).add(entity.country)
    out = []
    for article in resolved:
        entities = [
            replace(e, country=next(iter(countries[e.key])))
            if not e.country and len(countries.get(e.key, ())) == 1
            else e
            for e in article.entities
        ]
        out.append(replace(article, entities=entities))
    return out


def _plain_forms(everyone: list[Entity]) -> dict[str, Entity]:
    """Full names written with middle initials, each to the plain form the corpus also writes:
    "Donald J. Trump" is "Donald Trump", as one newspaper's style and another's. Not where two
    people share the plain form's words with other initials ("George W. Bush", "George H. W.
    Bush" and "George Bush")."""
    people = {e.key: e for e in everyone if e.label == "PERSON"}
    plains: dict[tuple[str, str], Entity] = {}
    initialled: dict[tuple[str, str], dict[str, Entity]] = {}
    for entity in people.values():
        words = entity.name.split()
        if len(words) == 2:
            plains.setdefault((_fold(words[0]), _fold(words[-1])), entity)
        elif len(words) >= 3 and all(_INITIALS.match(w) for w in words[1:-1]):
            pattern = "".join(w for w in words[1:-1]).replace(".", "").upper()
            initialled.setdefault((_fold(words[0]), _fold(words[-1])), {}).setdefault(pattern, entity)
    out = {}
    for name, variants in initialled.items():
        if name in plains and len(variants) == 1:
            out[next(iter(variants.values())).key] = plains[name]
    return out


_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]$")


def _resolve_article(article: Article, full: dict[str, dict[str, Entity]], plain: dict[str, Entity]) -> Article:
    own_full = Counter(
        _fold(e.name.split()[-1]) for e in article.entities
        if e.label == "PERSON" and len(e.name.split()) >= 2 and e.key not in plain
    )  # fmt: skip
    rekey: dict[str, Entity] = {e.key: plain[e.key] for e in article.entities if e.key in plain}
    for entity in article.entities:
        words = entity.name.split()
        if entity.key in rekey:
            continue
        if entity.label != "PERSON" or len(words) >= 2 and entity.key in full.get(_fold(words[-1]), {}):
            continue
        surname = _fold(words[-1])
        if own_full[surname] > (1 if len(words) >= 2 else 0):
            continue  # the article itself names two people with this surname
        matches = {
            k: e for k, e in full.get(surname, {}).items() if partial_of(words, e.name.split()) and agree(entity, e)
        }
        if len(matches) == 1:
            rekey[entity.key] = next(iter(matches.values()))
    if not rekey:
        return article
    mentions = [replace(m, entity=rekey[m.entity].key) if m.entity in rekey else m for m in article.mentions]
    merged: dict[str, Entity] = {}
    for entity in article.entities:
        target = rekey.get(entity.key)
        if target is not None:
            entity = replace(entity, key=target.key, name=target.name)
        if entity.key in merged:
            before = merged[entity.key]
            entity = replace(
                before,
                country=before.country or entity.country,
                titles=_unique(before.titles + entity.titles),
                aliases=_unique(before.aliases + entity.aliases),
            )
        merged[entity.key] = entity
    return replace(article, mentions=mentions, entities=list(merged.values()))


def agree(partial: Entity, full: Entity) -> bool:
    """Whether what a partial name's article says of the person fits the full name's: not two
    countries ("Kim" of South Korea is not North Korea's Kim Jong Un)."""
    return not (partial.country and full.country and partial.country != full.country)


def partial_of(words: list[str], full: list[str]) -> bool:
    """Whether a name is a shorter form of a full one: the same surname, and its other words
    among the full name's ("Trump" of "Donald Trump", "Vladimir Putin" of "Vladimir V. Putin",
    "Woo" of "Ken Woo Kwok-wang")."""
    if len(words) >= len(full) or _fold(surname(words)) != _fold(surname(full)):
        return False
    rest = {_fold(w) for w in full} | {_fold(_ARTICLE.sub("", w)) for w in full}
    return all(_fold(w) in rest for w in words)


def surname(words: list[str]) -> str:
    """The word a name is shortened to: its last, save for an East Asian name written surname
    first, whose given name English news hyphenates with a lower-case second syllable ("Kim
    Jong-un", "Tsai Ing-wen", "Ken Woo Kwok-wang"): then the word before it. A Western
    double surname capitalises both parts ("Zeta-Jones") and stays last; an Arabic surname
    is written without its article ("Hariri" of "Saad al-Hariri")."""
    if len(words) >= 2 and _GIVEN_SYLLABLES.match(words[-1]):
        return words[-2]
    return _ARTICLE.sub("", words[-1]) if len(words) >= 2 else words[-1]


_GIVEN_SYLLABLES = re.compile(r"^[A-Z][a-z]{1,5}-[a-z]{1,5}$")
# The Arabic article before a surname, which news drops when it writes the surname alone
# ("Saad al-Hariri" ... "Hariri said", "el-Sisi" ... "Sisi").
_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az)[-‐‑](?=[A-Z])", re.IGNORECASE)


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))

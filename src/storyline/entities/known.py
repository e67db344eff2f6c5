"""Named actors: the country (and sector) of a person or organisation the text names without
saying whose it is ("President Abdelaziz Bouteflika", "Hamas", "the Kremlin"), from the table
derived from PETRARCH2's actor dictionaries (actors.tsv, build_actors.py).

A full name or an organisation's name is looked up as written. A lone surname ("President
Suharto") is looked up only with a title, and only when every office holder of that surname in
the table is of one country: "Mr Brown" in a story from anywhere is nobody's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..entities.gazetteer import fold
from .petrarch import rows

__all__ = ["NamedActor", "named_actor"]


@dataclass(frozen=True)
class NamedActor:
    country: str  # ISO 3166 alpha-3, or UNO, EUR, IGO, NGO, IMG
    sector: str | None
    kind: str  # person or org


def named_actor(name: str, *, titled: bool = False) -> NamedActor | None:
    """The table's actor for a name, or None (see the module's rules for surnames)."""
    names, surnames = _tables()
    key = _key(name)
    found = names.get(key)
    if " " not in key and (found is None or found.kind == "person"):
        return (found or surnames.get(key)) if titled else None  # a lone name of a person
    return found


def _key(name: str) -> str:
    return " ".join(fold(name).replace("’", "'").strip(".,'").split())


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, NamedActor], dict[str, NamedActor]]:
    names: dict[str, NamedActor] = {}
    by_surname: dict[str, set[str]] = {}
    first: dict[str, NamedActor] = {}
    for name, country, sector, kind in rows(Path(__file__).with_name("actors.tsv")):
        actor = NamedActor(country, sector or None, kind)
        names.setdefault(_key(name), actor)
        if kind == "person":
            surname = name.split()[-1]
            by_surname.setdefault(surname, set()).add(country)
            first.setdefault(surname, actor)
    surnames = {s: first[s] for s, countries in by_surname.items() if len(countries) == 1 and len(s) > 2}
    return names, surnames

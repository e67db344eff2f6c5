"""The entities stage: fills `mentions` (each name in the text, typed, with its title and
country) and `entities` (one canonical person, organisation or place per article); across
articles, `resolve_across` links a surname-only person to the one full name the corpus knows.

    stage.py      `find_entities`: spaCy's names, corrected and linked within the article
    titles.py     titles and roles written with a name, and the country they show
    gazetteer.py  places, countries, first-level divisions and demonyms, by prominence (also
                  read by the events stage)
    known.py      `named_actor`: people, organisations, armed groups and international bodies
                  with their country (actors.tsv, derived from PETRARCH2 by build_actors.py;
                  petrarch.py: its folder, commit and MIT notice; also read by events)
    resolve.py    `resolve_across`: people and countries across articles
    coreference.py  who a name, pronoun or noun in an article refers to (the quotes stage's
                  speakers, the events stage's pronouns)
"""

from .resolve import resolve_across
from .stage import find_entities

__all__ = ["find_entities", "resolve_across"]

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


def load_knowledge() -> None:
    """Build the gazetteer's and the actor table's lookups now (about a second, once per
    process) rather than inside the first article's entities stage: the nlp stage calls it
    when it loads the model, as spaCy loads its own tables, so one article's time is its own."""
    from . import gazetteer, known

    gazetteer.place("")
    known.named_actor("")


__all__ = ["find_entities", "load_knowledge", "resolve_across"]

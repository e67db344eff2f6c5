"""Titles and roles written with a name, and the country they show.

Three English constructions carry a title:

- a pre-modifier run: "former U.S. President Donald Trump", "Russian Foreign Ministry
  spokesperson Maria Zakharova", "U.S. Secretary of State Marco Rubio";
- an apposition after the name: "Vladimir Medinsky, head of Russia's negotiating delegation,";
- an apposition before it: "Russia's chief negotiator, Vladimir Medinsky".

The parse decides which words belong to the name's phrase; a short lexicon of role nouns
decides whether that phrase is a title at all. "former", "acting" and the like are kept: later
stages compare what outlets call someone.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import gazetteer

# Nouns that name a role. A title must hold one of these or a lower-case common noun.
ROLE_WORDS = frozenset(
    """
    president vice-president minister secretary spokesperson spokesman spokeswoman chancellor
    premier king queen prince princess pope senator sen. rep. representative governor mayor
    general gen. colonel col. admiral commander chief head director chairman chairwoman chair
    ceo ambassador envoy negotiator leader speaker deputy prime attorney judge justice officer
    official adviser advisor aide lawmaker congressman congresswoman mp commissioner councillor
    councilor sheikh emir sultan ayatollah patriarch archbishop bishop cardinal rabbi imam
    ruler monarch dictator tsar czar founder executive chairperson coordinator counsel
    diplomat spokesmen ministers presidents leaders candidate nominee envoys negotiators
    lieutenant lt. sergeant sgt. captain capt. major marshal brigadier inspector superintendent
    dr. mr. mrs. ms. sir lord lady dame baron governor-general president-elect ombudsman
    prosecutor auditor treasurer registrar clerk governor director-general secretary-general
    professor prof. mediator economist analyst researcher scientist seismologist lawyer
    doctor dr surgeon spokespeople president-elect commissioner-general pastor reverend rev.
    actor actress singer rapper comedian novelist filmmaker journalist columnist correspondent
    anchor coach
    """.split()
)

# Words that qualify a title and stay in it: "former U.S. President", "acting Defense Minister".
QUALIFIERS = frozenset("former ex- acting interim then then- outgoing incoming late deputy vice top senior".split())

# Government portfolios the model tags as organisations when they sit inside a title
# ("Defense" in "Defense Minister", "State" in "Secretary of State").
PORTFOLIOS = frozenset(
    """
    defense defence state foreign interior home finance treasury justice health education energy
    agriculture commerce trade labor labour transport transportation economy culture environment
    security intelligence homeland veterans housing industry tourism information communications
    """.split()
)

_STOP_PUNCT = frozenset(',;:()[]{}"“”‘’—–-!?…')
_BREAK_POS = frozenset({"DET", "PRON", "VERB", "AUX", "CCONJ", "SCONJ", "NUM", "ADV", "INTJ", "SYM", "X"})
_MAX_APPOSITION = 14


@dataclass(frozen=True)
class Title:
    """A title found beside a name: `text` is doc.text[start:end]."""

    start: int
    end: int
    text: str
    country: str | None


def is_role_word(word: str) -> bool:
    return word.casefold() in ROLE_WORDS


def title_country(tokens) -> str | None:
    """The country a title shows: the first demonym, country name or possessive country in
    it that is not the object of "to"/"in"/"for" ("envoy to Russia" says nothing of the envoy)."""
    previous = ""
    for token in tokens:
        if previous not in ("to", "in", "for", "on", "with", "against"):
            iso = gazetteer.country_of(token.text)
            if iso:
                return iso
        previous = token.lower_
    return None


def leading_title_tokens(span) -> int:
    """How many tokens at the start of a PERSON span are a title the model folded into the
    name ("President Trump"): those are role words, qualifiers, demonyms or country names."""
    count = 0
    for token in span[:-1]:
        word = token.lower_
        if word in ROLE_WORDS or word in QUALIFIERS or word in PORTFOLIOS or gazetteer.country_of(token.text):
            count += 1
        elif word == "of" and count:
            count += 1
        else:
            break
    return count


def title_before(doc, start: int, end: int, limit: int) -> Title | None:
    """The pre-modifier title of the name at tokens [start, end): the run of tokens right
    before it that the parse attaches to the name, if that run holds a role. `limit` is the
    first token of the paragraph: a title never reaches into the one before."""
    run: list[int] = []
    i = start - 1
    while i >= limit and _title_token(doc[i], doc, i, run):
        run.insert(0, i)
        i -= 1
    attached = set(range(start, end))
    grew = True
    while grew:  # the run's words whose chain of heads reaches the name
        grew = False
        for j in run:
            if j not in attached and doc[j].head.i in attached:
                attached.add(j)
                grew = True
    accepted: list[int] = []
    for j in reversed(run):
        if j not in attached and not _lexical_title_word(doc[j]):
            break
        accepted.insert(0, j)
    while accepted and (doc[accepted[0]].lower_ == "of" or doc[accepted[0]].tag_ == "POS"):
        accepted.pop(0)
    if not accepted or not any(_role(doc[j]) for j in accepted):
        return None
    return _make(doc, accepted[0], accepted[-1] + 1)


def title_after(doc, start: int, end: int, limit: int) -> Title | None:
    """An apposition right after the name: "Vladimir Medinsky, head of Russia's negotiating
    delegation," — a comma, then a phrase whose first word is a role, up to the next comma,
    clause or sentence end. `limit` is the token after the paragraph's last."""
    if end + 1 >= limit or doc[end].text != ",":
        return None
    i = end + 1
    if doc[i].lower_ in ("the", "a", "an") and i + 1 < limit:
        i += 1
    first = doc[i]
    if not (first.is_lower and (first.lower_ in ROLE_WORDS or first.lower_ in QUALIFIERS)):
        if _owned_role(doc, i, limit) is None:
            return None
    elif first.ent_type_ in ("PERSON", "GPE", "LOC"):
        return None
    j = i
    while j < limit and j - i < _MAX_APPOSITION:
        token = doc[j]
        if token.is_space or token.text in _STOP_PUNCT or token.text == ".":
            break
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            break
        if token.lower_ in ("who", "which", "that", "whose", "said", "says"):
            break
        j += 1
    if j - i >= _MAX_APPOSITION:
        return None
    if j < limit and doc[j].pos_ in ("VERB", "AUX") and doc[j].dep_ not in ("amod", "compound"):
        # "Lavrov, chief negotiator said ..." is not an apposition we can trust
        return None
    return _make(doc, end + 1 if doc[end + 1].lower_ not in ("the", "a", "an") else end + 2, j)


def _owned_role(doc, i: int, limit: int) -> int | None:
    """The role word of an apposition that opens with its country or body: "Russia's foreign
    minister", "the Russian foreign minister", "UN human rights chief", "U.S. ambassador to
    ...": a country, nationality or international body of one to three words (a possessive
    after it), then up to three lower-case words and a lower-case role word. None otherwise,
    and for a nationality before a teacher's role ("an English professor")."""
    k = next((i + n for n in (3, 2, 1) if i + n <= limit and _owner(doc[i : i + n].text)), None)
    if k is None:
        return None
    adjective = k == i + 1 and gazetteer.demonym(doc[i].text) is not None
    if k < limit and doc[k].text in ("'s", "’s"):
        k += 1
    m = k
    while m < limit and m - k < 3 and doc[m].is_lower and doc[m].is_alpha and doc[m].lower_ not in ROLE_WORDS:
        m += 1
    if not (m < limit and doc[m].is_lower and doc[m].lower_ in ROLE_WORDS):
        return None
    if adjective and doc[m].lower_ in _SUBJECT_ROLES:
        return None  # "an English professor" teaches English
    return m


# Roles a nationality adjective names the subject of, not the country ("a French teacher").
_SUBJECT_ROLES = frozenset("professor prof. teacher lecturer instructor scholar researcher".split())


def _owner(text: str) -> bool:
    if not text[:1].isupper():
        return False
    if gazetteer.country_of(text):
        return True
    from .known import BODIES, named_actor

    actor = named_actor(text)
    return actor is not None and actor.kind == "org" and actor.country in BODIES


def title_apposed_before(doc, start: int, end: int, limit: int) -> Title | None:
    """An apposition right before the name: "Russia's chief negotiator, Vladimir Medinsky".
    Only where the parse says so (the name is the `appos` of a role noun before the comma)."""
    root = _root(doc, start, end)
    head = root.head
    if root.dep_ != "appos" or head.i >= start or start - 1 < limit or doc[start - 1].text != ",":
        return None
    if head.i != start - 2 or not _role(head) or head.ent_type_ in ("PERSON", "GPE", "LOC"):
        return None
    first = head.left_edge.i
    while first < head.i and (doc[first].pos_ in ("DET", "ADP") or doc[first].is_punct):
        first += 1
    if first < limit:
        return None
    return _make(doc, first, head.i + 1)


def _make(doc, first: int, stop: int) -> Title | None:
    while stop > first and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
        stop -= 1
    if stop <= first:
        return None
    tokens = doc[first:stop]
    return Title(tokens.start_char, tokens.end_char, tokens.text, title_country(tokens))


def _title_token(token, doc, i: int, accepted: list[int]) -> bool:
    """Whether a token may sit in a pre-modifier title at all (before the parse is asked)."""
    if token.is_space or token.text in _STOP_PUNCT or token.text == ".":
        return False
    if token.tag_ == "POS":  # "Russia's chief negotiator X": keep the possessor with it
        return bool(accepted) and i > 0 and doc[i - 1].pos_ == "PROPN"
    if token.lower_ in QUALIFIERS or token.lower_.rstrip("-") in QUALIFIERS:
        return True
    if token.pos_ in _BREAK_POS:
        return False
    if token.pos_ == "ADP":
        # "Secretary of State": "of" between a capitalised role and a capitalised word
        return (
            token.lower_ == "of"
            and bool(accepted)
            and doc[accepted[0]].is_title
            and i > 0
            and doc[i - 1].is_title
        )
    if token.ent_type_ == "PERSON" and not is_role_word(token.text):
        return False  # another person's name ends the run
    if token.ent_type_ == "DATE":
        return False
    return token.pos_ in ("PROPN", "NOUN", "ADJ", "PART") or gazetteer.country_of(token.text) is not None


def _lexical_title_word(token) -> bool:
    word = token.lower_
    return (
        word in ROLE_WORDS
        or word in QUALIFIERS
        or word in PORTFOLIOS
        or gazetteer.country_of(token.text) is not None
    )


def _role(token) -> bool:
    """A role noun: from the lexicon, or any lower-case common noun ("spokesperson", "ally")."""
    return token.lower_ in ROLE_WORDS or (token.pos_ == "NOUN" and token.is_lower and token.is_alpha)


def _root(doc, start: int, end: int):
    span = doc[start:end]
    return span.root

"""The entities stage: names in the text, typed, titled, and linked to one entity each.

    doc.ents ──► pieces within one paragraph ──► corrections (gazetteer, title fragments,
    headings) ──► titles and countries ──► surname → full name ──► Mention / Entity records

spaCy's small English model is the starting point; where measurement shows it errs we correct
it: gazetteer typing ("Kyiv" tagged PERSON, "Washington" tagged ORG, "Ukrainian" tagged GPE),
surnames it tags ORG ("Lavrov") when the article names that person in full, portfolio words
it cuts out of titles ("Defense" in "Defense Minister", "State" in "Secretary of State").
A name never spans two paragraphs, and a Title-Case heading yields only names the body or the
gazetteer vouches for ("Ceasefire Frameworks Under Discussion" is a heading, not an
organisation).

`resolve_across` (in resolve.py, re-exported here) does the corpus-level part: "President Trump" in an article that never gives
his first name takes the key of the one "Donald Trump" known elsewhere.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..record import Article, Entity, Mention
from . import gazetteer
from .known import INTERGOVERNMENTAL, INTERNATIONAL, group_name, group_words, named_actor, outlet_country
from .resolve import partial_of, resolve_across, surname  # noqa: F401 (resolve_across: the stage's API)
from .titles import (
    PORTFOLIOS,
    ROLE_WORDS,
    Title,
    is_role_word,
    leading_title_tokens,
    title_after,
    title_apposed_before,
    title_before,
)

# spaCy's OntoNotes labels, as Storyline names them; the rest (dates, numbers) are not names.
LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "PRODUCT": "PRODUCT",
    "WORK_OF_ART": "WORK_OF_ART",
    "LAW": "LAW",
    "LANGUAGE": "LANGUAGE",
}

_POSSESSIVE = ("'s", "’s", "'", "’")
_RESIDUE = re.compile(r"https?:|www\.|@|_|\b[a-z0-9-]+\.[a-z]{2,}\b")  # addresses, markup
# A name never runs over these: "ROTTERDAM — Container" is a dateline and a sentence; a slash
# joins two names in credits and polls ("AP Photo/Jane Doe", "NBC News/Wall Street Journal").
_CUTS = frozenset("— – | ; : •".split())
# Words before a name that say it is a place: "in Bergen", "the port of Rotterdam".
_LOCATIVE = frozenset("in near outside around across into".split())
_PLACE_NOUNS = frozenset("city port town village province region capital outskirts district suburbs north south east west".split())
# Cities this large are places even without a locative word; smaller ones only with one.
_TRUSTED_CITY = 100_000


@dataclass
class _Candidate:
    """A name found in the text while the stage works on it."""

    first: int  # token range in the doc
    stop: int
    start: int  # character range in the text
    end: int
    text: str
    label: str
    paragraph: int
    heading: bool  # in a heading, or cut out of a span that ran over a paragraph's end
    place: gazetteer.Place | None = None
    titles: list[Title] = field(default_factory=list)
    country: str | None = None
    key: str | None = None
    name: str = ""
    international: bool = False  # a body of many countries (the UN, NATO): no country from context
    office: bool = False  # named as the head of an administration ("the Trump administration")

    @property
    def words(self) -> list[str]:
        return clean_name(self.text).split() or self.text.split()


def find_entities(article: Article, doc) -> Article:
    """The article with its mentions and entities: `doc` is the spaCy Doc of article.text."""
    paragraphs = _paragraphs(article)
    starts = [p[0] for p in paragraphs]
    candidates = [c for ent in doc.ents if ent.label_ in LABELS for c in _pieces(doc, ent, paragraphs, starts)]
    candidates += _names_after_titles(doc, paragraphs, starts)
    candidates += _names_before_titles(doc, candidates, paragraphs, starts)
    candidates += _names_from_knowledge(doc, candidates, paragraphs, starts)
    candidates = _split_and_extend_places(doc, candidates)
    candidates = _type_with_gazetteer(doc, candidates)
    _extend_to_known_orgs(doc, candidates)
    _type_with_knowledge(candidates)
    _relabel_surnames(candidates)  # before the edges too: "Serzh" + "Sarkisian" tagged NORP
    candidates = _join_split_people(doc, candidates)
    _fix_person_edges(doc, candidates, starts)
    candidates = _drop_inside_people(candidates)
    _people_the_model_placed(doc, candidates)
    candidates += _surnames_missed(doc, candidates, paragraphs, starts)
    _relabel_surnames(candidates)
    _heads_of_administrations(doc, candidates)
    _find_titles(doc, candidates, paragraphs, starts)
    _organisations_by_title(candidates)
    candidates = _drop_title_fragments(candidates)
    _party_and_state(article.text, candidates)
    _countries_from_knowledge(candidates)
    _link_people(candidates)
    candidates = _keep_vouched_headings(doc, candidates)
    sentences = _sentences(doc, paragraphs, starts)
    candidates.sort(key=lambda c: c.start)
    sentence_starts = [s for s, _ in sentences]
    _places_by_context(candidates, sentence_starts)
    shown = {iso for iso in map(_evidence, candidates) if iso}
    for candidate in candidates:
        _key(candidate, shown)
    _countries_by_context(candidates, sentence_starts, _quoted_ranges(article.text), _dateline_country(article),
                          _merged(_reported_ranges(doc)))  # fmt: skip
    mentions = [_mention(c, sentences, sentence_starts) for c in candidates]
    return replace(article, mentions=mentions, entities=_entities(candidates))


# -- pieces of text -------------------------------------------------------------------------


def _paragraphs(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each paragraph; a short paragraph in Title Case is a "heading"
    whatever the cleaner called it (a text file's first line is often its headline)."""
    if not article.paragraphs:
        return [(0, len(article.text), "body")]
    out = []
    for p in article.paragraphs:
        kind = p.kind
        if kind != "heading" and p.end - p.start <= 200 and _title_case(article.text[p.start : p.end]):
            kind = "heading"
        out.append((p.start, p.end, kind))
    return out


_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _title_case(line: str) -> bool:
    """Headline case: five words or more, every one of four letters or more capitalised and
    nine in ten of all ("Obama Just Pulled Out The Race Card", "Trump Makes Final Demand to
    Fox"), not a sentence dense with names ("Defense Minister Anton Kovalenko met U.S.
    Secretary of State Marla Jennings on Monday")."""
    words = _WORD.findall(line)
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 5 and capitalised >= 0.9 * len(words) and all(w[:1].isupper() for w in words if len(w) >= 4)


def _paragraph_of(char: int, starts: list[int]) -> int:
    return max(bisect_right(starts, char) - 1, 0)


def _paragraph_span(doc, paragraphs, index: int):
    """The tokens of paragraph `index`: where a title beside a name may reach."""
    start, end, _ = paragraphs[index]
    return doc.char_span(start, end, alignment_mode="expand")


def _pieces(doc, ent, paragraphs, starts) -> list[_Candidate]:
    """The parts of one model span, each inside one paragraph, trimmed of articles,
    possessives and punctuation; residue (addresses, markup) is dropped."""
    label = LABELS[ent.label_]
    groups: list[tuple[int, list[int]]] = []  # (paragraph, tokens), cut at paragraph ends and dashes
    for token in ent:
        index = _paragraph_of(token.idx, starts)
        if token.is_space or token.idx >= paragraphs[index][1] or token.text in _CUTS or _joining_slash(token):
            groups.append((-1, []))
            continue
        if not groups or groups[-1][0] != index:
            groups.append((index, []))
        groups[-1][1].append(token.i)
    groups = [(index, ids) for index, ids in groups if ids]
    out = []
    for index, ids in groups:
        first, stop = ids[0], ids[-1] + 1
        while first < stop and (doc[first].lower_ in ("the", "a", "an") or doc[first].is_punct):
            first += 1
        while stop > first and (doc[stop - 1].text in _POSSESSIVE or doc[stop - 1].is_punct or doc[stop - 1].is_lower):
            if _hyphenated_syllable(doc, stop - 1, first):
                break  # "Kim Jong-un": the given name's second syllable
            stop -= 1  # "Sichuan province": a generic word after a name is not part of it
        if stop <= first:
            continue
        span = doc[first:stop]
        text = span.text  # joined from its tokens on each call: read once
        if not any(c.isalpha() for c in text) or _RESIDUE.search(text) or "\n" in text:
            continue
        if not any(t.text[:1].isupper() for t in span):
            continue  # "quay", "mosques": English writes names with a capital
        if len(span) == 1 and span[0].pos_ == "NOUN" and span[0].is_sent_start:
            continue  # "Seismologists said": a common noun capitalised by its place

        unsure, kind = paragraphs[index][2] == "heading" or len(groups) > 1, label
        if unsure and paragraphs[index][2] != "heading" and _known_medium(text):
            unsure, kind = False, "ORG"  # "NBC News/Wall Street Journal poll", "Facebook/Omar Haddad"
        out.append(_Candidate(first, stop, span.start_char, span.end_char, text, kind, index, unsure))
    return out


def _joining_slash(token) -> bool:
    """A slash between two words of two letters or more joins two names ("AP Photo/Jane Doe");
    one between letters is part of a name ("Nordhavn Shipping A/S")."""
    if token.text != "/" or token.i == 0 or token.i + 1 >= len(token.doc):
        return False
    return len(token.nbor(-1).text) > 1 and len(token.nbor(1).text) > 1


def _known_medium(text: str) -> bool:
    """Whether a name is a news outlet or a platform the tables know ("NBC News", "Facebook")."""
    name = clean_name(text)
    return outlet_country(name) is not None or gazetteer.fold(name) in PLATFORMS


def _hyphenated_syllable(doc, i: int, first: int) -> bool:
    """Token i is the lower-case end of a hyphenated given name ("un" of "Kim Jong-un"): at
    most five letters, written without spaces after a hyphen that follows a capitalised word,
    itself after another word of the name (so not "Oscar-winning", "Mar-a-Lago")."""
    if i - 3 < first or not (doc[i].is_alpha and doc[i].is_lower and len(doc[i]) <= 5) or doc[i - 1].text != "-":
        return False
    return not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_ and doc[i - 2].is_title


# -- corrections ----------------------------------------------------------------------------


def _names_after_titles(doc, paragraphs, starts) -> list[_Candidate]:
    """Names the model missed right after a role: "Defense Minister Rustem Umerov" with no
    span at all. One to four capitalised proper nouns after a role word, none of them in a
    model span, a title word, a place or a nationality, are a PERSON."""
    out = []
    i = 0
    # Only tokens whose lower-case form is a role word can start one: their places come from one
    # array of string ids (a few microseconds) rather than a token object per word.
    from spacy.attrs import LOWER

    lowers = doc.to_array(LOWER).tolist() if len(doc) else []
    role_ids = _string_ids(ROLE_WORDS)
    roles = [j for j, h in enumerate(lowers) if h in role_ids]
    for j in roles:
        if j < i or j >= len(doc) - 1:
            continue
        token = doc[j]
        i = j + 1
        if token.lower_ not in ROLE_WORDS or token.ent_type_ in ("PERSON", "GPE", "LOC", "NORP"):
            continue
        stop = i
        while stop < len(doc) and stop - i < 4 and _bare_name_word(doc[stop]):
            stop += 1
        if stop == i or (stop < len(doc) and doc[stop].pos_ == "PROPN" and doc[stop].is_title):
            continue
        span = doc[i:stop]
        index = _paragraph_of(span.start_char, starts)
        if span.end_char > paragraphs[index][1]:
            continue
        unsure = paragraphs[index][2] == "heading"
        out.append(_Candidate(i, stop, span.start_char, span.end_char, span.text, "PERSON", index, unsure))
        i = stop
    return out


def _names_before_titles(doc, candidates: list[_Candidate], paragraphs, starts) -> list[_Candidate]:
    """Names the model missed right before an apposed title: "Pavel Orlov, Russia's foreign
    minister, said", with no span at all. Two to four capitalised proper nouns that open a
    clause (the sentence's start, or after punctuation or a lower-case word), none of them in a
    model span, a title word, a place or a nationality, then a comma and a title, are a PERSON;
    so is a name of two or three such words the model called an organisation."""
    for c in candidates:  # the model's organisation with a person's title: "Amara Osei, UN human rights chief"
        if c.label == "ORG" and 2 <= c.stop - c.first <= 3 and c.stop < len(doc) and doc[c.stop].text == ",":
            words = doc[c.first : c.stop]
            if not all(t.is_title and t.is_alpha and not is_role_word(t.text) and not gazetteer.country_of(t.text)
                       for t in words):  # fmt: skip
                continue
            if gazetteer.fold(c.words[-1]) in ORG_SUFFIXES or named_actor(c.text) is not None:
                continue
            limit = _paragraph_span(doc, paragraphs, _paragraph_of(words.start_char, starts))
            if limit is not None and title_after(doc, c.first, c.stop, limit.end) is not None:
                c.label = "PERSON"
    taken = {i for c in candidates for i in range(c.first, c.stop)}
    out = []
    from spacy.attrs import IS_TITLE, ORTH
    from spacy.strings import get_string_id

    # only commas after a capitalised word become token objects: one array, not a token per word
    rows = doc.to_array([ORTH, IS_TITLE]).tolist() if len(doc) else []
    comma = get_string_id(",")
    for k in range(2, len(rows)):
        if rows[k][0] != comma or not rows[k - 1][1] or not rows[k - 2][1] or k - 1 in taken:
            continue
        first = k
        while first > 0 and k - first < 4 and _bare_name_word(doc[first - 1]) and doc[first - 1].i not in taken:
            first -= 1
        if k - first < 2:
            continue
        before = doc[first - 1] if first > 0 else None
        if before is not None and not (doc[first].is_sent_start or before.is_punct or before.is_lower):
            continue
        index = _paragraph_of(doc[first].idx, starts)
        limit = _paragraph_span(doc, paragraphs, index)
        if limit is None or title_after(doc, first, k, limit.end) is None:
            continue
        span = doc[first:k]
        unsure = paragraphs[index][2] == "heading"
        out.append(_Candidate(first, k, span.start_char, span.end_char, span.text, "PERSON", index, unsure))
    return out


@lru_cache(maxsize=8)
def _string_ids(words: frozenset[str]) -> frozenset[int]:
    """The spaCy string ids (hashes) of some words."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(w) for w in words)


def _bare_name_word(token) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and token.is_alpha
        and not token.ent_type_
        and not _title_word(token.text)
    )


def _type_with_gazetteer(doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """Places, countries and demonyms by the gazetteer: a demonym is NORP whatever the model
    said; a place the model called a person or organisation is a PLACE (a country, capital or
    city of 100,000 people anywhere, a smaller town after "in", "near", "the port of"),
    unless the article names a person with that word in their full name (so also a name the
    model called a nationality: "Sokol" beside "Ivan Sokol" is him). A name ending in, or
    followed by, a word for a feature of the land or a division is a PLACE. A name the model
    called an organisation right after a role ("Governor Rodrigo Alvear") is a PERSON."""
    person_words = {gazetteer.fold(w) for c in candidates if c.label == "PERSON" and len(c.words) >= 2 for w in c.words}
    for c in candidates:
        iso = gazetteer.demonym(c.text)
        found = gazetteer.place(c.text)
        if iso and (found is None or found.kind != "country"):
            c.label, c.country = "NORP", iso
        elif c.label == "NORP" and _lone_subject(doc, c):
            c.label = "PERSON"  # "Sarkisian said": no nation's name, the subject of its clause
        elif (c.label == "NORP" and found is not None and found.kind in ("state", "city", "country")
              and not (len(c.words) == 1 and gazetteer.fold(c.text) in person_words)):  # fmt: skip
            c.label, c.place = "PLACE", found  # "Punjab" tagged a nationality: no demonym, a place
        elif c.label in ("ORG", "PERSON") and gazetteer.fold(c.words[-1]) in LAND_WORDS and len(c.words) >= 2:
            c.label = "PLACE"  # "Sambisa Forest", "Anne Arundel County": a feature of the land or a division
        elif c.label == "PERSON" and gazetteer.fold(c.words[-1]) in FACILITIES and len(c.words) >= 2:
            c.label = "PLACE"  # "Mayfair Mall", "Oak Ridge High School": a building, not a person
        elif c.label in ("ORG", "PERSON") and c.stop < len(doc) and doc[c.stop].lower_ in LAND_WORDS:
            c.label, c.place = "PLACE", found  # "the Tham Luang cave", "Chiang Rai province": the name of one
        elif c.label == "NORP":
            c.country = iso
        elif c.label == "PLACE":
            c.place = found
        elif found is not None and found.kind == "seat":
            c.label, c.place = "ORG", found
        elif found is not None and c.label in ("PERSON", "ORG") and _place_here(doc, c, found):
            if len(c.words) == 1 and gazetteer.fold(c.text) in person_words:
                continue
            c.label, c.place = "PLACE", found
        elif c.label == "ORG" and 2 <= len(c.words) <= 3 and c.first > 0 and doc[c.first - 1].lower_ in ROLE_WORDS:
            if all(t.is_title and t.is_alpha for t in doc[c.first : c.stop]):
                c.label = "PERSON"
    return candidates


def _people_the_model_placed(doc, candidates: list[_Candidate]) -> None:
    """A place the gazetteer does not know is a PERSON when it is a word of a full name the
    article gives ("Melania" beside "Melania Trump") or when it stands in a list of people
    ("Joshua Wong, Agnes Chow, Andy Chan"): the model's GPE for an unfamiliar name. So is a
    small town's name that is a word of such a full name ("Palin" beside "Sarah Palin")."""
    people = [c for c in candidates if c.label == "PERSON"]
    words = {gazetteer.fold(w) for c in people if len(c.words) >= 2 for w in c.words}
    heads = {doc[c.stop - 1].i for c in people}
    for c in candidates:
        if c.label != "PLACE" or gazetteer.fold(c.words[-1]) in LAND_WORDS:
            continue
        if len(c.words) == 1 and gazetteer.fold(c.text) in words and (c.place is None or not c.place.prominent):
            c.label, c.place = "PERSON", None  # "Palin" beside "Sarah Palin", not Palín, Guatemala
            continue
        if c.place is not None:
            continue
        head = doc[c.stop - 1]
        listed = [t.i for t in (*head.conjuncts, head.head) if t.i != head.i]
        if sum(1 for i in listed if i in heads) >= 2:
            c.label = "PERSON"


# Platforms, companies and currencies the model takes for people ("Twitter said", "SpaceX
# launched"): the names news uses most, written by us. A currency or coin is a PRODUCT.
PLATFORMS = frozenset(
    """
    twitter facebook instagram whatsapp tiktok youtube telegram google meta amazon apple microsoft
    spacex tesla openai nvidia reddit linkedin snapchat weibo wechat alibaba tencent huawei baidu
    netflix uber airbnb paypal coinbase binance samsung starlink
    """.split()
)
# Where each platform is based (written by us; None where that is in dispute or none): its
# sentences show its users' places, as an outlet's show the story's.
PLATFORM_COUNTRIES = {
    **dict.fromkeys("""twitter facebook instagram whatsapp youtube google meta amazon apple microsoft spacex
        tesla openai nvidia reddit linkedin snapchat netflix uber airbnb paypal coinbase starlink""".split(), "USA"),
    **dict.fromkeys("weibo wechat alibaba tencent huawei baidu".split(), "CHN"),
    "samsung": "KOR", "tiktok": None, "telegram": None, "binance": None,
}
PRODUCTS = frozenset("bitcoin ether ethereum dogecoin tether".split())
# The last word of an organisation's name: a company, a body or an armed group.
ORG_SUFFIXES = frozenset(
    """
    inc inc. corp corp. corporation co co. company ltd ltd. llc plc group holdings airlines airways
    bank industries technologies motors a/s ag gmbh s.a. sa nv bv ab asa oyj foundation institute
    university party council ministry agency army front brigade brigades movement association union
    federation committee commission authority police forces militia network exchange fund
    """.split()
)


def _names_from_knowledge(doc, candidates: list[_Candidate], paragraphs, starts) -> list[_Candidate]:
    """Organisations the model missed: a platform of `PLATFORMS`, a one-word group of
    `known.GROUPS` ("Houthi rebels"), or an acronym of three or more capitals the knowledge
    table holds as an organisation ("ECOWAS", "UNICEF"), outside every span found."""
    if not len(doc):
        return []
    from spacy.attrs import IS_ALPHA, IS_UPPER, LOWER

    taken = {i for c in candidates for i in range(c.first, c.stop)}
    platforms = _string_ids(PLATFORMS | group_words())
    # one array of attributes rather than a token object per word: only the few tokens that
    # can be a platform or an acronym become objects
    import numpy

    rows = doc.to_array([LOWER, IS_ALPHA, IS_UPPER])
    wanted = (rows[:, 1] == 1) & ((rows[:, 2] == 1) | numpy.isin(rows[:, 0], numpy.array(sorted(platforms), dtype=rows.dtype)))
    out = []
    for i in numpy.flatnonzero(wanted).tolist():
        if i in taken:
            continue
        token = doc[i]
        word = token.text
        if not word[:1].isupper():
            continue
        named = word.casefold() in PLATFORMS or word.casefold() in group_words()
        if not (named and (word[1:].islower() or word.isupper()) or len(word) >= 3 and word.isupper()):
            continue
        if word.isupper():
            actor = named_actor(word)
            if actor is None or actor.kind != "org":
                continue
        index = _paragraph_of(token.idx, starts)
        unsure = paragraphs[index][2] == "heading"
        out.append(_Candidate(token.i, token.i + 1, token.idx, token.idx + len(word), word, "ORG", index, unsure))
    return out


# The last word of a feature of the land or sea: "Sambisa Forest", "Gobi Desert", "Niger River".
FEATURES = frozenset(
    """
    river forest desert mountains mountain mount lake sea ocean valley island islands peninsula
    plateau gulf bay strait straits delta basin coast highlands hills canyon glacier reef lagoon
    cave caves
    """.split()
)
# The last word of a division's name, or the word after it: "Anne Arundel County", "Chiang Rai
# province". Neither names a person or a body ("County Executive" ends in a role, not here).
DIVISIONS = frozenset("province county region district prefecture oblast governorate".split())
# The last word of a street's name ("Harcourt Road"); not "street", "lane" or "park", which
# are also surnames ("Paul Street").
STREETS = frozenset("road avenue boulevard highway".split())
LAND_WORDS = FEATURES | DIVISIONS | STREETS
# The last word of a building's name that no person's name ends in (not "Tower", "Church",
# "Temple", "Hall", which are surnames too).
FACILITIES = frozenset("mall airport stadium hospital school mosque cathedral plaza hotel arena".split())


def _split_and_extend_places(doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """Model spans reshaped by the gazetteer: "Punjab and Himachal Pradesh" (one span) is two
    places when both sides are; "Rio Grande" runs on to "Rio Grande do Sul" when the longer
    name (up to three more words, in the same paragraph) is a place the gazetteer knows."""
    out = []
    taken = {i for c in candidates for i in range(c.first, c.stop)}
    for c in candidates:
        joins = [t.i for t in doc[c.first : c.stop] if t.lower_ == "and"] if " and " in c.text else []
        if len(joins) == 1 and c.label in ("ORG", "PLACE", "NORP"):
            left, right = doc[c.first : joins[0]], doc[joins[0] + 1 : c.stop]
            if len(left) and len(right) and gazetteer.place(left.text) and gazetteer.place(right.text):
                for part in (left, right):
                    out.append(replace(c, first=part.start, stop=part.end, start=part.start_char, end=part.end_char,
                                       text=part.text, label="PLACE", titles=[]))  # fmt: skip
                continue
        after = doc[c.stop] if c.stop < len(doc) else None
        if c.label in ("PLACE", "NORP", "ORG") and after is not None and after.is_alpha and c.stop not in taken:
            for more in (3, 2, 1):
                stop = c.stop + more
                if stop > len(doc) or any(i in taken for i in range(c.stop, stop)) or not doc[stop - 1].is_title:
                    continue
                longer = doc[c.first : stop]
                if "\n" not in longer.text and gazetteer.place(longer.text) is not None:
                    c.stop, c.end, c.text, c.label = stop, longer.end_char, longer.text, "PLACE"
                    break
        out.append(c)
    return out


def _extend_to_known_orgs(doc, candidates: list[_Candidate]) -> None:
    """A span the model cut one word short of an organisation the knowledge table holds
    ("Islamic" of "the Islamic State", tagged a nationality) is that organisation."""
    taken = {c.first for c in candidates}
    for c in candidates:
        if c.label not in ("NORP", "ORG", "PERSON") or c.stop >= len(doc) or c.stop in taken:
            continue
        after = doc[c.stop]
        if not after.is_title or after.is_sent_start or after.idx != c.end + 1 or doc[c.stop - 1].whitespace_ != " ":
            continue
        text = c.text + " " + after.text
        actor = named_actor(clean_name(text))
        if actor is not None and actor.kind == "org":
            c.stop, c.end, c.text, c.label, c.country = c.stop + 1, after.idx + len(after.text), text, "ORG", None


def _type_with_knowledge(candidates: list[_Candidate]) -> None:
    """The model's PERSON corrected by what the project knows: a group of `known.GROUPS` whatever
    the model said, an organisation of the knowledge table (PETRARCH2's actors: "Boko Haram",
    "Hamas"), a platform or company of `PLATFORMS`, a name ending in an organisation's word
    ("Nordhavn Shipping A/S", "Horizon Airlines") is an ORG, a coin a PRODUCT. Then every
    mention of one name in the article takes the type most of them have ("Nordhavn" after
    "Nordhavn Shipping")."""
    for c in candidates:
        if c.label in ("PERSON", "ORG", "NORP", "PLACE") and c.place is None and group_name(clean_name(c.text)):
            c.label, c.country = "ORG", None  # "the Houthis said", "Houthi rebels", "M23" as a place
            continue
        if c.label not in ("PERSON", "ORG"):
            continue
        folded = gazetteer.fold(c.text)
        if folded in PRODUCTS:
            c.label = "PRODUCT"
        elif folded in PLATFORMS or gazetteer.fold(c.words[-1]) in ORG_SUFFIXES and len(c.words) >= 2:
            c.label = "ORG"
        elif c.label == "PERSON" and (len(c.words) >= 2 or c.text.isupper()):
            actor = named_actor(clean_name(c.text))
            if actor is not None and actor.kind == "org":
                c.label = "ORG"
    orgs = {gazetteer.fold(w) for c in candidates if c.label == "ORG" and len(c.words) >= 2 for w in c.words[:1]}
    people = {gazetteer.fold(w) for c in candidates if c.label == "PERSON" and len(c.words) >= 2 for w in c.words}
    for c in candidates:
        if c.label == "PERSON" and len(c.words) == 1:
            folded = gazetteer.fold(c.text)
            if folded in orgs and folded not in people:
                c.label = "ORG"  # the short form of an organisation named in full
    votes: dict[str, Counter[str]] = {}
    for c in candidates:
        if c.label in ("PERSON", "ORG"):
            votes.setdefault(gazetteer.fold(c.text), Counter())[c.label] += 1
    for c in candidates:
        count = votes.get(gazetteer.fold(c.text))
        if count and len(count) > 1:
            (top, n), (_, m) = count.most_common(2)
            if n > m:
                c.label = top


def _countries_from_knowledge(candidates: list[_Candidate]) -> None:
    """The country the knowledge table gives a person or organisation whose title shows none
    ("Vladimir Putin": RUS, "Boko Haram": NGA); an international body keeps none, and is marked
    so that context gives it none either; a platform has the country it is based in
    (`PLATFORM_COUNTRIES`: Twitter USA, Huawei CHN), whatever its sentences show."""
    for c in candidates:
        if c.label == "PERSON" and any(_international_title(t.text) for t in c.titles):
            c.international, c.country = True, None  # "NATO Secretary General Jens Stoltenberg"
            continue
        if c.label not in ("PERSON", "ORG") or c.country:
            continue
        outlet = outlet_country(clean_name(c.text)) if c.label == "ORG" else None
        if outlet is not None:
            c.country = outlet  # its sentences show the story's place, not its own
            continue
        platform = gazetteer.fold(clean_name(c.text)) if c.label == "ORG" else ""
        if platform in PLATFORM_COUNTRIES:
            c.country = PLATFORM_COUNTRIES[platform]
            c.international = c.country is None
            continue
        name = clean_name(c.text)
        actor = named_actor(name, titled=bool(c.titles) or c.office)
        if actor is None and c.label == "PERSON" and len(c.words) >= 3:  # "John F. Kerry"
            actor = named_actor(" ".join(w for w in name.split() if len(w.rstrip(".")) > 1))
        if actor is None and c.label == "ORG" and _body_of_bodies(name):
            c.international = True  # "U.N. World Food Program", "United Nations Security Council"
            continue
        if actor is None or actor.kind != ("person" if c.label == "PERSON" else "org"):
            continue
        if actor.country in INTERNATIONAL:
            c.international = True
        elif gazetteer.country_name(actor.country):
            c.country = actor.country


@lru_cache(maxsize=16384)
def _international_title(text: str) -> bool:
    """Whether a title names an international body ("NATO Secretary General", "U.N. envoy",
    "head of the World Health Organization"): its holder acts for no one country."""
    words = [w.strip(".,'’s") for w in clean_name(text).split()]
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            name = " ".join(words[i : i + n])
            if name[:1].isupper():
                actor = named_actor(name)
                if actor is not None and actor.kind == "org" and actor.country in INTERNATIONAL:
                    return True
    return False


# The states of the United States as a party-and-state tag writes them: "(R-Texas)", ", D-N.Y.",
# "(R-FL)": postal codes, AP abbreviations and the names AP writes in full.
_US_STATES = frozenset(
    """
    AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY
    NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY Ala. Alaska Ariz. Ark. Calif. Colo. Conn.
    Del. Fla. Ga. Hawaii Idaho Ill. Ind. Iowa Kan. Ky. La. Maine Md. Mass. Mich. Minn. Miss. Mo.
    Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Ohio Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Texas
    Utah Vt. Va. Wash. W.Va. Wis. Wyo.
    """.split()
)
_PARTY_STATE = re.compile(r",? \(?[RDI]-([A-Z][A-Za-z.]{1,5})")


def _party_and_state(text: str, candidates: list[_Candidate]) -> None:
    """A person written with a party-and-state tag ("Sen. Ted Cruz (R-Texas)", "Rep. Trey Gowdy,
    R-S.C."), the US Congress's style, is American whatever the story's places."""
    for c in candidates:
        if c.label == "PERSON" and c.country is None:
            m = _PARTY_STATE.match(text, c.end)
            if m and m.group(1) in _US_STATES:
                c.country = "USA"


def _body_of_bodies(name: str) -> bool:
    """Whether an organisation's name opens with an intergovernmental body's ("U.N. World Food
    Program"): a part of it, of no one country."""
    words = name.split()
    for n in (2, 1):
        if len(words) > n:
            actor = named_actor(" ".join(words[:n]))
            if actor is not None and actor.kind == "org" and actor.country in INTERGOVERNMENTAL:
                return True
    return False


def _lone_subject(doc, c: _Candidate) -> bool:
    """A single word the model called a nationality that no demonym or place is, singular (not
    "Kurds", "Sunnis"), and the subject of its clause: a person's surname."""
    token = doc[c.first]
    return (
        c.stop - c.first == 1
        and token.dep_ in ("nsubj", "nsubjpass")
        and not token.text.endswith("s")
        and gazetteer.place(token.text) is None
        and token.text[:1].isupper()
        and not token.text.isupper()
    )


def _fix_person_edges(doc, candidates: list[_Candidate], starts) -> None:
    """A title the model folded into a PERSON span ("President Trump") is cut off the name;
    a given name it left out ("Rustem" of "Rustem Umerov") is taken in: a capitalised proper
    noun right before the name, attached to it, in the same paragraph, no title word, place or
    nationality, and at most a one-word name of its own the model gave another label; and so is
    a hyphenated given name's last syllable ("-in" of "Moon Jae-in")."""
    for c in candidates:
        if c.label != "PERSON":
            continue
        cut = leading_title_tokens(doc[c.first : c.stop])
        c.first += cut
        while c.first > 0 and not cut:
            token = doc[c.first - 1]
            if not (
                token.pos_ == "PROPN"
                and token.is_title
                and token.is_alpha
                and token.dep_ == "compound"
                and c.first <= token.head.i < c.stop
                and (not token.ent_type_ or token.ent_type_ != "PERSON" and token.ent_iob_ == "B")  # "Serzh" (GPE)
                and gazetteer.demonym(token.text) is None
                and _paragraph_of(token.idx, starts) == c.paragraph
                and not _title_word(token.text)
            ):
                break
            c.first -= 1
        if c.stop + 1 < len(doc) and _hyphenated_syllable(doc, c.stop + 1, c.first):
            c.stop += 2  # "Moon Jae" + "-in" the model left out
        span = doc[c.first : c.stop]
        c.start, c.end, c.text = span.start_char, span.end_char, span.text


def _join_split_people(doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """Two people the model found side by side, with nothing but a space between, are one
    long name it cut in two when the knowledge table knows the whole ("Zine El" + "Abidine
    Ben Ali"); a headline's "Donald Trump Ties Hillary Clinton" stays two."""
    candidates = sorted(candidates, key=lambda c: c.first)
    out: list[_Candidate] = []
    for c in candidates:
        last = out[-1] if out else None
        if (last is not None and last.label == c.label == "PERSON" and last.stop == c.first
                and last.paragraph == c.paragraph and doc[last.stop - 1].whitespace_ == " "):  # fmt: skip
            span = doc[last.first : c.stop]
            known = named_actor(clean_name(span.text))
            if known is not None and known.kind == "person":
                out[-1] = replace(last, stop=c.stop, end=span.end_char, text=span.text, heading=last.heading or c.heading)
                continue
        out.append(c)
    return out


def _drop_inside_people(candidates: list[_Candidate]) -> list[_Candidate]:
    """A name the model gave another label that a person's name now holds ("Serzh" tagged a
    place, taken into "Serzh Sarkisian") is that person's, not a name of its own."""
    people = [(c.first, c.stop) for c in candidates if c.label == "PERSON"]
    return [
        c
        for c in candidates
        if c.label == "PERSON" or not any(a <= c.first and c.stop <= b and (a, b) != (c.first, c.stop) for a, b in people)
    ]


def _surnames_missed(doc, candidates: list[_Candidate], paragraphs, starts) -> list[_Candidate]:
    """A person's surname the model did not see ("Trump said" after "Donald Trump"): the last
    word of a full name the article gives, written alone outside every span, as a proper noun
    or as the subject of its clause."""
    surnames = {surname(c.words) for c in candidates if c.label == "PERSON" and len(c.words) >= 2}
    surnames = {w for w in surnames if len(w) > 2 and w[:1].isupper() and not _title_word(w)}
    if not surnames:
        return []
    from spacy.attrs import ORTH

    taken = {i for c in candidates for i in range(c.first, c.stop)}
    wanted = _string_ids(frozenset(surnames))
    out = []
    import numpy

    orths = doc.to_array(ORTH)
    for i in numpy.flatnonzero(numpy.isin(orths, numpy.array(sorted(wanted), dtype=orths.dtype))).tolist():
        token = doc[i]
        # the model may parse a sentence's first word as a common noun ("Trump said"): then it
        # counts only as the subject or owner of its clause, not as a modifier ("Rice prices")
        named = token.pos_ == "PROPN" or token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass", "poss")
        if token.text in surnames and token.i not in taken and named:
            neighbours = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]
            if any(t.pos_ == "PROPN" and t.is_title and t.i not in taken for t in neighbours):
                continue  # part of a longer name the model missed
            index = _paragraph_of(token.idx, starts)
            unsure = paragraphs[index][2] == "heading"
            out.append(_Candidate(token.i, token.i + 1, token.idx, token.idx + len(token.text), token.text, "PERSON",
                                  index, unsure))  # fmt: skip
    return out


# Lower-case words after a name that make it the name of the one who heads them.
_HEADED = frozenset({"administration", "administrations", "presidency"})


def _heads_of_administrations(doc, candidates: list[_Candidate]) -> None:
    """A name the model typed ORG that modifies "administration" or "presidency" ("a senior
    Trump administration official", "the Biden administration") is the person at its head, as
    one with an office: a place ("the Kabul administration"), a body the knowledge table or the
    outlets know, or a name of more than three words stays what it is."""
    for c in candidates:
        if c.label != "ORG" or c.place is not None or c.stop >= len(doc) or len(c.words) > 3:
            continue
        after = doc[c.stop]
        if after.text not in _HEADED or any(not w[:1].isupper() for w in c.words):
            continue
        name = clean_name(c.text)
        actor = named_actor(name)
        if actor is not None and actor.kind == "org" or outlet_country(name) or group_name(name):
            continue
        c.label, c.country, c.office = "PERSON", None, True


def _title_word(word: str) -> bool:
    folded = gazetteer.fold(word)
    return folded in ROLE_WORDS or folded in PORTFOLIOS or gazetteer.country_of(word) is not None or (
        gazetteer.place(word) is not None
    )


def _relabel_surnames(candidates: list[_Candidate]) -> None:
    """A name the model typed ORG or NORP that is the surname (or the whole name) of a person
    the article names in full is that person ("Lavrov" tagged ORG beside "Sergei Lavrov");
    a place the gazetteer knows, or a nationality, stays what it is."""
    fulls: dict[str, set[str]] = {}
    for c in candidates:
        if c.label == "PERSON" and len(c.words) >= 2:
            fulls.setdefault(gazetteer.fold(surname(c.words)), set()).add(gazetteer.fold(c.text))
    for c in candidates:
        if c.label == "PERSON" or c.place is not None or (c.label == "NORP" and c.country):
            continue
        same = fulls.get(gazetteer.fold(c.words[-1]), set())
        if same and (len(c.words) == 1 or gazetteer.fold(c.text) in same):
            c.label, c.country = "PERSON", None


def _place_here(doc, c: _Candidate, found: gazetteer.Place) -> bool:
    if found.prominent or found.population >= _TRUSTED_CITY or (found.kind == "state" and c.label == "ORG"):
        return True
    before = doc[c.first - 1].lower_ if c.first > 0 else ""
    if before in _LOCATIVE:
        return True
    return before == "of" and c.first > 1 and doc[c.first - 2].lower_ in _PLACE_NOUNS


def _find_titles(doc, candidates: list[_Candidate], paragraphs, starts) -> None:
    """Titles and roles beside each person's name, and the country they show."""
    for c in candidates:
        if c.label != "PERSON":
            continue
        limit = _paragraph_span(doc, paragraphs, c.paragraph)
        low, high = (limit.start, limit.end) if limit is not None else (0, len(doc))
        before = title_before(doc, c.first, c.stop, low) or title_apposed_before(doc, c.first, c.stop, low)
        after = title_after(doc, c.first, c.stop, high)
        c.titles = [t for t in (before, after) if t is not None]
        c.country = next((t.country for t in c.titles if t.country), None)


# The head noun of a description that names an organisation, not a role in one: "Civic
# Passion, his party", "Khao Sod, a Thai newspaper" ("chief of the police station" is a role).
ORG_NOUNS = frozenset(
    """
    party agency company firm group newspaper daily weekly tabloid broadcaster channel magazine
    website network organisation organization charity union coalition movement bank insurer
    carrier airline automaker retailer manufacturer conglomerate startup
    """.split()
)


def _organisations_by_title(candidates: list[_Candidate]) -> None:
    """A "person" every one of whose titles is an organisation's description (its last word in
    `ORG_NOUNS`, no "of": "Rosatom, Russia's state nuclear agency") is an ORG, and so is every
    mention of that name in the article."""
    named = set()
    for c in candidates:
        if c.label == "PERSON" and c.titles and all(_describes_organisation(t.text) for t in c.titles):
            named.add(gazetteer.fold(c.text))
    for c in candidates:
        if c.label == "PERSON" and gazetteer.fold(c.text) in named:
            c.label = "ORG"


def _describes_organisation(title: str) -> bool:
    words = title.casefold().replace("’", "'").split()
    return bool(words) and words[-1] in ORG_NOUNS and "of" not in words


def _drop_title_fragments(candidates: list[_Candidate]) -> list[_Candidate]:
    """Organisations the model cut out of a title: a single word inside a person's title
    ("Defense", "State"), or a portfolio word right before a role ("Defense Minister")."""
    title_ranges = [(t.start, t.end) for c in candidates for t in c.titles]
    kept = []
    for c in candidates:
        if c.label == "ORG" and c.place is None:
            inside = any(s <= c.start and c.end <= e for s, e in title_ranges)
            portfolio = all(gazetteer.fold(w) in PORTFOLIOS for w in c.words)
            if inside and (len(c.words) == 1 or portfolio):
                continue
            if portfolio:
                continue
        kept.append(c)
    return kept


def _link_people(candidates: list[_Candidate]) -> None:
    """Surnames to full names within the article: a shorter name ("Lavrov") whose words are
    among exactly one full name's takes that person's key; a surname two full names share
    stays apart."""
    by_surname: dict[str, set[str]] = {}
    for c in candidates:
        if c.label == "PERSON" and len(c.words) >= 2:
            by_surname.setdefault(gazetteer.fold(surname(c.words)), set()).add(_name_key(c.text))
    for c in candidates:
        words = c.words
        if len(words) >= 2 and c.label == "PERSON":
            continue
        if c.label != "PERSON":
            continue
        fulls = by_surname.get(gazetteer.fold(surname(words)), set())
        matches = {k for k in fulls if partial_of(words, k.split())}
        if len(matches) == 1:
            c.key = "person:" + _slug(next(iter(matches)))


def _keep_vouched_headings(doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """A name inside a heading, or a piece of a span that ran over a paragraph's end, is kept
    only when the gazetteer knows it or the body names it too: Title Case makes the model see
    organisations in every heading, and glue a heading to the next paragraph's first word. A
    heading's name the body does not vouch for is cut to its first or last words that it
    does ("Trump Made This Shocking Final Demand" is Trump)."""
    body = {gazetteer.fold(c.text) for c in candidates if not c.heading}
    body |= {gazetteer.fold(c.words[-1]) for c in candidates if not c.heading and c.label == "PERSON"}

    def vouched(c: _Candidate) -> bool:
        return c.place is not None or c.label == "NORP" and c.country or gazetteer.fold(c.text) in body

    kept = []
    for c in candidates:
        if c.heading and not vouched(c) and c.label in ("PERSON", "ORG") and not _beside_slash(doc, c):
            c = _vouched_part(doc, c, body) or c
        if not c.heading or vouched(c):
            kept.append(c)
    return kept


def _beside_slash(doc, c: _Candidate) -> bool:
    """Whether a piece was cut at a slash: a credit's piece is kept whole or not at all
    ("AP Photo/Jane Doe People gather" leaves no "People")."""
    return c.first > 0 and doc[c.first - 1].text == "/" or c.stop < len(doc) and doc[c.stop].text == "/"


def _vouched_part(doc, c: _Candidate, body: set[str]) -> _Candidate | None:
    """The longest run of the candidate's first or last tokens that the body names."""
    for size in range(c.stop - c.first - 1, 0, -1):
        for first, stop in ((c.first, c.first + size), (c.stop - size, c.stop)):
            span = doc[first:stop]
            if span[-1].is_punct or span[0].is_punct:
                continue
            if gazetteer.fold(span.text) in body:
                return replace(c, first=first, stop=stop, start=span.start_char, end=span.end_char, text=span.text)
    return None


# -- countries from context -----------------------------------------------------------------

# A less prominent namesake replaces a country, capital or city of a million only when it is a
# country, a division or a city this large: "London" beside "Ontario", "Georgia" beside
# "Atlanta", "Congo" beside "Brazzaville", never "Paris, Texas" for Paris because a story
# names Washington.
_NAMESAKE_CITY = 100_000


def _evidence(c: _Candidate) -> str | None:
    """The country a mention shows whatever its context: a nationality, a country, a division
    (its namesake towns are less prominent), or a place all of whose namesakes lie in one
    country."""
    if c.label == "NORP":
        return c.country
    if c.label == "PLACE" and c.place is not None:
        if _common_word_division(c):
            return None
        if c.place.kind in ("country", "state"):
            return c.place.country
        found = {p.country for p in gazetteer.candidates(c.text)} or {c.place.country}
        return c.place.country if len(found) == 1 else None
    return None


# Words of direction that also name divisions ("Central" of Ghana, "Western" of Kenya).
_DIRECTIONS = frozenset("north south east west northern southern eastern western central centre center upper lower".split())


def _common_word_division(c: _Candidate) -> bool:
    """A division named by a common word of geography ("Delta" of Nigeria, "Gulf" of Papua New
    Guinea, "Central" of Ghana, "Red Sea" of Sudan): news means the word or the sea ("the
    Gulf", Delta the airline)."""
    words = gazetteer.fold(c.text).split()
    return c.place.kind == "state" and (" ".join(words) in _DIRECTIONS | LAND_WORDS or words[-1] in FEATURES)


def _places_by_context(candidates: list[_Candidate], sentence_starts: list[int]) -> None:
    """Each place name with namesakes in several countries takes the one its context names: the
    country of the most prominent candidate if the sentence or the article shows it, else the
    one other country they show (its most prominent place of that name). A country, capital or
    big city gives way only to a country, a division or a city of 100,000 people. A division
    named by a common word keeps its country only where the article shows it otherwise."""
    shown = [(_sentence_index(c.start, sentence_starts), _evidence(c), gazetteer.fold(c.text)) for c in candidates]
    article = Counter(iso for _, iso, _ in shown if iso)
    for c in candidates:
        if c.label == "PLACE" and c.place is not None and _common_word_division(c) and not article[c.place.country]:
            c.place, c.international = None, True  # a common word, and its country nowhere else: none
    for c, (here, evidence, folded) in zip(candidates, shown):
        if c.label != "PLACE" or c.place is None:
            continue
        options = gazetteer.candidates(c.text)
        if len({p.country for p in options}) < 2:
            continue
        sentence = {iso for i, iso, name in shown if iso and i == here and name != folded}
        others = {iso for iso, n in article.items() if n} - {evidence}
        for scope in (sentence, others):
            if c.place.country in scope:
                break
            fits = [p for p in options if p.country in scope and p != c.place]
            if c.place.prominent:
                fits = [p for p in fits if p.kind in ("country", "state") or p.population >= _NAMESAKE_CITY]
            if len({p.country for p in fits}) == 1:
                c.place = fits[0]
                break


def _countries_by_context(candidates: list[_Candidate], sentence_starts: list[int],
                          quoted: list[tuple[int, int]] = (), filed: str | None = None,
                          reported: list[tuple[int, int]] = ()) -> None:  # fmt: skip
    """A person, an organisation or a place the gazetteer does not know (a village, a forest)
    with no country of their own (title, name) takes the one the article ties them to: the one
    country the places and nationalities of the sentences naming them show, else the article's
    own country (the one shown by more than half of its country-bearing mentions, and by two at
    least). Every mention of one entity then carries its country. The places inside a quotation
    tie only the names inside it ("'It's Cuba's best role,' said activist Bob Klaus": the words
    are his, the place is not): `quoted` holds the character ranges inside quotation marks.
    A story filed from another country than the one it shows (`filed`, its dateline's: a
    Washington story on a Russian test quotes American experts) gives no one its own country.
    The places of what a reporting verb reports (`reported`: "Lewis said he did not know how the
    Russian system works") do not tie the names outside it either; names inside see the whole
    sentence."""
    starts = [a for a, _ in quoted]
    told = [a for a, _ in reported]

    def where(c: _Candidate) -> tuple[int, int]:
        """(sentence, quotation or -1): a quotation's places tie only the names inside it."""
        i = bisect_right(starts, c.start) - 1
        return _sentence_index(c.start, sentence_starts), i if i >= 0 and c.end <= quoted[i][1] else -1

    def inside_reported(c: _Candidate) -> bool:
        i = bisect_right(told, c.start) - 1
        return i >= 0 and c.end <= reported[i][1]

    shown: dict[tuple[int, int], set[str]] = {}
    outside: dict[tuple[int, int], set[str]] = {}  # the places outside what was reported
    article: Counter[str] = Counter()
    for c in candidates:
        iso = c.country if c.label in ("PLACE", "NORP") else None
        if iso:
            shown.setdefault(where(c), set()).add(iso)
            if not inside_reported(c):
                outside.setdefault(where(c), set()).add(iso)
            article[iso] += 1
    total = sum(article.values())
    home = next((iso for iso, n in article.most_common(1) if 2 * n > total and n >= 2), None)
    if filed and home != filed:
        home = None
    groups: dict[str, list[_Candidate]] = {}
    for c in candidates:
        if c.label in ("PERSON", "ORG") or c.label == "PLACE" and c.place is None and not _across_borders(c):
            groups.setdefault(c.key, []).append(c)
    for group in groups.values():
        own = Counter(c.country for c in group if c.country)
        if own:
            country = own.most_common(1)[0][0]
        elif any(c.international for c in group):
            continue
        else:
            near: set[str] = set()
            for c in group:
                near |= (shown if inside_reported(c) else outside).get(where(c), set())
            country = next(iter(near)) if len(near) == 1 else home
        for c in group:
            c.country = c.country or country


def _dateline_country(article: Article) -> str | None:
    """The country of the place the article's dateline names ("MAE SAI, Thailand", "MOSCOW")."""
    for part in (article.dateline or "").split(","):
        found = gazetteer.place(part.strip())
        if found is not None and found.country:
            return found.country
    return None


_QUOTED = re.compile(r'“[^“”\n]{1,1500}”|"[^"\n]{1,1500}"')


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """The character ranges inside quotation marks, in order."""
    return [(m.start() + 1, m.end() - 1) for m in _QUOTED.finditer(text)]


# Verbs whose clausal object is what someone said or thinks, not where they are.
_REPORTING = frozenset("""say tell add warn argue claim believe think note insist suggest state write explain deny
    admit announce report fear hope acknowledge contend predict estimate""".split())  # fmt: skip


def _reported_ranges(doc) -> list[tuple[int, int]]:
    """The character ranges of what a reporting verb reports ("Lewis said he did not know how
    the Russian system works": its places are what he spoke of, as a quotation's are)."""
    from spacy.attrs import DEP

    if len(doc) == 0:
        return []
    import numpy

    ccomp = doc.vocab.strings["ccomp"]
    out = []
    for i in numpy.flatnonzero(doc.to_array(DEP) == ccomp).tolist():
        t = doc[i]
        if t.head.lemma_ in _REPORTING:
            out.append((t.left_edge.idx, t.right_edge.idx + len(t.right_edge)))
    return out


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges, sorted, overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


# Words of places that lie across borders or at sea, which no one country holds.
_ACROSS = frozenset("sea ocean gulf strait straits channel east west north south central middle africa asia europe "
                    "america americas balkans sahel horn mediterranean caribbean pacific atlantic arctic".split())  # fmt: skip


def _across_borders(c: _Candidate) -> bool:
    return any(gazetteer.fold(w) in _ACROSS for w in c.words)


def _sentence_index(char: int, sentence_starts: list[int]) -> int:
    return bisect_right(sentence_starts, char) - 1


# -- keys, mentions, entities ---------------------------------------------------------------


def _key(c: _Candidate, shown: set[str] = frozenset()) -> None:
    """The candidate's display name, key and, for an organisation, the country of its name
    (`shown`: the countries the article's places and nationalities show)."""
    if c.label == "PLACE" and c.place is not None:
        c.name, c.country = c.place.name, c.place.country
    elif c.label == "ORG" and c.place is not None:  # a seat of government
        c.name, c.country = c.place.name, c.place.country
    elif c.label == "NORP":
        c.name = _singular_demonym(c.text)
    else:
        c.name = _display(c.text)
        if c.label == "ORG" and c.country is None:
            c.country = next((gazetteer.demonym(w) for w in c.words if gazetteer.demonym(w)), None)
            c.country = c.country or _place_in_org_name(c.words, shown)
    if c.key is None:
        c.key = c.label.lower() + ":" + _slug(c.name)
        if c.label == "PLACE" and c.place is not None and c.place != gazetteer.place(c.text) and c.place.country:
            c.key += "-" + c.place.country.lower()  # a namesake: "London" of Ontario is not London


def _place_in_org_name(words: list[str], shown: set[str]) -> str | None:
    """The country of the place an organisation's name holds, the longest name first: "New York"
    of "New York Times" (not York, England), "Kabul" of "Kabul University Hospital". A place with
    namesakes is the one the article shows ("Georgia Department of Transportation" in an article
    on US states is the state's, "Vigo County" in Indiana not Vigo, Spain); a city that is no
    capital, in an article that shows other countries but not its own, gives none."""
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            options = _named_places(" ".join(words[i : i + size]))
            if not options:
                continue
            first = options[0]
            if not shown or first.country in shown:
                return first.country
            other = next((p for p in options if p.country in shown), None)
            if other is not None:
                return other.country
            return first.country if first.kind in ("country", "state") or first.capital else None
    return None


def _named_places(name: str) -> list[gazetteer.Place]:
    """The places a word of an organisation's name may name, most prominent first: countries,
    capitals, divisions and cities of 100,000 people or more ("Kabul" of "Kabul University
    Hospital")."""
    if not name[:1].isupper():
        return []
    return [p for p in gazetteer.candidates(name)
            if p.kind in ("country", "state") or p.capital or p.population >= _TRUSTED_CITY]  # fmt: skip


def _name_key(text: str) -> str:
    return " ".join(_display(text).split())


# What a name never holds: brackets, quotes and other marks the text put around or inside it
# ("Donald] Trump", "“Kamala Harris"); a name keeps hyphens, apostrophes and initials' periods.
_STRAY = re.compile(r"[\[\](){}<>\"“”«»„*|/\\_#~^]+")
_EDGES = "-–—'’‘.,;:!? "


@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """A name without the text's stray punctuation: brackets and quotes dropped wherever they
    are, dashes, apostrophes and commas off its edges (a final period kept after an initial or
    an abbreviation: "Jr.", "Inc."), whitespace collapsed. Cached: names recur."""
    text = " ".join(_STRAY.sub(" ", text).split())
    keep = text.endswith(".") and (len(text.split()[-1]) <= 4 if text.split() else False)
    text = text.strip(_EDGES)
    return text + "." if keep and text else text


def _display(text: str) -> str:
    """A name as written, without stray punctuation and with its whitespace collapsed;
    all-capital names in Title Case."""
    text = clean_name(text)
    return text.title() if text.isupper() and len(text) > 3 and "." not in text else text


def _singular_demonym(text: str) -> str:
    text = _display(text)
    if text.endswith("s") and gazetteer.demonym(text[:-1]):
        return text[:-1]
    return text


def _sentences(doc, paragraphs, starts) -> list[tuple[int, int]]:
    """The sentences, each cut at paragraph ends (the parser may run a heading into the next
    paragraph's first sentence)."""
    out = []
    for sent in doc.sents:
        start = sent.start_char
        while start < sent.end_char:
            index = _paragraph_of(start, starts)
            end = min(sent.end_char, paragraphs[index][1])
            if end > start:
                out.append((start, end))
            next_index = index + 1
            start = paragraphs[next_index][0] if next_index < len(paragraphs) else sent.end_char
            start = max(start, end)
    return out


def _mention(c: _Candidate, sentences: list[tuple[int, int]], starts: list[int]) -> Mention:
    i = bisect_right(starts, c.start) - 1  # starts: the sentences' starts
    sentence = sentences[i] if 0 <= i < len(sentences) and sentences[i][1] >= c.end else (None, None)
    return Mention(
        start=c.start,
        end=c.end,
        text=c.text,
        label=c.label,
        entity=c.key,
        title=c.titles[0].text if c.titles else None,
        country=c.country,
        sentence_start=sentence[0],
        sentence_end=sentence[1],
    )


def _entities(candidates: list[_Candidate]) -> list[Entity]:
    """One entity per key, in order of first mention: its fullest name, the country most of
    its mentions show, every title and every form used."""
    grouped: dict[str, list[_Candidate]] = {}
    for c in candidates:
        grouped.setdefault(c.key, []).append(c)
    out = []
    for key, group in grouped.items():
        if group[0].label == "PERSON":
            name = max((c.name for c in group), key=lambda n: (len(n.split()), len(n)))
        else:
            name = group[0].name
        countries = Counter(c.country for c in group if c.country)
        country = countries.most_common(1)[0][0] if countries else None
        titles = _unique(tuple(t.text for c in group for t in c.titles))
        aliases = _unique(tuple(" ".join(c.text.split()) for c in group))
        out.append(Entity(key, name, group[0].label, country, titles, aliases))
    return out


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", gazetteer.fold(name)).strip("-")

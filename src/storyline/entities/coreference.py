"""Who a phrase refers to: a name, a pronoun or a common noun resolved to an Entity key. The
quotes stage resolves its speakers with it and the events stage its actors' pronouns.

The entity stage's mentions are used where it ran; otherwise spaCy's PERSON and ORG spans stand
in, keyed the way the entity stage keys them ("person:sergei-lavrov"), a short name joining the
fullest earlier name that ends with it ("Lavrov" -> "Sergei Lavrov").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..record import Article

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we"})
MALE_WORDS = frozenset({"mr", "mr.", "he", "his", "him", "man", "father", "son", "husband", "brother", "king"})
FEMALE_WORDS = frozenset({"ms", "ms.", "mrs", "mrs.", "miss", "she", "her", "woman", "mother", "daughter", "wife", "sister", "queen"})

# Given names that news writes for one gender only (names used for both, Jordan, Robin, Kim,
# Jean, Andrea, left out); a full name's first word.
MALE_NAMES = frozenset(
    """
    aaron abdullah adam ahmed alan albert alexander alexei ali andrew angelo anthony antonio
    barack ben benjamin bernard bernie bill boris brian bruce carl carlos charles christopher
    craig daniel david dennis dmitry donald douglas edward emmanuel eric francis frank gary
    george gerald gordon greg gregory harold harry henry hugo ian ivan jack jacob james jason
    jeb jeff jeffrey jeremy jim jimmy joe john jonathan jose joseph juan justin keith kenneth
    kevin larry lawrence luis mahmoud marco mark martin matthew michael mike mikhail mitch
    mohammed muhammad narendra nicholas olaf paul peter philip ralph raymond richard rick
    robert roger ron ronald roy russell ryan sam samuel scott sergei sean stephen steve steven
    ted thomas timothy tom tony vladimir walter wayne william xi yuri
    """.split()
)
FEMALE_NAMES = frozenset(
    """
    alice alexandria amanda amy angela ann anna anne barbara betty betsy carly carol
    caroline catherine charlotte christina christine claire cynthia deborah debbie diana
    diane donna dorothy elena elizabeth ellen emily emma fatima florence frances helen
    hillary ivanka jane janet jennifer jessica jill joan joyce judith julia julie karen kate
    katherine kathleen kathy kamala laura linda lisa margaret maria marie
    martha mary megan melania melissa michelle nancy natalia natalie nicola nikki olga
    patricia phyllis rachel rebecca ruth sandra sarah sharon sheila sophie stephanie susan
    svetlana tammy teresa theresa tulsi ursula valentina victoria wendy yulia
    """.split()
)
_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "NORP": "NORP"}
_RELATIVE = frozenset({"who", "which", "that", "whom"})


@dataclass
class Candidate:
    """A name in the text that a source may refer to."""

    start: int
    end: int
    label: str
    key: str
    words: tuple[str, ...]
    gender: str | None = None  # "m", "f" or None where the text gives no cue


class SpeakerResolver:
    """Built once per article: maps a source span (and its head token) to an Entity key."""

    def __init__(self, article: Article, doc, quoted: list[tuple[int, int]] = ()):
        self.text = article.text
        self.candidates = _from_mentions(article) or _from_doc(doc)
        self.candidates.sort(key=lambda c: c.start)
        # the people a pronoun can be: a name inside a quotation is what was said, not who said it
        self.people = [c for c in self.candidates if c.label == "PERSON"
                       and not any(start <= c.start and c.end <= end for start, end in quoted)]  # fmt: skip
        self.doc = doc
        # each person's tokens, made once: the gender cues and the hosted names all read them
        has_doc = doc is not None and len(doc) > 0
        self.spans = [doc.char_span(c.start, c.end, alignment_mode="expand") if has_doc else None
                      for c in self.people]  # fmt: skip
        self._gender_from_text(article, doc, quoted)
        self._hosted: set[int] | None = None  # people named inside another's phrase (by start)

    def resolve(self, start: int, end: int, head) -> tuple[str | None, int]:
        """The entity key for the source text[start:end] whose syntactic head is `head`
        (a spaCy token), and where the resolved name sits (for recency); None if unresolved."""
        if head is not None and head.lower_ in _RELATIVE and head.head is not head:
            noun = head.head.head if head.dep_ in ("nsubj", "nsubjpass") else head.head
            return self.resolve(noun.left_edge.idx, noun.idx + len(noun), noun)
        inside = [c for c in self.candidates if c.start < end and start < c.end]
        if inside and head is not None:
            inside = [c for c in inside if _stands_for(c, head, start, end)]
        if inside:
            # a place or nationality that only modifies the head names no one ("Thai lawyers",
            # "a Cairo airport official", "Chad's ambassador to France"): only a person or an
            # organisation in the phrase stands for it ("a spokesman for the State Department")
            best = _containing(inside, head) or _first(inside, "PERSON") or _first(inside, "ORG")
            if best is not None:
                return best.key, best.start
            if head is None or head.pos_ == "PROPN":
                return inside[-1].key, inside[-1].start
            return None, start
        if head is None:
            return None, start
        word = head.lower_
        if word in MALE_PRONOUNS or word in FEMALE_PRONOUNS:
            gender = "m" if word in MALE_PRONOUNS else "f"
            return self._recent_person(start, gender, head)
        if word in PLURAL_PRONOUNS:
            return None, start
        if head.pos_ in ("NOUN", "PROPN"):
            rest = _name_words(head, start, end) if head.pos_ == "PROPN" else frozenset()
            return self._recent_with_word(start, head.lemma_.lower(), head.text.lower(), rest)
        return None, start

    def name_of(self, key: str) -> str | None:
        for c in self.candidates:
            if c.key == key:
                return " ".join(c.words)
        return None

    def _recent_person(self, before: int, gender: str, head) -> tuple[str | None, int]:
        people = [c for c in self.people if c.end <= before]
        if head is not None and people:
            # "X told Y that he …": the one told is not the one who says; "said Holtz-Eakin, an
            # adviser to President Bush. … he added": a name inside another's phrase neither
            told = _told(head)
            hosted = self._hosted_people()
            people = [c for c in people if not any(a <= c.start < b for a, b in told)
                      and c.start not in hosted]  # fmt: skip
        matching = [c for c in people if c.gender in (gender, None)]
        exact = [c for c in matching if c.gender == gender]
        sentence_start = head.sent.start_char if head is not None else before
        # a name of the right gender seen lately wins over a nearer name of unknown gender
        recent_exact = [c for c in exact if c.start >= sentence_start - 600]
        pool = recent_exact or matching
        if not pool:
            return None, before
        best = pool[-1]
        return best.key, best.start

    def _recent_with_word(self, before: int, lemma: str, word: str,
                          rest: frozenset[str] = frozenset()) -> tuple[str | None, int]:  # fmt: skip
        """The latest name before `before` (no person) holding the head's word, and every other
        word of the head's own name (`rest`): "Democracy for America" is not "Democracy Corps"."""
        for c in reversed(self.candidates):
            if c.start >= before or c.label == "PERSON":
                continue  # (a person is never taken here: no need to read its words)
            words = {w.lower() for w in c.words}
            if (lemma in words or word in words) and rest <= words:
                return c.key, c.start
        return None, before

    def _hosted_people(self) -> set[int]:
        """The starts of the people named inside another person's phrase ("Holtz-Eakin, an
        adviser to President George W. Bush"): the name's head hangs, through the parse, off
        a word of another person's name in the same sentence."""
        if self._hosted is not None:
            return self._hosted
        self._hosted = set()
        spans = [(c.start, c.end) for c in self.people]
        for c, span in zip(self.people, self.spans):
            if span is None:
                continue
            t = span.root
            for _ in range(8):
                if t.head is t or t.dep_ in ("relcl", "acl", "ccomp", "advcl", "conj", "parataxis"):
                    break
                t = t.head
                if not (c.start <= t.idx < c.end) and any(a <= t.idx < b for a, b in spans):
                    self._hosted.add(c.start)
                    break
        return self._hosted

    def _gender_from_text(self, article: Article, doc, quoted=()) -> None:
        """Gender cues: a title written with the name ("Mr.", "spokeswoman"), else a given name
        of one gender ("Donald", "Hillary"), else the pronouns the text itself gives the name
        (`_pronoun_votes`), else the Slavic surname endings
        -ova/-eva/-ina vs -ov/-ev/-in; spread to every mention of the entity."""
        by_key: dict[str, str] = {}
        for c in self.candidates:
            if c.label != "PERSON":
                continue
            before = self.text[max(0, c.start - 20) : c.start].lower().split()
            cue = before[-1] if before else ""
            if cue in MALE_PRONOUNS or cue in FEMALE_PRONOUNS:
                continue  # "swinging by his Clinton …", "told her Smith …": someone else's
            if cue in FEMALE_WORDS or cue.endswith("woman"):
                by_key.setdefault(c.key, "f")
            elif cue in MALE_WORDS or cue.endswith("man"):
                by_key.setdefault(c.key, "m")
        for c in self.candidates:
            first = c.words[0].lower() if c.label == "PERSON" and len(c.words) > 1 else ""
            if first in MALE_NAMES or first in FEMALE_NAMES:
                by_key.setdefault(c.key, "m" if first in MALE_NAMES else "f")
        for key, gender in _appositive_gender(self.people, self.spans).items():
            by_key.setdefault(key, gender)
        for key, gender in _pronoun_votes(self.people, self.spans, doc, quoted).items():
            by_key.setdefault(key, gender)
        for c in self.candidates:
            if c.label != "PERSON" or c.key in by_key:
                continue
            last = c.words[-1].lower()
            if re.search(r"(ova|eva|(?<![lmd])ina|ska|aya)$", last):
                by_key[c.key] = "f"
            elif re.search(r"(ov|ev|(?<![lwr])in|sky|ski)$", last):
                by_key[c.key] = "m"
        for c in self.candidates:
            c.gender = by_key.get(c.key)


def _appositive_gender(people: list[Candidate], spans) -> dict[str, str]:
    """A gendered noun in apposition to the name: "Patti Davis, Ronald Reagan's daughter",
    "Ana Ruiz, a spokeswoman for …" (`spans`: each person's tokens, or None)."""
    out: dict[str, str] = {}
    for c, span in zip(people, spans):
        if span is None:
            continue
        for child in span.root.children:
            if child.dep_ != "appos" or child.i < span.end:
                continue
            word = child.lower_
            if word in FEMALE_WORDS or word.endswith("woman"):
                out.setdefault(c.key, "f")
            elif word in MALE_WORDS or word.endswith("man") and word not in ("chairman", "man"):
                out.setdefault(c.key, "m")
    return out


_SUBJECT_HINTS = {"he": "m", "his": "m", "himself": "m", "she": "f", "herself": "f"}


def _pronoun_votes(people: list[Candidate], spans, doc, quoted) -> dict[str, str]:
    """A person's gender from the text's own pronouns: a name that is a clause's subject and
    the first "he", "his", "himself", "she" or "herself" after it in its sentence, before any
    other name and outside quotations ("Hariri said he was fine", "Clinton cast herself as
    …"). "him" and "her" are left out: an object is as often someone else ("Trump attacked
    her"). The majority over all the entity's mentions decides; a tie gives none."""
    votes: dict[str, list[int]] = {}
    if doc is None or not len(doc):
        return {}
    for i, (c, span) in enumerate(zip(people, spans)):
        if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        limit = min(span.sent.end_char, people[i + 1].start if i + 1 < len(people) else 10**9)
        for t in doc[span.end : span.sent.end]:
            if t.idx >= limit:
                break
            gender = _SUBJECT_HINTS.get(t.lower_)
            if gender is None or any(start <= t.idx < end for start, end in quoted):
                continue
            votes.setdefault(c.key, [0, 0])[gender == "f"] += 1
            break
    return {key: "m" if m > f else "f" for key, (m, f) in votes.items() if m != f}


# Prepositions that say what a phrase is about, not whose it is ("his attacks on Trump").
_ABOUT = frozenset({"on", "about", "against", "over", "toward", "towards", "regarding", "concerning", "into"})
# Nouns a person's name before them speaks through: "the Trump campaign", "Clinton's spokesman",
# "Starr's remarks"; other nouns are not the person ("Trump supporters", "Clinton's legacy").
SPEAKS_FOR = frozenset(
    """
    spokesman spokeswoman spokesperson representative campaign team office administration camp
    statement remark comment word post tweet letter speech message interview memo email
    """.split()
)


_CONNECTORS = frozenset({"for", "of", "and", "the", "de"})


def _name_words(head, start: int, end: int) -> frozenset[str]:
    """The other capitalised words of the proper name whose word `head` is, within
    text[start:end]: the run of proper nouns around it, through "for", "of", "and" between
    them ("Democracy for America", "Friends of the Earth"), lower-case."""
    doc, words = head.doc, set()
    i = head.i - 1
    while i >= 0 and doc[i].idx >= start and doc[i].pos_ == "PROPN":
        words.add(doc[i].lower_)
        i -= 1
    i = head.i + 1
    while i < len(doc) and doc[i].idx < end:
        t = doc[i]
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            words.add(t.lower_)
        elif not (t.lower_ in _CONNECTORS and i + 1 < len(doc) and doc[i + 1].text[:1].isupper()):
            break
        i += 1
    return frozenset(words)


def _stands_for(c: Candidate, head, start: int, end: int) -> bool:
    """Whether a name inside the source phrase text[start:end] headed by `head` stands for
    it: not a name reached through a verb ("groups urging Clinton to run", "an outfit that
    endorsed Sanders") or a preposition of topic ("his attacks on Trump"), and a person only
    where the head is the person's name or a noun that speaks for them."""
    if c.start <= head.idx < c.end:
        return True
    span = head.doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return True
    t, through_prep = span.root, False
    for _ in range(12):
        if t.head is t or t.head.i == head.i:
            break
        t = t.head
        if not (start <= t.idx < end):
            return True  # the parse leaves the phrase: nothing to say
        if t.pos_ in ("VERB", "AUX") and not _authored(t, head):
            return False
        if t.dep_ == "prep" and t.lower_ in _ABOUT:
            return False
        through_prep = through_prep or t.dep_ == "prep"
    else:
        return True
    if t.head.i != head.i:
        return True
    if t.dep_ == "prep" and t.lower_ in _ABOUT:
        return False
    if c.label == "PERSON" and head.pos_ == "NOUN" and (t.i < head.i or t.dep_ == "prep" or through_prep):
        # "Trump supporters", "Clinton's legacy", "friends of Smith": not the person; the
        # name after its title ("the prime minister, Jean-Max Bellerive") is
        return head.lemma_.lower() in SPEAKS_FOR or head.lower_ in SPEAKS_FOR
    return True


def _authored(verb, head) -> bool:
    """"a report released by Greenpeace", "the video published by the navy": a participle of
    the head whose agent made it."""
    return verb.dep_ == "acl" and verb.head.i == head.i and verb.tag_ == "VBN" and any(
        c.dep_ == "agent" for c in verb.children
    )


def _told(pronoun) -> list[tuple[int, int]]:
    """The spans of the ones told in "X told Y that he …": the object of the verb whose
    clausal complement holds the pronoun."""
    t = pronoun
    for _ in range(6):
        if t.head is t:
            return []
        if t.dep_ == "ccomp":
            verb = t.head
            return [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
                    for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < t.i]  # fmt: skip
        t = t.head
    return []


def _containing(candidates: list[Candidate], head) -> Candidate | None:
    if head is None:
        return None
    for c in candidates:
        if c.start <= head.idx < c.end:
            return c
    return None


def _first(candidates: list[Candidate], label: str) -> Candidate | None:
    return next((c for c in candidates if c.label == label), None)


def _from_mentions(article: Article) -> list[Candidate]:
    names = {e.key: e.name for e in article.entities}
    out = []
    for m in article.mentions:
        if m.entity is None:
            continue
        out.append(Candidate(m.start, m.end, m.label, m.entity, tuple(names.get(m.entity, m.text).split())))
    return out


def _from_doc(doc) -> list[Candidate]:
    """spaCy's PERSON/ORG/GPE/NORP spans, a short name joined to the fullest name it ends."""
    out: list[Candidate] = []
    full_names: list[tuple[str, ...]] = []
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label is None:
            continue
        words = tuple(w for w in ent.text.split() if w.lower() not in ("the", "'s", "’s"))
        words = tuple(re.sub(r"[’']s$", "", w) for w in words)
        if not words:
            continue
        if label == "PERSON":
            longer = [f for f in full_names if len(f) > len(words) and f[-len(words) :] == words]
            if longer:
                words = longer[-1]
            else:
                full_names.append(words)
        out.append(Candidate(ent.start_char, ent.end_char, label, entity_key(label, " ".join(words)), words))
    return out


def entity_key(label: str, name: str) -> str:
    """"person:sergei-lavrov": the label and the name in ASCII, lower case, hyphenated."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return f"{label.lower()}:{slug}"

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
        self._gender_from_text(article, doc)
        # the people a pronoun can be: a name inside a quotation is what was said, not who said it
        self.people = [c for c in self.candidates if c.label == "PERSON"
                       and not any(start <= c.start and c.end <= end for start, end in quoted)]  # fmt: skip

    def resolve(self, start: int, end: int, head) -> tuple[str | None, int]:
        """The entity key for the source text[start:end] whose syntactic head is `head`
        (a spaCy token), and where the resolved name sits (for recency); None if unresolved."""
        if head is not None and head.lower_ in _RELATIVE and head.head is not head:
            noun = head.head.head if head.dep_ in ("nsubj", "nsubjpass") else head.head
            return self.resolve(noun.left_edge.idx, noun.idx + len(noun), noun)
        inside = [c for c in self.candidates if c.start < end and start < c.end]
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
            return self._recent_with_word(start, head.lemma_.lower(), head.text.lower())
        return None, start

    def name_of(self, key: str) -> str | None:
        for c in self.candidates:
            if c.key == key:
                return " ".join(c.words)
        return None

    def _recent_person(self, before: int, gender: str, head) -> tuple[str | None, int]:
        people = [c for c in self.people if c.end <= before]
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

    def _recent_with_word(self, before: int, lemma: str, word: str) -> tuple[str | None, int]:
        for c in reversed(self.candidates):
            if c.start >= before or c.label == "PERSON":
                continue  # (a person is never taken here: no need to read its words)
            words = {w.lower() for w in c.words}
            if lemma in words or word in words:
                return c.key, c.start
        return None, before

    def _gender_from_text(self, article: Article, doc) -> None:
        """Gender cues: a title written with the name ("Mr.", "spokeswoman") or the Slavic
        surname endings -ova/-eva/-ina vs -ov/-ev/-in; spread to every mention of the entity."""
        by_key: dict[str, str] = {}
        for c in self.candidates:
            if c.label != "PERSON":
                continue
            before = self.text[max(0, c.start - 20) : c.start].lower().split()
            cue = before[-1] if before else ""
            gender = None
            if cue in MALE_WORDS or cue.endswith("man"):
                gender = "m"
            elif cue in FEMALE_WORDS or cue.endswith("woman"):
                gender = "f"
            else:
                last = c.words[-1].lower()
                if re.search(r"(ova|eva|ina|ska|aya)$", last):
                    gender = "f"
                elif re.search(r"(ov|ev|in|sky|ski)$", last):
                    gender = "m"
            if gender and c.key not in by_key:
                by_key[c.key] = gender
        for c in self.candidates:
            c.gender = by_key.get(c.key)


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

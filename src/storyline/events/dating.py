"""When an event happened: its date, and where in the text that date came from.

    own predicate's time expression   "Kenyan police arrested twelve protesters on Sunday"  sentence
    the clause it hangs on            "Thursday's derailment, which killed two people"      clause
    its paragraph, else the lead      a past-tense act after "On Tuesday, ..."              context
    present tense                     "Syria says it is willing to withdraw"                tense
    the publication day               a past act the text does not date                     published

The first that applies wins; `Event.date_source` says which, so an analyst can keep only dates
the text gives. Time expressions come from the dates stage, normalised against the publication
date. A narrative day (context) is a full date within a week before publication that the text
puts on a verb: its own sentence's, else its paragraph's last, else the article's first (news
tells one day's story and dates it once, in the lead). A past
perfect ("had offered") lies before that day and a future or conditional act has no day yet,
so neither takes it; but an intent, demand, threat or refusal about the future is dated by the
verb that says it ("Norway said it would approve": the saying's day).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from ..record import Article, TimeExpression
from .triggers import Reading, attached, names_act

__all__ = ["Dating", "Narrative", "date_of", "statement_tense", "tense_of", "weeks_before"]

_BOUNDING = frozenset("since until till before after by from".split())
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4}
# Clauses that share their head's time: a relative clause on a dated act ("the earthquakes of
# February 2023, which killed ..."), a conjoined act, a complement, a 'when' clause.
_SHARES_TIME = frozenset("relcl acl conj xcomp ccomp advcl".split())
_SAME_TIME_MARKS = frozenset("when as while".split())
_FUTURE = frozenset("will 'll shall wo".split())
# PLOVER's verbal types: the event is the saying ("Norway said it would approve the deal").
_SPOKEN = frozenset("AGREE REQUEST REJECT THREATEN ACCUSE SUPPORT".split())


@dataclass(frozen=True)
class Dating:
    value: str | None  # TIMEX3-style value, or None (an undated future act)
    precision: str | None  # day, month, year ... or "published"
    source: str | None  # sentence, clause, context, tense, published (None: no date)


@dataclass
class Narrative:
    """The days an article's sentences put its acts on: each full date in the week up to
    publication that dates a verb, or a word that is not an act (a misread attachment), and
    does not bound ("since Monday"), by position."""

    days: list[tuple[int, str, bool]]  # (character offset, day, on a verb), in text order
    paragraphs: list[int]  # where the article's paragraphs start

    @classmethod
    def of(cls, article: Article, doc) -> Narrative:
        days = []
        for t in article.dates:
            if t.type not in ("DATE", "TIME") or not _full_day(t.value) or not _near_publication(t.value, article.published):
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None or _bounding(span):
                continue
            anchor = _anchor(span)
            if anchor.pos_ in ("VERB", "AUX"):
                days.append((t.start, t.value[:10], True))
            elif not names_act(anchor):  # "schools in eastern Turkey on Wednesday": a misread attachment
                days.append((t.start, t.value[:10], False))
        return cls(sorted(days), [p.start for p in article.paragraphs])

    def day_at(self, start: int, end: int) -> str | None:
        """The day for an undated past act in the sentence [start, end): one its own sentence
        gives another clause, else the last its paragraph put on a verb, else the article's
        first."""
        inside = [day for at, day, _ in self.days if start <= at < end]
        if inside:
            return inside[0]
        paragraph = self._paragraph(start)
        on_verbs = [(at, day) for at, day, on_verb in self.days if on_verb]
        earlier = [day for at, day in on_verbs if paragraph <= at < start]
        return earlier[-1] if earlier else (on_verbs[0][1] if on_verbs else None)

    def _paragraph(self, at: int) -> int:
        i = bisect_right(self.paragraphs, at) - 1
        return self.paragraphs[i] if i >= 0 else 0


def date_of(reading: Reading, sent, article: Article, narrative: Narrative | None = None) -> Dating:
    """The event's date and its source, trying the sources in the order of the module's table."""
    own, governing = _expressions(reading, sent, article)
    tense = tense_of(reading)
    if own:
        return _best(own, "sentence")
    if governing and tense != "pluperfect":
        return _best(governing, "clause")
    if tense in ("future", "modal"):
        # an intent, demand, threat or refusal is dated by its saying, not by what it is about
        tense = statement_tense(reading) if reading.type in _SPOKEN else None
        if tense is None:
            return Dating(None, None, None)
    if tense == "past" and narrative is not None:
        day = narrative.day_at(sent.start_char, sent.end_char)
        if day:
            return Dating(day, "day", "context")
    if article.published and tense == "present":
        return Dating(article.published[:10], "day", "tense")
    if article.published:
        return Dating(article.published[:10], "published", "published")
    return Dating(None, None, None)


def tense_of(reading: Reading) -> str:
    """The predicate's tense as dating needs it: future, modal, pluperfect, past, present or
    none. A participle or infinitive with no tense of its own ("killing six", "agreed to
    handle") takes its governing verb's."""
    if reading.future or reading.hypothetical:
        return "future"
    verb = reading.head
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.head.children):
            return "future"  # "will stop until every building has been searched"
    for _ in range(4):
        found = _finite(verb)
        if found:
            return found
        if verb.head.i == verb.i or verb.dep_ not in ("xcomp", "advcl", "acl", "conj", "relcl", "pcomp", "pobj"):
            return "none"
        verb = verb.head
    return "none"


def statement_tense(reading: Reading) -> str | None:
    """The tense of the saying that an intent, demand, threat or refusal is reported with:
    "said it would approve" (past), "says it is willing to withdraw" (present); None when no
    finite verb above the predicate says it."""
    token = reading.head
    for _ in range(5):
        if token.head.i == token.i or token.dep_ not in ("ccomp", "xcomp", "conj", "parataxis", "acomp", "advcl"):
            return None
        token = token.head
        found = _finite(token)
        if found in ("past", "present"):
            return found
    return None


def _finite(verb) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        return "modal"
    if verb.tag_ == "VBN" and any(a.lower_ in ("had", "'d") for a in auxes if a.dep_ == "aux"):
        return "pluperfect"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def weeks_before(value: str, published: str) -> bool:
    """Whether a date lies more than a week before the publication day (a month or year: ends
    before the publication month or year)."""
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return False
    if len(value) >= 10 and value[:4].isdigit():
        try:
            return (day - date.fromisoformat(value[:10])).days > 7
        except ValueError:
            return False
    if len(value) == 7 and value[:4].isdigit():
        return value < published[:7]
    if len(value) == 4 and value.isdigit():
        return value < published[:4]
    return False


def _expressions(reading: Reading, sent, article: Article) -> tuple[list[TimeExpression], list[TimeExpression]]:
    """The sentence's dates on the event's own predicate, and those on the clause it hangs on
    (nearest first), leaving out dates that bound rather than date it ("since March")."""
    doc = sent.doc
    own: list[TimeExpression] = []
    anchored: list[tuple[TimeExpression, int]] = []
    for t in article.dates:
        if not (sent.start_char <= t.start < sent.end_char) or t.type not in ("DATE", "TIME"):
            continue
        if not t.value or not t.value[:1].isdigit() and not t.value.startswith("XXXX"):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        if _bounding(span):
            continue
        if attached(span.root, reading, frozenset(tok.i for tok in span)):
            own.append(t)
        else:
            anchored.append((t, _anchor(span).i))
    if own or not anchored:
        return own, []
    for token in _governors(reading):
        found = [t for t, at in anchored if at == token.i]
        if found:
            return own, found
    return own, []


def _governors(reading: Reading):
    """The tokens whose time the event shares: a 'when' clause under its predicate, then each
    clause or dated noun above it, up to one that bounds it ("two days after it killed ...")."""
    head = reading.head
    for child in head.children:
        if child.dep_ == "advcl" and _same_time(child):
            yield child
    for token in head.subtree:
        if token.i != head.i and token.pos_ == "VERB" and token.tag_ in ("VBG", "VB") and _untensed(token):
            yield token  # "an agreement on sharing the catch ... on Tuesday": the act's own phrase
    token = head
    for _ in range(6):
        if token.head.i == token.i or token.dep_ not in _SHARES_TIME:
            return
        if token.dep_ == "advcl" and not _same_time(token):
            if any(m.dep_ in ("mark", "prep", "advmod") and m.lower_ in _BOUNDING for m in token.children):
                return
        token = token.head
        yield token
        # a relative clause on a word inside a noun phrase is about the phrase's head:
        # "Thursday's derailment near Villefranche, which killed two"
        while token.pos_ in ("NOUN", "PROPN", "NUM") and token.dep_ in ("pobj", "compound", "appos", "nmod"):
            up = token.head.head if token.dep_ == "pobj" else token.head
            if token.dep_ == "pobj" and token.head.pos_ != "ADP" or up.pos_ not in ("NOUN", "PROPN"):
                break
            token = up
            yield token


def _same_time(clause) -> bool:
    """A clause introduced by 'when', 'as' or 'while' (spaCy parses 'when' as a mark or an advmod)."""
    return any(m.dep_ in ("mark", "advmod") and m.lower_ in _SAME_TIME_MARKS for m in clause.children)


def _bounding(span) -> bool:
    """Whether a time expression bounds rather than dates: "since March", "until Friday"; but
    "after Thursday's derailment" dates the derailment."""
    first = span[0]
    before = span.doc[first.i - 1] if first.i > 0 else None
    return first.lower_ in _BOUNDING or (before is not None and before.lower_ in _BOUNDING and span.root.head.i == before.i)


def _untensed(verb) -> bool:
    """A gerund or infinitive with no subject or auxiliary of its own."""
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)


def _anchor(span):
    """The word a time expression modifies: through its preposition to the verb or noun."""
    token = span.root.head
    while token.pos_ == "ADP" and token.head.i != token.i:
        token = token.head
    return token


def _best(expressions: list[TimeExpression], source: str) -> Dating:
    best = min(expressions, key=lambda t: _PRECISION_RANK.get(t.precision or "", 5))
    return Dating(best.value[:10], best.precision or "day", source)


def _full_day(value: str | None) -> bool:
    return bool(value) and len(value) >= 10 and value[:4].isdigit() and value[5:7].isdigit() and value[8:10].isdigit()


def _near_publication(value: str, published: str | None) -> bool:
    """A day in the week up to publication (any full day when the article has no date)."""
    if not published:
        return True
    try:
        gap = (date.fromisoformat(published[:10]) - date.fromisoformat(value[:10])).days
    except ValueError:
        return False
    return 0 <= gap <= 7

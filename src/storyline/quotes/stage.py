"""The quote stage: who said what, direct and reported, with cue, channel and offsets.

Fills `article.quotes` from the spaCy parse. A cue is a verb from `lexicon` whose subject
is the source and whose clausal complement (or an adjacent quotation) is the content:

    “We hope …,” Lavrov said in a statement.      direct; source Lavrov; channel statement
    Zakharova said that both sides had agreed …   reported; content starts at "that"
    The talks will resume, according to the ministry.
    Clinton told reporters …, adding that …       "adding" takes its head's subject

A quotation no cue claims is given to a cue right after it ("“…,” said Smith") or right before
it ("He said: “…”"); a quotation standing alone continues the previous direct quote's speaker.
Pronouns and common nouns are resolved to entity keys by `speakers.SpeakerResolver`; the span
arithmetic (source of a verb, cue, channel, trimming) lives in `spans`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..entities.coreference import SpeakerResolver
from ..record import Article, Quote
from .lexicon import (
    ACCORDING,
    CLAUSE_VERBS,
    CONTENT_DEPS,
    EMPTY_SUBJECTS,
    NOT_CUES,
    RETORT_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
    SUBJECT_DEPS,
)
from .marks import QuoteSpan, find_quote_spans, is_speech
from .spans import (
    MARKS,
    channel_of,
    channel_words,
    cue_span,
    inside_subtree,
    is_direct,
    overlaps,
    source_of,
    subtree_span,
    trim,
    widen,
)

_OBJECT_DEPS = frozenset({"dobj", "xcomp", "prep", "dative", "attr", "oprd", "acomp", "advcl"})


@dataclass
class _Found:
    """One attribution while the stage works: character spans, the cue token."""

    content: tuple[int, int]
    direct: bool
    cue: tuple[int, int] | None
    cue_token: object | None = None
    source: tuple[int, int] | None = None
    source_head: object | None = None
    channel: str | None = None


def find_quotes(article: Article, doc) -> Article:
    """The article with `quotes` filled: one Quote per attribution found, in text order."""
    text = article.text
    marks = [q for q in find_quote_spans(text, article.paragraphs) if is_speech(text, q)]
    found: list[_Found] = []
    quoted = _quoted_tokens(doc, marks)
    for i in _cue_candidates(doc):
        if i in quoted:  # "I think" inside a quotation is the quoted speaker's, not ours
            continue
        token = doc[i]
        f = (
            _from_cue_verb(token, text, marks, quoted)
            or _from_according(token, text, marks)
            or _from_colon(token, text, marks)
        )
        if f is not None:
            found.append(f)
    for q in marks:
        f = _sign_off(q, doc, text) or _colon_before(q, doc, text, quoted)
        if f is not None:
            found.append(f)
    claimed = [q for q in marks if any(overlaps(q, f.content) for f in found)]
    for q in marks:
        if q in claimed:
            continue
        f = _cue_around(q, doc, text, quoted)
        if f is not None:
            found.append(f)
    found = _nearest_cue_per_content(found)
    found.sort(key=lambda f: f.content[0])
    _join_follow_on(found, marks, text)
    return replace(article, quotes=_to_quotes(found, marks, article, doc))


def _cue_candidates(doc) -> list[int]:
    """The tokens that may carry an attribution, in order: a verb or auxiliary (a cue verb),
    "according" or a colon; _from_cue_verb, _from_according and _from_colon return None for
    any other. Found from one array of the three attributes, not a token object per word."""
    from spacy.attrs import LOWER, ORTH, POS
    from spacy.parts_of_speech import AUX, VERB
    from spacy.strings import get_string_id

    if not len(doc):
        return []
    according, colon = get_string_id(ACCORDING[0]), get_string_id(":")
    pos, lower, orth = doc.to_array([POS, LOWER, ORTH]).T
    return ((pos == VERB) | (pos == AUX) | (lower == according) | (orth == colon)).nonzero()[0].tolist()


def _nearest_cue_per_content(found: list[_Found]) -> list[_Found]:
    """Two cues claiming the same quotation ("polls did predict it - HuffPollster: “…”"): the
    one beside it keeps it."""
    best: dict[tuple[int, int], _Found] = {}
    for f in found:
        if not f.direct:
            continue
        other = best.get(f.content)
        if other is None or _distance(f) < _distance(other):
            best[f.content] = f
    return [f for f in found if not f.direct or best[f.content] is f]


def _distance(f: _Found) -> int:
    if f.cue is None:
        return 10**9
    return max(f.cue[0] - f.content[1], f.content[0] - f.cue[1], 0)


def _quoted_tokens(doc, marks: list[QuoteSpan]) -> set[int]:
    out: set[int] = set()
    for q in marks:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def _join_follow_on(found: list[_Found], marks: list[QuoteSpan], text: str) -> None:
    """“Q1,” she said. “Q2.”: a quotation no cue claims, right after a direct quote and its
    cue in the same paragraph, is more of the same quote."""
    for q in marks:
        if any(overlaps(q, f.content) for f in found):
            continue
        before = [f for f in found if f.content[1] <= q.start]
        if not before:
            continue
        cued = [f for f in before if f.cue and f.content[1] <= f.cue[0] < q.start]
        if not cued:
            continue
        f = max(cued, key=lambda f: f.cue[0])
        gap = text[f.content[1] : q.start]
        if "\n" not in gap and len(gap) < 250:
            f.content = (f.content[0], q.end)
            f.direct = f.direct or is_direct(text, *f.content, marks)


# -- cues ------------------------------------------------------------------------------------


def _from_cue_verb(token, text: str, marks: list[QuoteSpan], quoted: set[int]) -> _Found | None:
    """A verb reporting speech, thought or stance: any verb with a subject and a clausal
    complement ("X warned that …"), a speech verb with a quotation, or a stance verb with an
    object ("X criticized the plan")."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound", "aux", "auxpass"):
        return None
    lemma = _lemma(token)
    if lemma in NOT_CUES:
        return None
    speech = lemma in SPEECH_VERBS
    if not (speech or lemma in CLAUSE_VERBS or lemma in STANCE_VERBS):
        # any other verb is a cue only with a named subject and a clausal complement: the
        # complement first, as most verbs have none (both lookups are pure; same result)
        content = _clause_content(token, text, marks)
        if content is None or not _that_mark(token.doc, content):
            return None
        source, head = source_of(token, quoted)
        if head is None or head.lower_ in EMPTY_SUBJECTS:
            return None
        return _cue_found(token, text, marks, content, source, head)
    source, head = source_of(token, quoted)
    named = head is not None and head.lower_ not in EMPTY_SUBJECTS
    content = None
    if named or speech or lemma in CLAUSE_VERBS:
        content = _clause_content(token, text, marks)
    if content is None and speech:
        content = _inverted_content(token, text, marks) or _quote_after(token, text, marks)
    if content is None and lemma in STANCE_VERBS and (named or speech):
        content = _object_content(token, text, marks)
    if content is not None and _not_said(token, lemma, text, content, marks):
        return None
    return _cue_found(token, text, marks, content, source, head)


_PERCEIVED = frozenset({"see", "notice"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"})


def _not_said(token, lemma: str, text: str, content: tuple[int, int], marks: list[QuoteSpan]) -> bool:
    """A cue verb in a sense that reports nothing: "saw people running out", "found
    themselves bunking together" (seeing reports only with "that": "she saw that …"),
    "the force continued with its approach" (a bare "continue" reports only
    a quotation: "“…,” he continued")."""
    if is_direct(text, *content, marks):
        return False
    if lemma in _PERCEIVED:
        return not text.startswith("that", content[0])
    first = text[content[0] : content[0] + 12].split(None, 1)
    if lemma == "find" and first and first[0].lower() in _REFLEXIVE:
        return True
    return token.lemma_.lower() == "continue"


def _that_mark(doc, content: tuple[int, int]) -> bool:
    """The content opens with the conjunction "that" ("vowed that …"), not a relative
    pronoun ("the vote that will culminate in …") or a clause of another kind."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    return span is not None and span[0].lower_ == "that" and span[0].dep_ == "mark"


def _cue_found(token, text: str, marks: list[QuoteSpan], content, source, head) -> _Found | None:
    """The attribution of a cue verb with its content and source, unless the content lies
    apart from it or it is not a statement made."""
    if content is None or _apart(text, content, cue_span(token)):
        return None
    content = _within_paragraph(text, content, token.idx, marks)
    if content is None:
        return None
    direct = is_direct(text, *content, marks)
    if not direct and (_nested_report(token) or _unrealised(token)):
        return None
    if _without(token):
        return None
    return _Found(content, direct, cue_span(token), token, source, head, channel_of(token))


def _unrealised(token) -> bool:
    """A base-form verb modifying a noun ("a chance to respond", "groups that would endorse
    …"): a possible statement, not one made."""
    return token.tag_ == "VB" and token.dep_ in ("acl", "relcl")


def _without(token) -> bool:
    """"…, without specifying who she thought was behind it": statements not made. (A cue
    with "not" stays: PolNeAR counts "police have not said …" an attribution.)"""
    for _ in range(4):
        if token.dep_ == "pcomp" and token.head.lower_ == "without":
            return True
        if token.head is token:
            return False
        token = token.head
    return False


def _nested_report(token) -> bool:
    """A verb inside another's reported clause, not in the past ("voters say they think …",
    "he said he would offer …"): the outer speaker's words, not an attribution of its own."""
    if token.dep_ != "ccomp" or token.head is token:
        return False
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children)
    return modal or token.tag_ in ("VB", "VBP", "VBZ", "VBN", "VBG")


def _within_paragraph(text: str, content: tuple[int, int], at: int, marks: list[QuoteSpan]):
    """Content cut to the cue's paragraph (a parse can run on into a glued heading), save for
    a quotation that runs on over paragraphs."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    for q in marks:
        if q.start < content[1] and content[0] < q.end:
            start, end = min(start, q.start), max(end, q.end)
    return trim(text, max(content[0], start), min(content[1], end))


def _apart(text: str, content: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Content and cue in different paragraphs: the parser joined two of them."""
    gap = text[content[1] : cue[0]] if content[1] <= cue[0] else text[cue[1] : content[0]]
    if "\n" in gap and gap.strip(" \t\n\u00a0:,—–-"):
        return True
    return any(_ends_sentence(gap, m.start()) for m in _SENTENCE_END.finditer(gap))


_SENTENCE_END = re.compile(r"[.?!][”\"’]?\s+[A-Z“\"]")


def _ends_sentence(text: str, at: int) -> bool:
    """A full stop that ends a sentence, not an abbreviation ("Sen.", "U.S.", "Dr.")."""
    word = text[:at].rsplit(None, 1)[-1] if text[:at].strip() else ""
    return not (text[at] == "." and word[:1].isupper() and len(word) <= 4)


def _lemma(token) -> str:
    """The verb's lemma; "went on" counts as "continue", "shot back" as "retort", and "as X
    put it" as "say"."""
    lemma = token.lemma_.lower()
    if lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children):
        return "continue"
    if lemma in RETORT_VERBS and any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in token.children):
        return "retort"
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children):
        if not any(c.dep_ in ("prt", "prep") and c.lower_ not in ("in", "this", "that") for c in token.children):
            return "say"
    return lemma


def _object_content(token, text: str, marks: list[QuoteSpan]) -> tuple[int, int] | None:
    """What a stance verb is about: its complements after it ("criticized the plan as …")."""
    parts = [c for c in token.children if c.i > token.i and c.dep_ in _OBJECT_DEPS]
    if not parts or all(_where_or_when(c) for c in parts):
        return None
    first, last = parts[0].left_edge, parts[-1].right_edge
    return widen((first.idx, last.idx + len(last)), text, marks)


_SETTINGS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})


def _where_or_when(part) -> bool:
    """A phrase that only says where or when ("reported from Washington", "released on
    Wednesday", "was reported near Waynesville"): no content."""
    if part.dep_ != "prep":
        return False
    objects = [c for c in part.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in _SETTINGS for o in objects)


def _clause_content(token, text: str, marks: list[QuoteSpan]) -> tuple[int, int] | None:
    """The verb's clausal complement ("said that …", "“…,” he said"), else a "that" clause the
    parser hung elsewhere in the same sentence after the verb."""
    clauses = [c for c in token.children if c.dep_ in CONTENT_DEPS]
    for child in clauses:
        if child.i > token.i:
            return widen(subtree_span(child), text, marks)
    that = _that_clause(token, text, marks)
    if that is not None or not clauses:
        return that
    return widen(subtree_span(clauses[0]), text, marks)


def _that_clause(token, text: str, marks: list[QuoteSpan]) -> tuple[int, int] | None:
    for t in token.doc[token.i + 1 : token.i + 7]:  # the six tokens after it in its sentence
        if t.is_sent_start:
            break
        if t.lower_ == "that" and t.dep_ == "mark" and not inside_subtree(t, token):
            return widen((t.idx, token.sent.end_char), text, marks)
        if t.dep_ not in ("prep", "pobj", "det", "amod", "compound", "dobj", "advmod", "punct", "dative"):
            break
    return None


def _inverted_content(token, text: str, marks: list[QuoteSpan]) -> tuple[int, int] | None:
    """"The plan will work, he said": the verb hangs off the reported clause."""
    head = token.head
    if head is token or token.dep_ not in ("parataxis", "ccomp", "advcl"):
        return None
    if not any(c.dep_ in SUBJECT_DEPS for c in token.children):
        return None
    if head.i > token.i and token.dep_ != "parataxis":
        return None
    if any(c.dep_ == "mark" for c in token.children):  # "“Quiet,” he said, as Bush continued"
        return None
    left, right = token.left_edge.i, token.right_edge.i
    tokens = [t for t in head.subtree if (t.i < left or t.i > right) and not t.is_punct or t.text in MARKS]
    if not tokens:
        return None
    return widen((tokens[0].idx, tokens[-1].idx + len(tokens[-1])), text, marks)


def _quote_after(token, text: str, marks: list[QuoteSpan]) -> tuple[int, int] | None:
    """"He said: “…”": a quotation opening right after the verb's clause."""
    end = max(t.idx + len(t) for t in token.subtree if t.i >= token.i)
    for q in marks:
        if q.start >= token.idx and not text[end : q.start].strip(" \t\n\u00a0:,—–-"):
            return q.start, q.end
        if q.start <= token.idx < q.end:
            return None
    return None


def _from_according(token, text: str, marks: list[QuoteSpan]) -> _Found | None:
    if token.lower_ != ACCORDING[0]:
        return None
    to = next((c for c in token.children if c.lower_ == ACCORDING[1]), None)
    if to is None and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == ACCORDING[1]:
        to = token.nbor(1)
    if to is None:
        return None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase = list(token.subtree) + ([] if inside_subtree(to, token) else list(to.subtree))
    lo, hi = min(t.i for t in phrase), max(t.i for t in phrase)
    sent = token.sent
    before = [t for t in sent if t.i < lo]
    after = [t for t in sent if t.i > hi]
    side = before if len(before) > len(after) else after
    side = [t for t in side if not t.is_punct or t.text in MARKS] or side
    if not side:
        return None
    content = trim(text, side[0].idx, side[-1].idx + len(side[-1]))
    if content is None:
        return None
    content = widen(content, text, marks)
    source = subtree_span(obj) if obj is not None else None
    cue = (token.idx, to.idx + len(to))
    channel = channel_words([t for t in phrase])
    return _Found(content, is_direct(text, *content, marks), cue, token, source, obj, channel)


_DASHES = ("-", "—", "–")
_NAME_POS = frozenset({"PROPN", "NOUN", "PUNCT", "DET", "ADP", "CCONJ"})


def _from_colon(token, text: str, marks: list[QuoteSpan]) -> _Found | None:
    """"Clinton: “Our goal is …”", "Pew Research: “All the samples …”": a name that opens its
    line (or follows a dash) and a colon."""
    if token.text != ":" or token.i == 0:
        return None
    name = []
    for t in reversed(token.doc[max(0, token.i - 7) : token.i]):
        if t.text in _DASHES or "\n" in t.text:
            break
        name.insert(0, t)
    if not name or len(name) > 6:
        return None
    opens_line = name[0].idx == 0 or "\n" in text[max(0, name[0].idx - 3) : name[0].idx]
    after_dash = name[0].i > 0 and token.doc[name[0].i - 1].text in _DASHES
    if not (opens_line or after_dash):
        return None
    if not any(t.ent_type_ in ("PERSON", "ORG") for t in name) or not all(t.pos_ in _NAME_POS for t in name):
        return None
    start = token.idx + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    for q in marks:
        if q.start >= start and not text[start : q.start].strip():
            end = q.end
            break
    content = trim(text, start, end)
    if content is None:
        return None
    source = (name[0].idx, name[-1].idx + len(name[-1]))
    head = next((t for t in reversed(name) if t.ent_type_ in ("PERSON", "ORG")), name[-1])
    return _Found(content, is_direct(text, *content, marks), (token.idx, token.idx + 1), token, source, head)


def _colon_before(q: QuoteSpan, doc, text: str, quoted: set[int]) -> _Found | None:
    """A quotation right after a colon: "Pew Research: “…”", "More from the report: “…”",
    "She went on: “…”". The source is the noun phrase before the colon, or the subject of the
    verb there."""
    before = text[: q.start].rstrip()
    if not before.endswith(":") or q.start - len(before) > 3:
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or colon.start == 0:
        return None
    last = doc[colon.start - 1]
    if last.dep_ == "prt":
        last = last.head
    if last.pos_ in ("VERB", "AUX") and _lemma(last) not in NOT_CUES:
        source, head = source_of(last, quoted)
        if source is None:
            return None
        return _Found((q.start, q.end), True, cue_span(last), last, source, head, channel_of(last))
    if last.pos_ not in ("NOUN", "PROPN"):
        return None
    verb = _governing_verb(last)
    if verb is not None:  # "Kelly responded, with a smile: “…”", "Fiorina wrote on Facebook: “…”"
        source, head = source_of(verb, quoted)
        if source is None or _lemma(verb) in _NOT_COLON_CUES:
            return None
        return _Found((q.start, q.end), True, cue_span(verb), verb, source, head, channel_of(verb))
    noun = last
    while noun.dep_ in ("conj", "compound", "appos") and noun.head.i < noun.i:
        noun = noun.head
    tokens = [t for t in noun.subtree if t.i <= last.i and not t.is_punct]
    if not tokens or len(tokens) > 12:
        return None
    source = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    colon_tok = doc[colon.start]
    return _Found((q.start, q.end), True, (colon_tok.idx, colon_tok.idx + 1), colon_tok, source, last,
                  channel_words(list(noun.subtree)))  # fmt: skip


_OBJECT_CHAIN = frozenset({"pobj", "dobj", "prep", "pcomp", "npadvmod", "dative", "compound", "amod", "conj", "appos"})
_NOT_COLON_CUES = frozenset({"be", "include", "like", "follow"})


def _governing_verb(noun):
    """The verb a noun before a colon hangs off, through objects and prepositions ("wrote on
    Facebook:", "made the following comment:"); None where the noun heads its own phrase."""
    t = noun
    while t.dep_ in _OBJECT_CHAIN and t.head is not t and t.head.i < t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _sign_off(q: QuoteSpan, doc, text: str) -> _Found | None:
    """A quotation alone on its line, then a dash and a name closing the line: "“…” — Jane Roe",
    "“…”¶- Roe, a voter in Ohio." (the name is the source, the dash the cue)."""
    line_start = text.rfind("\n", 0, q.start) + 1
    if text[line_start : q.start].strip() or (m := _SIGN_OFF.match(text, q.end)) is None:
        return None  # the quotation must stand alone on its line
    name_start, name_end = m.span("name")
    name_end = name_start + len(text[name_start:name_end].rstrip("."))
    span = doc.char_span(name_start, name_end, alignment_mode="expand")
    if span is None or not all(t.pos_ == "PROPN" or t.is_punct for t in span):
        return None
    words = [t for t in span if not t.is_punct]
    if len(words) > 1 and not any(t.ent_type_ in ("PERSON", "ORG") for t in span):
        return None
    head = next((t for t in reversed(span) if t.ent_type_ in ("PERSON", "ORG")), span[-1])
    dash = m.start("dash")
    return _Found((q.start, q.end), True, (dash, dash + 1), None, (name_start, name_end), head)


_SIGN_OFF = re.compile(
    r"[ \t\u00a0]*(?:\n\s*)?(?P<dash>[-—―–])[ \t\u00a0]*"
    r"(?P<name>[A-Z][\w’'.-]*(?:[ \t\u00a0]+(?:[A-Z][\w’'.-]*|de|da|van|von|del|la|le|bin|al-\w+))*?)"
    r"\.?(?:,[^\n?–—―]{0,120})?[ \t\u00a0]*(?:\n|$)"
)


def _cue_around(q: QuoteSpan, doc, text: str, quoted: set[int]) -> _Found | None:
    """A quotation no cue's clause covered: a speech verb just after it in the same sentence
    ("“…,” said Smith", "“…” — Smith told reporters"), else just before ("Smith: “…”")."""
    after = doc.char_span(q.end, min(len(text), q.end + 120), alignment_mode="expand")
    if after is not None:
        for t in after:
            if t.is_space or "\n\n" in text[q.end : t.idx]:
                break
            if _lemma(t) in SPEECH_VERBS and t.pos_ in ("VERB", "AUX"):
                source, head = source_of(t, quoted)
                return _Found((q.start, q.end), True, cue_span(t), t, source, head, channel_of(t))
            if t.is_sent_start and t.idx > q.end + 1:
                break
    return None


# -- records ---------------------------------------------------------------------------------


def _to_quotes(found: list[_Found], marks: list[QuoteSpan], article: Article, doc) -> list[Quote]:
    text = article.text
    resolver = SpeakerResolver(article, doc, [(q.start, q.end) for q in marks])
    quotes: list[Quote] = []
    last_direct: Quote | None = None
    channels: dict[str, tuple[str, int, int]] = {}  # speaker -> (channel, paragraph end, quote index)
    seen_cues: set[tuple[int, int]] = set()
    pending = {q for q in marks if not any(overlaps(q, f.content) for f in found)}
    items: list[tuple[int, _Found | QuoteSpan]] = [(f.content[0], f) for f in found]
    items += [(q.start, q) for q in pending]
    items.sort(key=lambda item: item[0])
    for _, item in items:
        if isinstance(item, QuoteSpan):
            # a quotation alone in its paragraphs: news style continues the last direct speaker
            if last_direct is None or last_direct.speaker is None:
                continue
            if quotes[-1] is last_direct and _next_paragraph(text, last_direct.end, item.start):
                # “Q1,” she said.¶“Q2.”: one quotation over two paragraphs
                last_direct = replace(last_direct, end=item.end, text=text[last_direct.start : item.end])
                quotes[-1] = last_direct
                continue
            if not _opens_sentence(text, item.start):
                # a title or phrase quoted inside a sentence ("the “ninth chamber,” where …"):
                # kept as a quotation, but the last speaker is not known to have said it
                quotes.append(Quote(item.start, item.end, text[item.start : item.end], True))
                continue
            quotes.append(Quote(item.start, item.end, text[item.start : item.end], True,
                                speaker=last_direct.speaker, speaker_text=last_direct.speaker_text,
                                speaker_start=last_direct.speaker_start, speaker_end=last_direct.speaker_end,
                                channel=last_direct.channel))  # fmt: skip
            continue
        if item.cue is not None:
            if item.cue in seen_cues:
                continue
            seen_cues.add(item.cue)
        speaker, speaker_text, s_start, s_end = None, None, None, None
        if item.source is not None:
            s_start, s_end = trim(text, *item.source) or item.source
            s_start = _after_dateline(text, s_start, s_end, item.source_head)
            speaker_text = text[s_start:s_end]
            speaker, _ = resolver.resolve(s_start, s_end, item.source_head)
        channel = item.channel
        paragraph_end = _paragraph_end(article, item.content[0])
        begins = min(item.content[0], item.cue[0] if item.cue else item.content[0])
        if speaker is not None:
            if channel is not None:
                channels[speaker] = (channel, paragraph_end, len(quotes))
            elif speaker in channels and channels[speaker][1] == paragraph_end:
                # "X shared on Facebook that …. “…,” X said.": the next quote, hard by
                said, _, at = channels[speaker]
                if at == len(quotes) - 1 and begins - max(quotes[at].end, quotes[at].cue_end or 0) < 300:
                    channel = said
        cue_text = text[item.cue[0] : item.cue[1]] if item.cue else None
        quote = Quote(
            item.content[0], item.content[1], text[item.content[0] : item.content[1]], item.direct,
            speaker=speaker, speaker_text=speaker_text, speaker_start=s_start, speaker_end=s_end,
            cue=cue_text, cue_start=item.cue[0] if item.cue else None,
            cue_end=item.cue[1] if item.cue else None, channel=channel,
        )  # fmt: skip
        quotes.append(quote)
        if quote.direct:
            last_direct = quote
    return quotes


_DASH = re.compile(r"\s[-–—]{1,2}\s")


def _after_dateline(text: str, start: int, end: int, head) -> int:
    """Where a source phrase starts once a dateline the parser put in it is cut off
    ("WASHINGTON (Reuters) - U.S.-based nuclear experts said"): after the last spaced dash
    before its head, so the agency in the dateline is not taken for the speaker."""
    if head is None or not start < head.idx < end:
        return start
    dashes = [m.end() for m in _DASH.finditer(text, start, head.idx)]
    return dashes[-1] if dashes else start


def _opens_sentence(text: str, at: int) -> bool:
    """Nothing but the end of another sentence before text[at] in its paragraph."""
    before = text[text.rfind("\n", 0, at) + 1 : at].rstrip()
    return not before or before.rstrip("”\"’'")[-1:] in (".", "?", "!")


def _next_paragraph(text: str, end: int, start: int) -> bool:
    """text[start:] opens the paragraph right after the one where a quote ended at `end`, and
    what follows that quote there is no more than its cue ("she said.")."""
    gap = text[end:start]
    tail, _, between = gap.partition("\n")
    return not between.strip() and len(tail) <= 80 and not any(m in tail for m in MARKS)


def _paragraph_end(article: Article, pos: int) -> int:
    for p in article.paragraphs:
        if p.start <= pos <= p.end:
            return p.end
    return len(article.text)

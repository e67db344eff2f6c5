"""Spans of an attribution in the parse: the source of a cue verb, the cue itself, the channel,
and the character-span arithmetic the quote stage shares (trimming, widening to quotations).
"""

from __future__ import annotations

from .lexicon import CHANNEL_PREPOSITIONS, CHANNELS, PARTICIPLE_DEPS
from .marks import CLOSING, OPENING, STRAIGHT, QuoteSpan

MARKS = OPENING + CLOSING + STRAIGHT
_TRIM = " \t\n\u00a0,.;:—–-"
_INVERTED_SUBJECT_DEPS = frozenset({"dobj", "attr", "npadvmod", "appos", "oprd", "dative"})
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def source_of(verb, quoted: set[int]) -> tuple[tuple[int, int] | None, object | None]:
    """The source of a cue verb: its subject; for "…, adding that" its head's subject; for a
    passive, the agent ("was told by X"); for a verb hung off a noun ("Umerov, who leads …,
    shared on Facebook"), the noun phrase before it. Never words inside a quotation."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ == "nsubj" and child.i not in quoted:
                return subtree_span(child), child
            if child.dep_ == "agent":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return subtree_span(obj), obj
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return None, None
        after = [c for c in verb.children if c.i > verb.i and c.dep_ in _INVERTED_SUBJECT_DEPS]
        inverted = _after_quotation(verb, quoted)  # "“…,” said Smith"
        if inverted and after and after[0].pos_ in ("PROPN", "NOUN") and after[0].ent_type_ not in _NOT_SPEAKERS:
            return subtree_span(after[0]), after[0]
        if inverted and verb.i + 1 < len(verb.doc):
            # the parser lost the subject of "“…,” said David Brock, a confidant who …":
            # the rest of the sentence names the speaker
            first = verb.nbor(1)
            rest = [t for t in verb.sent if t.i > verb.i]
            if first.pos_ in ("PROPN", "DET", "ADJ", "NOUN") and first.ent_type_ not in _NOT_SPEAKERS:
                last = rest[-1] if not rest[-1].is_punct or len(rest) < 2 else rest[-2]
                noun = next((t for t in rest if t.pos_ == "PROPN"), first)
                return (first.idx, last.idx + len(last)), noun
        if verb.dep_ in PARTICIPLE_DEPS and verb.head is not verb:
            verb = verb.head
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "began by saying"
            verb = verb.head.head
            continue
        if verb.dep_ in ("acl", "relcl") and verb.head.i < verb.i and verb.tag_ in ("VBD", "VBZ", "VBP"):
            noun = verb.head
            tokens = [t for t in noun.subtree if t.i < verb.i and not t.is_punct]
            if tokens:
                return (tokens[0].idx, tokens[-1].idx + len(tokens[-1])), noun
        break
    return _named_before(verb, quoted)


def _after_quotation(verb, quoted: set[int]) -> bool:
    """The verb follows a closing quotation mark, perhaps after a comma: “…,” said Smith."""
    if verb.tag_ == "VBG":
        return False
    before = [t for t in verb.doc[max(0, verb.i - 2) : verb.i] if not t.is_space]
    return bool(before) and (before[-1].i in quoted or (before[-1].text == "," and len(before) > 1 and before[-2].i in quoted))


def _named_before(verb, quoted: set[int]) -> tuple[tuple[int, int] | None, object | None]:
    """The parser lost the subject of "“…,” Mike Purdy, a historian, said": the words between
    the closing quotation mark and the verb."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and i > verb.i - 25 and not (doc[i].text in MARKS or doc[i].text == "''"):
        i -= 1
    if i < 0 or i <= verb.i - 25:
        return None, None
    words = [t for t in doc[i + 1 : verb.i] if not t.is_punct and not t.is_space]
    noun = next((t for t in words if t.pos_ == "PROPN"), None) or next((t for t in words if t.pos_ == "NOUN"), None)
    if noun is None or any(t.pos_ == "VERB" and t.dep_ == "ROOT" for t in words):
        return None, None
    return (words[0].idx, words[-1].idx + len(words[-1])), noun


def cue_span(token) -> tuple[int, int]:
    """The cue verb, with its particle ("pointed out")."""
    end = token.idx + len(token)
    if token.i + 1 < len(token.doc):  # the one child that can be the particle: the next token
        after = token.nbor(1)
        if after.head.i == token.i and after.dep_ == "prt":
            end = after.idx + len(after)
    return token.idx, end


def channel_of(verb) -> str | None:
    """"on Telegram", "in a statement", "at a press conference", "tweeted"."""
    lemma = verb.lemma_.lower()
    if lemma == "tweet":
        return "X/Twitter"
    words = []
    for child in verb.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in CHANNEL_PREPOSITIONS:
            words.extend(_channel_nouns(child, 2))
        elif child.dep_ in ("dobj", "dative"):  # "told reporters at a briefing"
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in CHANNEL_PREPOSITIONS:
                    words.extend(_channel_nouns(prep, 1))
    return channel_words(words)


def _channel_nouns(prep, depth: int) -> list:
    """The nouns a channel preposition governs: its object with the words naming it ("on
    his Facebook page", "at a news conference") and, `depth` times, the objects of channel
    prepositions after it ("in a statement on its website"); not words further down ("in an
    attempt to draw attention to her lack of press conferences")."""
    out = []
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        out.append(obj)
        for c in obj.lefts:  # the words before it: "the Telegram messaging app"
            out.extend(c.subtree)
        if depth > 1:
            for c in obj.children:
                if c.dep_ == "prep" and c.lower_ in CHANNEL_PREPOSITIONS:
                    out.extend(_channel_nouns(c, depth - 1))
    return out


def channel_words(tokens) -> str | None:
    for t in tokens:
        channel = CHANNELS.get(t.lower_) or CHANNELS.get(t.lemma_.lower())
        if channel == "social media" and t.text[:1].isupper() and not t.is_sent_start:
            continue  # "a Post inquiry": a newspaper's name, no post
        if channel and t.pos_ in ("NOUN", "PROPN"):
            return channel
    return None


def subtree_span(token) -> tuple[int, int]:
    """From the first to the last token of `token.subtree`, found without listing it: the
    subtree runs from its first left child's subtree to its last right child's."""
    first = token
    while (child := next(first.lefts, None)) is not None:
        first = child
    last = token
    while (child := _last(last.rights)) is not None:
        last = child
    return first.idx, last.idx + len(last)


def _last(tokens):
    last = None
    for last in tokens:
        pass
    return last


def inside_subtree(token, root) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i


def widen(span: tuple[int, int], text: str, marks: list[QuoteSpan]) -> tuple[int, int]:
    """A content span grown to whole quotations it touches, then trimmed of edge punctuation."""
    start, end = span
    for q in marks:
        if q.start < end and start < q.end:
            start, end = min(start, q.start), max(end, q.end)
    return trim(text, start, end) or span


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if end > start else None


def is_direct(text: str, start: int, end: int, marks: list[QuoteSpan]) -> bool:
    return any(q.start == start for q in marks) or text[start : start + 1] in OPENING + STRAIGHT


def overlaps(q: QuoteSpan, span: tuple[int, int]) -> bool:
    return q.start < span[1] and span[0] < q.end

"""Quotation-mark spans in an article's text: where direct speech sits, before any parsing.

News style lets a quotation run over several paragraphs: a paragraph that opens a quote and
does not close it continues when the next paragraph opens with a quotation mark, and the quote
ends at the first closing mark after that. Curly marks say which way they face; a straight mark
opens after a space, a bracket or a dash and closes otherwise. A quote opened with a straight
mark closes with one, or with a curly closing mark that closes no curly quotation inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..record import Paragraph

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
_OPENS_AFTER = " \t\n([{—–-/\u00a0"
# every character _marks reads: the marks, and the apostrophe (two make a straight mark)
_CANDIDATES = re.compile("[" + re.escape(OPENING + CLOSING + STRAIGHT + "'") + "]")


@dataclass(frozen=True)
class QuoteSpan:
    """text[start:end], quotation marks included; `closed` is False for a quote the text never
    closes (it then ends with its last paragraph)."""

    start: int
    end: int
    closed: bool = True
    paragraphs: int = 1


def find_quote_spans(text: str, paragraphs: list[Paragraph]) -> list[QuoteSpan]:
    """Every quoted stretch of `text`, in order, multi-paragraph quotes joined."""
    blocks = paragraphs or [Paragraph(0, len(text))]
    out: list[QuoteSpan] = []
    carried: tuple[int, int] | None = None  # (start, paragraphs) of a quote left open
    for i, para in enumerate(blocks):
        marks = _marks(text, para.start, para.end)
        style = None  # a quote opened with a straight mark closes with one: “…” may nest in it
        if carried is not None:
            if marks and marks[0][0] == para.start and marks[0][1] == "open":
                style = marks[0][2]
                marks = marks[1:]
                opened: int | None = carried[0]
                count = carried[1] + 1
            else:  # the quote was never continued: it ends with the paragraph that opened it
                out.append(QuoteSpan(carried[0], blocks[i - 1].end, False, carried[1]))
                opened, count = None, 1
            carried = None
        else:
            opened, count = None, 1
        nested = 0  # curly quotations open inside a straight one
        for pos, kind, mark_style in marks:
            if kind == "open" and opened is None:
                opened, style, nested = pos, mark_style, 0
            elif opened is not None and style == "straight" and mark_style == "curly":
                if kind == "open":
                    nested += 1
                elif nested:
                    nested -= 1
                else:  # "…,” he said: a straight quote closed with a curly mark
                    out.append(QuoteSpan(opened, pos + 1, True, count))
                    opened, count, style = None, 1, None
            elif kind == "close" and opened is not None and (style != "straight" or mark_style == style):
                out.append(QuoteSpan(opened, pos + 1, True, count))
                opened, count, style = None, 1, None
        if opened is not None:
            carried = (opened, count)
    if carried is not None:
        out.append(QuoteSpan(carried[0], blocks[-1].end, False, carried[1]))
    return out


def _marks(text: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """(position, "open"/"close", style) for each mark; a closing pair of apostrophes gives
    its last character. Two apostrophes ('') stand
    for a straight double mark, as some wire copy writes it; an opening curly mark with a space
    after it and none before is a typo for a closing one."""
    marks = []
    taken = start  # the second apostrophe of a pair is not read again
    for found in _CANDIDATES.finditer(text, start, end):  # jump from mark to mark, not char by char
        pos = found.start()
        if pos < taken:
            continue
        ch = text[pos]
        before = text[pos - 1] if pos > start else " "
        if ch == "'":
            if text[pos + 1 : pos + 2] == "'" and pos + 1 < end:
                after = text[pos + 2] if pos + 2 < end else " "
                opens = before in _OPENS_AFTER and not after.isspace()
                marks.append((pos if opens else pos + 1, "open" if opens else "close", "apostrophes"))
                taken = pos + 2
            continue
        after = text[pos + 1] if pos + 1 < end else " "
        if ch in OPENING:
            typo = not before.isspace() and (after.isspace() or after in ".,;")
            marks.append((pos, "close" if typo else "open", "curly"))
        elif ch in CLOSING:
            marks.append((pos, "close", "curly"))
        elif ch == STRAIGHT:
            opens = before in _OPENS_AFTER and not after.isspace()
            marks.append((pos, "open" if opens else "close", "straight"))
    return marks


def is_speech(text: str, span: QuoteSpan) -> bool:
    """A quotation that reports speech, not a scare-quoted word or a title: several words,
    or a sentence's closing punctuation inside the marks."""
    inner = text[span.start + 1 : span.end - (1 if span.closed else 0)].strip()
    return len(inner.split()) >= 4 or (len(inner.split()) >= 2 and inner[-1:] in ".,!?")

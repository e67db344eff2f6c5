"""Article text as safe HTML for the web pages: every character of the text is escaped, and only
the markup built here (entity links, dates, quotes, a highlighted sentence) is added around it.

    marked_paragraphs(article) -> [Paragraph(kind, html)]   the article page
    sentence_in_context(article, start, end) -> Markup     a source's sentence in its paragraph
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from ...record import Article


@dataclass(frozen=True)
class Span:
    """One marked stretch of text: `start`/`end` are offsets into the article text."""

    start: int
    end: int
    open: str  # the opening tag, already safe
    close: str
    rank: int  # outer spans first when two start together (quote 0, mention 1, date 2)


@dataclass(frozen=True)
class Paragraph:
    kind: str  # body, heading, ...
    html: Markup


def entity_href(key: str) -> str:
    return "/entities/" + quote(key, safe="")


def article_href(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def marked_paragraphs(article: Article) -> list[Paragraph]:
    """The article's paragraphs with its entity mentions (linked to their entity's page), dates
    and quotes marked."""
    names = {e.key: e.name for e in article.entities}
    spans = [Span(q.start, q.end, Markup('<span class="quote" title="{}">').format(_quote_title(q, names)), "</span>", 0)
             for q in article.quotes]  # fmt: skip
    for m in article.mentions:
        label = m.label.lower()
        if m.entity:
            hint = f"{m.label}: {names.get(m.entity, m.text)}" + (f", {m.title}" if m.title else "")
            spans.append(Span(m.start, m.end, Markup('<a class="mention {}" href="{}" title="{}">').format(
                label, entity_href(m.entity), hint), "</a>", 1))  # fmt: skip
        else:
            spans.append(Span(m.start, m.end, Markup('<span class="mention {}" title="{}">').format(label, m.label), "</span>", 1))
    for d in article.dates:
        shown = d.value + (f" ({d.precision})" if d.precision else "")
        spans.append(Span(d.start, d.end, Markup('<span class="date" title="{} {}">').format(d.type.lower(), shown), "</span>", 2))
    paragraphs = article.paragraphs or []
    if not paragraphs and article.text:
        from ...record import Paragraph as TextParagraph

        paragraphs = [TextParagraph(0, len(article.text))]
    return [Paragraph(p.kind, _marked(article.text, p.start, p.end, spans)) for p in paragraphs]


def sentence_in_context(article: Article | None, start: int, end: int, sentence: str) -> Markup:
    """The paragraph holding text[start:end] with that sentence in <mark>; just the sentence,
    marked, when the article or the offsets are not at hand."""
    if article is None or not (0 <= start < end <= len(article.text)):
        return Markup("<mark>{}</mark>").format(sentence)
    paragraph = next((p for p in article.paragraphs if p.start <= start < p.end), None)
    left, right = (paragraph.start, max(paragraph.end, end)) if paragraph else (start, end)
    text = article.text
    return Markup("{}<mark>{}</mark>{}").format(text[left:start], text[start:end], text[end:right])


def _marked(text: str, left: int, right: int, spans: list[Span]) -> Markup:
    """text[left:right] escaped, with the spans inside it opened and closed properly nested:
    a span that would cross an enclosing one's end is cut there."""
    inside = sorted((s for s in spans if s.start < right and s.end > left and s.start < s.end),
                    key=lambda s: (max(s.start, left), s.rank, -s.end))  # fmt: skip
    out: list[str] = []
    open_spans: list[tuple[Span, int]] = []  # (span, where it ends here)
    at = left
    for span in inside:
        start = max(span.start, left)
        # close every open span ending before this one starts
        while open_spans and open_spans[-1][1] <= start:
            done, stop = open_spans.pop()
            out.append(str(escape(text[at:stop])) + done.close)
            at = stop
        if any(o.rank >= span.rank for o, _ in open_spans):  # a link inside a link, a quote inside a name: left out
            continue
        out.append(str(escape(text[at:start])))
        at = start
        limit = open_spans[-1][1] if open_spans else right
        open_spans.append((span, min(span.end, limit, right)))
        out.append(span.open)
    while open_spans:
        done, stop = open_spans.pop()
        out.append(str(escape(text[at:stop])) + done.close)
        at = stop
    out.append(str(escape(text[at:right])))
    return Markup("".join(out))


def _quote_title(q, names: dict[str, str]) -> str:
    who = names.get(q.speaker or "", None) or q.speaker_text or "unattributed"
    how = "direct" if q.direct else "reported"
    return f"{how} quote: {who}" + (f" ({q.cue})" if q.cue else "") + (f", {q.channel}" if q.channel else "")

"""faces/web/text.py: article text as escaped HTML, with crossing spans nested."""

import re

from helpers import Tags
from storyline.faces.web.text import Span, _marked


def test_marked_text_escapes_everything_and_nests_crossing_spans():
    text = "<b>Lavrov</b> said: \"talks & more\" on June 2."
    spans = [Span(0, 30, "<span class=q>", "</span>", 0), Span(3, 9, "<a href=x>", "</a>", 1),
             Span(5, 40, "<span class=d>", "</span>", 2), Span(4, 8, "<a href=y>", "</a>", 1)]  # fmt: skip
    out = str(_marked(text, 0, len(text), spans))
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out
    assert Tags(out).text and "".join(Tags(out).text) == text, "every character kept, in order"
    depth = 0
    for tag in re.findall(r"</?(?:span|a)\b", out):  # well nested: never closes more than it opened
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0
    assert depth == 0 and out.count("<a ") == 1, "a link is never put inside a link"

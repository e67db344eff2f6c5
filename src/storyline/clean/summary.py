"""A feed entry's summary as an article's text, when its linked page could not be had.

The summary is the publisher's own short text, not a page: it is never judged as boilerplate
nor dropped for being short. Its HTML (already sanitised by the feed reader) becomes one body
paragraph per block-level element, with invisible elements (scripts, styles) left out.
"""

from __future__ import annotations

from ..record import Cleaned
from .page_text import render_text


def clean_summary(html: str) -> Cleaned:
    """The summary's text as blocks, one per line of its rendering; nothing removed."""
    return Cleaned(blocks=[("body", line) for line in render_text(html).splitlines() if line.strip()])

"""The clean stage: a `RawDocument` becomes an `Article`, with its clean text, paragraphs and
headings (with offsets), honest metadata (title, dateline, outlet, author, publication date and
`published_from`), `language`, and every removed part with its reason (`removed`).

    stage.py      `clean` (one document), `clean_batch` (lines repeated across a site's
                  documents are boilerplate), `parse_date`
    html.py       HTML pages: main text and metadata with trafilatura
    text.py       already-scraped plain text: our line-level boilerplate cleaner
    lines.py      what one line of plain text looks like, and the good/bad call made from it
    page_text.py  an HTML page rendered to the plain lines a scraper would save
    language.py   `add_language`: the language of the clean text (py3langid)
"""

from .language import add_language, detect_language
from .stage import clean, clean_batch, parse_date

__all__ = ["add_language", "clean", "clean_batch", "detect_language", "parse_date"]

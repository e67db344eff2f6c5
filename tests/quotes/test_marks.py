"""Quotation-mark spans, on invented paragraphs (no language model needed)."""

from __future__ import annotations

from helpers import make_article
from storyline.quotes.marks import find_quote_spans, is_speech


def spans(text: str) -> list[str]:
    article = make_article(text=text)
    return [article.text[q.start : q.end] for q in find_quote_spans(article.text, article.paragraphs)]


def test_curly_and_straight_quotes():
    assert spans('“We will build it,” she said. He said "no way at all" twice.') == [
        "“We will build it,”",
        '"no way at all"',
    ]


def test_a_quote_runs_on_when_the_next_paragraph_opens_with_a_mark():
    text = "“The first part of it goes on.\n\n“And the second part ends here,” he said.\n\nAfter."
    assert spans(text) == ["“The first part of it goes on.\n\n“And the second part ends here,”"]


def test_an_unclosed_quote_not_continued_ends_with_its_paragraph():
    text = "“An open quote never closed.\n\nA plain paragraph."
    article = make_article(text=text)
    (q,) = find_quote_spans(article.text, article.paragraphs)
    assert article.text[q.start : q.end] == "“An open quote never closed." and not q.closed


def test_doubled_apostrophes_and_a_backwards_opening_mark():
    assert spans("He said, ''It is a raid. No way around it,'' at the briefing.") == ["''It is a raid. No way around it,''"]
    assert spans("“It's unusual,“ said the lawyer.") == ["“It's unusual,“"]


def test_scare_quotes_are_not_speech():
    article = make_article(text="Russia will finalize its “memorandum” soon, “we will see to it,” he said.")
    found = find_quote_spans(article.text, article.paragraphs)
    assert [is_speech(article.text, q) for q in found] == [False, True]


def test_a_straight_quote_may_close_with_a_curly_mark():
    text = '"The ferry runs late,” Ola Berg said.\n\n"It always has. They call it “the slow one” here,” she added.'
    assert spans(text) == ['"The ferry runs late,”', '"It always has. They call it “the slow one” here,”']

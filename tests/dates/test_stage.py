"""The dates stage on sentences written for these tests."""

from __future__ import annotations

import pytest

from helpers import make_article
from storyline.dates import find_dates, find_time_expressions


def values(text: str, reference: str | None = "2025-05-28") -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in find_time_expressions(text, reference)}


@pytest.mark.parametrize(
    "sentence, text, expected",
    [
        ("The ministers will meet on June 2 in Istanbul.", "June 2", ("DATE", "2025-06-02")),
        ("The delegations met on May 16 in Istanbul.", "May 16", ("DATE", "2025-05-16")),
        ("The delegations met on December 20.", "December 20", ("DATE", "2024-12-20")),
        ("The talks will resume on January 9.", "January 9", ("DATE", "2026-01-09")),
        ("The war began in March 2022.", "March 2022", ("DATE", "2022-03")),
        ("He spoke on Aug. 7, 1998, in Nairobi.", "Aug. 7, 1998", ("DATE", "1998-08-07")),
        ("Lavrov announced Wednesday that talks would go ahead.", "Wednesday", ("DATE", "2025-05-28")),
        ("The minister arrived Monday.", "Monday", ("DATE", "2025-05-26")),
        ("The committee will vote on Friday.", "Friday", ("DATE", "2025-05-30")),
        ("Prices fell last month.", "last month", ("DATE", "2025-04")),
        ("Sales rose yesterday.", "yesterday", ("DATE", "2025-05-27")),
        ("Elections are due next year.", "next year", ("DATE", "2026")),
        ("The strike ended last week.", "last week", ("DATE", "2025-W21")),
        ("Growth slowed in early 2022.", "early 2022", ("DATE", "2022")),
        ("Russia will send its memorandum within four days.", "within four days", ("DURATION", "P4D")),
        ("The siege lasted three years.", "three years", ("DURATION", "P3Y")),
        ("The vote took two hours.", "two hours", ("DURATION", "PT2H")),
        ("Inspectors visit every week.", "every week", ("SET", "P1W")),
        ("The paper is printed daily.", "daily", ("SET", "P1D")),
        ("The quake struck at 4 a.m. local time.", "4 a.m. local time", ("TIME", "2025-05-28T04:00")),
        ("More talks may follow in the months to come.", "the months to come", ("DATE", "FUTURE_REF")),
        ("The port is now closed.", "now", ("DATE", "PRESENT_REF")),
        ("The company recently opened a plant.", "recently", ("DATE", "PAST_REF")),
        ("Profit doubled over the past two years.", "the past two years", ("DURATION", "P2Y")),
        ("The plant opened a year ago.", "a year ago", ("DATE", "2024")),
        ("The fund was set up in the 1990s.", "the 1990s", ("DATE", "199")),
        ("Results for Q1 1998 were weak.", "Q1 1998", ("DATE", "1998-Q1")),
        ("The shares were sold in fiscal 1999.", "fiscal 1999", ("DATE", "1999")),
        ("The vote is set for Christmas Eve.", "Christmas Eve", ("DATE", "2025-12-24")),
    ],
)
def test_values_against_the_publication_date(sentence, text, expected):
    assert values(sentence).get(text) == expected


def test_a_quarterly_report_compares_with_the_same_quarter_a_year_earlier():
    found = values("Third-quarter profit rose 5% from a year earlier. The quarter was strong.", "1998-10-20")
    assert found["Third-quarter"] == ("DATE", "1998-Q3")
    assert found["a year earlier"] == ("DATE", "1997-Q3")
    assert found["The quarter"] == ("DATE", "1998-Q3")


def test_without_a_reference_date_no_year_is_invented():
    found = values("Talks will be held on June 2, on Wednesday, a day after March 2022 was recalled.", None)
    assert found["June 2"] == ("DATE", "XXXX-06-02")
    assert found["Wednesday"] == ("DATE", "XXXX-WXX-3")
    assert found["March 2022"] == ("DATE", "2022-03")
    assert values("Prices fell last month.", None)["last month"] == ("DATE", "XXXX-XX")


@pytest.mark.parametrize(
    "sentence",
    [
        "The 6-year-old boy was found.",  # an age
        "They may agree.",  # a modal verb, not the month
        "Troops will march on the capital.",
        "A second round of talks is planned.",
        "Three quarters of the votes were counted.",
        "The company paid $1990 for it.",
    ],
)
def test_words_that_are_not_time_expressions(sentence):
    assert find_time_expressions(sentence, "2025-05-28") == []


def test_offsets_and_precision():
    text = "Talks resume on June 2."
    (t,) = find_time_expressions(text, "2025-05-28")
    assert text[t.start : t.end] == t.text == "June 2"
    assert t.precision == "day" and t.anchored


def test_find_dates_fills_the_article_and_keeps_spans_inside_paragraphs():
    article = make_article(text="Talks in June\n\n2 sides met on May 16.", published="2025-05-28")
    dated = find_dates(article)
    assert dated is not article and article.dates == []
    assert [(d.text, d.value) for d in dated.dates] == [("June", "2025-06"), ("May 16", "2025-05-16")]

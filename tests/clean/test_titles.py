"""Headlines without their site's name, on titles we wrote; the name becomes the outlet."""

from __future__ import annotations

import pytest

from storyline.clean.html import clean_html
from storyline.clean.text import clean_text
from storyline.clean.titles import split_site_suffix

BODY = "<p>" + (
    "The city council voted on Tuesday to rebuild the old river bridge, which has been closed to "
    "traffic since a flood damaged its piers two winters ago, and it set aside money for the work. "
) * 3 + "</p>"


@pytest.mark.parametrize(
    "title, outlet, host, expected",
    [
        ("Council votes to rebuild bridge - CNN", None, "edition.cnn.com", ("Council votes to rebuild bridge", "CNN")),
        ("Council votes to rebuild bridge | The Guardian", None, "www.theguardian.com",
         ("Council votes to rebuild bridge", "The Guardian")),
        ("Council votes to rebuild bridge – Riverton Post", None, None, ("Council votes to rebuild bridge", "Riverton Post")),
        ("Bridge reopens - Riverton Post", "Riverton Post", None, ("Bridge reopens", "Riverton Post")),
    ],
)
def test_a_site_suffix_is_cut_and_names_the_outlet(title, outlet, host, expected):
    assert split_site_suffix(title, outlet, host) == expected


@pytest.mark.parametrize(
    "title, outlet",
    [
        ("Talks resume in Bergen - for now", None),  # not a name
        ("Talks resume in Bergen - Live Updates", "Riverton Post"),  # a name, but not the known outlet
        ("Bergen - Oslo", None),  # too short a headline to carry a suffix
        ("Talks resume in Bergen", None),
    ],
)
def test_a_suffix_that_is_part_of_the_headline_stays(title, outlet):
    assert split_site_suffix(title, outlet) == (title, outlet)


def test_html_title_loses_its_suffix_and_the_outlet_is_the_site():
    for head in ('<meta property="og:title" content="Council votes to rebuild bridge - CNN">',
                 "<title>Council votes to rebuild bridge | CNN</title>"):  # fmt: skip
        cleaned = clean_html(f"<html><head>{head}</head><body><article>{BODY}</article></body></html>",
                             "https://edition.cnn.com/2025/03/05/bridge")  # fmt: skip
        assert cleaned.title == "Council votes to rebuild bridge"
        assert cleaned.outlet == "CNN"


def test_a_headline_in_the_site_name_field_is_not_the_outlet():
    head = '<meta property="og:site_name" content="Council votes to rebuild bridge"><title>Council votes to rebuild bridge</title>'
    cleaned = clean_html(f"<html><head>{head}</head><body><article>{BODY}</article></body></html>",
                         "https://riverton.example/bridge")  # fmt: skip
    assert cleaned.outlet == "riverton.example"


def test_a_text_headline_loses_its_suffix():
    para = (
        "The city council voted on Tuesday to rebuild the old river bridge, which has been closed to "
        "traffic since a flood damaged its piers two winters ago, and it set aside money for the work."
    )
    cleaned = clean_text(f"Council Votes to Rebuild the Bridge | Riverton Post\n\n{para}\n\n{para.upper().lower()}")
    assert cleaned.title == "Council Votes to Rebuild the Bridge"
    assert cleaned.outlet == "Riverton Post"

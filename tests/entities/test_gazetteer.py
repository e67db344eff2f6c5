"""The gazetteer: countries, cities, capitals and demonyms (no language model needed)."""

from __future__ import annotations

import pytest

from storyline.entities import gazetteer


@pytest.mark.parametrize(
    "name, canonical, country",
    [
        ("U.S.", "United States", "USA"),
        ("the United States", "United States", "USA"),
        ("America", "United States", "USA"),
        ("Russian Federation", "Russia", "RUS"),
        ("Türkiye", "Turkey", "TUR"),
        ("Britain", "United Kingdom", "GBR"),
        ("Congo", "Democratic Republic of the Congo", "COD"),  # news use, not ISO's
        ("Republic of Congo", "Republic of the Congo", "COG"),
        ("Congo Republic", "Republic of the Congo", "COG"),
    ],
)
def test_country_names_share_one_canonical_name(name, canonical, country):
    found = gazetteer.place(name)
    assert found is not None and found.kind == "country"
    assert (found.name, found.country) == (canonical, country)


def test_cities_take_the_most_populous_of_their_name_and_capitals_first():
    moscow = gazetteer.place("MOSCOW")
    assert (moscow.name, moscow.country, moscow.capital) == ("Moscow", "RUS", True)
    washington = gazetteer.place("Washington")
    assert (washington.country, washington.capital) == ("USA", True)
    assert gazetteer.place("Istanbul").country == "TUR"


def test_large_cities_are_found_by_other_spellings():
    assert gazetteer.place("Kiev").name == "Kyiv"


def test_demonyms_and_their_plurals():
    assert gazetteer.demonym("Ukrainian") == "UKR"
    assert gazetteer.demonym("Russians") == "RUS"
    assert gazetteer.demonym("Frenchmen") == "FRA"
    assert gazetteer.demonym("Istanbul") is None


def test_country_of_names_countries_and_nationalities_only():
    assert gazetteer.country_of("U.S.") == "USA"
    assert gazetteer.country_of("Russian") == "RUS"
    assert gazetteer.country_of("Istanbul") is None
    assert gazetteer.country_of("Minister") is None


def test_prominence_decides_when_the_gazetteer_overrules_the_model():
    assert gazetteer.place("Kyiv").prominent
    assert gazetteer.place("Russia").prominent
    assert not gazetteer.place("Pohang").prominent

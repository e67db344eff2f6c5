"""Named actors from PETRARCH2's actor dictionaries (build_actors.py → actors.tsv → named.py),
and the target rules that read whose act or proposal a noun is."""

from __future__ import annotations

import pytest

from helpers import make_article, shared_path
from storyline.entities import build_actors
from storyline.entities.known import named_actor
from storyline.entities.petrarch import rows


def test_the_shipped_table_is_what_the_build_script_derives_from_the_dictionaries():
    from storyline.entities import gazetteer

    folder = shared_path("reference", "petrarch2")
    texts = {name: (folder / name).read_text(encoding="utf-8", errors="replace") for name in build_actors.FILES}
    derived = build_actors.derive(texts, build_actors._Countries(gazetteer.country_name))
    shipped = {name: (country, sector, kind) for name, country, sector, kind in rows(build_actors.TABLE)}
    assert shipped == derived and len(shipped) > 20000
    assert "MIT License" in build_actors.TABLE.read_text(encoding="utf-8")


def test_records_give_the_latest_office_and_international_codes():
    text = """\
JAMES_BYRNES_  ; CountryInfo.txt
+J._BYRNES_
\t[USAELI 18970101-450703]
\t[USAGOV 450703-470121]
KREMLIN_
\t[RUSGOV]
KOFI_ANNAN_
+PRESIDENT_KOFI_ANNAN
\t[IGOUNO 970101-061231]
HAMAS_  #  kkl 21 Mar 13
\t[PSEREB]
AFGHANISTAN_  [AFG]
+KABUL_
"""
    table = build_actors.derive({"Phoenix.Countries.actors.txt": text}, {"USA", "RUS", "PSE", "AFG"})
    assert table == {
        "james byrnes": ("USA", "GOV", "person"), "j. byrnes": ("USA", "GOV", "person"),
        "kremlin": ("RUS", "GOV", "org"), "kofi annan": ("UNO", "GOV", "person"), "hamas": ("PSE", "REB", "org"),
    }  # fmt: skip  (the country's own block and the titled synonym are left out)


def test_armed_groups_across_borders_with_their_members_and_the_dropped_article():
    text = """\
AL_QA'IDA
+AL_QAEDA
+AL-QAEDA
\t[IMGMUSALQ]
OSAMA_BIN_LADEN_
+BIN_LADEN
\t[IMGMUSALQ]
THE_ISLAMIC_STATE
+ISIS_
+ABU_BAKR_AL-BAGHDADI_
\t[IMGMUSISI >20130408]
THE_FOUNDATION_ [USAPTY]
AL_TAWHID_ [IRQREB]
"""
    texts = {"Phoenix.MilNonState.actors.txt": text, "Phoenix.Countries.actors.txt": "AL_TAWHID_ [IMGMUSISI]\n"}
    table = build_actors.derive(texts, {"USA", "IRQ"})
    assert table["al qaeda"] == table["al-qaeda"] == ("IMG", "REB", "org")
    assert table["osama bin laden"] == table["bin laden"] == ("IMG", "REB", "person")
    assert table["islamic state"] == table["isis"] == ("IMG", "REB", "org")
    assert table["abu bakr al-baghdadi"] == ("IMG", "REB", "person")  # a member listed as a synonym
    assert "foundation" not in table  # one word left after "the": a common noun
    assert table["al tawhid"] == ("IRQ", "REB", "org")  # a country's own code before a group's


def test_a_name_keeps_its_acronyms_gloss_out_and_a_countrys_gloss_drops_it():
    text = "KU_KLUX_KLAN_(KKK)_ [USAREB]\nNATIONAL_FRONT_(GREECE)_ [GRCREB]\nRED_FLAG_(VENEZUELA)_ [VENREB]\n"
    table = build_actors.derive({"Phoenix.MilNonState.actors.txt": text}, {"USA", "GRC", "VEN"})
    assert table == {"ku klux klan": ("USA", "REB", "org")}  # "national front" alone is no Greek group

def test_full_names_and_organisations_are_found_and_a_surname_needs_a_title():
    assert named_actor("Abdelaziz Bouteflika").country == "DZA"
    assert named_actor("Hamas").country == "PSE" and named_actor("Hamas").sector == "REB"
    assert named_actor("the Kremlin").country == "RUS"
    assert named_actor("Suharto") is None
    assert named_actor("Suharto", titled=True).country == "IDN"
    assert named_actor("Velstad Harbour Authority") is None


def _code(text: str):
    from storyline.events import EventCoder, find_events
    from storyline.nlp import analyse, load_model

    article = next(analyse([make_article(text=text, published="2025-03-10")]))
    return find_events(article, load_model()(article.text), EventCoder(min_confidence=0.0)).events


def _target(events, kind: str) -> str | None:
    event = next(e for e in events if e.type == kind)
    return event.targets[0].country if event.targets else None


@pytest.mark.parametrize(
    "text, kind, country",
    [
        ("Chile rejected calls by Peru to reopen the border talks.", "REJECT", "PER"),  # a call's maker
        ("Ecuador rejected a Peruvian peace plan on Monday.", "REJECT", "PER"),
        ("Argentina demanded the withdrawal of British troops from the islands.", "REQUEST", "GBR"),  # whose act
        ("Thousands of students marched in La Paz to demand reforms from the Bolivian government.", "PROTEST", "BOL"),
        ("Japan restored diplomatic relations and opened an embassy in Hanoi.", "SUPPORT", "VNM"),  # where it happens
        ("Japanese aid workers delivered food to a hospital in Hanoi.", "AID", "VNM"),
        ("The Red Cross suspended aid deliveries in Baghdad.", "SANCTION", "IRQ"),
        ("Chile withdrew its troops from Bolivia on Monday.", "RETREAT", "BOL"),  # its own troops are not the target
        ("Canadian doctors delivered medicine to Kabul University Hospital.", "AID", "AFG"),  # a city in the name
        ("Brazil demanded that Paraguay reopen the border crossing.", "REQUEST", "PRY"),  # the one asked
        ("Peru threatened to close the border if Chile raises its tariffs.", "THREATEN", "CHL"),  # the condition's doer
    ],
)
def test_whose_act_or_proposal_it_is_and_where_it_happens_give_the_target(text, kind, country):
    assert _target(_code(text), kind) == country


def test_a_stance_toward_a_country_or_its_currency_is_not_its_nationality():
    events = _code("Gunmen killed an anti-Syria journalist in Beirut.")
    assert _target(events, "ASSAULT") == "LBN"
    events = _code("Prosecutors in Haiti accused the former minister of taking US $2 million in bribes.")
    assert next(e for e in events if e.type == "ACCUSE").sources[0].country == "HTI"


def test_pronouns_follow_the_articles_people_and_never_make_a_person_it():
    events = _code("Turkish Interior Minister Murat Ekinci visited Malatya on Monday.\n\nHe ordered an inquiry into the collapse.")
    inquiry = next(e for e in events if e.type == "ACCUSE")
    assert inquiry.sources[0].entity == "person:murat-ekinci" and inquiry.sources[0].country == "TUR"
    events = _code(
        "Norwegian Fisheries Minister Ingrid Solvang praised the deal on Monday.\n\n"
        "Several supermarket chains said they had rejected the proposal."
    )
    assert not any(e.type == "REJECT" and e.sources[0].entity == "person:ingrid-solvang" for e in events)  # was so

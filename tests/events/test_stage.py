"""The events stage on sentences we wrote."""

from __future__ import annotations

from dataclasses import replace

import pytest

from helpers import make_article


def _code(text: str, published: str | None = "2025-03-10"):
    from storyline.events import EventCoder, find_events
    from storyline.nlp import analyse, load_model

    article = next(analyse([make_article(text=text, published=published)]))
    return find_events(article, load_model()(article.text), EventCoder(min_confidence=0.0))


def _best(article):
    return max(article.events, key=lambda e: e.confidence)


CASES = [
    ("Norway and Iceland agreed to resume talks on mackerel quotas.", "AGREE", "NOR"),
    ("The Chilean government rejected a proposal from Argentina to share the water.", "REJECT", "CHL"),
    ("Kenyan police arrested twelve protesters in Nairobi on Sunday.", "COERCE", "KEN"),
    ("Turkey threatened to close its airspace to Greek flights.", "THREATEN", "TUR"),
    ("Thousands of dock workers in Rotterdam went on strike on Monday.", "PROTEST", "NLD"),
    ("France condemned the attack on its embassy in Bamako.", "ACCUSE", "FRA"),
    ("Japan sent emergency aid to the Philippines after the typhoon.", "AID", "JPN"),
    ("Rebels shelled the town of Goma overnight, killing six civilians.", "ASSAULT", "COD"),
    ("Brazil urged Venezuela to hold new elections.", "REQUEST", "BRA"),
    ("The minister said Peru will meet Ecuador next week.", "AGREE", "PER"),
    ("Mexico will not accept the new tariffs, its economy minister said.", "REJECT", "MEX"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, kind, source", CASES)
def test_types_and_source_country(text, kind, source):
    event = _best(_code(text))
    assert event.type == kind
    assert event.sources and event.sources[0].country == source


@pytest.mark.slow
def test_evidence_date_place_and_mode():
    article = _code("Polish President Andrzej Duda spoke by phone with Lithuanian leaders in Vilnius on March 2.")
    event = _best(article)
    assert event.type == "CONSULT"
    assert article.text[event.sentence_start : event.sentence_end].startswith("Polish President")
    assert article.text[event.trigger_start : event.trigger_end] == "spoke"
    assert event.date == "2025-03-02" and event.date_precision == "day"
    assert event.place_name == "Vilnius" and event.place_country == "LTU" and event.latitude is not None
    assert event.targets and event.targets[0].country == "LTU"


@pytest.mark.slow
def test_reported_speech_keeps_the_speaker_and_future_meeting_is_agree():
    article = _code("Russian Foreign Minister Sergei Lavrov said Moscow would hold talks with Kyiv in Geneva.")
    event = _best(article)
    assert event.type == "AGREE" and event.speaker == "person:sergei-lavrov"
    assert event.sources[0].country == "RUS" and event.targets[0].country == "UKR"
    assert "future" in event.contexts


@pytest.mark.slow
def test_headings_are_skipped():
    article = _code("Troops Attack Border Posts\n\nThe weather was mild in the capital.")
    article.paragraphs[0] = replace(article.paragraphs[0], kind="heading")
    from storyline.events import find_events
    from storyline.nlp import load_model

    assert find_events(article, load_model()(article.text)).events == []


# -- natural hazards, date attachment, demands, peoples, agentless passives ----------------------


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "A magnitude 5.3 earthquake struck Turkey's eastern Elazig province late on Monday, killing two people.",
    "Floods killed 12 people in western Kenya on Sunday.",
    "Four fishermen were killed in a storm off the coast of Chile.",
])  # fmt: skip
def test_natural_hazard_is_no_event(text):
    article = _code(text)
    assert not [e for e in article.events if e.type in ("ASSAULT", "COERCE", "PROTEST")]


@pytest.mark.slow
def test_actor_next_to_a_hazard_still_acts():
    event = _best(_code("Police arrested twelve looters in Malatya after the earthquake."))
    assert event.type == "COERCE"


@pytest.mark.slow
def test_date_inside_another_phrase_does_not_date_the_event():
    article = _code("Gunmen killed 21 people in a region that has not recovered from the disaster of two years ago.")
    event = next(e for e in article.events if e.type == "ASSAULT")
    assert event.date != "2023" and event.date_precision == "published"
    event = _best(_code("Gunmen killed two policemen in Kabul two years ago."))
    assert event.date == "2023"


@pytest.mark.slow
def test_reported_must_is_a_demand_of_the_reporter():
    event = _best(_code("A senior British minister said that Libya must hand over the suspects."))
    assert event.type == "REQUEST"
    assert event.sources[0].country == "GBR" and event.targets[0].country == "LBY"


@pytest.mark.slow
@pytest.mark.parametrize("text, country", [
    ("Bosnian Serbs demanded a truce with government forces.", "BIH"),
    ("Up to 1,000 ethnic Turks began a hunger strike in Sweden on Monday.", "SWE"),
    ("King Hassan of Morocco rejected the proposal.", "MAR"),
])  # fmt: skip
def test_people_coded_by_the_state_the_text_places_them_in(text, country):
    event = _best(_code(text))
    assert event.sources and event.sources[0].country == country


@pytest.mark.slow
def test_agentless_passive_subject_is_the_target():
    event = _best(_code("A prominent journalist has been killed in a car bomb explosion in Beirut."))
    assert event.type == "ASSAULT"
    assert event.targets and "journalist" in event.targets[0].text
    assert event.sources and event.sources[0].sector == "UNK" and event.sources[0].country == "LBN"


@pytest.mark.slow
def test_threads_coding_events_at_once_get_what_one_thread_gets():
    """The parse helpers cache one doc's children per thread: threads must not read each
    other's doc (an API server may code several articles at once)."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from storyline.events import EventCoder, find_events
    from storyline.nlp import analyse, load_model

    texts = [text for text, _, _ in CASES] * 3
    articles = list(analyse([make_article(text=t, published="2025-03-10") for t in texts]))
    docs = [load_model()(a.text) for a in articles]
    coder = EventCoder(min_confidence=0.0)

    def code(i: int):
        return find_events(articles[i], docs[i], coder).events

    serial = [code(i) for i in range(len(texts))]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often, as they would under load
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            for _ in range(3):
                assert list(pool.map(code, range(len(texts)))) == serial
    finally:
        sys.setswitchinterval(interval)
    assert any(serial)


NON_EVENTS = [
    "The Associated Press contributed to this report.",  # a credit line, with an organisation in it
    "Reporting by Levent Arslan; editing by Clara Moss.",
    "Sign up for our newsletter to get the latest news from Velstad.",
    "You must cancel it within 30 days or you'll be charged the full price.",  # addressed to the reader
    "Two people were injured when a tram derailed in the city centre.",  # an accident: no one did it
    "Two people were killed and 40 injured when a regional train derailed near Lyon on Thursday.",
    "Fireworks exploded in a warehouse in Lyon, killing three workers.",  # no weapon, no doer
    "Heavy rain flooded streets across the city.",
    "This story was provided by the Velstad Wire.",  # a syndication credit
    '"We are not there yet," the minister told a press conference in Velstad.',  # a statement: CAMEO 01, not PLOVER
]


@pytest.mark.parametrize("text", NON_EVENTS)
def test_text_with_no_one_doing_anything_codes_no_event(text):
    assert _code(text).events == [], text


def test_a_doer_keeps_its_event_and_without_the_rule_the_reader_prompt_was_one():
    from storyline.events import EventCoder, find_events
    from storyline.nlp import analyse, load_model

    assert _best(_code("Police arrested three men after the robbery in Velstad.")).type == "COERCE"
    article = next(analyse([make_article(text=NON_EVENTS[3], published="2025-03-10")]))
    loose = find_events(article, load_model()(article.text), EventCoder(min_confidence=0.0, require_doer=False))
    assert loose.events and not any(e.sources for e in loose.events)  # what the rule drops


def test_a_weapon_that_explodes_is_an_attack_not_an_accident():
    events = _code("A car bomb exploded outside a police station in Baghdad, killing four officers.").events
    assert any(e.type == "ASSAULT" for e in events)


@pytest.mark.slow
def test_weapons_aimed_at_a_place_and_a_transitive_strike_are_attacks():
    for text in ("Militants fired rockets into southern Jordan on Tuesday.",
                 "Russian missiles struck a school in Kharkiv overnight.",
                 "The Israeli army struck back at Hezbollah."):  # fmt: skip
        assert _best(_code(text)).type == "ASSAULT", text
    # a missile fired into the sea is a test or a show of force; workers who strike protest
    assert not [e for e in _code("Pyongyang fired a cruise missile into the sea.").events if e.type == "ASSAULT"]
    assert _best(_code("Dock workers in Antwerp struck for a second day.")).type == "PROTEST"


@pytest.mark.slow
def test_tariffs_and_import_bans_are_sanctions():
    event = _best(_code("Washington imposed new tariffs on Mexican steel."))
    assert event.type == "SANCTION" and [a.country for a in event.targets] == ["MEX"]
    assert _best(_code("India banned imports of Malaysian palm oil.")).type == "SANCTION"


@pytest.mark.slow
def test_hitting_out_at_a_party_is_criticism():
    event = _best(_code("The Thai foreign minister hit out at Laos over the dam project."))
    assert event.type == "ACCUSE" and [a.country for a in event.targets] == ["LAO"]


@pytest.mark.slow
def test_burning_something_is_an_attack_and_a_thing_that_burns_is_none():
    event = _best(_code("Government troops burned three villages in northern Mali."))
    assert event.type == "ASSAULT" and event.sources[0].sector == "MIL"
    assert not [e for e in _code("A cargo ship burned off the coast of Crete.").events if e.type == "ASSAULT"]

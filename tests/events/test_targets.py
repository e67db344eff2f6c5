"""Whom an event is done to, and the target's country, on sentences we wrote: each case is one
general class of the events stage's target rules (events/actors.py, events/stage.py)."""

from __future__ import annotations

import pytest

from helpers import make_article


def _events(text: str):
    from storyline.events import EventCoder, find_events
    from storyline.nlp import analyse, load_model

    article = next(analyse([make_article(text=text, published="2025-03-10")]))
    return find_events(article, load_model()(article.text), EventCoder(min_confidence=0.0)).events


def _best(text: str):
    return max(_events(text), key=lambda e: e.confidence)


def _target_countries(event) -> list[str | None]:
    return [a.country for a in event.targets]


@pytest.mark.slow
def test_an_official_with_an_international_title_acts_for_the_body():
    # the nationality named before him ("Syrian") is not his: the title says whom he acts for
    event = _best("Syrian opposition leaders said they would meet U.N. envoy Lars Henriksen in Geneva next week.")
    assert event.sources[0].country == "SYR"
    assert _target_countries(event) == ["UNO"]


@pytest.mark.slow
def test_mediation_between_two_parties_targets_both():
    event = _best("The emir of Qatar launched a mediation effort between Egypt and Saudi Arabia on Sunday.")
    assert event.sources[0].country == "QAT"
    assert _target_countries(event) == ["EGY", "SAU"]


@pytest.mark.slow
def test_the_parties_of_the_controlled_verb_are_the_stances_targets():
    event = _best("Norway agreed to end its fishing dispute with its European Union partners.")
    assert event.type == "AGREE"
    assert _target_countries(event) == ["EUR"]


@pytest.mark.slow
def test_a_place_inside_the_doers_phrase_is_not_the_targets_country():
    event = _best("The Nairobi office of the United Nations urged the rebels to free the hostages held in Somalia.")
    assert event.type == "REQUEST"
    assert event.sources[0].country == "UNO"
    assert _target_countries(event) == ["SOM"]  # not KEN, from "Nairobi" in the doer's own name


@pytest.mark.slow
def test_a_target_with_no_name_is_of_the_place_it_is_put_in():
    event = _best("A spokesman for the Kenyan embassy in Oslo urged rebels in Somalia to release the hostages.")
    assert event.sources[0].country == "KEN"
    assert _target_countries(event) == ["SOM"]


@pytest.mark.slow
def test_a_target_with_no_name_is_of_the_place_the_act_happens():
    event = _best("Nigerian officials said Chadian troops attacked militants in Mali.")
    assert event.type == "ASSAULT" and event.sources[0].country == "TCD"
    assert _target_countries(event) == ["MLI"]  # not NGA, the reporters' country


@pytest.mark.slow
def test_a_relative_clause_acts_through_the_noun_it_is_on():
    events = _events("Police arrested the gunmen who attacked a bus in Lahore.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.sources[0].text == "the gunmen"


@pytest.mark.slow
def test_an_object_it_is_a_party_only_when_it_is_the_speakers_own():
    assert _target_countries(_best("Syria says Israeli jets attacked it overnight.")) == ["SYR"]
    # "it" is the town the militants overran, not the reporters
    assert _target_countries(_best("Militants overran it on Tuesday, Thai army sources said.")) == []


@pytest.mark.slow
def test_a_protest_joining_a_demand_is_aimed_at_whom_the_demand_is():
    event = _best("Dock workers rioted in Algiers on Monday, joining thousands of students in demanding "
                  "independence from French rule.")  # fmt: skip
    assert event.type == "PROTEST"
    assert _target_countries(event) == ["FRA"]


@pytest.mark.slow
def test_a_visit_to_no_party_is_no_event():
    assert not [e for e in _events("The interior minister, who flew to the province at dawn, inspected the damage.")
                if e.type == "CONSULT"]  # fmt: skip
    visit = _best("The Turkish foreign minister flew to Athens on Monday to meet Greek officials.")
    assert visit.type in ("CONSULT", "AGREE") and visit.targets


@pytest.mark.slow
def test_whose_act_a_protest_is_against_is_its_target():
    event = _best("Greek Cypriots protested against the Turkish occupation of northern Cyprus.")
    assert event.type == "PROTEST"
    assert _target_countries(event) == ["TUR"]  # the occupier, not the occupied place after "of"


@pytest.mark.slow
def test_a_countrys_long_name_with_of_is_that_country():
    event = _best("Uganda withdrew its troops from the Democratic Republic of Congo.")
    assert _target_countries(event) == ["COD"]
    assert _target_countries(_best("The president of Armenia met the Georgian prime minister.")) == ["GEO"]
    assert _best("The president of Armenia met the Georgian prime minister.").sources[0].country == "ARM"


@pytest.mark.slow
def test_a_bare_direction_is_no_region_of_some_other_country():
    # "North" and "Western" are also regions of Cameroon and Ghana
    event = _best("South Korea offered food aid to the North.")
    assert "CMR" not in _target_countries(event)
    assert _best("Rebels attacked a village in Western Cambodia.").targets[0].country == "KHM"


@pytest.mark.slow
def test_a_long_name_the_parse_cuts_short_keeps_its_country():
    # the parse hangs "for the Total Independence of Angola" on "demands", not on the name
    event = _best("The president conceded to demands from National Union for the Total Independence of Angola "
                  "(UNITA) to reform the courts.")  # fmt: skip
    assert _target_countries(event) == ["AGO"]


@pytest.mark.slow
def test_a_group_the_dictionary_codes_with_an_old_cameo_code_has_its_country():
    # PETRARCH2 writes UNITA's country as ANG, CAMEO's code before ISO's AGO
    event = _best("UNITA rebels ambushed a convoy near Huambo.")
    assert event.sources[0].country == "AGO"


@pytest.mark.slow
def test_an_embassy_stands_for_its_country():
    event = _best("Hundreds of students demonstrated outside the U.S. embassy in Seoul.")
    assert event.type == "PROTEST"
    assert _target_countries(event) == ["USA"]  # not KOR, where the embassy is


@pytest.mark.slow
def test_a_condemned_act_is_done_to_the_country_it_happens_in():
    assert _target_countries(_best("Pakistan condemned the bombing in Kabul.")) == ["AFG"]
    # talks are held in a city: it is where they are, not whom they are with
    talks = _best("Norwegian negotiators held talks in Reykjavik on Monday.")
    assert talks.type == "CONSULT" and _target_countries(talks) == []


@pytest.mark.slow
def test_a_reported_act_is_done_to_whom_it_is_told():
    event = _best("Syria told Lebanon on Tuesday that it would withdraw its troops by the end of the year.")
    assert event.sources[0].country == "SYR"
    assert _target_countries(event) == ["LBN"]


@pytest.mark.slow
def test_troops_a_doer_deploys_are_its_own():
    event = _best("The Lebanese army deployed troops in the south after the Israeli withdrawal.")
    assert event.type == "MOBILIZE"
    assert "ISR" not in _target_countries(event)


@pytest.mark.slow
def test_a_countrys_border_is_no_guess_for_a_party():
    event = _best("Nicaraguan rebels attacked an army post near the Honduran border.")
    assert event.type == "ASSAULT"
    assert "HND" not in _target_countries(event)


@pytest.mark.slow
def test_a_plan_proposed_by_someone_is_theirs():
    event = _best("Serbia's foreign minister rejected the peace plan proposed by the Contact Group.")
    assert event.type == "REJECT"
    assert _target_countries(event) == ["IGO"]


@pytest.mark.slow
def test_thousands_of_a_people_are_of_the_state_they_live_in():
    event = _best("Thousands of Albanians in Macedonia protested against police brutality.")
    assert event.sources[0].country == "MKD"
    assert _target_countries(event) == ["MKD"]  # the police are Macedonia's, not Albania's


@pytest.mark.slow
def test_a_visit_abroad_is_to_the_host_country():
    event = _best("Chinese Premier Li Peng arrived in Moscow for a three-day official visit.")
    assert event.type == "CONSULT"
    assert _target_countries(event) == ["RUS"]
    assert not [e for e in _events("Bangladeshi peacekeeping troops arrived in Sierra Leone on Tuesday.")
                if e.type == "CONSULT"]  # fmt: skip


@pytest.mark.slow
def test_an_international_officials_title_or_known_office_beats_a_nationality_nearby():
    event = _best("Rwandan President Paul Kagame met UN Secretary-General Kofi Annan in New York.")
    assert _target_countries(event) == ["UNO"]
    event = _best("The IMF's managing director Michel Camdessus praised Mexico's economic reforms.")
    assert event.sources[0].country == "IGO" and _target_countries(event) == ["MEX"]
    # a country's envoy to the UN is that country's
    assert _best("Russian U.N. ambassador Sergei Lavrov rejected the draft resolution.").sources[0].country == "RUS"


@pytest.mark.slow
def test_troops_someone_is_asked_to_send_are_no_target():
    event = _best("Kosovo Albanian leader Ibrahim Rugova called on NATO to send ground troops.")
    assert event.type == "REQUEST"
    assert _target_countries(event) == ["IGO"]


@pytest.mark.slow
def test_an_object_moved_behind_an_as_phrase_is_still_the_object():
    event = _best("Greece on Monday condemned as a grave provocation Turkey's occupation of the islet near Rhodes.")
    assert event.type == "ACCUSE"
    assert _target_countries(event) == ["TUR"]


@pytest.mark.slow
def test_what_is_done_to_an_act_is_done_to_whose_act_it_is():
    event = _best("Albania denounced Serbia's suppression of the protests in Montenegro.")
    assert _target_countries(event) == ["SRB"]  # not MNE, where the protests were
    # a phrase with a name of its own before its noun is that name's
    event = _best("The Algerian army attacked the al-Qaeda network's camps.")
    assert event.sources[0].country == "DZA"


@pytest.mark.slow
def test_a_direction_before_a_country_is_a_part_of_it():
    event = _best("Vietnamese forces recaptured a strategic village in Western Cambodia on Sunday.")
    assert event.type == "ASSAULT"
    assert _target_countries(event) == ["KHM"]


@pytest.mark.slow
def test_his_counterpart_is_another_party_not_his_own():
    event = _best("The Egyptian president telephoned his Syrian counterpart on Sunday.")
    assert _target_countries(event) == ["SYR"]
    assert _target_countries(_best("Turkey threatened to close its airspace to Greek flights.")) != ["TUR"]


@pytest.mark.slow
def test_gaza_is_palestinian_not_a_province_of_mozambique():
    event = _best("Israeli helicopters fired missiles at a car in Gaza, killing two Hamas militants.")
    assert event.sources[0].country == "ISR"
    assert _target_countries(event) == ["PSE"]


@pytest.mark.slow
def test_a_warnings_condition_may_sit_in_what_is_warned():
    event = _best("North Korea warned it would retaliate if South Korea continued the drills.")
    assert event.type == "THREATEN"
    assert _target_countries(event) == ["KOR"]


@pytest.mark.slow
def test_pulling_out_of_a_place_is_done_to_its_country():
    event = _best("Ugandan troops pulled out of Kisangani on Friday.")
    assert event.type == "RETREAT"
    assert _target_countries(event) == ["COD"]


@pytest.mark.slow
def test_a_place_in_another_clause_is_not_where_the_act_is_done():
    event = _best("Serbia eased emergency measures in the province on Wednesday, as authorities in Croatia "
                  "cracked down on nationalists.")  # fmt: skip
    assert event.type == "CONCEDE"
    assert "HRV" not in _target_countries(event)
    # a coordinated predicate of the same doer shares its place
    event = _best("Sri Lanka has established diplomatic ties with and opened an embassy in Tehran.")
    assert _target_countries(event) == ["IRN"]


@pytest.mark.slow
def test_an_organisations_own_name_is_no_sector_word():
    event = _best("The European Union criticised the crackdown in Tibet.")
    assert event.sources[0].country == "EUR" and event.sources[0].sector == "GOV"  # not LAB, for "union"
    assert _target_countries(event) == ["CHN"]


@pytest.mark.slow
def test_former_countries_are_their_successor_states():
    event = _best("Zaire accused Rwanda and Uganda of backing the rebels.")
    assert event.sources[0].country == "COD"  # not Angola's Zaire province
    event = _best("Yugoslav President Slobodan Milosevic rejected Western demands to withdraw his troops.")
    assert event.sources[0].country == "SRB"
    assert _target_countries(event) == []  # "Western" names no country: no guess


@pytest.mark.slow
def test_parties_named_together_act_on_each_other_not_on_the_host():
    event = _best("The Sudanese government and southern rebels signed a ceasefire agreement in Nairobi on Friday.")
    assert "KEN" not in _target_countries(event)


@pytest.mark.slow
def test_a_demand_is_made_of_the_subject_of_what_is_demanded():
    # not the place the demanded act is done in ("from northern Iraq", the doer's own country)
    event = _best("Baghdad demanded that Ankara withdraw its soldiers from northern Iraq.")
    assert event.type == "REQUEST" and event.sources[0].country == "IRQ"
    assert _target_countries(event) == ["TUR"]


@pytest.mark.slow
def test_an_act_nouns_doer_is_its_by_phrase_before_its_of_phrase():
    event = _best("Nepal condemned the killing of Nepali workers by Burmese soldiers.")
    assert event.type == "ACCUSE"
    assert _target_countries(event) == ["MMR"]


@pytest.mark.slow
def test_a_passive_proposal_is_its_owners_and_the_agent_does_it():
    event = _best("The Chilean proposal was rejected by Peru on Monday.")
    assert event.type == "REJECT" and event.sources[0].country == "PER"
    assert _target_countries(event) == ["CHL"]


@pytest.mark.slow
def test_a_capital_the_parse_leaves_unnamed_is_its_government():
    event = _best("The Kremlin urged Kyiv to return to the negotiating table.")
    assert event.type == "REQUEST" and event.sources[0].country == "RUS"
    assert _target_countries(event) == ["UKR"]
    assert event.targets[0].sector == "GOV"


@pytest.mark.slow
def test_fire_named_for_who_fires_it_is_an_attack_not_a_blaze():
    event = _best("Two Lebanese shepherds were killed by Israeli fire near the border.")
    assert event.type == "ASSAULT"
    assert event.sources[0].country == "ISR" and _target_countries(event) == ["LBN"]
    assert not [e for e in _events("Two hikers were killed by a forest fire near the border.") if e.type == "ASSAULT"]


@pytest.mark.slow
def test_a_region_or_the_world_as_target_gets_no_country():
    # PLOVER gives "the West" and "the international community" no country: never the doer's
    event = _best("Moldova appealed to the international community for help with the refugees.")
    assert event.type == "REQUEST" and event.sources[0].country == "MDA"
    assert _target_countries(event) == [None] or _target_countries(event) == []
    event = _best("Belarus warned Western governments against meddling in its affairs.")
    assert "BLR" not in _target_countries(event)


@pytest.mark.slow
def test_another_party_named_by_relation_is_never_the_doers_own_country():
    event = _best("Georgia appealed to its allies for more support.")
    assert "GEO" not in _target_countries(event)


@pytest.mark.slow
def test_a_protest_against_a_partys_act_targets_that_party():
    event = _best("Students protested in Dhaka against the government's deal with India.")
    assert event.type == "PROTEST"
    assert _target_countries(event) == ["BGD"]  # the government's, not the deal's other party


@pytest.mark.slow
def test_the_possessor_of_what_a_threat_would_act_on_is_its_target():
    event = _best("Hungary threatened to veto Ukraine's membership talks.")
    assert event.type == "THREATEN" and event.sources[0].country == "HUN"
    assert _target_countries(event) == ["UKR"]


@pytest.mark.slow
def test_forces_massed_at_a_border_are_aimed_at_the_country_beyond_it():
    event = _best("Russia massed tanks near the Ukrainian border.")
    assert event.type == "MOBILIZE" and _target_countries(event) == ["UKR"]
    event = _best("Serbia deployed troops along its border with Kosovo.")
    assert _target_countries(event) == ["XKX"]
    assert _target_countries(_best("India deployed soldiers along its own border.")) == []


@pytest.mark.slow
def test_taiwan_is_a_country_even_beside_china():
    event = _best("China warned Taiwan against any move toward independence.")
    assert event.sources[0].country == "CHN" and _target_countries(event) == ["TWN"]


@pytest.mark.slow
def test_an_anti_x_protest_is_against_x_and_the_protesters_are_not_x():
    event = _best("Thousands joined anti-French protests in Bamako.")
    assert event.type == "PROTEST" and _target_countries(event) == ["FRA"]  # not MLI, where it is
    event = _best("Students staged anti-Japanese demonstrations outside the consulate.")
    assert _target_countries(event) == ["JPN"]
    assert event.sources[0].country != "JPN"


@pytest.mark.slow
def test_a_to_phrase_the_parse_calls_a_dative_names_the_party():
    event = _best("Sweden has agreed to sell advanced fighter jets to Thailand, Thai officials said.")
    assert event.type == "AGREE" and _target_countries(event) == ["THA"]
    # a country's own name is no sector word ("Union"): a country as actor is its government
    event = _best("The Soviet Union has agreed to sell tanks to Syria.")
    assert event.sources[0].country == "RUS" and event.sources[0].sector == "GOV"


@pytest.mark.slow
def test_a_bid_or_claim_is_its_possessors_whatever_else_names_it():
    event = _best("France pledged support for Georgia's EU bid.")
    assert _target_countries(event) == ["GEO"]  # not the EU's
    event = _best("Venezuela rejected the Guyanese proposal.")
    assert _target_countries(event) == ["GUY"]  # a nationality the demonym table now has


@pytest.mark.slow
def test_a_thing_named_for_a_sea_is_no_party():
    event = _best("Norway and Iceland agreed how to share the North Atlantic herring catch.")
    assert "NOR" not in _target_countries(event)  # the catch is no party: the pair act together


@pytest.mark.slow
def test_telling_a_country_it_must_act_is_a_demand_on_it():
    event = _best("Berlin told Athens it must accept the reforms by March.")
    assert event.type == "REQUEST" and event.sources[0].country == "DEU"
    assert _target_countries(event) == ["GRC"]
    # a news agency or reporters told "it must ..." is no party a demand is made of
    assert not [e for e in _events("The minister told Reuters it must be finished by Friday.") if e.type == "REQUEST"]

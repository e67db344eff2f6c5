"""Verbs with an everyday sense beside their PLOVER one, and clauses that assert no act (a
question, a condition, a negation, a writer's 'could'): sentences we wrote in the style of
political news, each beside the sentence where the same verb is an event."""

from __future__ import annotations

import pytest

from helpers import make_article

pytestmark = pytest.mark.slow


def _types(text: str) -> list[str]:
    from storyline.events import EventCoder, find_events
    from storyline.nlp import analyse, load_model

    article = next(analyse([make_article(text=text, published="2025-03-10")]))
    return [e.type for e in find_events(article, load_model()(article.text), EventCoder(min_confidence=0.0)).events]


EVERYDAY = [
    ("The senator said she recalls the meeting with the governor vividly.", "SANCTION"),
    ("The Clinton campaign released an ad on Tuesday attacking the governor's record.", "RETREAT"),
    ("The candidate released his tax returns this year.", "RETREAT"),
    ("Lynch occupies one of the most powerful positions in Washington.", "ASSAULT"),
    ("Only four NATO countries meet the spending bar.", "CONSULT"),
    ("The mayor hosted his annual Labor Day cookout in Richmond.", "CONSULT"),
    ("A reporter asked whether the plan would raise taxes.", "REQUEST"),
    ("The judge asked him the question again.", "REQUEST"),
    ("The governor's approval rating declined slightly in the last poll.", "REJECT"),
    ("Fact-checkers seized on the senator's claim about crime in Chicago.", "COERCE"),
    ("The candidate talked about criminal justice reform at the debate.", "CONSULT"),
    ("The hosts struck down claims that their show favoured the governor.", "ASSAULT"),
    ("The Supreme Court struck down the state's voting law on Friday.", "ASSAULT"),
]


@pytest.mark.parametrize("text, kind", EVERYDAY)
def test_the_everyday_sense_is_no_event(text, kind):
    assert kind not in _types(text), text


PLOVER_SENSE = [
    ("Norway recalled its ambassador from Velstad on Monday.", "SANCTION"),
    ("The rebels released twelve hostages in northern Mali.", "RETREAT"),
    ("Three detained journalists were released by Iranian authorities on Sunday.", "RETREAT"),
    ("Turkish troops occupied the town of Afrin in March.", "ASSAULT"),
    ("The Chilean president met the Argentine foreign minister in Santiago.", "CONSULT"),
    ("Egypt hosted talks between Israel and Hamas in Cairo.", "CONSULT"),
    ("Brazil asked Venezuela to release the detained opposition leaders.", "REQUEST"),
    ("Mexico declined the invitation to the summit.", "REJECT"),
    ("Police seized two tonnes of cocaine in Rotterdam.", "COERCE"),
    ("The Kenyan president talked with Ethiopian leaders about the border.", "CONSULT"),
    # what wire copy reports, where the first rules were too strict
    ("Israel and the Palestinians agreed that talks should resume next week in Cairo.", "AGREE"),
    ("The United States will help rebuild the Iraqi army, the Pentagon said.", "AGREE"),  # future aid
    ("Iran helped Hezbollah rebuild its arsenal after the war.", "AID"),
    ("Japan provided $50 million to the United Nations refugee agency.", "AID"),
    ("Rebels fought to take control of the northern town of Kidal.", "ASSAULT"),
    ("Police fought running battles with protesters in Athens.", "ASSAULT"),
    ("Turkish troops occupied parts of northern Cyprus in 1974.", "ASSAULT"),
    ("Missiles struck an apartment block in Kharkiv overnight.", "ASSAULT"),
]


@pytest.mark.parametrize("text, kind", PLOVER_SENSE)
def test_the_plover_sense_is_still_an_event(text, kind):
    assert kind in _types(text), text


def test_a_verbal_attack_is_an_accusation_and_an_armed_one_an_assault():
    for text in ("The senator attacked the governor for his record on crime.",
                 "Donald Trump attacked Hillary Clinton on Tuesday."):
        assert _types(text) == ["ACCUSE"], text
    assert "ASSAULT" in _types("Gunmen attacked a police station in Kano on Friday.")


NOT_ASSERTED = [
    "Will the investigations of the senator's emails ever stop?",  # a question
    "If the plan rejected single mothers, poor families would suffer most.",  # a condition
    "The candidate did not supply a cost estimate for his plans.",  # negated, not a refusal of anyone
    "He has not demonstrated an ambition for higher office.",
    "The new fund could help Virginia Democrats in the next election.",  # the writer's possibility
    "Families will move into the new homes once they are delivered.",  # what a clause waits for
    "Rescuers will keep digging until every house has been searched.",
    "The treaty must be approved by the Danish parliament.",  # the writer's obligation
]


@pytest.mark.parametrize("text", NOT_ASSERTED)
def test_a_clause_that_asserts_no_act_codes_no_event(text):
    assert _types(text) == [], text


ASSERTED = [
    ("Russia said it could strike Ukrainian ports if the talks fail.", "THREATEN"),  # reported: a threat
    ("Syria said it would not accept more refugees if war started in Iraq.", "REJECT"),
    ("Chile did not accept Bolivia's proposal.", "REJECT"),  # refused cooperation
    ("Fighting went on until government troops seized the airport in May.", "COERCE"),  # waited for, and done
    ("Peru said Chile must withdraw its troops from the border.", "REQUEST"),  # reported: a demand
]


@pytest.mark.parametrize("text, kind", ASSERTED)
def test_reported_conditions_and_refusals_stay(text, kind):
    assert kind in _types(text), text


AID_AND_FIGHTS = [
    ("Scott helped shape the sentencing law of 2010.", "AID", False),  # helped a law take shape
    ("The minister delivered a speech on trade in Lyon.", "AID", False),
    ("The candidate says his disclosure report provides sufficient clarity.", "AID", False),
    ("The senator said he has fought to push through reforms for his district.", "ASSAULT", False),
    ("Japan provided ten tonnes of food aid to flood victims in Pakistan.", "AID", True),
    ("Turkey delivered tents and blankets to Syrian refugees on Monday.", "AID", True),
    ("Government troops fought the rebels near Goma on Sunday.", "ASSAULT", True),
]


@pytest.mark.parametrize("text, kind, coded", AID_AND_FIGHTS)
def test_aid_gives_something_and_a_fight_has_someone_fought(text, kind, coded):
    assert (kind in _types(text)) is coded, text


def test_an_opinion_agreed_on_and_an_imperative_are_no_events():
    assert "AGREE" not in _types("Only half of the voters agreed that the governor is fit to serve.")
    assert "AGREE" in _types("Chile and Peru agreed that talks would resume in May.")
    assert _types('"Promise me you will keep your hands in sight," the singer told the crowd.') == []


def test_people_freed_or_met_keep_their_event():
    assert "RETREAT" in _types("Opposition leader Sadyr Zhaparov, freed from prison by protesters on Monday, "
                               "was named prime minister.")
    assert "RETREAT" in _types("He was released from jail by his supporters after the violence on Monday.")
    assert "CONSULT" in _types("The pastor met the senator's father in Houston last year.")


def test_a_poll_share_is_no_doer():
    assert _types("The survey found that 45 percent of likely caucusgoers backed the governor.") == []
    assert "SUPPORT" in _types("The Kenyan president backed the peace plan on Monday.")


def test_meeting_both_sides_is_a_meeting():
    assert "AGREE" in _types("Mediator Anna Kovac said she would meet both sides separately on Friday.")


def test_an_event_noun_as_object_needs_a_verb_that_takes_part_in_it():
    assert _types("Several small parties posed a threat to the coalition's majority.") == []
    assert _types("Many European nations faced no obvious military threat after 1991.") == []
    assert "PROTEST" in _types("Thousands of students joined the protests in Santiago on Friday.")
    assert "ACCUSE" in _types("The Chilean government ordered an inquiry into the collapse.")
    assert "PROTEST" in _types("Protesters occupied the university campus in Hong Kong for a week.")

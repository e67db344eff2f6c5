"""Event dates from the text (events/dating.py), on sentences we wrote: each source in turn,
and the acts that must not take a day."""

from __future__ import annotations

import pytest

from helpers import make_article

PUBLISHED = "2025-03-14"  # a Friday


def _events(text: str, published: str | None = PUBLISHED):
    from storyline.events import EventCoder, find_events
    from storyline.nlp import analyse, load_model

    article = next(analyse([make_article(text=text, published=published)]))
    coded = find_events(article, load_model()(article.text), EventCoder(min_confidence=0.0))
    return {coded.text[e.trigger_start : e.trigger_end]: e for e in coded.events}


def test_a_time_expression_on_the_predicate_dates_it():
    event = _events("Kenyan police arrested twelve protesters in Nairobi on Tuesday.")["arrested"]
    assert (event.date, event.date_precision, event.date_source) == ("2025-03-11", "day", "sentence")


def test_a_relative_clause_takes_the_date_of_the_act_it_describes():
    events = _events(
        "Afghanistan's rail operator suspended all services on Friday after Thursday's bombing near Kabul, "
        "which killed two people."
    )
    assert events["suspended"].date == "2025-03-14"
    killed = events["killed"]
    assert (killed.date, killed.date_source) == ("2025-03-13", "clause")


def test_an_earlier_disaster_keeps_its_own_month_and_is_historical():
    events = _events("The city is still rebuilding after the bombings of February 2023, which killed 300 people in Kabul.")
    killed = events["killed"]
    assert (killed.date, killed.date_precision, killed.date_source) == ("2023-02", "month", "clause")
    assert "historical" in killed.contexts


def test_an_undated_past_act_takes_the_day_its_paragraph_gave():
    events = _events(
        "Police in Velstad arrested twelve protesters on Tuesday.\n\n"
        "On Wednesday, the government of Norland imposed a curfew. Officers detained four more people."
    )
    detained = events["detained"]
    assert (detained.date, detained.date_precision, detained.date_source) == ("2025-03-12", "day", "context")


def test_without_a_day_in_its_paragraph_an_act_takes_the_leads():
    events = _events(
        "Police in Velstad arrested twelve protesters on Tuesday.\n\nOfficers later detained four more people."
    )
    assert (events["detained"].date, events["detained"].date_source) == ("2025-03-11", "context")


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("The union is demanding a 7% pay rise from the port operators.", "demanding"),
        ("The government of Norland has ordered an inquiry into the collapse.", "inquiry"),
    ],
)
def test_present_tense_is_the_publication_day_and_says_so(text, trigger):
    event = _events(text)[trigger]
    assert (event.date, event.date_precision, event.date_source) == (PUBLISHED, "day", "tense")


def test_a_past_perfect_act_does_not_take_the_narrative_day():
    events = _events("Police in Velstad arrested twelve protesters on Tuesday.\n\nThe union said it had rejected the offer.")
    rejected = events["rejected"]
    assert rejected.date_source == "published" and rejected.date_precision == "published"


def test_a_future_act_has_no_day_but_a_reported_intent_is_dated_by_its_saying():
    events = _events(
        "Police in Velstad arrested twelve protesters on Tuesday.\n\n"
        "Norway's foreign minister will meet Iceland's in Oslo. Norway said it would approve the agreement."
    )
    meet = events["meet"]  # a meeting to come, with no verb that says it: no day
    assert (meet.type, meet.date, meet.date_source) == ("AGREE", None, None)
    approve = events["approve"]  # AGREE: the intent, expressed when it was said
    assert (approve.type, approve.date, approve.date_source) == ("AGREE", "2025-03-11", "context")


def test_a_bounding_expression_does_not_date_the_act():
    event = _events("Norway has suspended talks with Iceland since Monday.")["suspended"]
    assert event.date_source == "tense"  # not Monday: the suspension began then and goes on


def test_without_a_publication_date_only_full_days_in_the_text_date_acts():
    events = _events("Police in Velstad arrested twelve protesters on 11 March 2025.\n\nOfficers detained four more people.", None)
    assert events["arrested"].date == "2025-03-11"
    assert (events["detained"].date, events["detained"].date_source) == ("2025-03-11", "context")
    undated = _events("Officers detained four more people in Velstad.", None)["detained"]
    assert (undated.date, undated.date_source) == (None, None)

"""A headline for an untitled article: its lead sentence without the dateline, shown by its story
while no article of the story has a title."""

from __future__ import annotations

from storyline.stories import StoryClusterer, StoryInput
from storyline.stories.headline import infer_headline


def test_the_lead_sentence_without_its_dateline_is_the_headline():
    text = ("VELSTAD (Meridian Wire) — Engineers found a crack in the Aldmoor dam on Friday. "
            "Villages below it were told to prepare to leave.\n\nA second paragraph.")
    assert infer_headline(text) == "Engineers found a crack in the Aldmoor dam on Friday"
    assert infer_headline("SÃO PAULO - Chuvas fortes atingiram a cidade. Outra frase.") == "Chuvas fortes atingiram a cidade"
    assert infer_headline("ORRIN, Ostria — Bakers sold bread.") == "Bakers sold bread"


def test_abbreviations_do_not_end_the_sentence_and_a_long_lead_is_cut():
    assert infer_headline("Mr. Vell left the clinic on Monday. He said nothing.") == "Mr. Vell left the clinic on Monday"
    long = " ".join(f"word{i}" for i in range(40))
    got = infer_headline(long)
    assert got.endswith("…") and len(got.split()) == 16
    assert infer_headline("") == "" and infer_headline("\n\n") == ""


def test_a_lowercase_opening_is_not_taken_for_a_dateline():
    assert infer_headline("the council met - briefly - on Monday.") == "the council met - briefly - on Monday"


def test_a_story_shows_the_headline_until_an_article_brings_a_title():
    c = StoryClusterer()
    text = "VELSTAD — Engineers found a crack in the Aldmoor dam on the Brenn river. The Aldmoor dam holds."
    c.add(StoryInput(id="a1", title="", text=text, published="2025-05-01"))
    story = c.story("a1")
    assert story.title == "Engineers found a crack in the Aldmoor dam on the Brenn river"
    assert story.titles == []  # the inferred headline is no title: nothing compares it
    c.add(StoryInput(id="a2", title="Crack found in Aldmoor dam", text=text + " Crews arrived.", published="2025-05-01"))
    assert c.story_of("a2") == c.story_of("a1") and c.story("a1").title == "Crack found in Aldmoor dam"

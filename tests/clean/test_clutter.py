"""Page clutter by class, on lines and short texts we wrote: what is removed, and what stays."""

from __future__ import annotations

import pytest

from helpers import PARA_1, PARA_2, PARA_3
from storyline.clean.clutter import clutter_class
from storyline.clean.text import clean_text
from storyline.record import join_blocks


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Invalid email address", "sign-up box"),
        ("Invalid", "sign-up box"),
        ("Sign up", "sign-up box"),
        ("Subscribe", "sign-up box"),
        ("Thank you for subscribing!", "sign-up box"),
        ("The Riverton Morning Newsletter", "sign-up box"),
        ("Never miss the latest news by signing up to our newsletter.", "sign-up box"),
        ("JUST WATCHED", "video player"),
        ("Replay", "video player"),
        ("More Videos ...", "video player"),
        ("MUST WATCH", "video player"),
        ("02:14", "video player"),
        ("We pay for videos too", "video player"),
        ("Follow INSIDER on Facebook", "follow line"),
        ("Follow @rivertonpost", "follow line"),
        ("Follow us on Twitter and Instagram", "follow line"),
        ("Folgen Sie uns auf Facebook", "follow line"),
        ("Your email address will not be published. Required fields are marked *", "comment form"),
        ("You must be logged in to post a comment.", "comment form"),
        ("Anna Berg says:", "comment form"),
        ("robbinho sagt:", "comment form"),
        ("Already a subscriber? Log in", "paywall"),
        ("Subscribe to continue reading this story.", "paywall"),
        ("Support our journalism", "paywall"),
        ("Unterstütze die Riverton Post mit 3 Euro!", "paywall"),
        ("For breaking news download the Riverton Post app for iOS and Android.", "sign-up box"),
        ("AFP / Tom Berg", "credit"),
        ("Pumps at dusk on the Riverton field. Photo: Jane Doe/Riverton.com", "credit"),
        ("Strikers in the university hall / (C) Kab Niang", "credit"),
        ("The old bridge before the flood. Foto: Stadtarchiv |", "credit"),
        ("Photo Source: Tom Berg from Riverton Pictures.", "credit"),
        ("Sie sind bereits registriert?", "paywall"),
        ("Category: Press Releases", "filing label"),
        ("Tags: bridge, council, Riverton", "filing label"),
        ("Photo: Jane Doe/Reuters", "credit"),
        ("© Shutterstock/river", "credit"),
        ("Tom Berg/AFP", "credit"),
        ("The old bridge in winter. (Photo: Tom Berg)", "credit"),
    ],
)
def test_clutter_lines_by_class(line, kind):
    assert clutter_class(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        PARA_1,
        "Follow the money, the auditor told the council.",
        "The newsletter she founded in 2019 now has ten thousand readers, the paper said.",
        "The video shows the bridge shaking as the first lorry crosses it.",
        "Invalid ballots were counted again on Monday.",
        "The mayor said:",
        "The minister said the photo: was fake.",
        "Critics said. Photo: it was fake. Then more text followed here.",
        "Anna Berg says the bridge will open in May.",
        "Replay value matters to the studio, she said.",
        "Photographers waited at the bridge all morning.",
        "Supporters of the bridge plan gathered outside the town hall on Tuesday evening.",
    ],
)
def test_prose_that_mentions_clutter_words_is_not_clutter(line):
    assert clutter_class(line) is None


def _body(text: str) -> tuple[str, dict[str, str]]:
    cleaned = clean_text(text)
    return join_blocks(cleaned.blocks)[0], {r.text: r.reason for r in cleaned.removed}


def test_a_sign_up_box_inside_an_article_is_removed():
    body, reasons = _body("\n".join([
        PARA_1, "Get the Riverton Morning Newsletter", "Enter your email address", "Sign up",
        "Invalid email address", "Thank you for subscribing!", PARA_2, PARA_3,
    ]))  # fmt: skip
    assert PARA_1 in body and PARA_2 in body and PARA_3 in body
    assert "Invalid" not in body and "Sign up" not in body and "Subscribe" not in body
    assert reasons["Invalid email address"] == "sign-up box"


def test_video_player_residue_is_removed():
    body, reasons = _body("\n".join([
        PARA_1, "JUST WATCHED", "Bridge piers after the flood", "Replay", "More Videos ...", "MUST WATCH",
        PARA_2, PARA_3,
    ]))  # fmt: skip
    assert PARA_2 in body and PARA_3 in body
    for residue in ("JUST WATCHED", "Replay", "More Videos", "MUST WATCH"):
        assert residue not in body
    assert reasons["Replay"] == "video player"


def test_follow_lines_comment_forms_and_paywalls_after_the_article_are_removed():
    body, reasons = _body("\n".join([
        PARA_1, PARA_2, PARA_3, "Follow INSIDER on Facebook", "Follow @rivertonpost",
        "Leave a Reply", "Your email address will not be published. Required fields are marked *",
        "Already a subscriber? Log in",
    ]))  # fmt: skip
    assert body == "\n\n".join([PARA_1, PARA_2, PARA_3])
    assert reasons["Follow INSIDER on Facebook"] == "follow line"
    assert reasons["Already a subscriber? Log in"] == "paywall"


def test_a_picture_credit_does_not_cut_the_article_in_two():
    lede = "The town will get a new bridge, the council decided, after two winters without one."
    body, reasons = _body("\n".join([lede, "© Shutterstock/river", PARA_1, PARA_2, PARA_3]))
    assert body.startswith(lede), "the lede above the picture stays"
    assert "Shutterstock" not in body
    assert reasons["© Shutterstock/river"] == "credit"


def test_teaser_markers_of_several_languages_open_a_list():
    for marker in ("Auch interessant", "Weitere Beiträge aus der Kolumne:", "Contenido relacionado", "Explore further"):
        body, reasons = _body("\n".join([
            PARA_1, PARA_2, marker, "Harbour festival draws record crowds", "New ferry timetable from May", PARA_3,
        ]))  # fmt: skip
        assert "Harbour festival" not in body and marker not in body, marker
        assert reasons["New ferry timetable from May"] == "teaser"
        assert PARA_3 in body, "prose after the list is the article again"

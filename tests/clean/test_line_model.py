"""The line model's second look at the main text, on small invented pages."""

from __future__ import annotations

from helpers import PARA_1, PARA_2, PARA_3
from storyline.clean.line_model import FEATURES, line_vectors, weights
from storyline.clean.text import clean_text, text_table
from storyline.record import join_blocks

MENU = ["Home", "News", "Sport", "Weather", "Contact", "Search"]
LIST = ["Two new lanes for buses", "A path for cyclists on the east side", "Lights along the whole span"]
# paragraphs of the length real articles have (the helpers' ones are a sentence each)
LONG_1, LONG_2, LONG_3 = PARA_1 + " " + PARA_2, PARA_2 + " " + PARA_3, PARA_3 + " " + PARA_1
STANDFIRST = "The old bridge will be rebuilt after two winters without one, the council decided on Tuesday…"


def _body(lines: list[str], line_model=True) -> str:
    return join_blocks(clean_text("\n".join(lines), line_model=line_model).blocks)[0]


def test_the_shipped_weights_name_every_feature_and_only_those():
    assert set(weights()) == set(FEATURES)


def test_a_standfirst_cut_with_an_ellipsis_above_the_article_is_kept():
    page = [*MENU, "Council votes to rebuild the river bridge", STANDFIRST, LONG_1, LONG_2, LONG_3, "Share this"]
    assert STANDFIRST not in _body(page, line_model=False), "the regions alone take it for a teaser"
    assert _body(page).startswith(STANDFIRST + "\n\n" + LONG_1)


def test_a_cut_off_teaser_after_a_related_marker_stays_out():
    page = [*MENU, LONG_1, LONG_2, LONG_3, "Related", STANDFIRST, "Harbour festival draws record crowds"]
    body = _body(page)
    assert STANDFIRST not in body and "Harbour festival" not in body
    assert body == "\n\n".join([LONG_1, LONG_2, LONG_3])


def test_a_sub_heading_and_a_list_inside_the_article_are_kept_and_the_related_list_cut():
    page = [
        *MENU, "Council votes to rebuild the river bridge", LONG_1, "What the plan includes", *LIST, LONG_2,
        "Funding and timetable", LONG_3, "Related", "Harbour festival draws record crowds",
        "New ferry timetable from May", "Library opens on Sundays", "Share this", *MENU,
    ]  # fmt: skip
    body = _body(page)
    for line in (LONG_1, LONG_2, LONG_3, "What the plan includes", "Funding and timetable", *LIST):
        assert line in body, line
    for line in ("Harbour festival", "New ferry timetable", "Library opens", "Related", "Weather"):
        assert line not in body, line


def test_menus_stay_out_and_clutter_is_never_brought_back():
    page = [*MENU, LONG_1, "Sign up", "Follow @rivertonpost", LONG_2, LONG_3, "Share this", *MENU]
    assert _body(page) == "\n\n".join([LONG_1, LONG_2, LONG_3])


def test_the_model_only_adds_to_what_the_regions_keep():
    for page in ([PARA_1, *LIST, PARA_2, PARA_3], [*MENU, PARA_1, "Funding and timetable", PARA_2]):
        without = _body(page, line_model=False)
        assert all(part in _body(page) for part in without.split("\n\n"))


def test_features_see_the_lines_context():
    table = text_table("\n".join([*MENU, PARA_1, LIST[0], PARA_2]))
    vectors = line_vectors(table)
    item = vectors[len(MENU) + 1]
    assert item["cls_short"] == 1.0 and item["near_prev_kept"] == 1.0 and item["near_next_kept"] == 1.0
    assert vectors[0]["before"] == 1.0 and vectors[0]["run_long"] > 0 and "prev_good" not in vectors[0]
    assert all(set(v) <= set(FEATURES) for v in vectors)


def test_a_line_written_twice_in_a_page_is_marked():
    table = text_table("\n".join([*MENU, LONG_1, LONG_2, *MENU]))
    vectors = line_vectors(table)
    assert vectors[0]["repeated"] == 1.0 and "repeated" not in vectors[len(MENU)]

"""The HTML cleaner on pages we wrote: clutter trafilatura keeps is cut, the article stays."""

from __future__ import annotations

from storyline.clean.html import clean_html
from storyline.record import join_blocks

PARAS = [
    "The city council voted on Tuesday to rebuild the old river bridge, which has been closed to traffic "
    "since a flood damaged its piers two winters ago, and it set aside money for the work.",
    "Engineers told the council that the new bridge would take about three years to build and that the "
    "ferry service will keep running until the first lanes are open to cars and buses.",
    "Several residents who spoke at the meeting said they were glad the decision had finally been made, "
    "although some of them worried about the noise and dust during the long works.",
]


def page(body: str, title: str = "Council votes to rebuild the river bridge") -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>Council votes to rebuild the river bridge</h1>"
        f"{body}</article><footer>Riverton Post</footer></body></html>"
    )


def test_clutter_inside_the_article_is_cut_with_its_class():
    html = page(
        f"<p>{PARAS[0]}</p><p>Photo: Tom Berg/Reuters</p><p>{PARAS[1]}</p>"
        "<p>Sign up</p><p>Invalid email address</p>"
        f"<p>{PARAS[2]}</p><p>Follow @rivertonpost</p><p>Read also: Harbour festival draws record crowds</p>"
    )
    cleaned = clean_html(html, "https://riverton.example/bridge")
    body = join_blocks(cleaned.blocks)[0]
    assert all(p in body for p in PARAS)
    for clutter in ("Photo: Tom Berg", "Sign up", "Invalid", "Follow @", "Harbour festival"):
        assert clutter not in body
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Invalid email address"] == "sign-up box"
    assert reasons["Photo: Tom Berg/Reuters"] == "credit"


def test_a_teaser_list_after_the_article_is_cut_until_prose_resumes():
    html = page(
        f"<p>{PARAS[0]}</p><p>{PARAS[1]}</p><p><b>Related stories</b></p>"
        "<p>Harbour festival draws record crowds</p><p>New ferry timetable from May</p>"
        f"<p>{PARAS[2]}</p>"
    )
    body = join_blocks(clean_html(html).blocks)[0]
    assert "Harbour festival" not in body and "Related stories" not in body
    assert PARAS[2] in body, "prose after the list is the article again"


def test_a_marker_above_the_article_starts_no_teaser_list():
    html = page(f"<h2>Related</h2><p>{PARAS[0]}</p><p>{PARAS[1]}</p>")
    body = join_blocks(clean_html(html).blocks)[0]
    assert PARAS[0] in body and PARAS[1] in body


def test_the_dateline_and_agency_lead_is_the_start_of_the_article():
    lead = "The city will close the old pier for repairs next month, officials said on Tuesday."
    for opening in (f"<p>SAN FRANCISCO (AP) — {lead}</p>", f"<p>SAN FRANCISCO (AP) —</p><p>{lead}</p>"):
        cleaned = clean_html(page(opening + "".join(f"<p>{p}</p>" for p in PARAS)), "https://news.example/pier")
        body = join_blocks(cleaned.blocks)[0]
        assert f"SAN FRANCISCO (AP) — {lead}" in body
        assert (cleaned.dateline, cleaned.agency) == ("SAN FRANCISCO", "AP")


STANDFIRST = ("The council will rebuild the river bridge that a flood closed two winters ago, and the "
              "ferry keeps running until the new one opens.")


def _standfirst_page(description: str) -> str:
    return (
        f'<html><head><title>Bridge to be rebuilt</title><meta name="description" content="{description}">'
        '</head><body><header><nav><a href="/">Home</a></nav></header>'
        f'<div class="article-header"><h1>Bridge to be rebuilt</h1><div class="teaser-text"><strong>{STANDFIRST}</strong></div></div>'
        '<div class="article-body">' + "".join(f"<p>{p}</p>" for p in PARAS) + "</div></body></html>"
    )


def test_a_standfirst_that_is_the_page_description_leads_the_article():
    cleaned = clean_html(_standfirst_page(STANDFIRST), "https://riverton.example/bridge")
    body = join_blocks(cleaned.blocks)[0]
    assert body.startswith(STANDFIRST) or body.index(STANDFIRST) < body.index(PARAS[0])
    assert all(p in body for p in PARAS)
    assert body.count(STANDFIRST) == 1


def test_a_description_the_page_does_not_show_is_not_added():
    hidden = "A summary written for search engines only, which no reader of the page ever sees on it at all."
    body = join_blocks(clean_html(_standfirst_page(hidden)).blocks)[0]
    assert hidden not in body


def test_a_byline_in_the_body_becomes_the_author():
    cleaned = clean_html(page("<p>By Jane Doe</p>" + "".join(f"<p>{p}</p>" for p in PARAS)))
    body = join_blocks(cleaned.blocks)[0]
    assert "Jane Doe" not in body and all(p in body for p in PARAS)
    assert cleaned.author == "Jane Doe"
    assert {r.text: r.reason for r in cleaned.removed}["By Jane Doe"] == "byline"

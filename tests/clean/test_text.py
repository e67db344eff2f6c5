"""The plain-text cleaner on small invented texts, one behaviour at a time."""

from __future__ import annotations

from helpers import PARA_1, PARA_2, PARA_3
from storyline.clean.text import clean_text, find_repeated_lines, line_key, parse_day
from storyline.record import join_blocks


def body(cleaned) -> str:
    return join_blocks(cleaned.blocks)[0]


def reasons(cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


def test_empty_input():
    for text in ("", "   \n\n  \n"):
        cleaned = clean_text(text)
        assert cleaned.blocks == []
        assert cleaned.title is None and cleaned.published is None


def test_article_paragraphs_are_kept_in_order():
    cleaned = clean_text("\n\n".join([PARA_1, PARA_2, PARA_3]))
    assert [text for _, text in cleaned.blocks] == [PARA_1, PARA_2, PARA_3]
    assert cleaned.removed == []


def test_widgets_are_removed_with_their_reason():
    text = "\n\n".join(["Share post:", PARA_1, "Subscribe", PARA_2, PARA_3, "Leave a reply"])
    cleaned = clean_text(text)
    out = body(cleaned)
    assert PARA_1 in out and PARA_3 in out
    assert "Share post" not in out and "Subscribe" not in out and "Leave a reply" not in out
    assert set(reasons(cleaned)) >= {"Share post:", "Subscribe", "Leave a reply"}
    assert all(r.line for r in cleaned.removed)


def test_teaser_list_after_related_is_dropped():
    teasers = [
        "Related",
        "Harbour Festival Draws Record Crowds to the Waterfront",
        "PORTVILLE — Thousands of visitors came to the harbour on Saturday...",
        "Local Choir Wins Regional Singing Contest",
        "LAKESIDE, Norland — The choir from the old school sang three songs...",
    ]
    cleaned = clean_text("\n\n".join([PARA_1, PARA_2, PARA_3] + teasers))
    out = body(cleaned)
    assert PARA_3 in out
    for line in teasers:
        assert line not in out
    assert "PORTVILLE" not in out and "LAKESIDE" not in out
    assert reasons(cleaned)["Local Choir Wins Regional Singing Contest"] == "teaser"
    assert cleaned.dateline is None


def test_dateline_variants():
    for opening, place in [
        ("RIVERTON —", "RIVERTON"),
        ("PORT ELLIS, Norland —", "PORT ELLIS, Norland"),
        ("RIVERTON (AP) —", "RIVERTON"),
        ("RIVERTON  -- ", "RIVERTON"),
    ]:
        text = "\n\n".join([f"{opening} {PARA_1}", PARA_2])
        cleaned = clean_text(text)
        assert cleaned.dateline == place, opening
        assert body(cleaned).startswith(" ".join(opening.split())), "the dateline stays in the body"


def test_only_the_first_dateline_counts():
    text = "\n\n".join([PARA_1, "HILLVIEW — " + PARA_2, PARA_3])
    assert clean_text(text).dateline is None


def test_headline_becomes_the_title():
    text = "\n\n".join(["Council Votes to Rebuild the River Bridge After Flood", PARA_1, PARA_2])
    cleaned = clean_text(text)
    assert cleaned.title == "Council Votes to Rebuild the River Bridge After Flood"
    assert "Council Votes" not in body(cleaned)


def test_no_title_when_the_text_opens_with_prose():
    assert clean_text("\n".join([PARA_1, PARA_2])).title is None


def test_outlet_lines():
    cleaned = clean_text("\n".join([PARA_1, PARA_2, "Reference(s):", "example-news.org"]))
    assert cleaned.outlet == "example-news.org"
    assert "Reference" not in body(cleaned) and "example-news.org" not in body(cleaned)
    assert reasons(cleaned)["Reference(s):"] == "outlet line"

    cleaned = clean_text("\n\n".join([PARA_1, PARA_2, "Source: Riverton Gazette"]))
    assert cleaned.outlet == "Riverton Gazette"
    assert "Source:" not in body(cleaned)


def test_glued_heading_is_split_off():
    glued = "The mayor said she expects a final answer from Funding Plans Under Review"
    cleaned = clean_text("\n\n".join([PARA_1, glued, PARA_2, PARA_3]))
    assert ("heading", "Funding Plans Under Review") in cleaned.blocks
    assert ("body", "The mayor said she expects a final answer from") in cleaned.blocks
    assert "from Funding" not in body(cleaned)


def test_sentence_ending_in_a_name_is_not_split():
    line = "The prize for the best design went to the young architect Maria Elena Duarte Silva."
    cleaned = clean_text("\n\n".join([PARA_1, line, PARA_2]))
    assert ("body", line) in cleaned.blocks
    assert all(kind == "body" for kind, _ in cleaned.blocks)


def test_repeated_lines_across_documents_of_one_site():
    footer = "Riverton Gazette | About us | Advertise with us"
    docs = [f"{PARA_1} {n}\n{footer}\nAll stories © Riverton Gazette" for n in range(4)]
    repeated = find_repeated_lines(docs, min_docs=3)
    assert line_key(footer) in repeated
    assert line_key(PARA_1 + " 0") not in repeated, "a long paragraph is never a repeated line"
    assert line_key("Riverton Gazette | About Us | Advertise with us!") == line_key(footer)

    text = "\n".join([PARA_1, footer, PARA_2, PARA_3])
    cleaned = clean_text(text, repeated_lines=repeated)
    assert footer not in body(cleaned)
    assert reasons(cleaned)[footer] == "repeated across site"


def test_repeated_lines_need_min_docs():
    assert find_repeated_lines(["Menu line\nA", "Menu line\nB"], min_docs=3) == frozenset()


def test_published_date_from_a_metadata_line():
    text = "\n\n".join(["Council Votes to Rebuild the River Bridge", "Published: May 28, 2025", PARA_1, PARA_2])
    cleaned = clean_text(text)
    assert cleaned.published == "2025-05-28"
    assert "Published" not in body(cleaned)
    assert clean_text("\n\n".join(["Date: 2025-05-28", PARA_1, PARA_2])).published == "2025-05-28"
    assert clean_text("\n\n".join(["28 May 2025", PARA_1, PARA_2])).published == "2025-05-28"


def test_no_published_date_from_prose():
    prose = "The bridge was first closed in March 2022, and it has stayed closed since June 3 of that year."
    cleaned = clean_text("\n\n".join([prose, PARA_1, PARA_2]))
    assert cleaned.published is None
    assert parse_day("March 2022") is None


def test_empty_date_line_is_template_residue():
    cleaned = clean_text("\n\n".join(["Date:", PARA_1, PARA_2]))
    assert reasons(cleaned)["Date:"] == "template residue"
    assert "Date:" not in body(cleaned) and cleaned.published is None


def test_byline_gives_the_author():
    cleaned = clean_text("\n\n".join(["Bridge Plan Approved by the Council", "By Jane Okafor", PARA_1, PARA_2]))
    assert cleaned.author == "Jane Okafor"
    assert "By Jane" not in body(cleaned)


def test_non_english_text_is_kept_intact():
    german = [
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss neu zu bauen, "
        "nachdem ein Hochwasser die Pfeiler vor zwei Jahren schwer beschädigt hatte.",
        "Die Ingenieure sagten, dass der Bau ungefähr drei Jahre dauern wird und dass die Fähre "
        "bis zur Eröffnung der ersten Fahrspuren weiter fahren soll.",
        "Viele Anwohner freuten sich über die Entscheidung, obwohl einige von ihnen den Lärm und "
        "den Staub während der langen Bauarbeiten fürchten.",
    ]
    cleaned = clean_text("\n\n".join(german))
    assert [text for _, text in cleaned.blocks] == german
    japanese = [
        "市議会は火曜日、二年前の洪水で橋脚が壊れた古い橋を建て直すことを決めた。工事には約三年かかる見込みだ。",
        "技術者によると、新しい橋が完成するまで渡し船の運行は続けられるという。住民の多くは決定を歓迎した。",
    ]
    cleaned = clean_text("\n".join(japanese))
    assert [text for _, text in cleaned.blocks] == japanese


def test_language_can_be_given():
    cleaned = clean_text("\n\n".join([PARA_1, PARA_2]), language="en")
    assert len(cleaned.blocks) == 2


def test_hard_wrapped_paragraphs_are_joined():
    words = (PARA_1 + " " + PARA_2).split()
    lines, line = [], []
    for word in words:
        if len(" ".join(line + [word])) > 70:
            lines.append(" ".join(line))
            line = []
        line.append(word)
    lines.append(" ".join(line))
    text = "\n".join(lines) + "\n\n" + "\n".join(lines)
    cleaned = clean_text(text)
    assert [text for _, text in cleaned.blocks] == [" ".join(words)] * 2


TALKS_1 = (
    "The two delegations met again on Monday in the harbour town, after a pause of three weeks in "
    "which neither side would say when the next round of talks might begin."
)
TALKS_2 = (
    "Officials from both governments said the talks would cover fishing rights, the shared ferry "
    "route and the future of the old customs post on the northern border."
)


def test_a_first_line_in_sentence_case_above_the_prose_is_the_headline():
    for sep in ("\n\n", "\n"):
        cleaned = clean_text(sep.join(["Talks resume in Bergen", TALKS_1, TALKS_2]))
        assert cleaned.title == "Talks resume in Bergen"
        assert [text for _, text in cleaned.blocks] == [TALKS_1, TALKS_2]
        assert cleaned.removed == [], "the headline is the title, not dropped as outside the text"


def test_a_short_closing_sentence_full_of_names_stays():
    closing = "Ingrid Dahl, Lars Berg and Tomas Lind signed for Norway."
    cleaned = clean_text("\n".join(["Talks resume in Bergen", TALKS_1, TALKS_2, closing]))
    assert body(cleaned).endswith(closing)
    # ... but a short line after the text that is not a finished sentence is still cut
    cleaned = clean_text("\n".join([TALKS_1, TALKS_2, "Fishing Rights Talks Archive"]))
    assert "Archive" not in body(cleaned)


def test_a_dateline_on_a_line_of_its_own_opens_the_lead():
    lead = "The city will close the old pier for repairs next month, officials said on Tuesday."
    cleaned = clean_text("\n".join(["Pier to close for repairs", "SAN FRANCISCO (AP) —", lead, PARA_2, PARA_3]))
    assert cleaned.title == "Pier to close for repairs", "a dateline is never the headline"
    assert cleaned.blocks[0] == ("body", f"SAN FRANCISCO (AP) — {lead}")
    assert (cleaned.dateline, cleaned.agency) == ("SAN FRANCISCO", "AP")
    plain = clean_text("\n".join(["NAIROBI, Kenya — " + lead, PARA_2, PARA_3]))
    assert (plain.dateline, plain.agency) == ("NAIROBI, Kenya", None)


def test_a_quote_in_a_second_language_is_prose():
    german = (
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss neu zu bauen, "
        "die seit dem Hochwasser vor zwei Jahren für den Verkehr gesperrt ist."
    )
    german_2 = (
        "Die Ingenieure sagten, der Bau werde etwa drei Jahre dauern, und die Fähre fahre so lange "
        "weiter, bis die ersten Spuren für Autos und Busse wieder offen sind."
    )
    english = "“We have waited for this bridge for such a long time, and now it is finally going to happen,” she said."
    cleaned = clean_text("\n".join([german, english, german_2]), language="de")
    assert [text for _, text in cleaned.blocks] == [german, english, german_2]


def test_a_small_run_of_prose_below_the_article_is_not_more_of_it():
    long_1, long_2, long_3 = PARA_1 + " " + PARA_2, PARA_2 + " " + PARA_3, PARA_3 + " " + PARA_1
    comment = (
        "Great news, we have waited long enough for this bridge. The ferry is always late in the winter, "
        "and my children have to leave the house at six in the morning to be at their school on time. "
        "I hope that it is open before they are grown up."
    )  # a fifth of the article's score: more than a stray line, less than a part of the article
    cleaned = clean_text("\n".join([
        long_1, long_2, long_3, "3 Comments", "Anna Berg says:", "12 March 2025 at 8:29", comment, "Reply",
    ]))  # fmt: skip
    assert body(cleaned) == "\n\n".join([long_1, long_2, long_3])
    assert reasons(cleaned)[comment] == "outside main text"


def test_an_article_split_by_an_advertisement_keeps_its_second_half():
    long_1, long_2, long_3 = PARA_1 + " " + PARA_2, PARA_2 + " " + PARA_3, PARA_3 + " " + PARA_1
    cleaned = clean_text("\n".join([long_1, long_2, "Advertisement", "Sign up", long_3]))
    assert body(cleaned) == "\n\n".join([long_1, long_2, long_3])

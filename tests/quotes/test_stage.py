"""The quote stage on invented sentences, parsed with the spaCy model."""

from __future__ import annotations

import pytest

from helpers import make_article
from storyline.nlp import load_model
from storyline.quotes import find_quotes
from storyline.record import Article

pytestmark = pytest.mark.slow


def quotes_of(text: str) -> Article:
    article = make_article(text=text)
    doc = load_model()(article.text)
    try:
        from storyline.entities import find_entities
    except ImportError:
        pass
    else:
        article = find_entities(article, doc)
    return find_quotes(article, doc)


def only(article: Article, cue: str):
    found = [q for q in article.quotes if q.cue == cue]
    assert len(found) == 1, [(q.cue, q.text) for q in article.quotes]
    return found[0]


def test_direct_quote_with_cue_after():
    article = quotes_of("“We will rebuild the bridge before winter,” Mayor Helen Dorn said in a statement on Tuesday.")
    q = only(article, "said")
    assert q.direct and q.text == "“We will rebuild the bridge before winter,”"
    assert q.speaker_text == "Mayor Helen Dorn" and q.speaker == "person:helen-dorn"
    assert q.channel == "statement"
    assert article.text[q.cue_start : q.cue_end] == "said"
    assert article.text[q.speaker_start : q.speaker_end] == "Mayor Helen Dorn"


def test_inverted_cue_and_follow_on_quote():
    article = quotes_of("“The port is closed,” said Tomas Berg, a union leader. “Nobody works until Friday.”")
    q = only(article, "said")
    assert q.direct and q.text.endswith("“Nobody works until Friday.”")
    assert q.speaker == "person:tomas-berg"


def test_reported_speech_starts_at_that():
    article = quotes_of("Finance Minister Anna Lind said that the budget would be balanced by next year.")
    q = only(article, "said")
    assert not q.direct and q.text == "that the budget would be balanced by next year"
    assert q.speaker == "person:anna-lind"


def test_pronoun_resolves_to_the_recent_person_of_that_gender():
    text = (
        "Mr. Peter Holm met Ms. Clara Voss in Oslo on Monday. The talks went well, she said. "
        "He added that a deal was close."
    )
    article = quotes_of(text)
    assert only(article, "said").speaker == "person:clara-voss"
    added = only(article, "added")
    assert added.speaker_text == "He" and added.speaker == "person:peter-holm"
    assert added.text == "that a deal was close"


def test_according_to_an_organisation():
    article = quotes_of("The Harbour Authority met on Monday. According to the authority, 40 ships are waiting.")
    q = only(article, "According to")
    assert q.speaker_text == "the authority" and q.text == "40 ships are waiting"
    assert q.speaker is not None and q.speaker.endswith("harbour-authority")


def test_channel_telegram_and_told_reporters():
    article = quotes_of(
        "Defence Minister Ivan Sokol wrote on Telegram that the convoy had arrived. "
        "Sokol told reporters the road was open again."
    )
    wrote = only(article, "wrote")
    assert wrote.channel == "Telegram" and wrote.text == "that the convoy had arrived"
    told = only(article, "told")
    assert told.speaker == wrote.speaker == "person:ivan-sokol" and told.text == "the road was open again"


def test_relative_clause_speaker_and_paragraph_spanning_quote():
    text = (
        "Lena Ortiz, who chairs the committee, said: “We read every submission.\n\n"
        "“Every single one of them, and we will publish them all.”\n\nThe hearing ends today."
    )
    article = quotes_of(text)
    q = only(article, "said")
    assert q.direct and q.text.startswith("“We read") and q.text.endswith("publish them all.”")
    assert q.speaker == "person:lena-ortiz"


def test_cue_words_inside_a_quotation_are_not_attributions():
    article = quotes_of("“I think we said enough,” the coach said after the match.")
    assert [q.cue for q in article.quotes] == ["said"]
    assert article.quotes[0].speaker_text == "the coach"


def test_no_quotes_in_plain_narration():
    assert quotes_of("The river rose two metres overnight and the bridge was closed.").quotes == []


def test_a_quotation_in_the_next_paragraph_continues_the_quote():
    article = quotes_of("“The dam will hold,” said Rita Holm, the chief engineer.\n\n“We checked every gate twice.”")
    q = only(article, "said")
    assert q.direct and q.text.endswith("“We checked every gate twice.”") and q.speaker == "person:rita-holm"


def test_a_sign_off_line_names_the_speaker():
    text = "Residents told us why.\n\n“The rent doubled in two years and we had to go.”\n\n— Maria Lopez\n\nMore later."
    q = only(quotes_of(text), "—")
    assert q.direct and q.speaker_text == "Maria Lopez"
    inline = quotes_of("Voters wrote in.\n“We cannot afford the new toll at all.” ― Sam Reyes\n“Nor can we, with three children.” ― Maria Lopez")
    assert [q.speaker_text for q in inline.quotes] == ["Sam Reyes", "Maria Lopez"]


def test_a_colon_after_the_verb_phrase_gives_the_verb_subject():
    article = quotes_of("Kelly answered calmly, with a smile: “That can happen at any age, you know.”")
    q = only(article, "answered")
    assert q.direct and q.speaker_text == "Kelly"


def test_as_someone_put_it():
    article = quotes_of("As Senator John Cornyn put it: “This nominee will not be confirmed this year.”")
    q = only(article, "put")
    assert q.direct and q.speaker_text == "Senator John Cornyn"


def test_a_present_tense_verb_inside_a_reported_clause_is_no_attribution_of_its_own():
    article = quotes_of("Most voters in the county say they think the new bridge is too expensive.")
    assert [q.cue for q in article.quotes] == ["say"]


def test_a_possible_statement_is_no_attribution():
    article = quotes_of("The mayor will give the council a chance to respond that the plan is too costly.")
    assert "respond" not in [q.cue for q in article.quotes]


@pytest.mark.parametrize(
    "text, speaker_text",
    [
        ("Danish health officials said on Sunday that the twelve climbers were recovering well.", "Danish health officials"),
        ("A Lisbon airport official told reporters that the flight had left on time.", "A Lisbon airport official"),
        ("Lawyers from Norway said that the families were unlikely to sue the guide.", "Lawyers from Norway"),
        ("Chile's ambassador to Peru confirmed that the cadet was on his way home.", "Chile's ambassador to Peru"),
    ],
)
def test_a_place_or_nationality_that_only_describes_the_speaker_names_no_one(text, speaker_text):
    q = only(quotes_of(text), next(c for c in ("said", "told", "confirmed") if f" {c} " in text))
    assert q.speaker_text == speaker_text and q.speaker is None


def test_an_organisation_in_the_speaker_phrase_stands_for_it():
    q = only(quotes_of("A spokesman for the European Commission said that the talks would resume in May."), "said")
    assert q.speaker == "org:european-commission"


@pytest.mark.parametrize(
    ("second", "speaker"),
    [("Harbour for Families, a parents' group, said", None), ("The trust said", "org:harbour-trust")],
)
def test_an_organisation_sharing_a_first_word_is_not_the_speaker(second, speaker):
    article = quotes_of(f"The polling firm Harbour Trust found that voters were angry. {second} that the plan must go.")
    assert only(article, "said").speaker == speaker


def test_a_name_inside_the_quotation_is_not_who_he_is():
    article = quotes_of(
        "Senator Paul Ramsey spoke in Denver on Monday.\n\n"
        "“I think that’s something Mark Olsen never understood,” he said."
    )
    assert only(article, "said").speaker == "person:paul-ramsey"


@pytest.mark.parametrize(
    ("pronoun", "speaker"),
    [("she", "person:maria-lopez"), ("he", "person:tom-hart")],
)
def test_a_given_name_of_one_gender_tells_who_she_is(pronoun, speaker):
    article = quotes_of(f"Maria Lopez met Tom Hart in Leeds on Monday. “The bridge will open in May,” {pronoun} said.")
    assert only(article, "said").speaker == speaker


@pytest.mark.parametrize(
    ("pronoun", "speaker"),
    [("she", "person:teodora-vance"), ("he", "person:nils-oberg")],
)
def test_the_texts_own_pronouns_tell_who_she_is(pronoun, speaker):
    article = quotes_of(
        "Teodora Vance said she would stand again. The vote was set for June after Nils Oberg "
        f"spoke to the council. “We will win the seat,” {pronoun} told reporters."
    )
    assert only(article, "told").speaker == speaker


@pytest.mark.parametrize(("pronoun", "speaker"), [("she", "person:rosa-klee"), ("he", "person:ivo-brandt")])
def test_a_gendered_noun_beside_a_name_tells_who_she_is(pronoun, speaker):
    article = quotes_of(
        "Rosa Klee, the senator's daughter, wrote to the court on Monday. Ivo Brandt was not there. "
        f"“The letter speaks for itself,” {pronoun} said."
    )
    assert only(article, "said").speaker == speaker


def test_the_one_told_is_not_the_one_who_says():
    article = quotes_of("Senator Alan Price told Nils Oberg that he believed “the vote will pass on Friday.”")
    assert only(article, "believed").speaker == "person:alan-price"
    other = quotes_of("Nils Oberg told Senator Alan Price that he believed “the vote will pass on Friday.”")
    assert only(other, "believed").speaker == "person:nils-oberg"


@pytest.mark.parametrize(
    ("between", "speaker"),
    [(", an adviser to President Tom Hale.", "person:paul-ekberg"), (". President Tom Hale disagreed.", "person:tom-hale")],
)
def test_a_name_inside_the_speakers_phrase_is_not_who_he_is(between, speaker):
    article = quotes_of(f"“Rates will rise,” said Paul Ekberg{between} “It is a better use of capital,” he added.")
    assert only(article, "added").speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Supporters of Mayor Jane Holt said that the count had been rigged.", None),
        ("A spokeswoman for Mayor Jane Holt said that the count had been rigged.", "person:jane-holt"),
        ("Jane Holt supporters said that the count had been rigged.", None),
        ("The campaign of Mayor Jane Holt said that the count had been rigged.", "person:jane-holt"),
        ("Groups urging Mayor Jane Holt to run again said that the count had been rigged.", None),
        ("Mayor Jane Holt, who leads the council, said that the count had been rigged.", "person:jane-holt"),
        ("The city's mayor, Jane Holt, said that the count had been rigged.", "person:jane-holt"),
    ],
)
def test_a_person_in_the_speaker_phrase_stands_for_it_only_as_its_head_or_voice(text, speaker):
    assert only(quotes_of(text), "said").speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A report released by Oxfam on Monday warned that food prices would rise.", "org:oxfam"),
        ("A campaign against Oxfam warned that food prices would rise.", None),
        ("A campaign by Oxfam warned that food prices would rise.", "org:oxfam"),
    ],
)
def test_the_author_of_a_report_speaks_but_its_topic_does_not(text, speaker):
    assert only(quotes_of(text), "warned").speaker == speaker


@pytest.mark.parametrize(
    ("text", "cue", "found"),
    [
        ("Rescuers saw the divers climbing out of the cave at dawn.", "saw", False),
        ("Rescuers saw that the divers were climbing out of the cave at dawn.", "saw", True),
        ("The two reporters once found themselves sharing a flat in Leeds.", "found", False),
        ("The inquiry found that the flat in Leeds was unsafe.", "found", True),
        ("The police continued with their patrols while the march went on.", "continued", False),
        ("“We will stay until the last boat is out,” the chief continued.", "continued", True),
        ("The minister left the hall without saying who had called the meeting.", "saying", False),
        ("The minister left the hall after saying that nobody had called the meeting.", "saying", True),
    ],
)
def test_a_cue_verb_in_a_sense_that_reports_nothing(text, cue, found):
    assert any(q.cue == cue for q in quotes_of(text).quotes) == found


@pytest.mark.parametrize(
    ("second", "speaker"),
    [
        ("The ships wait in the “north basin,” a mile from the shore.", None),
        ("“Nobody works until Friday, and the ships wait a mile from the shore.”", "person:tomas-berg"),
    ],
)
def test_a_phrase_quoted_inside_a_sentence_is_not_the_last_speakers(second, speaker):
    article = quotes_of(f"“The port is closed,” said Tomas Berg, a union leader, on Monday.\n\n{second}")
    q = next(q for q in article.quotes if "north basin" in q.text or "Nobody" in q.text)
    assert q.speaker == speaker


def test_two_quotations_joined_by_and_are_one_speakers():
    article = quotes_of("At the door, Tom Hart shouted “Get out!” and “Leave me alone!” at the officers.")
    assert all(q.speaker == "person:tom-hart" for q in article.quotes if "Leave me" in q.text)
    assert any("Leave me" in q.text for q in article.quotes)


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("Columnist Rita Vogel, in an attempt to draw attention to the mayor's lack of press conferences, "
         "wrote that the city was hiding its budget.", None),
        ("Columnist Rita Vogel wrote in a letter to the council that the city was hiding its budget.", "letter"),
        ("In response to a Post inquiry, a spokeswoman for the council said that the hall was insured.", None),
        ("In a post on her blog, a spokeswoman for the council said that the hall was insured.", "social media"),
    ],
)
def test_a_channel_is_what_the_cues_preposition_governs(text, channel):
    q = next(q for q in quotes_of(text).quotes if q.cue in ("wrote", "said"))
    assert q.channel == channel


def test_a_channel_carries_to_the_speakers_next_quote_only():
    article = quotes_of(
        "Mayor Helen Dorn said at a news conference that the bridge was safe. “We have checked every "
        "bolt,” Dorn said. Police said that the road would reopen on Friday. Dorn said that the budget was tight."
    )
    dorn = [q for q in article.quotes if q.speaker == "person:helen-dorn"]
    assert [q.channel for q in dorn] == ["press conference", "press conference", None]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("His family had prepared a cake for his birthday and relatives were ready to greet him when he came home.", None),
        ("Critics fumed that the bill had been rushed through the house.", "fumed"),
    ],
)
def test_a_verb_outside_the_lexicon_reports_only_a_that_clause(text, cue):
    assert [q.cue for q in quotes_of(text).quotes] == ([cue] if cue else [])


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Spokeswoman Dana Reed met Alex Moore on Monday. “The talks went well,” he said.", "person:alex-moore"),
        ("Spokesman Dana Reed met Alex Moore on Monday. “The talks went well,” he said.", "person:dana-reed"),
        ("Alex Moore met with his Dana Reed supporters on Monday. “The talks went well,” she said.", "person:dana-reed"),
    ],
)
def test_a_title_before_a_name_tells_its_gender_and_a_pronoun_does_not(text, speaker):
    assert only(quotes_of(text), "said").speaker == speaker


@pytest.mark.parametrize(
    ("text", "content"),
    [("Anna Berg reported from Brussels.", None), ("Anna Berg reported on the vote in Brussels.", "on the vote in Brussels")],
)
def test_a_place_or_a_day_alone_is_no_content(text, content):
    assert [q.text for q in quotes_of(text).quotes] == ([content] if content else [])


@pytest.mark.parametrize(
    ("text", "speaker_text", "speaker"),
    [
        ("WASHINGTON (Reuters) - Nuclear experts from Norway said on Monday that the blast was not from "
         "a rocket engine.", "Nuclear experts from Norway", None),
        ("Reuters said on Monday that the blast was not from a rocket engine.", "Reuters", "org:reuters"),
    ],
)
def test_a_dateline_in_the_source_phrase_is_not_the_speaker(text, speaker_text, speaker):
    q = only(quotes_of(text), "said")
    assert (q.speaker_text, q.speaker) == (speaker_text, speaker)

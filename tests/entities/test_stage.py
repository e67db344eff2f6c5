"""The entities stage on small sentences written for these tests, with the real spaCy model."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from helpers import make_article
from storyline.entities import find_entities, resolve_across
from storyline.nlp import load_model
from storyline.record import Entity, join_blocks

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def run(nlp, text: str, name: str = "a.txt"):
    article = make_article(name, text=text)
    return find_entities(article, nlp(article.text))


def entity(article, name: str) -> Entity:
    found = [e for e in article.entities if e.name == name]
    assert found, f"no entity {name!r} among {[e.name for e in article.entities]}"
    return found[0]


def mention_texts(article, label: str | None = None) -> list[str]:
    return [m.text for m in article.mentions if label in (None, m.label)]


# -- gazetteer corrections ------------------------------------------------------------------


def test_a_capital_the_model_calls_a_person_is_a_place(nlp):
    article = run(nlp, "There was no immediate response from Kyiv regarding the new date.")
    kyiv = entity(article, "Kyiv")
    assert kyiv.label == "PLACE" and kyiv.country == "UKR" and kyiv.key == "place:kyiv"


def test_washington_as_government_is_the_capital_with_its_country(nlp):
    article = run(nlp, "Rubio reiterated Washington's readiness to assist in the talks.")
    washington = entity(article, "Washington")
    assert washington.label == "PLACE" and washington.country == "USA"
    assert "Washington's" not in mention_texts(article)


def test_country_names_share_one_key_whatever_the_spelling(nlp):
    article = run(nlp, "The U.S. and Russia met. The United States said little, and America waited.")
    keys = {m.entity for m in article.mentions if m.label == "PLACE" and m.country == "USA"}
    assert keys == {"place:united-states"}
    assert entity(article, "United States").country == "USA"


def test_cities_take_their_country_and_a_dateline_in_capitals_is_the_city(nlp):
    article = run(nlp, "MOSCOW — Delegations will meet in Istanbul next week.")
    assert entity(article, "Istanbul").country == "TUR"
    assert entity(article, "Moscow").country == "RUS"
    assert "MOSCOW" in entity(article, "Moscow").aliases


def test_a_demonym_is_a_nationality_with_its_country(nlp):
    article = run(nlp, "It was the first contact between Russian and Ukrainian delegates since the spring.")
    ukrainian = [m for m in article.mentions if m.text == "Ukrainian"]
    assert ukrainian and ukrainian[0].label == "NORP" and ukrainian[0].country == "UKR"


def test_portfolio_words_of_a_title_are_not_organisations(nlp):
    article = run(
        nlp,
        "Ukrainian Defense Minister Anton Kovalenko met U.S. Secretary of State Marla Jennings on Monday.",
    )
    assert "Defense" not in mention_texts(article)
    assert "State" not in mention_texts(article)
    assert entity(article, "Anton Kovalenko").titles == ("Ukrainian Defense Minister",)
    assert entity(article, "Anton Kovalenko").country == "UKR"
    assert entity(article, "Marla Jennings").titles == ("U.S. Secretary of State",)
    assert entity(article, "Marla Jennings").country == "USA"


def test_a_surname_the_model_calls_an_organisation_is_the_person(nlp):
    article = run(
        nlp,
        "Russian Foreign Minister Sergei Lavrov announced the date on Wednesday.\n\n"
        "Lavrov’s remarks signal a willingness to talk. Lavrov said so in a statement.",
    )
    lavrov = entity(article, "Sergei Lavrov")
    assert lavrov.key == "person:sergei-lavrov" and lavrov.country == "RUS"
    assert lavrov.aliases == ("Sergei Lavrov", "Lavrov")
    assert all(m.label == "PERSON" and m.entity == lavrov.key for m in article.mentions if "Lavrov" in m.text)
    assert "Russian Foreign Minister" in lavrov.titles


# -- titles and roles -----------------------------------------------------------------------


def test_former_stays_in_the_title(nlp):
    article = run(nlp, "The deal was discussed with former U.S. President Donald Trump last year.")
    trump = entity(article, "Donald Trump")
    assert trump.titles == ("former U.S. President",) and trump.country == "USA"
    mention = next(m for m in article.mentions if m.text == "Donald Trump")
    assert mention.title == "former U.S. President" and mention.country == "USA"


def test_title_cut_off_a_name_the_model_folded_it_into(nlp):
    article = run(nlp, "Vladimir Putin spoke with President Trump on Monday. Donald Trump agreed.")
    trump = entity(article, "Donald Trump")
    assert "President" in trump.titles
    assert all(m.text in ("Trump", "Donald Trump") for m in article.mentions if m.entity == trump.key)


def test_apposition_after_the_name_with_a_possessive_country(nlp):
    article = run(
        nlp,
        "Earlier on Wednesday, Vladimir Medinsky, head of Russia’s negotiating delegation, said he "
        "had reached out to Kyiv.",
    )
    medinsky = entity(article, "Vladimir Medinsky")
    assert medinsky.titles == ("head of Russia’s negotiating delegation",)
    assert medinsky.country == "RUS"
    assert "Wednesday" not in " ".join(medinsky.titles)


def test_apposition_before_the_name(nlp):
    article = run(nlp, "His team submitted the draft to Russia’s chief negotiator, Vladimir Medinsky.")
    medinsky = entity(article, "Vladimir Medinsky")
    assert medinsky.titles == ("Russia’s chief negotiator",) and medinsky.country == "RUS"


def test_a_lower_case_role_after_an_organisation(nlp):
    article = run(nlp, "Separately, Russian Foreign Ministry spokesperson Maria Zakharova said both sides agreed.")
    zakharova = entity(article, "Maria Zakharova")
    assert zakharova.titles == ("Russian Foreign Ministry spokesperson",) and zakharova.country == "RUS"
    assert entity(article, "Russian Foreign Ministry").country == "RUS"


def test_mentions_carry_their_sentence(nlp):
    article = run(nlp, "The talks ended. Sergei Lavrov said the next round is in Istanbul.")
    mention = next(m for m in article.mentions if m.text == "Sergei Lavrov")
    sentence = article.text[mention.sentence_start : mention.sentence_end]
    assert sentence.startswith("Sergei Lavrov said") and sentence.endswith("Istanbul.")


# -- linking within an article --------------------------------------------------------------


def test_surname_links_to_the_full_name(nlp):
    article = run(nlp, "Rustem Umerov leads the delegation. Umerov said the team is ready.")
    keys = {m.entity for m in article.mentions if "Umerov" in m.text}
    assert keys == {"person:rustem-umerov"}
    assert len([e for e in article.entities if e.label == "PERSON"]) == 1


@pytest.mark.parametrize(
    "text, full, short",
    [
        ("The student union's acting president, Ken Woo Kwok-wang, spoke to reporters.\n\n"
         "Woo said the students would stay on the campus.", "Ken Woo Kwok-wang", "Woo"),
        ("South Korean President Moon Jae-in arrived in Pyongyang on Tuesday.\n\n"
         "Moon said the talks would be frank.", "Moon Jae-in", "Moon"),
        ("The actress Catherine Zeta-Jones opened the festival.\n\n"
         "Zeta-Jones said she was delighted.", "Catherine Zeta-Jones", "Zeta-Jones"),
    ],
)
def test_a_name_written_surname_first_links_its_surname(nlp, text, full, short):
    article = run(nlp, text)
    person = entity(article, full)
    lone = [m for m in article.mentions if m.text == short]
    assert lone and all(m.entity == person.key for m in lone), [(m.text, m.entity) for m in article.mentions]


def test_two_people_sharing_a_surname_stay_apart(nlp):
    article = run(
        nlp,
        "Anna Petrova met Olga Petrova in Vienna on Monday. Petrova said the meeting went well.",
    )
    anna, olga = entity(article, "Anna Petrova"), entity(article, "Olga Petrova")
    assert anna.key != olga.key
    lone = [m for m in article.mentions if m.text == "Petrova"]
    assert lone and all(m.entity not in (anna.key, olga.key) for m in lone)


# -- paragraphs and headings ----------------------------------------------------------------


def heading_article(nlp, blocks, forced: list[tuple[str, str, str]] = ()):
    """find_entities on blocks joined as the clean stage joins them; `forced` replaces the
    model's spans with (first word, last word, label) spans, to test its worst cases."""
    body, paragraphs = join_blocks(blocks)
    article = make_article(text="x")
    article.text, article.paragraphs = body, paragraphs
    doc = nlp(body)
    if forced:
        words = [t.text for t in doc]
        doc.ents = [Span(doc, words.index(a), words.index(b) + 1, label=label) for a, b, label in forced]
    return find_entities(article, doc)


GLUED = [
    ("body", "He added that Moscow expects a formal response from"),
    ("heading", "Ceasefire Frameworks Under Discussion"),
    ("body", "Separately, Maria Zakharova said both sides had agreed to draft proposals."),
]


def test_a_heading_is_never_read_into_a_name(nlp):
    article = heading_article(nlp, GLUED)
    heading = article.paragraphs[1]
    assert not [m for m in article.mentions if m.start < heading.end and m.end > heading.start]
    assert entity(article, "Maria Zakharova")


def test_a_heading_the_model_calls_an_organisation_is_no_name(nlp):
    for forced in (("Ceasefire", "Discussion", "ORG"), ("from", "Discussion", "ORG"), ("Ceasefire", "Separately", "ORG")):
        article = heading_article(nlp, GLUED, [forced])
        assert not any("Ceasefire" in e.name or "Discussion" in e.name for e in article.entities), forced
        assert not any(m.text in ("from", "Separately") for m in article.mentions), forced


def test_a_heading_keeps_names_the_body_or_gazetteer_vouch_for(nlp):
    article = heading_article(nlp, [("heading", "Talks Return to Istanbul"), ("body", "Delegations met in Istanbul.")])
    assert [m.entity for m in article.mentions] == ["place:istanbul", "place:istanbul"]
    article = heading_article(nlp, [("heading", "Peace Council Weighs Offer"), ("body", "The Peace Council met.")])
    assert [m.text for m in article.mentions] == ["Peace Council", "Peace Council"]


def test_a_span_never_crosses_a_paragraph_boundary(nlp):
    blocks = [("body", "The response came from Kyiv"), ("body", "Frameworks were discussed later.")]
    # the model's worst case: one span running from the first paragraph into the second
    found = heading_article(nlp, blocks, [("Kyiv", "Frameworks", "ORG")])
    for mention in found.mentions:
        inside = [p for p in found.paragraphs if p.start <= mention.start and mention.end <= p.end]
        assert inside, f"{mention.text!r} crosses a paragraph boundary"
    assert [m.text for m in found.mentions] == ["Kyiv"]


# -- across articles ------------------------------------------------------------------------


def test_resolve_across_links_a_surname_to_the_one_full_name(nlp):
    first = run(nlp, "Norwegian Prime Minister Erik Halvorsen arrived in Oslo.", name="a.txt")
    second = run(nlp, "Prime Minister Halvorsen said on Tuesday that talks would go on.", name="b.txt")
    assert entity(second, "Halvorsen").key == "person:halvorsen"
    resolved = resolve_across([first, second])
    halvorsen = entity(resolved[1], "Erik Halvorsen")
    assert halvorsen.key == "person:erik-halvorsen"
    assert "Halvorsen" in halvorsen.aliases and "Prime Minister" in halvorsen.titles
    assert halvorsen.country == "NOR"  # the one country the corpus gives him
    assert {m.entity for m in resolved[1].mentions if m.label == "PERSON"} == {"person:erik-halvorsen"}


def test_resolve_across_uses_known_entities(nlp):
    article = run(nlp, "Prime Minister Halvorsen said on Tuesday that talks would go on.")
    known = [Entity("person:erik-halvorsen", "Erik Halvorsen", "PERSON", "NOR")]
    resolved = resolve_across([article], known)
    assert entity(resolved[0], "Erik Halvorsen").key == "person:erik-halvorsen"


def test_resolve_across_leaves_a_surname_two_full_names_share(nlp):
    articles = [
        run(nlp, "Anna Petrova arrived in Vienna on Monday.", name="a.txt"),
        run(nlp, "Olga Petrova arrived in Vienna on Monday.", name="b.txt"),
        run(nlp, "Minister Petrova said the meeting went well.", name="c.txt"),
    ]
    resolved = resolve_across(articles)
    assert {m.entity for m in resolved[2].mentions if m.text == "Petrova"} == {"person:petrova"}


def test_resolve_across_never_crosses_labels():
    from storyline.record import Mention

    org = make_article("a.txt", text="Halvorsen announced results.")
    org.mentions = [Mention(0, 9, "Halvorsen", "ORG", entity="org:halvorsen")]
    org.entities = [Entity("org:halvorsen", "Halvorsen", "ORG")]
    known = [Entity("person:erik-halvorsen", "Erik Halvorsen", "PERSON", "NOR")]
    resolved = resolve_across([org], known)
    assert resolved[0].entities == org.entities and resolved[0].mentions == org.mentions


def test_a_name_the_model_missed_after_a_role_is_a_person(nlp):
    article = run(nlp, "He said he had reached out to Ukrainian Defense Minister Rustem Umerov with a proposal.")
    umerov = entity(article, "Rustem Umerov")
    assert umerov.label == "PERSON" and umerov.country == "UKR"
    assert umerov.titles == ("Ukrainian Defense Minister",)


def test_a_town_after_in_is_a_place_and_a_role_makes_an_organisation_a_person(nlp):
    article = run(
        nlp,
        'Talks resumed in Bergen on Tuesday. "We are close," Governor Rodrigo Alvear told reporters.',
    )
    assert entity(article, "Bergen").label == "PLACE" and entity(article, "Bergen").country == "NOR"
    alvear = entity(article, "Rodrigo Alvear")
    assert alvear.label == "PERSON" and alvear.titles == ("Governor",)


def test_a_name_never_runs_over_a_dash(nlp):
    # the model's worst case: a dateline read with the sentence's first word as one name
    article = heading_article(nlp, [("body", "ROTTERDAM — Container traffic resumed.")], [("ROTTERDAM", "Container", "PERSON")])
    assert [(m.text, m.label, m.entity) for m in article.mentions] == [("ROTTERDAM", "PLACE", "place:rotterdam")]

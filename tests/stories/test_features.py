"""Terms, incremental IDF, cosine pieces and date gaps."""

from __future__ import annotations

import datetime as dt

from storyline.record import Entity, TimeExpression
from storyline.stories import story_input
from storyline.stories.features import Vocabulary, dot, fold, gap_days, normalised, term_frequencies, terms
from helpers import make_article


def test_terms_fold_case_accents_plurals_and_drop_stopwords():
    assert terms("The Miners of Elazığ said the cities' 4.75% rate") == ["miner", "elazig", "city", "4.75", "rate"]
    assert fold("Hülya") == "hulya"


def test_fold_decomposes_only_what_is_not_ascii_and_gives_the_whole_text_reading():
    # a combining mark after an ASCII letter, letters NFKD leaves whole, ligatures, compatibility forms
    assert fold("e\u0301cole Øresund Łódź straße İzmir ﬁle ½") == "ecole oresund lodz strasse izmir file 1⁄2"
    assert fold("plain ASCII Text") == "plain ascii text"


def test_sublinear_term_frequency():
    tf = term_frequencies(["a", "a", "b"])
    assert tf["b"] == 1.0 and 1.69 < tf["a"] < 1.7


def test_idf_grows_with_rarity_and_updates_incrementally():
    v = Vocabulary()
    v.add(["quake", "turkey"])
    v.add(["quake", "talks"])
    assert v.idf("talks") > v.idf("quake") >= 1.0
    before = v.idf("talks")
    v.add(["talks"])
    assert v.idf("talks") < before
    assert v.idf("never-seen") > v.idf("talks")


def test_vectors():
    a = normalised({"x": 3.0, "y": 4.0})
    assert a == {"x": 0.6, "y": 0.8}
    assert abs(dot(a, a) - 1.0) < 1e-9 and dot(a, {"z": 1.0}) == 0.0


def test_gap_days_to_a_span():
    d = dt.date
    assert gap_days(d(2025, 3, 5), d(2025, 3, 4), d(2025, 3, 6)) == 0.0
    assert gap_days(d(2025, 3, 10), d(2025, 3, 4), d(2025, 3, 6)) == 4.0
    assert gap_days(d(2025, 3, 1), d(2025, 3, 4), d(2025, 3, 6)) == 3.0
    assert gap_days(None, d(2025, 3, 4), d(2025, 3, 6)) is None


def test_story_input_from_an_article():
    article = make_article(
        "x.txt", text="Body.", title="Head", published="2025-03-04", outlet="Ledger",
        entities=[Entity("person:ana-velt", "Ana Velt", "PERSON"), Entity("misc:x", "X", "MISC")],
        dates=[TimeExpression(0, 4, "June 2", "DATE", "2025-06-02", "day", True),
               TimeExpression(0, 4, "June", "DATE", "2025-06", "month", True)],
    )
    got = story_input(article)
    assert (got.id, got.title, got.text, got.published, got.outlet) == (article.id, "Head", "Body.", "2025-03-04", "Ledger")
    assert got.entities == ("person:ana-velt",) and got.event_dates == ("2025-06-02",)


def test_names_are_words_capitalised_inside_a_sentence():
    from storyline.stories.features import names

    text = "The Indian navy captured 23 Somali pirates in the Gulf of Aden . Officials said so ."
    assert names(text) == {"indian", "somali", "gulf", "aden"}  # not 'the' or 'officials' (sentence starts)
    assert names("Supreme Court Sides With Police Officers In Two Cases") == set()  # a title-case headline


def test_a_word_also_written_in_lower_case_or_a_month_is_not_a_name():
    from storyline.stories.features import names

    text = ("The hearing before Judge Mara Quell ended in June . The judge said Quell would rule "
            "in July , and officers from Harbour Police waited outside .")
    assert names(text) == {"mara", "quell", "harbour", "police"}  # 'judge' is also 'the judge'


def test_central_names_are_the_repeated_ones_heaviest_first():
    from storyline.stories.features import central_names

    tf = term_frequencies("vell vell vell roh roh roh roh kessel kessel kessel lund".split())
    vocab = Vocabulary()
    for doc in (["kessel"], ["kessel"], ["roh"]):
        vocab.add(doc)
    found = {"vell", "roh", "kessel", "lund"}
    # lund is named once: not central. By tf-idf, vell (new to the stream) comes before roh
    # (named more often, but seen in an earlier article), and kessel (seen twice) last
    assert central_names(found, tf, vocab.idf, top=3, min_count=3) == ("vell", "roh", "kessel")
    assert central_names(found, tf, vocab.idf, top=2, min_count=3) == ("vell", "roh")
    assert central_names(found, tf, vocab.idf, top=3, min_count=4) == ("roh",)
    assert central_names(set(), tf, vocab.idf, top=3, min_count=3) == ()

"""stages/nlp.py: the one model, paragraph-bounded sentences, non-English left alone."""

from dataclasses import replace

import pytest

from helpers import make_article
from storyline.stages.nlp import analyse, load_model

pytestmark = pytest.mark.slow


def test_sentences_never_cross_a_paragraph_break():
    doc = load_model()("The council expects an answer from\n\nHarbour Plans Under Review\n\nThe mayor said work begins in May.")
    assert [s.text.strip() for s in doc.sents] == [
        "The council expects an answer from", "Harbour Plans Under Review", "The mayor said work begins in May."]


def test_english_articles_are_analysed_and_others_pass_through_untouched():
    english = make_article("en.txt", text="Mayor Anna Berg of Oslo said on Monday that the harbour would reopen.",
                           language="en", published="2025-03-03")
    german = make_article("de.txt", text="Bürgermeisterin Anna Berg sagte am Montag, der Hafen werde wieder öffnen.",
                          language="de", published="2025-03-03")
    done = {a.name: a for a in analyse([english, german])}
    assert any(e.name == "Anna Berg" for e in done["en.txt"].entities)
    assert done["en.txt"].sentences and done["en.txt"].dates
    assert done["de.txt"] == german, "a non-English article is stored and flagged, not mangled"


def test_articles_come_back_in_input_order_whatever_their_language():
    items = [make_article(f"{i}.txt", text=f"Report number {i} about the harbour works.", language=lang)
             for i, lang in enumerate(["en", "fr", "en", "de", "en"])]
    assert [a.name for a in analyse(items)] == [a.name for a in items]
    assert [replace(a, sentences=[]).language for a in analyse(items)] == ["en", "fr", "en", "de", "en"]


def test_a_long_ingest_does_not_grow_the_vocabulary_and_results_do_not_depend_on_it():
    nlp = load_model()
    assert load_model(None) is nlp and load_model("") is nlp, "one model per process, however it is asked for"
    # words no vocabulary holds, many more articles than one memory zone parses
    tags = [a + b for a in "bdfgklmnprstvz" for b in "aeiou"][:70]
    items = [make_article(f"{i}.txt", text=f"Minister Anna Zarvo{t}ski of Quel{t}bridge told Reuters on Monday "
                                          f"that the Vostrel{t} accord would hold.", language="en")
             for i, t in enumerate(tags)]
    strings_before = len(nlp.vocab.strings)
    done = list(analyse(items, batch_size=4))
    assert f"Zarvo{tags[3]}ski" not in nlp.vocab.strings and f"quel{tags[-1]}bridge" not in nlp.vocab.strings
    assert len(nlp.vocab.strings) == strings_before
    # what the parse found survives its words being forgotten, and is what one article alone gets
    alone = list(analyse(items[3:4]))[0]
    assert any(e.name == f"Anna Zarvo{tags[3]}ski" for e in done[3].entities), [e.name for e in done[3].entities]
    assert (done[3].sentences, done[3].entities, done[3].dates) == (alone.sentences, alone.entities, alone.dates)

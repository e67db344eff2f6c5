"""nlp/stage.py: the one model, paragraph-bounded sentences, non-English left alone."""

from dataclasses import replace

import pytest

from helpers import make_article
from storyline.nlp import analyse, load_model

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


def test_the_model_is_loaded_once_however_it_is_asked_for():
    assert load_model(None) is load_model() and load_model("") is load_model()

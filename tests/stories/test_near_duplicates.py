"""MinHash/LSH near-duplicates on invented texts."""

from __future__ import annotations

from storyline.stories.near_duplicates import NearDuplicates, shingles, signature, similarity

WIRE = ("ALDMOOR — Floodwaters swept through the river town of Aldmoor on Tuesday after the "
        "Brenn dam overflowed, forcing two thousand residents from their homes. The county "
        "sheriff said rescue boats had reached every street by nightfall and that no one was "
        "missing. Engineers will inspect the dam's spillway on Wednesday, the water authority "
        "said in a statement, adding that the reservoir level was falling. \"We were lucky "
        "this time,\" said the mayor, who thanked volunteers from three neighbouring villages.")
REPRINT = ("ALDMOOR — Floodwaters swept through the river town of Aldmoor on Tuesday after the "
           "Brenn dam overflowed, forcing 2,000 residents from their homes. The county "
           "sheriff said rescue boats had reached every street by nightfall and that no one was "
           "missing. Engineers will inspect the dam's spillway on Wednesday, the water authority "
           "said in a statement, adding that the reservoir level was falling. (Wire service)")
OWN_REPORT = ("Two thousand people left Aldmoor overnight as water poured over the Brenn dam. "
              "Boats went street by street; the sheriff's office reported no missing persons. "
              "An inspection of the spillway is planned, according to the water authority.")


def test_shingles_are_folded_word_trigrams():
    assert shingles("Élan vital, Élan") == {"elan vital elan"}


def test_a_lightly_edited_copy_is_found_and_an_own_report_is_not():
    index = NearDuplicates()
    assert index.add("wire", WIRE) is None
    copy = index.add("reprint", REPRINT)
    assert copy is not None and copy.original == "wire" and copy.similarity >= 0.5
    assert index.add("own", OWN_REPORT) is None
    assert index.original_of("reprint") == "wire" and index.original_of("own") is None


def test_a_copy_of_a_copy_points_at_the_first():
    index = NearDuplicates()
    index.add("wire", WIRE)
    index.add("reprint", REPRINT)
    again = index.add("again", REPRINT + " Copyright notice.")
    assert again is not None and again.original == "wire"


def test_short_texts_are_not_compared():
    assert signature("Too short to say.") is None
    assert NearDuplicates().add("x", "Too short to say.") is None


def test_signatures_estimate_jaccard():
    a, b = signature(WIRE), signature(REPRINT)
    exact = len(shingles(WIRE) & shingles(REPRINT)) / len(shingles(WIRE) | shingles(REPRINT))
    assert abs(similarity(a, b) - exact) < 0.2
    assert similarity(a, a) == 1.0


def test_old_articles_leave_the_window():
    index = NearDuplicates(window_days=7)
    index.add("wire", WIRE, day_ordinal=100)
    index.add("other", OWN_REPORT, day_ordinal=120)
    assert index.add("reprint", REPRINT, day_ordinal=120) is None


def test_adding_an_article_again_gives_the_same_answer_and_indexes_nothing_twice():
    index = NearDuplicates(window_days=7)
    assert index.add("wire", WIRE, 1) is None
    first = index.add("reprint", REPRINT, 1)
    assert index.add("reprint", REPRINT, 1) == first  # not a copy of itself
    assert index.add("wire", WIRE, 1) is None
    index.add("own", OWN_REPORT, 20)  # both leave the window: their band entries go with them
    again = index.add("late", WIRE, 20)
    assert again is None

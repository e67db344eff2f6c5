"""compare/verdicts.py on hand-built Articles: each verdict, independence, never-conflict rules."""

from __future__ import annotations

from storyline.compare import compare_story
from storyline.record import Entity, Mention
from tests.helpers import make_article


def _art(name, text, outlet, published, **kw):
    return make_article(name, text=text, outlet=outlet, published=published, sentences=[(0, len(text))], **kw)


def _numbers(comparison, verdict):
    return [v for v in comparison.of(verdict) if v.kind == "number"]


def test_same_count_from_two_outlets_is_corroborated():
    a = _art("a", "The quake killed 12 people in the valley.", "One", "2025-01-01")
    b = _art("b", "At least 12 people were killed by the quake.", "Two", "2025-01-01")
    c = compare_story([a, b], {})
    assert [v.about for v in _numbers(c, "corroborated")] == ["killed"]


def test_copies_and_one_outlet_count_once():
    a = _art("a", "The quake killed 12 people in the valley.", "One", "2025-01-01")
    b = _art("b", "The quake killed 12 people in the valley, officials said.", "Two", "2025-01-01")
    same = _art("c", "Twelve people were killed by the quake.", "One", "2025-01-02")
    assert _numbers(compare_story([a, b], {b.id: a.id}), "single_source")
    assert _numbers(compare_story([a, same], {}), "single_source")


def test_different_counts_conflict_and_list_every_sentence():
    a = _art("a", "The quake killed 21 people.", "One", "2025-01-01")
    b = _art("b", "At least 25 people were killed.", "Two", "2025-01-01")
    (conflict,) = _numbers(compare_story([a, b], {}), "conflict")
    assert {s.sentence for s in conflict.sources} == {a.text, b.text}


def test_a_later_count_bounded_in_time_is_an_update():
    a = _art("a", "Seismologists recorded more than 140 aftershocks by mid-afternoon.", "One", "2025-01-01")
    b = _art("b", "The agency said it had recorded more than 200 aftershocks since the main quake.", "Two", "2025-01-02")
    c = compare_story([a, b], {})
    assert not _numbers(c, "conflict")
    (update,) = _numbers(c, "update")
    assert update.values[0].sources[0].article == b.id and update.earlier[0].article == a.id


def test_a_development_after_a_pending_state_is_an_update():
    a = _art("a", "The deal still needs the approval of the Icelandic government.", "One", "2025-01-01")
    b = _art("b", "The Icelandic government approved the deal on Monday.", "Two", "2025-01-03")
    c = compare_story([a, b], {})
    assert [v.values[0].sources[0].article for v in c.of("update")] == [b.id]
    assert not c.of("conflict")


def _titled(name, title, outlet, key="person:ana-sol"):
    text = f"{title} Ana Sol spoke on Monday."
    m = Mention(len(title) + 1, len(title) + 8, "Ana Sol", "PERSON", key, title, None, 0, len(text))
    return _art(name, text, outlet, "2025-01-01", mentions=[m], entities=[Entity(key, "Ana Sol", "PERSON", titles=(title,))])


def test_former_versus_current_title_conflicts():
    c = compare_story([_titled("a", "U.S. President", "One"), _titled("b", "former U.S. President", "Two")], {})
    (conflict,) = [v for v in c.of("conflict") if v.kind == "title"]
    assert {v.value for v in conflict.values} == {"U.S. President", "former U.S. President"}


def test_more_or_less_detail_and_other_roles_never_conflict():
    c = compare_story([_titled("a", "Foreign Minister", "One"), _titled("b", "Russian Foreign Minister", "Two")], {})
    assert not c.of("conflict")
    c = compare_story([_titled("a", "Professor", "One"), _titled("b", "seismologist", "Two")], {})
    assert not c.of("conflict")
    assert any(v.variants for v in c.verdicts if v.kind == "title")


def test_namesakes_are_never_in_conflict():
    c = compare_story([_titled("a", "President", "One", "person:ana-sol"), _titled("b", "former President", "Two", "person:ana-sol-2")], {})
    assert not c.of("conflict")


def test_different_stories_are_never_compared():
    a = _art("a", "The quake killed 21 people.", "One", "2025-01-01")
    b = _art("b", "At least 25 people were killed.", "Two", "2025-01-01")
    assert not compare_story([a], {}).of("conflict") and not compare_story([b], {}).of("conflict")


def _phrases(comparison, verdict):
    return [v for v in comparison.of(verdict) if v.kind == "phrase"]


def test_an_end_day_told_in_different_words_and_tenses_is_corroborated():
    a = _art("a", "The summit ends on Friday.", "One", "2025-05-06")  # a Tuesday: the coming Friday
    b = _art("b", "The summit closed in Oslo on Friday with a joint statement.", "Two", "2025-05-10")  # Saturday: the past Friday
    (v,) = _phrases(compare_story([a, b], {}), "corroborated")
    assert v.about.endswith("2025-05-09") and v.values[0].independent_sources == 2


def test_a_hyphenated_open_ended_is_not_an_end():
    a = _art("a", "Workers began an open-ended strike on Monday.", "One", "2025-05-06")
    assert not _phrases(compare_story([a], {}), "single_source")


def test_where_an_event_was_centred_folds_accents_and_wording():
    a = _art("a", "The tremor was centred near Dörtyol, officials said.", "One", "2025-05-06")
    b = _art("b", "Its epicenter was near the town of Dortyol.", "Two", "2025-05-06")
    c = _art("c", "The quake was centred in the Dortyol district.", "Three", "2025-05-06")
    (v,) = _phrases(compare_story([a, c], {}), "corroborated")
    assert v.values[0].independent_sources == 2
    assert not _phrases(compare_story([b], {}), "corroborated")  # "epicenter was near": no phrase, no claim


def test_a_term_from_a_verb_and_its_noun_is_corroborated_and_different_terms_are_not_a_conflict():
    a = _art("a", "The minister said the treaty would be reviewed in five years.", "One", "2025-05-06")
    b = _art("b", "The treaty includes a review after five years.", "Two", "2025-05-07")
    c = _art("c", "The treaty includes a review after 10 years.", "Three", "2025-05-07")
    assert len(_phrases(compare_story([a, b], {}), "corroborated")) == 1
    assert not _phrases(compare_story([a, c], {}), "conflict")


def test_a_wire_sentence_every_copy_repeats_and_its_paraphrase_are_one_corroborated_statement():
    wire = "Rescue teams pulled fourteen miners from the flooded Kafue shaft overnight."
    arts = [_art(n, wire, o, "2025-01-01") for n, o in (("a", "One"), ("b", "Two"), ("c", "Three"))]
    arts.append(_art("d", "Rescue teams pulled the fourteen miners out of the flooded Kafue shaft.", "Four", "2025-01-02"))
    arts.append(_art("e", "Officials in Lusaka promised an inquiry into the safety record.", "Five", "2025-01-02"))
    statements = [v for v in compare_story(arts, {}).verdicts if v.kind == "statement"]
    (wire_fact,) = [v for v in statements if v.verdict == "corroborated"]
    assert {s.article for s in wire_fact.sources} == {a.id for a in arts[:4]}
    assert wire_fact.values[0].independent_sources == 4
    assert [v.verdict for v in statements if v is not wire_fact] == ["single_source"]


def test_a_claim_takes_the_sentence_it_sits_in_whatever_order_the_spans_come_in():
    from storyline.compare import article_claims

    text = "The talks opened in Bergen. Kafue Copper Holdings said output would resume."
    second = text.index("Kafue")
    m = Mention(second, second + len("Kafue Copper Holdings"), "Kafue Copper Holdings", "ORG", "org:kafue-copper", sentence_start=second, sentence_end=len(text))
    for spans in ([(0, second - 1), (second, len(text))], [(second, len(text)), (0, second - 1)]):
        art = make_article("a", text=text, outlet="One", published="2025-01-01", sentences=spans, mentions=[m])
        (claim,) = [c for c in article_claims(art) if c.kind == "entity"]
        assert (claim.source.start, claim.source.end, claim.source.sentence) == (second, len(text), text[second:])

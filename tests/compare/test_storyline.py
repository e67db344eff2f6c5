"""compare/storyline.py and storyline_timeline on hand-built stories: values followed from story to
story as updates, each story still judged on its own, background numbers and unknown dates."""

from __future__ import annotations

import json
import re

from storyline.compare import StoryArticles, actor_timeline, compare_story, compare_storyline, storyline_timeline
from storyline.record import Actor, Entity, Event, Mention, TimeExpression
from tests.helpers import make_article


def _art(name, text, outlet, published, **kw):
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    return make_article(name, text=text, outlet=outlet, published=published, sentences=spans, **kw)


def _story(story, *articles, copies=None):
    return StoryArticles(story, list(articles), copies or {})


def _killed(result):
    return [u for u in result.updates if (u.kind, u.about) == ("number", "killed")]


def _steps(updates):
    return [(u.earlier.story, u.earlier.value, u.later.story, u.later.value) for u in updates]


def _rising_toll():
    return [
        _story("s1",
               _art("a1", "The earthquake killed 77 people in Malatya province.", "Wire", "2025-02-06"),
               _art("a2", "Rescuers said the earthquake killed 77 people in Malatya.", "Courier", "2025-02-06")),
        _story("s2", _art("b1", "Officials said 80 people have died in the Malatya earthquake.", "Wire", "2025-02-07")),
        _story("s3", _art("c1", "Officials said 84 people have died since the quake.", "Times", "2025-02-09")),
    ]  # fmt: skip


def test_a_rising_toll_across_three_stories_is_a_chain_of_updates_not_a_conflict():
    stories = _rising_toll()
    result = compare_storyline(stories)
    assert _steps(_killed(result)) == [("s1", "77", "s2", "80"), ("s2", "80", "s3", "84")]
    assert [r.value for r in result.chains()[("number", "killed")]] == ["77", "80", "84"]
    assert not any(c.of("conflict") for c in result.comparisons.values())
    first = _killed(result)[0]
    assert first.earlier.independent_sources == 2
    assert [(s.article, s.outlet, s.published, s.sentence) for s in first.later.sources] == [
        (stories[1].articles[0].id, "Wire", "2025-02-07", "Officials said 80 people have died in the Malatya earthquake.")
    ]
    assert {s.outlet for s in first.earlier.sources} == {"Wire", "Courier"}
    json.dumps(result.as_dict())


def test_the_list_order_orders_nothing_the_dates_do():
    stories = _rising_toll()
    assert _steps(_killed(compare_storyline(stories[::-1]))) == _steps(_killed(compare_storyline(stories)))


def test_two_outlets_with_different_tolls_on_one_day_still_conflict_within_their_story():
    stories = [
        _story("s1", _art("a1", "The earthquake killed 77 people in Malatya province.", "Wire", "2025-02-06")),
        _story("s2",
               _art("b1", "Officials said 80 people have died in the Malatya earthquake.", "Wire", "2025-02-07"),
               _art("b2", "Officials in Malatya said 82 people had been killed.", "Courier", "2025-02-07")),
    ]  # fmt: skip
    result = compare_storyline(stories)
    (conflict,) = [v for v in result.comparisons["s2"].of("conflict") if v.kind == "number"]
    assert {v.value for v in conflict.values} == {"80", "82"}
    for story in stories:  # each story's comparison is exactly compare_story's
        assert result.comparisons[story.story].as_dict() == compare_story(story.articles, story.copies).as_dict()
    # across stories both later values update the earlier one; the two of one story never do
    assert sorted(_steps(_killed(result))) == [("s1", "77", "s2", "80"), ("s1", "77", "s2", "82")]


def test_a_number_about_another_event_is_compared_with_nothing():
    later = _art(
        "b1",
        "Officials said 80 people have died in the Malatya earthquake. "
        "The quake came two weeks after a landslide in the north killed 30 people. "
        "The earthquakes of February 2023, which killed more than 50,000 people, left scars.",
        "Wire", "2025-02-07",
    )  # fmt: skip
    month = later.text.index("February 2023")
    later.dates = [TimeExpression(month, month + len("February 2023"), "February 2023", "DATE", "2023-02", "month", True)]
    stories = [_story("s1", _art("a1", "The earthquake killed 77 people in Malatya province.", "Wire", "2025-02-06")),
               _story("s2", later)]  # fmt: skip
    result = compare_storyline(stories)
    assert _steps(_killed(result)) == [("s1", "77", "s2", "80")]
    told = {v.value for verdict in result.comparisons["s2"].verdicts if verdict.kind == "number" for v in verdict.values}
    assert told == {"80"}


def test_unknown_dates_never_order_anything():
    s1 = _story("s1", _art("a1", "The earthquake killed 77 people in Malatya province.", "Wire", "2025-02-06"))
    undated = _story("s2", _art("b1", "Officials said 80 people have died in the Malatya earthquake.", "Wire", None))
    s3 = _story("s3", _art("c1", "Officials said 84 people have died since the quake.", "Times", "2025-02-09"))
    # the undated story takes part in nothing: the dated ones around it are followed
    assert _steps(_killed(compare_storyline([s1, undated, s3]))) == [("s1", "77", "s3", "84")]
    # alone with it, a dated story has nothing to follow, whatever the list's order
    assert not compare_storyline([s1, undated]).updates and not compare_storyline([undated, s3]).updates
    # and one day is no order either
    same_day = _story("s2", _art("b1", "Officials said 80 people have died in the Malatya earthquake.", "Wire", "2025-02-06"))
    assert not compare_storyline([s1, same_day]).updates


def test_the_same_toll_told_again_carries_on_and_is_no_update():
    s1 = _story("s1", _art("a1", "The earthquake killed 77 people in Malatya province.", "Wire", "2025-02-06"))
    s2 = _story("s2", _art("b1", "Rescuers said the earthquake killed 77 people in Malatya.", "Times", "2025-02-08"))
    s3 = _story("s3", _art("c1", "Officials said 84 people have died since the quake.", "Times", "2025-02-09"))
    assert not compare_storyline([s1, s2]).updates
    assert _steps(_killed(compare_storyline([s1, s2, s3]))) == [("s2", "77", "s3", "84")]


def test_a_story_that_updates_itself_hands_on_its_latest_count_and_one_in_conflict_both():
    s1 = _story("s1",
                _art("a1", "The earthquake killed 77 people in Malatya province.", "Wire", "2025-02-06"),
                _art("a2", "Officials said 80 people have died so far.", "Courier", "2025-02-07"))  # fmt: skip
    s2 = _story("s2", _art("b1", "Officials said 84 people have died since the quake.", "Times", "2025-02-09"))
    result = compare_storyline([s1, s2])
    assert [v.values[0].value for v in result.comparisons["s1"].of("update") if v.kind == "number"] == ["80"]
    assert _steps(_killed(result)) == [("s1", "80", "s2", "84")]
    # the same two counts a day apart, told with no progress, are the story's open conflict
    s1 = _story("s1",
                _art("a1", "The earthquake killed 77 people in Malatya province.", "Wire", "2025-02-06"),
                _art("a2", "Officials in Malatya said 82 people had been killed.", "Courier", "2025-02-07"))  # fmt: skip
    s2 = _story("s2", _art("b1", "Rescuers said the earthquake killed 77 people in Malatya.", "Times", "2025-02-09"))
    result = compare_storyline([s1, s2])
    assert [v.kind for v in result.comparisons["s1"].of("conflict")] == ["number"]
    assert not result.updates


def _dated(article, *days):
    """The article with the day-precision dates the dates stage would find: (words, value)."""
    starts = [article.text.index(w) for w, _ in days]
    article.dates = [TimeExpression(i, i + len(w), w, "DATE", v, "day", True) for i, (w, v) in zip(starts, days)]
    return article


def test_a_count_of_another_event_is_no_update_and_a_day_that_reports_a_count_dates_nothing():
    s1 = _story("s1", _dated(_art("a1", "The earthquake struck Malatya on Tuesday, killing 77 people.", "Wire", "2025-02-04"), ("Tuesday", "2025-02-04")))
    second_quake = _art("b1", "A second earthquake struck Elazig late on Monday, killing two people.", "Wire", "2025-02-11")
    s2 = _story("s2", _dated(second_quake, ("late on Monday", "2025-02-10")))
    assert not compare_storyline([s1, s2]).updates
    reported = _art("b1", "Officials said on Thursday that 80 people have died in Malatya.", "Wire", "2025-02-06")
    s2 = _story("s2", _dated(reported, ("Thursday", "2025-02-06")))
    assert _steps(_killed(compare_storyline([s1, s2]))) == [("s1", "77", "s2", "80")]


def _titled(name, title, outlet, published, key="person:ana-sol"):
    text = f"{title} Ana Sol spoke on Monday."
    m = Mention(len(title) + 1, len(title) + 8, "Ana Sol", "PERSON", key, title, None, 0, len(text))
    return _art(name, text, outlet, published, mentions=[m], entities=[Entity(key, "Ana Sol", "PERSON", titles=(title,))])


def test_a_title_that_changes_between_stories_is_an_update_and_another_role_is_not():
    s1 = _story("s1", _titled("a1", "Foreign Minister", "Wire", "2025-02-06"))
    s2 = _story("s2", _titled("b1", "former Foreign Minister", "Times", "2025-03-01"))
    professor = _story("s2", _titled("b1", "Professor", "Times", "2025-03-01"))
    (update,) = compare_storyline([s1, s2]).updates
    assert (update.kind, update.about, update.earlier.value, update.later.value) == (
        "title", "title of person:ana-sol", "Foreign Minister", "former Foreign Minister")
    assert not compare_storyline([s1, professor]).updates
    # a story that leaves its titles in conflict has not moved on: a later story agreeing with one
    torn = _story("s1", _titled("a1", "Foreign Minister", "Wire", "2025-02-06"),
                  _titled("a2", "former Foreign Minister", "Courier", "2025-02-07"))
    assert [v.kind for v in compare_storyline([torn]).comparisons["s1"].of("conflict")] == ["title"]
    assert not compare_storyline([torn, _story("s2", _titled("b1", "Foreign Minister", "Times", "2025-03-01"))]).updates


def _event(text, date, precision="day", entity="person:ana-sol"):
    return Event("CONSULT", 0, len(text), 0, 3, sources=(Actor("Ana Sol", 0, 7, entity, "NOR", "GOV"),),
                 targets=(Actor("Bo Lind", 12, 19, None, "SWE", "GOV"),), date=date, date_precision=precision)  # fmt: skip


def _with_event(name, story, date, precision="day"):
    text = "Ana Sol met Bo Lind for talks."
    return _story(story, _art(name, text, "Wire", "2025-05-01", events=[_event(text, date, precision)]))


def test_the_storyline_timeline_puts_every_story_on_one_line_tagged_with_its_story():
    first = _with_event("a1", "s1", "2025-05-16")
    first.articles += _with_event("a2", "s1", "2025-05-20").articles
    second = _with_event("b1", "s2", "2025-05-18")
    third = _with_event("c1", "s3", "2025-05", "month")
    line = storyline_timeline([first, second, third])
    assert [(story, e.date) for story, e in line] == [("s3", "2025-05"), ("s1", "2025-05-16"), ("s2", "2025-05-18"), ("s1", "2025-05-20")]
    by_story = {s.story: s.articles for s in (first, second, third)}
    assert [(story, e.date) for story, e in actor_timeline(by_story, "person:ana-sol")] == [(story, e.date) for story, e in line]

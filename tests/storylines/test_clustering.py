"""Storylines formed online: a thread's next development joins it, an unrelated story does not,
stored placements replay to the same state, and a long stream keeps its state bounded."""

from __future__ import annotations

from helpers import shared_path
from storyline.clean import clean_batch
from storyline.config import Settings
from storyline.readers import read
from storyline.record import RawDocument
from storyline.stories import StoryInput, story_input
from storyline.storylines import StorylineConfig, Threads, storyline_id_for

# A dam thread over three weeks (each development its own story) and an unrelated story.
DAM = [
    ("d1", "2025-05-01", "Aldmoor dam cracks after storms",
     "Engineers found a crack in the Aldmoor dam on the Brenn river after three days of storms, the "
     "Velstad county authority said. Villages below the Aldmoor dam were told to prepare to leave. "
     "The Brenn reservoir stood two metres above its usual level."),
    ("d2", "2025-05-09", "Villages below Aldmoor dam evacuated",
     "Four thousand people left villages below the Aldmoor dam on Friday as the crack widened, Velstad "
     "county officials said. Buses took families from the Brenn valley to schools in Velstad. The "
     "reservoir behind the Aldmoor dam kept rising overnight."),
    ("d3", "2025-05-20", "Aldmoor dam repair begins as Brenn reservoir falls",
     "Crews began pouring concrete into the crack in the Aldmoor dam on Tuesday after the Brenn "
     "reservoir fell by a metre, Velstad county said. Families evacuated from the Brenn valley may "
     "return next week if the Aldmoor dam repair holds."),
]
OTHER = ("o1", "2025-05-10", "Chess olympiad opens in Tallinn",
         "The chess olympiad opened in Tallinn on Saturday with teams from ninety countries. Organisers "
         "said the Tallinn venue would host eleven rounds. Defending champions arrived on Friday.")


def _item(row) -> StoryInput:
    article_id, published, title, text = row
    return StoryInput(id=article_id, title=title, text=text, published=published)


def _threaded(rows=(*DAM[:2], OTHER, DAM[2])) -> Threads:
    threads = Threads()
    for row in rows:
        threads.add(_item(row))
    return threads


def test_a_threads_next_developments_join_it_and_an_unrelated_story_does_not():
    threads = _threaded()
    lines = threads.article_storylines()
    stories = threads.stories.article_stories()
    assert len({stories["d1"], stories["d2"], stories["d3"]}) >= 2, "the developments are stories of their own"
    assert lines["d1"] == lines["d2"] == lines["d3"] == storyline_id_for(stories["d1"])
    assert lines["o1"] != lines["d1"]
    line = threads.storyline(lines["d1"])
    assert (line.first_seen, line.last_seen, line.articles) == ("2025-05-01", "2025-05-20", 3)


def test_the_join_is_explained_with_its_score_and_shared_terms():
    threads = Threads()
    threads.add(_item(DAM[0]))
    placed = threads.add(_item(DAM[1]))
    if placed.story.decision == "joined":  # the same story: the storyline decision is its story's
        assert placed.storyline.decision == "followed"
        return
    assert placed.storyline.decision == "joined"
    best = placed.storyline.best
    assert best.score >= threads.config.join_threshold
    assert {"aldmoor", "dam"} <= {t for t, _ in best.shared_terms}
    assert set(best.features) == {"centroid", "best_story", "name_conflict"}


def test_a_story_about_other_names_pays_the_name_conflict():
    threads = Threads(StorylineConfig(join_threshold=-1.0))  # scored, whatever the score
    threads.add(_item(DAM[0]))
    other = ("x1", "2025-05-25", "Kessing dam cracks after storms",  # weeks later: a story of its own
             "Engineers found a crack in the Kessing dam on the Ulm river after storms, Ostria province "
             "said. Kessing residents were told to leave. Kessing officials said the Ulm reservoir was full.")
    placed = threads.add(_item(other))
    assert placed.storyline.best.features["name_conflict"] == 1.0
    assert placed.storyline.best.names_in_conflict[0] == ("kessing",)


def test_replaying_stored_placements_gives_the_same_state_and_the_same_next_decision():
    live = _threaded((*DAM[:2], OTHER))
    history = [(_item(row), live.stories.story_of(row[0]), live.article_storylines()[row[0]])
               for row in (*DAM[:2], OTHER)]  # fmt: skip
    rebuilt = Threads.rebuild(history)
    assert rebuilt.article_storylines() == live.article_storylines()
    a, b = live.add(_item(DAM[2])), rebuilt.add(_item(DAM[2]))
    assert (a.storyline.storyline, a.storyline.decision) == (b.storyline.storyline, b.storyline.decision)
    assert a.storyline.best.score == b.storyline.best.score


def test_an_article_seen_again_changes_nothing():
    threads = _threaded()
    before = threads.article_storylines()
    again = threads.add(_item(DAM[1]))
    assert again.storyline.decision == "given" and threads.article_storylines() == before
    assert threads.storyline(before["d1"]).articles == 3


def test_replayed_rows_that_put_one_story_in_two_storylines_merge_them():
    threads = Threads()
    threads.add(_item(DAM[0]), story="s1", storyline="l-first")
    threads.add(_item(OTHER), story="s2", storyline="l-second")
    placed = threads.add(_item(DAM[1]), story="s2", storyline="l-first")
    assert threads.storyline_of("l-second") == "l-first" and placed.storyline.merged == ("l-second",)
    assert set(threads.storyline("l-first").stories) == {"s1", "s2"}


def test_a_storyline_quiet_for_its_window_leaves_the_index_and_drops_its_vectors():
    threads = Threads(StorylineConfig(window_days=5))
    threads.add(_item(DAM[0]))
    threads.add(_item(("late", "2025-06-30", "Harvest festival in Orrin", "Orrin held its harvest festival "
                       "with a parade of tractors on Monday. Orrin bakers sold bread all day.")))
    old = threads.storyline(threads.article_storylines()["d1"])
    assert old.body is None and old.story_vectors is None and old.id not in threads.index
    assert old.articles == 1  # what it was stays: only what it is compared by goes


def test_a_storyline_keeps_bounded_vectors_however_many_stories_it_gathers():
    config = StorylineConfig(join_threshold=-1.0, keep_terms=50, keep_stories=4, story_terms=20)
    threads = Threads(config)
    for i in range(40):  # every article its own story (different days far apart), one storyline
        text = (f"Aldmoor dam update {i}: the Brenn reservoir and the Velstad levee. "
                + " ".join(f"w{i}x{j}" for j in range(30)))
        threads.add(StoryInput(id=f"u{i}", title="", text=text, published=f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}"))
    (line_id,) = set(threads.article_storylines().values())
    line = threads.storyline(line_id)
    assert line.articles == 40
    assert len(line.body) < 2 * 50 and len(line.story_vectors) <= 4
    assert all(len(v) < 2 * 20 for v in line.story_vectors.values())
    assert {"aldmoor", "dam", "brenn"} <= set(line.body)


def test_the_two_seed_articles_are_one_story_in_one_storyline():
    folder = shared_path("seeds", "articles")
    docs = [d for d in read([str(folder)], Settings()) if isinstance(d, RawDocument)]
    articles, errors = clean_batch(docs)
    assert not errors and len(articles) == 2
    threads = Threads()
    for article in sorted(articles, key=lambda a: a.name):
        threads.add(story_input(article))
    assert len(set(threads.stories.article_stories().values())) == 1
    assert len(set(threads.article_storylines().values())) == 1


def test_a_grown_story_close_to_an_older_storyline_merges_into_it_and_says_which_went():
    threads = Threads(StorylineConfig(join_threshold=9.0, merge_threshold=0.3))  # never joins: merges only
    threads.add(_item(DAM[0]))
    later = ("m1", "2025-05-12", "Chess olympiad opens in Tallinn", OTHER[3])
    threads.add(_item(later))  # a storyline of its own
    first_line = threads.article_storylines()["d1"]
    placed = threads.add(_item(("m2", "2025-05-12", "Olympiad in Tallinn", OTHER[3] + " " + DAM[1][3])))
    assert placed.story.decision == "joined" and placed.storyline.decision == "followed"  # the Tallinn story grew
    (gone,) = placed.storyline.merged  # ... and now reads as the dam's thread too
    assert placed.storyline.storyline == first_line != gone  # the older storyline keeps its id
    assert threads.storyline_of(gone) == first_line
    assert set(threads.article_storylines().values()) == {first_line}

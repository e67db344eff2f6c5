"""The clusterer on tiny invented articles: joining, starting, merging, the index, explain."""

from __future__ import annotations

from storyline.stories import StoryClusterer, StoryConfig, StoryInput, explain, story_id_for
from storyline.stories.clustering import StoryModel

FLOOD = ("Floodwaters swept through the river town of Aldmoor on Tuesday after the Brenn dam "
         "overflowed, forcing two thousand residents from their homes, the county sheriff said.")
FLOOD_2 = ("Residents of Aldmoor waded back to flooded homes as the Brenn dam overflow eased; "
           "the county sheriff said two thousand people remain in shelters.")
VOTE = ("Parliament in Velstad approved the harbour budget by a narrow margin after a long "
        "debate over dredging costs and pilot fees.")


def _input(i, text, title="", published="2025-05-01", **kw):
    return StoryInput(id=f"a{i}", title=title, text=text, published=published, **kw)


def test_similar_articles_join_and_different_ones_start_stories():
    c = StoryClusterer()
    a = c.add(_input(1, FLOOD, "Aldmoor flooded as Brenn dam overflows", outlet="one"))
    b = c.add(_input(2, FLOOD_2, "Aldmoor residents return after Brenn dam flood", outlet="two"))
    v = c.add(_input(3, VOTE, "Velstad passes harbour budget", outlet="one"))
    assert (a.decision, b.decision, v.decision) == ("started", "joined", "started")
    assert a.story == b.story == story_id_for("a1") and v.story == story_id_for("a3")
    story = c.story("a1")
    assert story.size == 2 and story.outlets == {"one": 1, "two": 1} and story.independent_sources == 2
    assert story.first_seen == story.last_seen == "2025-05-01"


def test_a_month_later_the_same_wording_starts_a_new_story():
    c = StoryClusterer()
    c.add(_input(1, FLOOD, "Aldmoor flooded", published="2025-05-01"))
    later = c.add(_input(2, FLOOD_2, "Aldmoor flooded again", published="2025-06-05"))
    assert later.decision == "started"
    assert later.best is not None and later.best.features["stale"] == 1.0


def test_repeated_add_returns_the_first_assignment():
    c = StoryClusterer()
    first = c.add(_input(1, FLOOD))
    assert c.add(_input(1, FLOOD)) is first
    assert len(c.stories) == 1


def test_given_story_ids_are_kept_without_scoring():
    c = StoryClusterer()
    c.add(_input(1, FLOOD), story="s-flood")
    got = c.add(_input(2, VOTE), story="s-flood")
    assert got.decision == "given" and got.best is None
    assert c.story("a2").id == "s-flood" and c.story("s-flood").size == 2


def test_an_article_bridging_two_stories_merges_them_under_the_older_id():
    # a join threshold of 0.5 and a merge threshold of 0.5: any two stories the new article
    # fits both merge (the default asks for 0.97 on both)
    c = StoryClusterer(StoryConfig(merge_threshold=0.5))
    c.add(_input(1, "Brenn dam overflow floods Aldmoor homes; sheriff orders evacuation."), story="s-old")
    c.add(_input(2, "Aldmoor evacuation: two thousand in shelters, sheriff says."), story="s-new")
    bridge = c.add(_input(3, "Brenn dam overflow floods Aldmoor homes; sheriff orders evacuation. "
                              "Aldmoor evacuation: two thousand in shelters, sheriff says."))
    assert bridge.decision == "joined"
    assert bridge.merged == ("s-new",) and bridge.story == "s-old"
    assert c.story_of("a2") == c.story_of("s-new") == "s-old"
    assert "s-new" not in c.stories and c.stories["s-old"].merged_from == ["s-new"]
    assert c.stories["s-old"].size == 3


def test_the_default_does_not_merge_on_a_weak_bridge():
    c = StoryClusterer()
    c.add(_input(1, FLOOD), story="s-a")
    c.add(_input(2, VOTE), story="s-b")
    got = c.add(_input(3, FLOOD_2))
    assert got.merged == () and len(c.stories) >= 2


def test_the_index_scores_only_stories_sharing_terms():
    c = StoryClusterer()
    # 300 unrelated one-article stories, each about its own invented place
    for i in range(300):
        c.add(_input(i, f"Qarth{i}ville council: zorb{i} wend{i} plim{i} trask{i}."))
    assert len(c.stories) == 300
    got = c.add(_input(999, "Qarth17ville: zorb17 wend17 plim17 trask17 again."))
    assert got.decision == "joined" and got.story == story_id_for("a17")
    assert got.candidates <= 3  # not 300
    assert c.index.scanned < 20


def test_old_stories_leave_the_index():
    c = StoryClusterer(StoryConfig(window_days=30))
    c.add(_input(1, FLOOD, published="2025-01-01"))
    assert story_id_for("a1") in c.index
    c.add(_input(2, VOTE, published="2025-03-01"))
    assert story_id_for("a1") not in c.index
    assert c.story("a1").body is None  # retired: what it was compared by is dropped
    assert c.story("a1").size == 1  # ... but the story itself stays


def test_undated_articles_cluster_on_text():
    c = StoryClusterer()
    a = c.add(_input(1, FLOOD, "Aldmoor flooded as Brenn dam overflows", published=None))
    b = c.add(_input(2, FLOOD_2, "Aldmoor residents return after Brenn dam flood", published=None))
    assert a.story == b.story
    assert b.best.features["undated"] == 1.0 and b.best.gap_days is None


def test_shared_entities_count_towards_a_join():
    base = dict(published="2025-05-01")
    text_a = "The minister visited the site and promised help for the families."
    text_b = "The minister promised help to families during a visit to the site."
    with_entities = StoryClusterer()
    with_entities.add(_input(1, text_a, entities=("person:ana-velt", "place:aldmoor"), **base))
    got = with_entities.add(_input(2, text_b, entities=("person:ana-velt", "place:aldmoor"), **base))
    without = StoryClusterer()
    without.add(_input(1, text_a, **base))
    plain = without.add(_input(2, text_b, **base))
    assert got.best.features["entities"] > 0.9 and plain.best.features["entities"] == 0.0
    assert got.best.probability > plain.best.probability
    assert got.best.shared_entities == ("person:ana-velt", "place:aldmoor")


def test_model_probability_is_monotone_in_similarity():
    m = StoryModel()
    low = m.probability({"body": 0.1, "recency": 1.0})
    high = m.probability({"body": 0.5, "recency": 1.0})
    assert 0.0 < low < 0.5 < high < 1.0


def test_explain_gives_score_terms_gap_and_runner_up():
    c = StoryClusterer()
    c.add(_input(1, FLOOD, "Aldmoor flooded as Brenn dam overflows"))
    c.add(_input(2, VOTE, "Velstad passes harbour budget"))
    c.add(_input(3, FLOOD_2 + " Velstad harbour budget debate paused.", "Aldmoor residents return after flood"))
    e = explain(c, "a3")
    assert e.decision == "joined" and e.story == story_id_for("a1")
    assert e.probability >= e.threshold
    assert {"aldmoor", "brenn"} <= {t for t, _ in e.shared_terms}
    assert e.gap_days == 0.0
    assert e.runner_up == story_id_for("a2") and e.runner_up_probability < e.probability
    assert e.as_dict()["shared_terms"] and any("joined" in line for line in e.lines())
    assert explain(c, "nope") is None
    started = explain(c, "a2")
    assert started.decision == "started" and any("new story" in line for line in started.lines())


# The member features carry no weight in the default configuration; weighted, as measured in
# StoryModel's docstring, they must still behave.
MEMBER_WEIGHTED = StoryConfig(model=StoryModel(bias=-5.5, weights=(
    ("body", 14.0), ("top_mean", 6.0), ("title", 3.0), ("title_best", 3.0), ("entities", 3.0),
    ("recency", 1.0), ("stale", -10.0), ("near_days", -5.0), ("undated", -0.5), ("event_dates", 1.0),
)))


def test_member_features_compare_the_closest_articles_and_their_days():
    c = StoryClusterer(MEMBER_WEIGHTED)
    c.add(_input(1, FLOOD, "Aldmoor flooded as Brenn dam overflows", published="2025-05-01"))
    c.add(_input(2, VOTE, "Velstad passes harbour budget", published="2025-05-01"), story=story_id_for("a1"))
    got = c.add(_input(3, FLOOD_2, "Aldmoor residents return after Brenn dam flood", published="2025-05-03"))
    f = got.best.features
    # the flood member matches; the vote member, forced into the story, does not dilute top_mean to zero
    assert f["top_mean"] > 0.1 and f["title_best"] > 0.0
    assert 0.0 < f["near_days"] < 1.0  # two days from the nearest member


def test_a_different_name_counts_against_a_join():
    """Same kind of event, different people: the names and figures weigh double."""
    a = "The champion Arno Velt stopped Brisco Tamm in the sixth round to keep his heavyweight belts in Kessel ."
    same = "Arno Velt kept his heavyweight belts after stopping Brisco Tamm in round six in Kessel ."
    other = "The champion Arno Velt stopped Dorin Haake in the seventh round to keep his heavyweight belts in Lund ."
    scores = {}
    for label, text in (("same", same), ("other", other)):
        c = StoryClusterer(MEMBER_WEIGHTED)
        c.add(_input(1, a, published=None))
        scores[label] = c.add(_input(2, text, published=None)).best.features["top_mean"]
    assert scores["same"] > scores["other"]


REHAB = ("Singer Tara Vell checked into the Harlow clinic for treatment on Friday , her agent said . "
         "Vell had cancelled two concerts this month . Friends of Vell said the stay would last weeks .")
REHAB_SAME = ("Tara Vell is being treated at the Harlow clinic , her agent said . Vell cancelled two "
              "concerts before checking in , and Vell thanked fans for their support .")
REHAB_OTHER = ("Actress Lina Roh checked into the Harlow clinic for treatment , her agent said . "
               "Roh pulled out of two premieres . Friends of Roh said the stay would last weeks .")


def test_two_events_of_one_kind_about_different_people_conflict():
    """Same clinic, much the same wording, another person: the central names conflict."""
    got, clusterers = {}, {}
    for label, text in (("same", REHAB_SAME), ("other", REHAB_OTHER)):
        c = clusterers[label] = StoryClusterer()
        c.add(_input(1, REHAB, published=None))
        got[label] = c.add(_input(2, text, published=None))
    assert got["same"].best.features["name_conflict"] == 0.0 and got["same"].decision == "joined"
    assert got["other"].best.features["name_conflict"] == 1.0 and got["other"].decision == "started"
    # `why` names the names that set them apart
    assert got["other"].best.names_in_conflict == (("roh",), ("vell",))  # Lina, named once, is not central
    why = explain(clusterers["other"], "a2")
    assert why.as_dict()["names_in_conflict"] == [["roh"], ["vell"]]
    assert "about other names: the article about roh, the story about vell" in why.lines()
    # without the feature's weight the other person's stay would have joined on its wording
    weights = tuple((k, 0.0 if k == "name_conflict" else w) for k, w in StoryModel().weights)
    blind = StoryClusterer(StoryConfig(model=StoryModel(weights=weights)))
    blind.add(_input(1, REHAB, published=None))
    assert blind.add(_input(2, REHAB_OTHER, published=None)).decision == "joined"


def test_a_story_counts_the_names_its_articles_are_about_and_a_merge_adds_them():
    from storyline.stories.story import Story

    c = StoryClusterer()
    c.add(_input(1, REHAB, published=None))
    c.add(_input(2, REHAB_SAME, published=None))
    story = c.story("a1")
    assert story.central_names == {"vell": 2} and story.main_names() == ["vell"]
    other = Story("s-other")
    other.add("b1", "", None, None, (), {"roh": 1.0}, {}, (), None, None, ("roh",))
    story.absorb(other)
    assert story.central_names == {"vell": 2, "roh": 1}
    assert story.main_names() == ["vell"]  # roh is central in one article of three


# One development told by three outlets with their own framing, the last a day later (BASIL's
# case), and the same kind of ruling about another county, years apart (ECB+'s case).
LEFT = ("Brenmark court strikes down Velstad county's new voting map",
        "A federal judge in Brenmark on Tuesday struck down the voting map drawn by Velstad county's "
        "Republican majority, ruling that it split Black neighbourhoods in Aldmoor to dilute their vote. "
        "Judge Maren Osk ordered the county to draw a new map before the March primary. Civil rights "
        "groups that brought the case called the ruling a victory for fair representation in Velstad.")
CENTRE = ("Judge orders Velstad county to redraw district map",
          "Velstad county must redraw its electoral map after Judge Maren Osk of the Brenmark federal court "
          "found on Tuesday that the boundaries diluted the votes of Black residents in Aldmoor. County "
          "officials said they were reviewing the decision and had not decided whether to appeal before "
          "the March primary.")
RIGHT = ("Velstad officials weigh appeal after judge tosses county map",
         "Velstad county commissioners said on Wednesday they may appeal after Judge Maren Osk threw out "
         "the district map they adopted last year. The commissioners said the Brenmark ruling in the Aldmoor "
         "case substituted a judge's preferences for the choices of elected officials, and warned the March "
         "primary could be delayed.")
OTHER_COUNTY = ("Orrin county's district lines rejected in court",
                "Orrin county will have to hold its 2019 school board elections under new district lines "
                "after Judge Tomas Ferre of the Kessing federal court sided with Latino voters in Ulm on Friday. "
                "The voters argued that the lines drawn by Orrin commissioners packed them into one district. "
                "Orrin's attorney said the county would comply.")


def test_three_outlets_framing_one_development_a_day_apart_form_one_story():
    c = StoryClusterer()
    placed = [c.add(StoryInput(id=f"o{i}", title=t, text=x, published=d, outlet=f"outlet{i}"))
              for i, ((t, x), d) in enumerate(zip((LEFT, CENTRE, RIGHT), ("2025-02-04", "2025-02-04", "2025-02-05")))]  # fmt: skip
    assert [p.decision for p in placed] == ["started", "joined", "joined"]
    assert c.story("o0").size == 3 and c.story("o0").independent_sources == 3


def test_the_same_kind_of_ruling_about_another_county_starts_its_own_story():
    c = StoryClusterer()
    c.add(StoryInput(id="o0", title=LEFT[0], text=LEFT[1], published="2025-02-04"))
    other = c.add(StoryInput(id="x", title=OTHER_COUNTY[0], text=OTHER_COUNTY[1], published="2025-02-05"))
    assert other.decision == "started", other.best

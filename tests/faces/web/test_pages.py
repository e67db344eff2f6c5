"""The web pages, driven in-process with FastAPI's TestClient over a store of the sample corpus,
a hostile article, and (when ../shared is present) the two seed articles."""

import csv
import io
import re
import warnings
from urllib.parse import quote

import pytest
from markupsafe import escape

from helpers import Tags, sample_store, shared_path
from storyline.compare import compare_story, story_timeline
from storyline.config import Settings
from storyline.faces.api.app import create_app
from storyline.faces.web.charts import period_of, shown_date

with warnings.catch_warnings():  # starlette 1.x would rather have httpx2 under its TestClient
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

HOSTILE = {
    "id": "hostile-1",
    "url": "https://bad.example/x",
    "title": "Council <script>window.__pwned = 1</script> vote",
    "outlet": "Bad <b>Outlet</b>",
    "published": "2025-02-02",
    "language": "en",
    "text": "The council met on Tuesday <script>window.__pwned = 1</script> to vote on the harbour budget, "
    "the mayor said.\n\nA picture <img src=x onerror=\"window.__pwned = 2\"> was attached to the minutes, "
    "and the vote passed by seven to two after a long debate about the ferry pier.",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return sample_store(tmp_path_factory.mktemp("web"), HOSTILE)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(Settings({"db": db}))) as c:
        yield c


@pytest.fixture(scope="module")
def store(client):
    with client.app.state.store_owner.reading() as s:  # the app owns the store: read as a request does
        yield s


def html(response, status: int = 200) -> Tags:
    assert response.status_code == status, response.text[:2000]
    assert response.headers["content-type"].startswith("text/html")
    return Tags(response.text)


def seeds_story(store) -> dict:
    seeds = shared_path("seeds") / "articles"
    if not seeds.is_dir():
        pytest.skip(f"the seed articles are not at {seeds}")
    ids = {store.find_article_id(name) for name in ("000_8a2fb638bc8d5522.txt", "003_efbc69b41dbf4251.txt")}
    found = [s for s in store.stories() if {a["id"] for a in store.story(s["id"])["articles_list"]} >= ids]
    assert len(found) == 1, "the two seeds form one story"
    return found[0]


# -- the story list ---------------------------------------------------------------------------


def test_story_list_shows_every_story_with_its_figures(client, store):
    page = html(client.get("/"))
    text = " ".join(page.text)
    stories = store.stories()
    assert stories
    for s in stories:
        assert f"/stories/{s['id']}" in page.hrefs()
        assert s["title"] in text
        for outlet in s["outlets"]:
            assert outlet in text
    shown = re.findall(r"(\d+) independent sources?", text)
    assert sorted(map(int, shown)) == sorted(s["independent_sources"] for s in stories)


def test_story_list_filters(client, store):
    outlet = store.outlets()[0]
    page = html(client.get("/", params={"outlet": outlet}))
    expected = {s["id"] for s in store.stories() if outlet in s["outlets"]}
    assert expected and {h.rsplit("/", 1)[1] for h in page.hrefs() if h.startswith("/stories/")} == expected
    some = store.stories()[0]
    word = max(some["title"].split(), key=len)
    page = html(client.get("/", params={"q": word.upper()}))
    listed = {h.rsplit("/", 1)[1] for h in page.hrefs() if h.startswith("/stories/")}
    assert some["id"] in listed
    assert listed == {s["id"] for s in store.stories() if word.lower() in s["title"].lower()}
    day = str(some["last_seen"])
    page = html(client.get("/", params={"since": day, "until": day}))
    listed = {h.rsplit("/", 1)[1] for h in page.hrefs() if h.startswith("/stories/")}
    assert some["id"] in listed
    assert all(s["first_seen"] and str(s["first_seen"]) <= day <= str(s["last_seen"])
               for s in store.stories() if s["id"] in listed)  # fmt: skip


def test_story_list_pages_through_every_story(client, store, monkeypatch):
    import storyline.faces.web.pages as web

    monkeypatch.setattr(web, "PAGE_SIZE", 4)
    seen, path = [], "/?since=2000-01-01"
    expected = [s["id"] for s in store.stories(since="2000-01-01", limit=1000)]
    assert len(expected) > 4, "enough stories for two pages"
    while path:
        page = html(client.get(path.replace("&amp;", "&")))
        listed = [h.rsplit("/", 1)[1] for h in page.hrefs() if h.startswith("/stories/")]
        assert 0 < len(listed) <= 4
        seen += listed
        following = [a["href"] for a in page.all("a", rel="next")]
        path = following[0] if following else None
    assert seen == expected


@pytest.mark.parametrize("params, word", [
    ({"since": "yesterday"}, "since"), ({"until": "2025-02-30"}, "until"), ({"offset": "-1"}, "offset"),
    ({"offset": "1e9"}, "offset"), ({"q": "x" * 5000}, "characters"), ({"q": "a\x00b"}, "control"),
    ({"outlet": ["A", "B"]}, "once"),
])  # fmt: skip
def test_story_list_refuses_bad_values_with_a_page(client, params, word):
    page = html(client.get("/", params=params), 400)
    assert word in " ".join(page.text)


# -- the story page ---------------------------------------------------------------------------


def test_every_story_page_shows_its_articles_and_comparison(client, store):
    for s in store.stories():
        page = html(client.get(f"/stories/{s['id']}"))
        text = " ".join(page.text)
        for a in store.story(s["id"])["articles_list"]:
            assert f"/articles/{quote(a['id'], safe='')}" in page.hrefs()
        comparison = compare_story(store.story_articles(s["id"]), store.story_copies(s["id"]))
        for kind, name in (("corroborated", "Corroborated"), ("single_source", "Single-source"),
                           ("conflict", "Conflicting"), ("update", "Updated")):  # fmt: skip
            assert f"{name} ({len(comparison.of(kind))})" in text


def test_timeline_chart_draws_each_date_at_its_precision(client, store):
    """A day is a dot; a month or a year is a bar, never a dot. Over every story."""
    days = periods = 0
    for s in store.stories():
        entries = story_timeline(store.story_articles(s["id"]), store.story_copies(s["id"]))
        placed = [period_of(e.date) for e in entries if period_of(e.date)]
        page = html(client.get(f"/stories/{s['id']}"))
        assert len(page.all("circle", **{"class": "day"})) == sum(p.precision == "day" for p in placed)
        assert len(page.all("rect", **{"class": "period"})) == sum(p.precision != "day" for p in placed)
        days += sum(p.precision == "day" for p in placed)
        periods += sum(p.precision != "day" for p in placed)
    assert days and periods, "the corpus has both day and month/year dates to draw"


def test_seeds_story_shows_the_trump_title_conflict_with_both_sentences(client, store):
    story = seeds_story(store)
    response = client.get(f"/stories/{story['id']}")
    page = html(response)
    conflict = response.text.split('id="conflict-title"', 1)[1].split("</section>", 1)[0]
    marked = re.findall(r"<mark>(.*?)</mark>", conflict, re.S)
    assert any("U.S. President Donald Trump" in m and "former U.S. President" not in m for m in marked)
    assert any("former U.S. President Donald Trump" in m for m in marked)
    assert "Donald Trump" in conflict  # the entity named, not only its key
    text = " ".join(page.text)
    assert "March 2022" in text and "2 June 2025" in text
    assert page.all("rect", **{"class": "period"}) and page.all("circle", **{"class": "day"})
    assert "/entities/person%3Adonald-trump" in page.hrefs()


def test_unknown_ids_answer_a_friendly_404_page(client):
    for path in ("/stories/no-such-story", "/entities/person:nobody-at-all", "/articles/no-such-article",
                 "/storylines/no-such-storyline"):
        page = html(client.get(path), 404)
        text = " ".join(page.text)
        assert "Not found" in text and "/" in page.hrefs()


@pytest.mark.parametrize("path", ["/stories/a%00b", "/entities/%FF%FE", "/articles/x%01y", "/articles/" + "a" * 5000,
                                  "/storylines/l%00b"])
def test_ids_that_could_name_nothing_answer_a_400_page(client, path):
    page = html(client.get(path), 400)
    assert "Bad request" in " ".join(page.text)


def test_a_failing_stage_is_a_500_page_not_json(client, store, monkeypatch):
    import storyline.faces.web.pages as web
    from storyline.errors import StageError

    def broken(*args):
        raise StageError("comparison broke on purpose")

    monkeypatch.setattr(web, "compare_story", broken)
    page = html(client.get(f"/stories/{store.stories()[0]['id']}"), 500)
    assert "comparison broke on purpose" in " ".join(page.text)


# -- storylines ------------------------------------------------------------------------------


def thread(store) -> dict:
    """The storyline of the most stories (the sample corpus has threads of several)."""
    found = max(store.storylines(), key=lambda line: (line["stories"], line["articles"]))
    assert found["stories"] > 1
    return found


def test_storyline_list_shows_every_storyline_and_filters(client, store):
    page = html(client.get("/storylines"))
    text = " ".join(page.text)
    lines = store.storylines()
    listed = [h.rsplit("/", 1)[1] for h in page.hrefs() if h.startswith("/storylines/")]
    assert listed == [line["id"] for line in lines]
    for line in lines:
        assert line["title"] in text
    assert "/storylines" in page.hrefs(), "the nav links the listing"
    some = thread(store)
    word = max(some["title"].split(), key=len)
    page = html(client.get("/storylines", params={"q": word.upper()}))
    assert some["id"] in {h.rsplit("/", 1)[1] for h in page.hrefs() if h.startswith("/storylines/")}
    page = html(client.get("/storylines", params={"since": "2100-01-01"}))
    assert "No storylines match these filters." in " ".join(page.text)
    assert "until" in " ".join(html(client.get("/storylines", params={"until": "2025-02-30"}), 400).text)


def test_storyline_list_pages(client, store, monkeypatch):
    import storyline.faces.web.pages as web

    monkeypatch.setattr(web, "PAGE_SIZE", 2)
    seen, path = [], "/storylines"
    while path:
        page = html(client.get(path.replace("&amp;", "&")))
        seen += [h.rsplit("/", 1)[1] for h in page.hrefs() if h.startswith("/storylines/")]
        following = [a["href"] for a in page.all("a", rel="next")]
        path = following[0] if following else None
    assert seen == [line["id"] for line in store.storylines()]


def test_storyline_page_shows_its_stories_in_time_order_updates_and_comparisons(client, store):
    line = store.storyline(thread(store)["id"])
    response = client.get(f"/storylines/{line['id']}")
    page = html(response)
    text = " ".join(page.text)
    assert line["title"] in text
    story_links = [h for h in page.hrefs() if h.startswith("/stories/") and "#" not in h]
    ordered = list(dict.fromkeys(h.rsplit("/", 1)[1] for h in story_links))
    assert ordered == [s["id"] for s in line["stories_list"]], "the stories, linked, in time order"
    body = response.text
    positions = [body.index(f'id="story-{s["id"]}"') for s in line["stories_list"]]
    assert positions == sorted(positions)
    for s in line["stories_list"]:
        assert s["title"] in text and all(o in text for o in s["outlets"])
        assert f"/stories/{s['id']}#comparison" in page.hrefs()
    assert body.index('id="stories"') < body.index('id="updates"') < body.index('id="comparisons"')
    assert "Updates across stories" in text and "Why it is in this storyline" in text
    assert "joined storyline" in text


def test_storyline_page_lists_each_update_chain(client, store, monkeypatch):
    import storyline.faces.web.pages as web
    from storyline.compare import Reported, StorylineComparison, Update
    from storyline.compare.claims import Source

    line = store.storyline(thread(store)["id"])
    first, later = line["stories_list"][0]["id"], line["stories_list"][1]["id"]
    said = Source("a1", "Lake <b>Courier</b>", "2025-03-04", "At least 25 people were killed.", 0, 30)
    update = Update("number", "killed", Reported("25", [said], 1, story=first),
                    Reported("<i>77</i>", [said], 1, story=later))  # fmt: skip
    monkeypatch.setattr(web, "compare_storyline", lambda stories: StorylineComparison(
        {s.story: web.compare_story(s.articles, s.copies) for s in stories}, [update]))  # fmt: skip
    response = client.get(f"/storylines/{line['id']}")
    page = html(response)
    text = " ".join(page.text)
    assert "Updates across stories (1)" in text and "killed" in text and "At least 25 people were killed." in text
    assert "“<i>77</i>”" in text and "<i>77</i>" not in response.text, "values are escaped"
    assert "Lake &lt;b&gt;Courier&lt;/b&gt;" in response.text


def test_story_page_links_to_its_storyline(client, store):
    line = thread(store)
    for s in store.storyline(line["id"])["stories_list"]:
        page = html(client.get(f"/stories/{s['id']}"))
        assert f"/storylines/{line['id']}" in page.hrefs()


# -- entity, events, article, search ----------------------------------------------------------


def test_entity_page_shows_names_and_titles_by_outlet(client, store):
    entity = next(e for e in store.entities() if e["label"] == "PERSON" and e["titles"])
    page = html(client.get(f"/entities/{quote(entity['key'], safe='')}"))
    rows = page.text
    text = " ".join(rows)
    assert entity["name"] in text
    for usage in store.entity_usage(entity["key"]):
        assert (usage["outlet"] or "unknown outlet") in rows
        for title in usage["titles"]:
            assert title in text
    if entity["country"]:
        assert entity["country"] in text
    by_name = html(client.get("/entities/" + quote(entity["name"])))
    assert by_name.text == page.text, "an entity is found by its name as by its key"


def test_entity_timeline_is_the_apis(client, store):
    """The page reads only the articles the actor's events are in; it must list what the API's
    timeline (over every article of the entity's stories) lists."""
    compared = 0
    for entity in store.entities(limit=15):
        key = quote(entity["key"], safe="")
        api = client.get(f"/api/entities/{key}/timeline").json()["items"]
        page = client.get(f"/entities/{key}").text
        listed = re.findall(r'<time class="when[^"]*"[^>]*>([^<]*)</time>\s*<span class="what">([^<]*)</span>', page)
        assert [(shown_date(i["date"]), str(escape(i["what"]))) for i in api] == listed, entity["key"]
        compared += len(api)
    assert compared, "some entity has a timeline"


def test_seeds_entity_page_tells_each_outlets_title_for_trump(client, store):
    seeds_story(store)
    response = client.get("/entities/person:donald-trump")
    html(response)
    row = response.text.split(">cgtn.com</th>", 1)[1].split("</tr>", 1)[0]
    assert "former U.S. President" in row


def test_event_browser_filters_and_exports(client, store):
    rows = store.events()
    kind = rows[0]["event"].type
    page = html(client.get("/events", params={"type": kind.lower()}))
    types = re.findall(r'<span class="type">(\w+)</span>', client.get("/events", params={"type": kind}).text)
    assert types and set(types) == {kind}
    assert "format=csv" in " ".join(page.hrefs())
    exported = client.get("/events/export", params={"format": "csv", "type": kind})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(exported.text)))
    assert len(table) == sum(r["event"].type == kind for r in rows)
    plover = client.get("/events/export", params={"format": "plover"})
    assert len(plover.text.splitlines()) == len(rows)
    import pyarrow.parquet as pq

    parquet = client.get("/events/export", params={"format": "parquet", "type": kind})
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == len(table)
    polecat = client.get("/events/export", params={"format": "polecat", "outlet": rows[0]["outlet"]})
    polecat_rows = list(csv.DictReader(io.StringIO(polecat.text), delimiter="\t"))
    assert len(polecat_rows) == sum(r["outlet"] == rows[0]["outlet"] for r in rows)
    outlet = rows[0]["outlet"]
    page = client.get("/events", params={"outlet": outlet}).text
    linked = re.findall(r'<ul class="sources">(.*?)</ul>', page, re.S)
    assert linked and all(str(escape(outlet)) in chunk for chunk in linked)


@pytest.mark.parametrize("params, word", [
    ({"type": "DANCE"}, "PLOVER"), ({"since": "2025-05-01", "until": "2025-04-01"}, "after"),
    ({"since": "2025-13-01"}, "since"),
])  # fmt: skip
def test_event_browser_refuses_bad_values_with_a_page(client, params, word):
    assert word in " ".join(html(client.get("/events", params=params), 400).text)


def test_export_refuses_an_unknown_format(client):
    assert "format" in " ".join(html(client.get("/events/export", params={"format": "xlsx"}), 400).text)


def test_article_page_marks_entities_dates_quotes_and_folds_removed_parts(client, store):
    listed = store.articles()
    article = next(store.get_article(a["id"]) for a in listed if store.get_article(a["id"]).removed
                   and store.get_article(a["id"]).quotes)  # fmt: skip
    response = client.get(f"/articles/{quote(article.id, safe='')}")
    page = html(response)
    for m in article.mentions:
        if m.entity:
            assert f"/entities/{quote(m.entity, safe='')}" in page.hrefs()
    assert len(page.all("span", **{"class": "date"})) >= 1 if article.dates else True
    assert len([a for t, a in page.tags if t == "span" and a.get("class") == "quote"]) >= 1
    assert page.all("details", **{"class": "removed"}) and "<summary>" in response.text
    assert f"/stories/{store.story_decision(article.id)['story']}" in page.hrefs()
    text = "".join(page.text)
    for removed in article.removed[:5]:
        assert removed.text.strip()[:40] in text
    # paragraphs become blocks, so compare without whitespace: every character, in order
    assert re.sub(r"\s+", "", article.text) in re.sub(r"\s+", "", text), "the clean text is all there, in order"


def test_article_text_is_escaped_never_markup(client, store):
    article = store.get_article("hostile-1")
    assert "<script>" in article.text and "onerror=" in article.text, "the cleaner kept the test's markup as text"
    pages = [client.get("/articles/hostile-1"), client.get("/search", params={"q": "harbour budget council"}),
             client.get("/events"), client.get("/")]  # fmt: skip
    for response in pages:
        page = html(response)
        assert not page.all("script"), "no page carries a script element"
        assert not [t for t, a in page.tags if any(k.startswith("on") for k in a)], "no event-handler attribute"
        assert not page.all("img")
    text = "".join(html(pages[0]).text)
    assert "<script>window.__pwned = 1</script>" in text and 'onerror="window.__pwned = 2"' in text
    assert "&lt;script&gt;" in pages[0].text


def test_search_finds_articles_and_refuses_bad_queries(client, store):
    article = store.get_article(store.articles()[0]["id"])
    word = max(re.findall(r"[A-Za-z]{6,}", article.text), key=len)
    page = html(client.get("/search", params={"q": word}))
    assert f"/articles/{quote(article.id, safe='')}" in page.hrefs()
    assert "<mark>" in client.get("/search", params={"q": word}).text
    assert not [h for h in html(client.get("/search")).hrefs() if h.startswith("/articles/")]
    nothing = html(client.get("/search", params={"q": "zzqxvw"}))
    assert "No article matches" in " ".join(nothing.text)
    assert html(client.get("/search", params={"q": "x" * 5000}), 400)
    assert html(client.get("/search", params={"q": "bad\x00query"}), 400)


# -- every page: assets, phones, keyboards ------------------------------------------------------


def test_pages_are_local_responsive_and_keyboard_ready(client, store):
    story = store.stories()[0]["id"]
    entity = store.entities()[0]["key"]
    article = store.articles()[0]["id"]
    line = store.storylines()[0]["id"]
    for path in ("/", f"/stories/{story}", f"/entities/{quote(entity, safe='')}", "/events",
                 f"/articles/{quote(article, safe='')}", "/search?q=talks", "/stories/none", "/storylines",
                 f"/storylines/{line}"):  # fmt: skip
        response = client.get(path)
        page = Tags(response.text)
        assert page.all("meta", name="viewport"), path
        assert page.hrefs()[0] == "#main" and page.all("main", id="main"), path
        assert page.all("nav") and page.all("header") and page.all("footer"), path
        for link in page.all("link") + page.all("script") + page.all("img"):
            assert not re.match(r"(https?:)?//", link.get("href") or link.get("src") or ""), (path, link)
        labelled = {a.get("for") for a in page.all("label")}
        for tag in ("input", "select"):
            for field in page.all(tag):
                if field.get("type") != "hidden":
                    assert field.get("id") in labelled, (path, field)
    css = client.get("/static/storyline.css")
    assert css.status_code == 200 and ":focus-visible" in css.text and "@media" in css.text

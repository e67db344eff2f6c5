"""The Atom feeds (faces/web/atom.py), read with feedparser through FastAPI's TestClient over a
small store: a story's articles, a storyline's stories, an alert's deliveries."""

import json
import warnings

import feedparser
import pytest

from storyline.alerts import Criteria, add_alert, deliver_alerts
from storyline.config import Settings
from storyline.faces.api.app import create_app
from storyline.pipeline import ingest
from storyline.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

FIRST = {"id": "p1", "title": "Protesters march in Paris over pensions", "outlet": "Le Monde", "published": "2026-03-02",
         "text": "Thousands of protesters marched in Paris on Monday against the pension reform. The unions said "
                 "President Emmanuel Macron must withdraw the plan."}  # fmt: skip
LATER = [
    {"id": "p2", "title": "Pension protests go on in Paris", "outlet": "AFP", "published": "2026-03-03",
     "text": "Thousands of protesters marched in Paris again on Tuesday against the pension reform, and the unions "
             "said President Emmanuel Macron must withdraw the plan."},
    {"id": "j1", "title": "Floods hit Jakarta", "outlet": "Reuters", "published": "2026-03-03",
     "text": "Heavy rain flooded parts of Jakarta, Indonesia, on Tuesday after a week of storms over the city."},
]  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("atom")
    db, settings = str(tmp / "s.duckdb"), Settings({"nlp_processes": 1})
    with Store(db) as store:
        for name, articles in (("first", [FIRST]), ("later", LATER)):
            (tmp / f"{name}.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
            if name == "later":
                add_alert(store, "floods", Criteria(query="floods"), "stories", str(tmp / "out.jsonl"))
            assert not ingest([str(tmp / f"{name}.jsonl")], store, settings=settings).errors
        assert deliver_alerts(store, settings).delivered == 1
    with TestClient(create_app(Settings({"db": db}))) as c:
        yield c


def parsed(response):
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("application/atom+xml")
    found = feedparser.parse(response.content)
    assert not found.bozo, found.bozo_exception
    return found


def _story_of(client, article: str) -> str:
    with client.app.state.store_owner.reading() as store:
        return store.query("SELECT story_id FROM story_assignments s JOIN articles a ON a.id = s.article_id "
                           "WHERE a.name = ?", [article])[0]["story_id"]  # fmt: skip


def _articles_of(client, story: str) -> list[str]:
    with client.app.state.store_owner.reading() as store:
        return [a["id"] for a in store.story(story)["articles_list"]]


def test_story_feed_lists_its_articles(client):
    story = _story_of(client, "p1")
    feed = parsed(client.get(f"/stories/{story}.atom"))
    assert feed.feed.id == f"urn:storyline:story:{story}"
    assert feed.feed.title == client.get(f"/api/stories/{story}").json()["title"]
    assert any(link.rel == "self" and link.href.endswith(f"/stories/{story}.atom") for link in feed.feed.links)
    ids = _articles_of(client, story)
    assert ids and {e.id for e in feed.entries} == {f"urn:storyline:article:{i}" for i in ids}
    assert all(e.link.endswith(f"/articles/{e.id.rsplit(':', 1)[1]}") and e.updated for e in feed.entries)
    page = client.get(f"/stories/{story}").text
    assert '<link rel="alternate" type="application/atom+xml" title=' in page and f"/stories/{story}.atom" in page


def test_storyline_feed_lists_its_stories(client):
    line = client.get("/api/storylines").json()["items"][0]
    feed = parsed(client.get(f"/storylines/{line['id']}.atom"))
    with client.app.state.store_owner.reading() as store:
        stories = store.storyline(line["id"])["stories_list"]
    assert {e.id for e in feed.entries} == {f"urn:storyline:story:{s['id']}" for s in stories}
    assert f"/storylines/{line['id']}.atom" in client.get(f"/storylines/{line['id']}").text


def test_alert_feed_lists_its_deliveries(client):
    feed = parsed(client.get("/alerts/floods.atom"))
    assert feed.feed.title == "Storyline alert: floods"
    [entry] = feed.entries
    assert entry.title == "Floods hit Jakarta" and entry.id.startswith("urn:storyline:delivery:")
    assert "floods" in entry.summary and "/stories/" in entry.link


def test_unknown_feeds_answer_the_404_page(client):
    for path in ("/alerts/nope.atom", "/stories/s000.atom", "/storylines/l000.atom"):
        response = client.get(path)
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html"), path

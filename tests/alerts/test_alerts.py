"""Saved alerts (storyline/alerts/): what matches, and that each new matching item reaches its
target once: a JSON Lines file, or a webhook on 127.0.0.1 that can fail, be unreachable, or
hold a request while the delivering process is killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.alerts import Criteria, add_alert, deliver_alerts, find_new
from storyline.alerts.delivery import append_line
from storyline.alerts.matching import article_facts
from storyline.config import Settings
from storyline.faces.api.app import create_app
from storyline.pipeline import ingest
from storyline.store import Store

with warnings.catch_warnings():  # starlette 1.x would rather have httpx2 under its TestClient
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PARIS = {"id": "a1", "title": "Protesters march in Paris over pensions", "outlet": "Le Monde", "published": "2026-03-02",
         "text": "Thousands of protesters marched in Paris on Monday against the pension reform. The unions said "
                 "President Emmanuel Macron must withdraw the plan."}  # fmt: skip
JAKARTA = {"id": "a2", "title": "Floods hit Jakarta", "outlet": "Reuters", "published": "2026-03-03",
           "text": "Heavy rain flooded parts of Jakarta, Indonesia, on Tuesday after a week of storms over the city."}
STRIKE = {"id": "b1", "title": "Second day of strikes in Paris", "outlet": "AFP", "published": "2026-03-04",
          "text": "Workers went on strike in Paris again on Wednesday against the pension reform. Police arrested "
                  "protesters."}  # fmt: skip
BERLIN = {"id": "b3", "title": "Berlin elections", "outlet": "DW", "published": "2026-03-05",
          "text": "Voters in Berlin, Germany went to the polls. Chancellor Olaf Scholz voted in Potsdam."}
MUSEUM = {"id": "c1", "title": "Zürich museum reopens", "outlet": "AFP", "published": "2026-03-06",
          "text": "The Kunsthaus in Zürich reopened on Friday after renovation works lasting two years."}

FAST = Settings({"alert_retries": 1, "alert_backoff_seconds": 0.01, "alert_timeout": 5.0, "nlp_processes": 1})


def _ingest(store: Store, tmp_path: Path, *articles: dict, name: str = "in") -> None:
    path = tmp_path / f"{name}-{articles[0]['id']}.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles))
    report = ingest([str(path)], store, settings=FAST)
    assert not report.errors, report.errors


class Receiver:
    """A webhook on 127.0.0.1: records each POST (key, body, status answered); answers 500 to
    the first `fail` ones; while `hold` is set, keeps each request open until it is cleared."""

    def __init__(self):
        self.fail, self.posts, self.arrived = 0, [], threading.Event()
        self.hold = threading.Event()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                receiver.arrived.set()
                if receiver.hold.is_set():
                    receiver.release.wait(30)
                    receiver.posts.append((self.headers["Idempotency-Key"], body, "held"))
                    return  # the sender is gone: no answer reaches it
                status = 500 if receiver.fail > 0 else 200
                receiver.fail -= 1
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    return
                receiver.posts.append((self.headers["Idempotency-Key"], body, status))

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def delivered(self) -> list[str]:
        return [key for key, _, status in self.posts if status == 200]

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def store():
    s = Store(":memory:")
    yield s
    s.close()


LOUVRE = {"id": "c2", "title": "Louvre reopens in Paris", "outlet": "AFP", "published": "2026-03-06",
          "text": "The Louvre museum in Paris reopened its Egyptian wing on Friday after two years of works."}


def test_webhook_delivers_each_new_story_once(store, tmp_path, receiver):
    _ingest(store, tmp_path, PARIS, JAKARTA)
    assert add_alert(store, "paris", Criteria(query="paris"), "stories", receiver.url) == 1  # PARIS, not delivered
    _ingest(store, tmp_path, BERLIN, MUSEUM)
    assert deliver_alerts(store, FAST).delivered == 0  # nothing new names Paris
    _ingest(store, tmp_path, LOUVRE)
    louvre_story = store.query("SELECT story_id FROM story_assignments s JOIN articles a ON a.id = s.article_id "
                               "WHERE a.name = 'c2'")[0]["story_id"]  # fmt: skip
    report = deliver_alerts(store, FAST)
    assert report.delivered == 1 and report.pending == 0
    _ingest(store, tmp_path, LOUVRE, name="again")  # the same input: nothing changes
    assert deliver_alerts(store, FAST).delivered == 0
    _ingest(store, tmp_path, STRIKE)  # joins a story the alert knows (PARIS's) or starts one: at most one more
    deliver_alerts(store, FAST)
    assert deliver_alerts(store, FAST).delivered == 0
    keys = receiver.delivered()
    assert len(keys) == len(set(keys)) and receiver.posts[0][1]["id"] == louvre_story
    paris_story = store.query("SELECT story_id FROM story_assignments s JOIN articles a ON a.id = s.article_id "
                              "WHERE a.name = 'a1'")[0]["story_id"]  # fmt: skip
    assert paris_story not in [body["id"] for _, body, _ in receiver.posts]
    for _, body, _ in receiver.posts:
        assert body["alert"] == "paris" and body["kind"] == "story" and body["facts"]["words"] == ["paris"]
        assert body["delivery_id"] in keys


def test_failing_webhook_keeps_the_delivery_pending_then_delivers_it_once(store, tmp_path, receiver):
    _ingest(store, tmp_path, JAKARTA)
    add_alert(store, "zurich", Criteria(query="zurich"), "stories", receiver.url)  # accents aside: Zürich
    receiver.fail = 2  # the first try and its one retry
    _ingest(store, tmp_path, MUSEUM)
    report = deliver_alerts(store, FAST)
    assert (report.delivered, report.pending) == (0, 1)
    assert report.failures[0]["alert"] == "zurich" and "HTTP 500" in report.failures[0]["error"]
    [alert] = store.alerts()
    assert alert["pending"] == 1 and "HTTP 500" in alert["last_error"]
    report = deliver_alerts(store, FAST)
    assert (report.delivered, report.pending) == (1, 0)
    assert deliver_alerts(store, FAST).delivered == 0
    assert len(receiver.delivered()) == 1 and receiver.delivered()[0] == receiver.posts[0][0]  # the same key
    assert store.alerts()[0]["delivered"] == 1 and store.alerts()[0]["last_error"] is None


def test_closed_port_is_an_error_naming_the_target_then_delivered(store, tmp_path, receiver, closed_port_url):
    _ingest(store, tmp_path, JAKARTA)
    add_alert(store, "floods", Criteria(query="kunsthaus"), "stories", closed_port_url)
    _ingest(store, tmp_path, MUSEUM)
    report = deliver_alerts(store, FAST)
    assert report.pending == 1 and closed_port_url in report.failures[0]["error"]
    store._db.execute("UPDATE alerts SET target = ?", [receiver.url])  # the receiver answers now
    assert deliver_alerts(store, FAST).delivered == 1 and len(receiver.delivered()) == 1


def test_jsonl_target_and_a_crash_between_writing_and_marking(store, tmp_path):
    target = tmp_path / "alerts.jsonl"
    _ingest(store, tmp_path, JAKARTA)
    add_alert(store, "protests", Criteria(event_type="protest", country="FRA"), "events", str(target))
    _ingest(store, tmp_path, PARIS)
    report = deliver_alerts(store, FAST)
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert report.delivered == len(lines) == 1
    assert lines[0]["kind"] == "event" and lines[0]["facts"]["event_type"] == "PROTEST"
    assert lines[0]["facts"]["country"] == "FRA" and lines[0]["id"].endswith(":0")
    # a run killed after appending but before the store marked it: the next run finds it in the tail
    _ingest(store, tmp_path, STRIKE)
    assert find_new(store, FAST) == 1
    [pending] = store.pending_deliveries()
    append_line(str(target), pending["payload"])
    assert deliver_alerts(store, FAST).delivered == 1
    ids = [json.loads(line)["delivery_id"] for line in target.read_text().splitlines()]
    assert len(ids) == len(set(ids)) == 2 and ids[1] == pending["id"]


def test_criteria_combine_with_and(store, tmp_path):
    _ingest(store, tmp_path, PARIS, JAKARTA, BERLIN)
    rows = store.alert_rows(store.articles_changed_since(None)[0])
    by_name = {r["name"]: r for r in rows}
    paris, jakarta, berlin = by_name["a1"], by_name["a2"], by_name["b3"]
    assert article_facts(Criteria(entity="Emmanuel Macron", event_type="REQUEST"), paris)["entity"] == "Emmanuel Macron"
    assert article_facts(Criteria(entity="Emmanuel Macron", event_type="ASSAULT"), paris) is None
    assert article_facts(Criteria(entity="olaf scholz"), berlin) is not None
    assert article_facts(Criteria(country="IDN"), jakarta)["country"] == "IDN"
    assert article_facts(Criteria(country="idn", outlet="Le Monde"), jakarta) is None
    assert article_facts(Criteria(outlet="le monde", query="pension strike"), paris)["words"] == ["pension"]
    assert article_facts(Criteria(query="floods tuesday"), paris) is None
    with pytest.raises(ValueError, match="unknown event type 'riot'; known: AGREE, CONSULT"):
        Criteria(event_type="riot")


def test_items_already_in_the_store_are_not_delivered(store, tmp_path):
    target = tmp_path / "out.jsonl"
    _ingest(store, tmp_path, PARIS, STRIKE)
    assert add_alert(store, "fr", Criteria(country="FRA"), "storylines", str(target)) >= 1
    _ingest(store, tmp_path, PARIS, name="again")
    assert deliver_alerts(store, FAST).delivered == 0 and not target.exists()


def test_a_story_that_comes_to_match_is_delivered_then(store, tmp_path):
    target = tmp_path / "out.jsonl"
    _ingest(store, tmp_path, PARIS)
    assert add_alert(store, "police", Criteria(query="police"), "stories", str(target)) == 0
    _ingest(store, tmp_path, STRIKE)  # it names the police, and joins PARIS's story (or starts its own)
    assert deliver_alerts(store, FAST).delivered == 1
    story = store.query("SELECT story_id FROM story_assignments s JOIN articles a ON a.id = s.article_id "
                        "WHERE a.name = 'b1'")[0]["story_id"]  # fmt: skip
    [line] = map(json.loads, target.read_text().splitlines())
    assert line["id"] == story and line["facts"]["words"] == ["police"]
    _ingest(store, tmp_path, BERLIN)
    assert deliver_alerts(store, FAST).delivered == 0


ALERT_RUN = [sys.executable, "-m", "storyline.faces.cli", "--set", "alert_retries=0", "alert", "run"]


def test_exactly_once_across_a_kill_of_the_delivering_process(tmp_path, receiver):
    db = str(tmp_path / "s.duckdb")
    with Store(db) as store:
        _ingest(store, tmp_path, JAKARTA)
        add_alert(store, "news", Criteria(query="paris zurich"), "stories", receiver.url)
        _ingest(store, tmp_path, PARIS, MUSEUM)
    env = {**os.environ, "STORYLINE_DB": db}
    receiver.hold.set()
    run = subprocess.Popen(ALERT_RUN, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert receiver.arrived.wait(60), run.communicate(timeout=5)
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait(10)
    receiver.hold.clear()
    receiver.release.set()
    time.sleep(0.1)
    again = subprocess.run(ALERT_RUN + ["--json"], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["delivered"] == 2
    third = subprocess.run(ALERT_RUN + ["--json"], env=env, capture_output=True, text=True, timeout=120)
    assert json.loads(third.stdout)["delivered"] == 0
    keys = receiver.delivered()
    assert len(keys) == len(set(keys)) == 2
    held = [key for key, _, status in receiver.posts if status == "held"]
    assert held and held[0] in keys  # the one cut off was sent again under the same key


def test_post_articles_delivers_and_reports_alerts(tmp_path, receiver):
    db = str(tmp_path / "s.duckdb")
    with Store(db) as store:
        _ingest(store, tmp_path, JAKARTA)
        add_alert(store, "art", Criteria(query="kunsthaus"), "stories", receiver.url)
    with TestClient(create_app(Settings({"db": db, "nlp_processes": 1}), ingest_token="t")) as client:
        auth = {"Authorization": "Bearer t"}
        report = client.post("/api/articles", json=MUSEUM, headers=auth).json()
        assert report["alerts"]["delivered"] == 1 and report["alerts"]["failures"] == []
        again = client.post("/api/articles", json=MUSEUM, headers=auth).json()
        assert again["alerts"]["delivered"] == 0
    assert len(receiver.delivered()) == 1 and receiver.posts[0][1]["title"] == "Zürich museum reopens"

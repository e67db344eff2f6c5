"""`storyline serve --watch` as a user runs it: a real server process watching a loopback feed,
answering pages and API requests all through a long ingest (never a 503), storing a POST made
meanwhile once, and taking the work of other storyline commands run against its store."""

import json
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from helpers import Route

TOKEN = "serve-watch-token"
ENTRIES = 24

TOWNS = ["Harbury", "Kelton", "Marrow", "Fenwick", "Ostby", "Lindale", "Crayford", "Ashmoor"]


def entry(n: int) -> str:
    town = TOWNS[n % len(TOWNS)]
    body = (f"<p>The council of {town} approved plan number {n} for the harbour on Monday, officials said, "
            f"after {n * 11 + 40} residents signed a petition asking for the work to begin.</p>"
            f"<p>The mayor of {town} said the {n + 3} million budget would be spent over two years.</p>") * 3
    return (f"<item><title>{town} approves harbour plan {n}</title><link>https://news.example/{n}</link>"
            f"<guid>plan-{n}</guid><pubDate>Mon, {n % 27 + 1:02d} Jan 2025 09:00:00 GMT</pubDate>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>")


def feed() -> bytes:
    items = "".join(entry(n) for n in range(ENTRIES))
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Harbour Towns</title><language>en</language>{items}</channel></rss>").encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(db, *args, input=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline.faces.cli", "--db", str(db), *args], input=input,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


@pytest.fixture
def served(tmp_path, http_server):
    http_server.routes["/towns.xml"] = Route(feed())
    db = tmp_path / "served.duckdb"
    port = free_port()
    env = {**os.environ, "STORYLINE_WATCH_BATCH_SIZE": "3", "STORYLINE_INGEST_TOKEN": TOKEN}
    server = subprocess.Popen([sys.executable, "-m", "storyline.faces.cli", "--db", str(db), "serve", "--port", str(port),
                               "--watch", http_server.url("/towns.xml")],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/watch", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, server.stderr.read()
            time.sleep(0.1)
        yield base, db, http_server.url("/towns.xml")
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0
    assert not os.path.exists(str(db) + ".owner.json")  # let go on the way out


RECORD = {"id": "posted-1", "title": "Ferry fares frozen", "outlet": "Valley Times", "published": "2025-01-20",
          "text": "The ferry operator froze fares for the winter on Monday, the company said.\n\n"
                  "Passengers had feared a rise of a tenth after the fuel bill doubled."}  # fmt: skip


def test_serve_watch_answers_throughout_and_stores_a_post_once(served):
    base, db, url = served
    statuses, posted, pages = [], [], 0
    with httpx.Client(base_url=base, timeout=60) as client:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            for path in ("/api/articles?limit=5", "/api/stories", "/", "/api/watch"):
                statuses.append((path, client.get(path).status_code))
            pages += 1
            stored = client.get("/api/articles", params={"limit": 200}).json()["items"]
            if not posted and 0 < len(stored) < ENTRIES:  # mid-ingest: the watcher is between batches
                response = client.post("/api/articles", json=RECORD, headers={"Authorization": f"Bearer {TOKEN}"})
                posted.append((response.status_code, response.json()))
            polls = client.get("/api/watch").json()["polls"]
            if polls and polls[0]["status"] != "stopped" and posted:
                break
            time.sleep(0.05)
        assert posted and posted[0][0] == 200 and posted[0][1]["new"] == 1, posted
        assert pages > 3  # it was asked many times while it ingested
        assert {status for _, status in statuses} == {200}, [s for s in statuses if s[1] != 200][:5]
        (poll,) = client.get("/api/watch").json()["polls"]
        assert (poll["source"], poll["new"], poll["stored"]) == (url, ENTRIES, ENTRIES)
        again = client.post("/api/articles", json=RECORD, headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert (again["new"], again["unchanged"]) == (0, 1)
        names = [a["name"] for a in client.get("/api/articles", params={"limit": 200}).json()["items"]]
    assert len(names) == ENTRIES + 1 and len(set(names)) == len(names)
    assert sum("posted-1" in n for n in names) == 1


def test_other_commands_are_handed_to_the_server(served, tmp_path):
    base, db, url = served
    note = tmp_path / "note.txt"
    note.write_text("---\ntitle: Library opens late\noutlet: Town Crier\npublished: 2025-02-01\n---\n"
                    "The town library opens until nine on Thursdays from next week, the council said.\n",
                    encoding="utf-8")  # fmt: skip
    ingested = cli(db, "ingest", str(note), "--json")
    assert ingested.returncode == 0, ingested.stderr
    assert json.loads(ingested.stdout)["new"] == 1
    piped = cli(db, "ingest", "-", "--published", "2025-02-02", "--outlet", "Town Crier", "--json",
                input="The swimming pool reopens on Saturday after its roof was repaired, the council said.\n")
    assert piped.returncode == 0 and json.loads(piped.stdout)["new"] == 1, piped.stderr
    listed = [json.loads(line) for line in cli(db, "articles", "--json").stdout.splitlines()]
    assert sum(a["name"].endswith("note.txt") for a in listed) == 1
    assert any(a["published"] == "2025-02-02" for a in listed)
    missing = cli(db, "show", "no-such-article")
    assert missing.returncode == 1 and "no article 'no-such-article'" in missing.stderr
    alert = cli(db, "alert", "add", "library", "--query", "library", "--to", str(tmp_path / "alerts.jsonl"), "--json")
    assert alert.returncode == 0 and json.loads(alert.stdout)["matching_today"] == 1, alert.stderr  # handed over too
    assert [json.loads(line)["name"] for line in cli(db, "alert", "list", "--json").stdout.splitlines()] == ["library"]
    sources = [json.loads(line) for line in cli(db, "sources", "list", "--json").stdout.splitlines()]
    assert [s["url"] for s in sources] == [url]
    with httpx.Client(base_url=base, timeout=60) as client:
        total = len(client.get("/api/articles", params={"limit": 500}).json()["items"])
    assert total == len(listed)

"""A watcher killed (SIGKILL, no chance to clean up) in the middle of ingesting a feed and
started again neither misses nor repeats an entry: a real `storyline watch` process over a
loopback feed."""

import json
import os
import signal
import subprocess
import sys
import time

from helpers import Route
from storyline.store import open_store

ENTRIES = 30
TOWNS = ["Harbury", "Kelton", "Marrow", "Fenwick", "Ostby", "Lindale", "Crayford", "Ashmoor", "Brill", "Dunmore"]


def entry(n: int) -> str:
    town = TOWNS[n % len(TOWNS)]
    body = (f"<p>Firefighters in {town} put out a warehouse fire number {n} on Tuesday, the brigade said, after "
            f"{n + 4} crews worked through the night to stop it spreading to the docks.</p>"
            f"<p>The owner of the {town} warehouse said the damage would cost {n * 2 + 1} million.</p>") * 3
    return (f"<item><title>{town} warehouse fire {n}</title><link>https://fires.example/{n}</link>"
            f"<guid>fire-{n}</guid><pubDate>Tue, {n % 27 + 1:02d} Feb 2025 06:00:00 GMT</pubDate>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>")


def feed() -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Fires</title>{''.join(entry(n) for n in range(ENTRIES))}</channel></rss>").encode()


def watch(db, *args, **popen):
    env = {**os.environ, "STORYLINE_WATCH_BATCH_SIZE": "2"}
    return subprocess.Popen([sys.executable, "-m", "storyline.faces.cli", "--db", str(db), "watch", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)  # fmt: skip


def test_a_watcher_killed_mid_ingest_then_restarted_stores_each_entry_once(http_server, tmp_path):
    http_server.routes["/fires.xml"] = Route(feed())
    db = tmp_path / "watched.duckdb"
    first = watch(db, http_server.url("/fires.xml"))
    wal = tmp_path / "watched.duckdb.wal"
    try:
        deadline = time.monotonic() + 120

        def waiting(done) -> None:
            while not done():
                assert first.poll() is None, first.stderr.read()
                assert time.monotonic() < deadline, "the watcher got no further in two minutes"
                time.sleep(0.02)

        waiting(lambda: http_server.requests)  # polling: the source is stored (in the log)
        before = wal.stat().st_size if wal.exists() else 0
        waiting(lambda: wal.exists() and wal.stat().st_size > before)  # a first batch is being committed
        # and has been once the log grows again (the next batch's commit): killed while the
        # first commit is still writing, that batch would be rolled back on replay
        first_commit = wal.stat().st_size
        waiting(lambda: wal.stat().st_size > first_commit)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    with open_store(db, read_only=True) as store:
        halfway = store.count_articles()
        assert store.sources()[0]["polls"] == 0  # the poll was not recorded: its entries are read again
    assert 0 < halfway < ENTRIES, halfway

    again = watch(db, "--once", "--json")
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    (poll,) = [json.loads(line) for line in out.splitlines()]
    assert (poll["new"], poll["stored"]) == (ENTRIES, ENTRIES)  # all again: those stored are unchanged
    with open_store(db, read_only=True) as store:
        names = [a["name"] for a in store.articles(limit=1000)]
        (source,) = store.sources()
    assert sorted(names) == sorted(f"https://fires.example/{n}" for n in range(ENTRIES))
    assert (source["entries_seen"], source["entries_stored"], source["polls"]) == (ENTRIES, ENTRIES, 1)

    third = watch(db, "--once", "--json")
    out, _ = third.communicate(timeout=300)
    assert json.loads(out)["new"] == 0  # seen: not read again


def test_sigterm_stops_after_the_batch_and_other_commands_reach_the_running_watcher(http_server, tmp_path):
    http_server.routes["/fires.xml"] = Route(feed())
    db = tmp_path / "watched.duckdb"
    running = watch(db, http_server.url("/fires.xml"), "--json")
    owner = tmp_path / "watched.duckdb.owner.json"
    deadline = time.monotonic() + 120
    while not (owner.exists() and http_server.requests):
        assert running.poll() is None, running.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    listed = subprocess.run([sys.executable, "-m", "storyline.faces.cli", "--db", str(db), "sources", "list", "--json"],
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert [json.loads(line)["url"] for line in listed.stdout.splitlines()] == [http_server.url("/fires.xml")]
    running.send_signal(signal.SIGTERM)
    out, err = running.communicate(timeout=120)
    assert running.returncode == 0, err
    assert "stopping after the current batch" in err
    (poll,) = [json.loads(line) for line in out.splitlines()]
    assert poll["status"] == "stopped" and poll["stored"] < ENTRIES
    assert not owner.exists()
    with open_store(db, read_only=True) as store:
        assert store.count_articles() == poll["stored"]
        assert store.sources()[0]["entries_stored"] == poll["stored"]

    rest = watch(db, "--once", "--json")
    out, err = rest.communicate(timeout=300)
    assert rest.returncode == 0, err
    assert json.loads(out)["stored"] == ENTRIES - poll["stored"]  # the rest, and none of those stored again
    with open_store(db, read_only=True) as store:
        assert store.count_articles() == ENTRIES
        assert store.sources()[0]["entries_seen"] == ENTRIES


def test_an_alert_fires_once_per_story_across_a_kill_and_restart_of_the_watcher(http_server, tmp_path):
    http_server.routes["/fires.xml"] = Route(feed())
    db, out = tmp_path / "alerted.duckdb", tmp_path / "fires.jsonl"
    added = subprocess.run([sys.executable, "-m", "storyline.faces.cli", "--db", str(db), "alert", "add", "fires",
                            "--query", "warehouse", "--to", str(out)], capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    first = watch(db, http_server.url("/fires.xml"))
    wal = tmp_path / "alerted.duckdb.wal"
    deadline = time.monotonic() + 120
    try:
        while not (out.exists() and out.stat().st_size > 0):  # a first batch stored and its stories delivered
            assert first.poll() is None, first.stderr.read()
            assert time.monotonic() < deadline, "no alert delivered in two minutes"
            time.sleep(0.01)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    assert wal.exists()
    with open_store(db, read_only=True) as store:
        assert 0 < store.count_articles() < ENTRIES

    again = watch(db, "--once")
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    delivered = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    keys = [(d["kind"], d["id"]) for d in delivered]
    assert len(keys) == len(set(keys)) and len({d["delivery_id"] for d in delivered}) == len(delivered)  # none twice
    with open_store(db, read_only=True) as store:
        assert store.count_articles() == ENTRIES
        stories = {s["id"] for s in store.stories()}
    assert {i for kind, i in keys if kind == "story"} >= stories  # every story delivered

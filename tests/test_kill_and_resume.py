"""An ingest killed with SIGKILL midway, then run again, gives the same store as one clean run."""

import signal
import subprocess
import sys
import time

import duckdb
import pytest

from storyline.store import open_store

TOPICS = ["harbor", "railway", "election", "drought", "vaccine", "bridge", "strike", "summit"]


def write_many(folder, n):
    folder.mkdir()
    for i in range(n):
        topic = TOPICS[i % len(TOPICS)]
        body = "\n\n".join(
            f"Report {i} on the {topic}: officials in district {j} said the {topic} plans would be "
            f"reviewed again next week, and residents were asked for their views on item {i * 7 + j}."
            for j in range(4)
        )
        (folder / f"{i:04d}-{topic}.txt").write_text(body + "\n", encoding="utf-8")


def run_ingest(db, folder):
    return subprocess.Popen(
        [sys.executable, "-m", "storyline.faces.cli", "--db", str(db), "--set", "batch_size=4",
         "ingest", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def snapshot(db):
    """Everything stored, less the wall-clock timestamps."""
    with open_store(db, read_only=True) as store:
        return {
            "articles": store.query(
                "SELECT * EXCLUDE (ingested_at, updated_at) FROM articles ORDER BY id"),
            "paragraphs": store.query("SELECT * FROM paragraphs ORDER BY article_id, position"),
            "removed": store.query("SELECT * FROM removed_parts ORDER BY article_id, position"),
            "raw": store.query("SELECT article_id, md5(raw) AS h FROM raw_inputs ORDER BY article_id"),
            "mentions": store.query("SELECT * FROM mentions ORDER BY article_id, position"),
            "dates": store.query("SELECT * FROM time_expressions ORDER BY article_id, position"),
            "stories": store.query("SELECT * FROM stories ORDER BY id"),  # with each story's storyline
            "storylines": store.query("SELECT * FROM storylines ORDER BY id"),
            "assignments": store.query(
                "SELECT article_id, story_id, decision, probability, copy_of FROM story_assignments ORDER BY position"),
        }


def count(db):
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return 0  # killed before the store was created
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except duckdb.Error:
        return 0
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_midway_then_rerun_equals_one_clean_run(tmp_path):
    folder = tmp_path / "in"
    write_many(folder, 160)

    clean_db = tmp_path / "clean.duckdb"
    started = time.monotonic()
    assert run_ingest(clean_db, folder).wait(timeout=300) == 0
    clean_seconds = time.monotonic() - started
    expected = snapshot(clean_db)
    assert len(expected["articles"]) == 160

    killed_db = tmp_path / "killed.duckdb"
    partial = None
    for fraction in (0.6, 0.75, 0.45, 0.85, 0.3):  # the kill must land after some batches committed
        for leftover in tmp_path.glob("killed.duckdb*"):
            leftover.unlink()
        proc = run_ingest(killed_db, folder)
        time.sleep(clean_seconds * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        partial = count(killed_db)
        if 0 < partial < 160:
            break
    assert partial is not None and 0 < partial < 160, f"could not kill midway (found {partial} articles)"
    assert partial % 4 == 0, "only whole batches are stored"

    assert run_ingest(killed_db, folder).wait(timeout=300) == 0
    assert snapshot(killed_db) == expected

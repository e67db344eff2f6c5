"""Issue 9: `storyline spark run` then `storyline load` store exactly what `storyline ingest`
stores for the same inputs (every table, story grouping included), a retried task leaves no
duplicate rows, and a bad input is reported, not dropped."""

from __future__ import annotations

import glob
import os
import shutil

import duckdb
import pytest
from click.testing import CliRunner

from helpers import SHARED
from storyline.faces.cli.commands import cli
from storyline.sample import corpus_path
from storyline.store import open_store

pytestmark = pytest.mark.spark

# every table either path writes; the ingestion timestamps are the only columns left out
TABLES = (
    "articles", "raw_inputs", "paragraphs", "removed_parts", "sentences", "mentions", "article_entities",
    "time_expressions", "events", "quotes", "story_assignments", "stories",
)  # fmt: skip
# the ingestion timestamps, and the storyline level, which the cluster job does not compute yet
# (a store it loaded gets one storyline per story on its next ingest: pipeline.rebuild_stories)
IGNORED = {"ingested_at", "updated_at", "storyline_id", "storyline_explanation"}


def table_rows(db_path: str, table: str) -> list[tuple]:
    """Every row of `table`, sorted, without the ingestion timestamps."""
    with open_store(db_path, read_only=True) as store:
        columns = [r["column_name"] for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
        ) if r["column_name"] not in IGNORED]  # fmt: skip
        rows = store.query(f"SELECT {', '.join(columns)} FROM {table}")
    return sorted((tuple((c, _plain(row[c])) for c in columns) for row in rows), key=repr)


def _plain(value):
    return tuple(value) if isinstance(value, list) else value


def differences(expected_db: str, actual_db: str) -> dict[str, tuple[int, int, list]]:
    """table -> (rows expected, rows found, a few rows that differ) for each table that differs."""
    out = {}
    for table in TABLES:
        expected, actual = table_rows(expected_db, table), table_rows(actual_db, table)
        if expected != actual:
            only = [("missing", r) for r in expected if r not in actual][:2] + [("extra", r) for r in actual if r not in expected][:2]
            out[table] = (len(expected), len(actual), only)
    return out


def _parquet(sql: str) -> list[tuple]:
    """Rows of a query over the Parquet output, read by DuckDB, not by Spark."""
    with duckdb.connect() as db:
        return db.execute(sql).fetchall()


def _invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_and_seeds(spark, tmp_path_factory):
    """The sample corpus and the seeds (when ../shared is there) through both paths:
    (ingested store, Spark output folder, loaded store)."""
    inputs = [str(corpus_path())]
    seeds = SHARED / "seeds" / "articles"
    if seeds.is_dir():  # else the sample corpus alone (the seeds are reference data beside the repo)
        inputs.append(str(seeds))
    tmp = tmp_path_factory.mktemp("spark-sample")
    ingested, loaded, out = str(tmp / "ingest.duckdb"), str(tmp / "spark.duckdb"), str(tmp / "out")
    assert _invoke("--db", ingested, "ingest", *inputs).exit_code == 0
    run = _invoke("--db", loaded, "spark", "run", *inputs, "--out", out, "--master", "local[2]")
    assert run.exit_code == 0, run.output
    load = _invoke("--db", loaded, "load", out)
    assert load.exit_code == 0, load.output
    return ingested, out, loaded


def test_spark_rows_equal_single_machine_rows(sample_and_seeds):
    ingested, _, loaded = sample_and_seeds
    assert differences(ingested, loaded) == {}
    # and the comparison compared something: every kind of finding is there
    for table in ("articles", "mentions", "article_entities", "time_expressions", "quotes", "events", "stories"):
        assert table_rows(loaded, table), f"no {table} rows"


def test_same_story_grouping(sample_and_seeds):
    ingested, _, loaded = sample_and_seeds

    def grouping(db):
        stories = {}
        for row in table_rows(db, "story_assignments"):
            row = dict(row)
            stories.setdefault(row["story_id"], set()).add(row["article_id"])
        return sorted(sorted(members) for members in stories.values())

    expected = grouping(ingested)
    assert grouping(loaded) == expected
    assert any(len(members) > 1 for members in expected)


def test_output_is_partitioned_by_publication_day(sample_and_seeds):
    _, out, _ = sample_and_seeds
    days = {os.path.basename(p) for p in glob.glob(os.path.join(out, "articles", "published_day=*"))}
    published = {
        str(r[0]) for r in _parquet(f"SELECT DISTINCT published FROM read_parquet('{out}/articles/**/*.parquet')")
    }
    assert days == {f"published_day={'undated' if d == 'None' else d}" for d in published}
    assert len(days) > 5


def test_loading_twice_changes_nothing(sample_and_seeds, tmp_path):
    ingested, out, _ = sample_and_seeds
    db = str(tmp_path / "twice.duckdb")
    first = _invoke("--db", db, "load", out, "--json")
    second = _invoke("--db", db, "load", out, "--json")
    assert '"new": 0' not in first.output and '"unchanged": 0' in first.output
    assert '"new": 0' in second.output and '"updated": 0' in second.output
    assert differences(ingested, db) == {}


def test_missing_or_unfinished_output_is_refused_naming_it(sample_and_seeds, tmp_path):
    ingested, out, _ = sample_and_seeds
    db = str(tmp_path / "store.duckdb")
    shutil.copyfile(ingested, db)
    before = {t: table_rows(db, t) for t in ("articles", "story_assignments")}
    missing = _invoke("--db", db, "load", str(tmp_path / "nowhere"))
    assert missing.exit_code == 1 and "nowhere" in missing.output
    unfinished = tmp_path / "unfinished"
    shutil.copytree(out, unfinished)
    os.remove(unfinished / "_storyline.json")
    refused = _invoke("--db", db, "load", str(unfinished))
    assert refused.exit_code == 1 and "unfinished" in refused.output and "_storyline.json" in refused.output
    assert {t: table_rows(db, t) for t in before} == before


def test_corrupt_parquet_leaves_the_store_untouched(sample_and_seeds, tmp_path):
    ingested, out, _ = sample_and_seeds
    corrupt = tmp_path / "corrupt"
    shutil.copytree(out, corrupt)
    victim = sorted(glob.glob(str(corrupt / "quotes" / "*" / "*.parquet")))[0]
    with open(victim, "r+b") as f:  # the footer intact, the data pages garbage
        size = os.path.getsize(victim)
        f.seek(4)
        f.write(os.urandom(max(1, size // 2)))
    db = str(tmp_path / "store.duckdb")
    result = _invoke("--db", db, "load", str(corrupt))
    assert result.exit_code == 1 and "corrupt" in result.output
    assert table_rows(db, "articles") == [] and table_rows(db, "quotes") == []


# -- a small run: a task that fails once, and inputs that cannot be read ---------------------------

STORY = """---
title: {title}
outlet: {outlet}
published: 2025-05-{day:02d}
---
{title}

Officials in Tallinn said on Monday that the harbour bridge would stay closed after engineers found
cracks in two of its supports. "We will not reopen it until it is safe," said Kadri Tamm, the city's
transport director. Tamm said repairs could take three weeks. Ferry operators added extra crossings.
"""


@pytest.fixture
def small_inputs(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    for i, outlet in enumerate(("Baltic Herald", "Harbour News", "Tallinn Daily", "North Post", "Coast Wire")):
        (folder / f"bridge-{i}.txt").write_text(STORY.format(title=f"Bridge closed, report {i}", outlet=outlet, day=10 + i))
    # line 1 is page furniture only (a clean failure), line 2 no JSON (a read failure)
    (folder / "broken.jsonl").write_text('{"id": "x1", "title": "Fine", "text": "Sign up for our newsletter\\nAccept '
                                         'cookies\\nShare on Facebook\\nAll rights reserved"}\n{not json\n')
    (folder / "empty.txt").write_bytes(b"")
    # one input twice (same name and bytes, so the same id: the store keeps the last one read),
    # and a batch of its own naming the director by surname only (linked through earlier batches)
    (folder / "bridge-again").mkdir()
    (folder / "bridge-again" / "bridge-0.txt").write_bytes((folder / "bridge-0.txt").read_bytes())
    (folder / "z-later").mkdir()
    (folder / "z-later" / "update.txt").write_text(
        "---\ntitle: Bridge repairs begin\noutlet: Coast Wire\npublished: 2025-05-20\n---\nBridge repairs begin\n\n"
        "Repairs to the Tallinn harbour bridge began on Tuesday. Transport director Tamm said the work was on "
        "schedule and that the bridge supports would be replaced one at a time while ferries kept running.\n"
    )
    return [str(folder), str(tmp_path / "absent.txt")]


def test_retried_task_writes_no_duplicates_and_bad_inputs_are_reported(spark, small_inputs, tmp_path):
    from storyline.config import Settings
    from storyline.spark.job import FAIL_ONCE, run

    marker = tmp_path / "failed-once"
    spark.conf.set(FAIL_ONCE, str(marker))
    try:  # batches of two documents: cleaning, people and stories all cross batch edges
        report = run(small_inputs, str(tmp_path / "out"), spark=spark, settings=Settings({"batch_size": 2}))
    finally:
        spark.conf.unset(FAIL_ONCE)
    assert marker.exists(), "the injected failure did not happen"
    out = tmp_path / "out"
    for table in ("articles", "raw_inputs", "story_assignments"):
        key = "id" if table == "articles" else "article_id"
        [(total, distinct)] = _parquet(
            f"SELECT count(*), count(DISTINCT {key}) FROM read_parquet('{out}/{table}/**/*.parquet')"
        )
        assert total == distinct == report.articles, table
    # the same rows as a single-machine ingest, and the same errors, each naming its input
    ingested, loaded = str(tmp_path / "ingest.duckdb"), str(tmp_path / "spark.duckdb")
    ingest = _invoke("--db", ingested, "--set", "batch_size=2", "ingest", *small_inputs)
    assert ingest.exit_code == 1
    assert _invoke("--db", loaded, "load", str(out)).exit_code == 0
    assert differences(ingested, loaded) == {}
    assert report.batches > 3 and report.articles == len(table_rows(loaded, "articles"))
    repeated = [dict(r)["origin"] for r in table_rows(loaded, "articles") if dict(r)["name"] == "bridge-0.txt"]
    assert repeated == [os.path.join(small_inputs[0], "bridge-again", "bridge-0.txt")]
    named = {dict(r)["text"]: dict(r)["entity_key"] for r in table_rows(loaded, "mentions") if dict(r)["label"] == "PERSON"}
    assert named.get("Tamm") == named["Kadri Tamm"], named  # the surname alone, linked across batches
    messages = sorted(f.message for f in report.failures)
    assert any("broken.jsonl" in m for m in messages) and any("absent.txt" in m for m in messages)
    assert {f.stage for f in report.failures} == {"read", "clean"}
    assert all(f.input and f.input in f.message for f in report.failures)  # each names its input
    assert all(m in ingest.output for m in messages)
    written = sorted(r[0] for r in _parquet(f"SELECT message FROM read_parquet('{out}/errors/*.parquet')"))
    assert written == messages


def test_hadoop_uris_are_listed_and_read(spark, tmp_path):
    """A Hadoop URI (file:// here; s3a://, hdfs:// go through the same file system API) is
    listed recursively and read from its bytes; one that does not exist is reported."""
    from storyline.spark.job import run

    folder = tmp_path / "remote" / "day-1"
    folder.mkdir(parents=True)
    for i in range(2):
        (folder / f"bridge-{i}.txt").write_text(STORY.format(title=f"Bridge report {i}", outlet="Coast Wire", day=3 + i))
    (folder / "_SUCCESS").write_text("")  # Hadoop's markers are not inputs
    report = run([f"file://{tmp_path / 'remote'}", f"file://{tmp_path / 'nothing'}"], str(tmp_path / "out"), spark=spark)
    assert report.articles == 2 and report.read == 2
    origins = sorted(r[0] for r in _parquet(f"SELECT origin FROM read_parquet('{tmp_path}/out/articles/**/*.parquet')"))
    assert [o.rsplit("/", 1)[-1] for o in origins] == ["bridge-0.txt", "bridge-1.txt"]
    assert all(o.startswith("file:") for o in origins)
    assert [f.input for f in report.failures] == [f"file://{tmp_path / 'nothing'}"]

"""The store's memory: the db_memory_mb cap and the db_cache_mb cut reach DuckDB through every CLI command."""

import pytest

from storyline.store import open_store


def _limit(store) -> str:
    return store.query("SELECT current_setting('memory_limit') AS m")[0]["m"]


def test_open_store_caps_duckdb_memory(tmp_path):
    with open_store(tmp_path / "s.duckdb", memory_mb=256) as store:
        capped = _limit(store)
    with open_store(tmp_path / "s.duckdb") as store:
        default = _limit(store)
    assert capped.startswith("244") and capped.endswith("MiB")  # 256 MB = 244.1 MiB
    assert default != capped


def test_commands_open_the_store_with_the_setting(tmp_path):
    from storyline.config import Settings
    from storyline.faces.cli.terminal import opened

    settings = Settings({"db": str(tmp_path / "c.duckdb"), "db_memory_mb": "300"}, environ={})
    with opened(settings) as store:
        assert _limit(store).startswith("286")  # 300 MB = 286.1 MiB
    unlimited = Settings({"db": str(tmp_path / "c.duckdb"), "db_memory_mb": "0"}, environ={})
    with opened(unlimited) as store:
        assert not _limit(store).startswith("286")


def _table_cache_mb(store) -> float:
    rows = store.query("SELECT memory_usage_bytes AS b FROM duckdb_memory() WHERE tag = 'BASE_TABLE'")
    return sum(r["b"] for r in rows) / 2**20


def _fill(store) -> None:
    """About 60 MB of table blocks written by a checkpoint, which DuckDB leaves loaded."""
    store.query("CREATE TABLE filler (id VARCHAR, body VARCHAR)")
    store.query("INSERT INTO filler SELECT 'id' || i, repeat(md5(i::VARCHAR), 30) FROM range(90000) r(i)")
    store.query("CHECKPOINT")


@pytest.mark.parametrize("cache_mb", [8, 0])
def test_a_committed_write_cuts_the_table_cache_to_db_cache_mb(tmp_path, cache_mb):
    """The blocks a checkpoint wrote stay in DuckDB's cache until a committed write cuts it to
    `db_cache_mb` (0: never), and the memory limit is what it was afterwards."""
    from storyline.config import Settings
    from storyline.faces.cli.terminal import opened

    settings = Settings({"db": str(tmp_path / "c.duckdb"), "db_cache_mb": cache_mb}, environ={})
    with opened(settings) as store:
        _fill(store)
        before, limit = _table_cache_mb(store), _limit(store)
        with store.batch("add a row"):
            store.query("INSERT INTO filler VALUES ('one more', 'row')")
        after = _table_cache_mb(store)
        assert _limit(store) == limit
        assert store.query("SELECT count(*) AS n FROM filler")[0]["n"] == 90001
    assert before > 45
    if cache_mb:
        assert after <= cache_mb + 4
    else:
        assert after > 45


def test_the_cut_waits_for_a_query_running_on_a_cursor_and_skips_if_it_runs_on(tmp_path):
    """A query on another cursor (a server's reader thread) never runs while the cut has the
    limit lowered: the cut waits for it, and is skipped when it runs past the wait."""
    import threading

    from storyline.config import Settings
    from storyline.faces.cli.terminal import opened

    settings = Settings({"db": str(tmp_path / "g.duckdb"), "db_cache_mb": 8}, environ={})
    with opened(settings) as store:
        _fill(store)
        reader = store.cursor()
        gate = store._gate
        running, release = threading.Event(), threading.Event()

        def slow_query():
            with gate.query():  # as _GatedCursor.execute holds it around a query
                running.set()
                release.wait(10)

        worker = threading.Thread(target=slow_query)
        worker.start()
        running.wait(5)
        with gate.cut(wait=0.2) as clear:
            assert not clear  # the query runs on: no cut
        before = _table_cache_mb(store)
        with store.batch("add a row"):  # its cut is skipped too: the cache stays as it was
            store.query("INSERT INTO filler VALUES ('one more', 'row')")
        assert _table_cache_mb(store) >= before - 1
        release.set()
        worker.join(5)
        with store.batch("add another row"):  # nothing running now: the cut goes ahead
            store.query("INSERT INTO filler VALUES ('and one', 'more')")
        assert _table_cache_mb(store) <= 8 + 1
        assert reader.query("SELECT count(*) AS n FROM filler")[0]["n"] == 90002
        reader.close()


def test_a_query_waits_while_the_cut_has_the_limit_lowered(tmp_path):
    import threading
    import time

    with open_store(tmp_path / "w.duckdb", cache_mb=8) as store:
        reader = store.cursor()
        gate = store._gate
        finished = []
        with gate.cut(wait=0.1) as clear:
            assert clear
            worker = threading.Thread(target=lambda: finished.append(reader.query("SELECT 42 AS n")[0]["n"]))
            worker.start()
            time.sleep(0.2)
            assert finished == []  # held back until the cut is over
        worker.join(5)
        assert finished == [42]
        reader.close()

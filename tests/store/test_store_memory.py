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

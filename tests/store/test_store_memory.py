"""The store's memory cap: the db_memory_mb setting reaches DuckDB through every CLI command."""

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

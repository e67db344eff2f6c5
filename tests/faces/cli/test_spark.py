"""`storyline spark run` and `storyline load` refuse bad arguments before any Spark starts
(these run without pyspark or Java)."""

from __future__ import annotations

from click.testing import CliRunner

from storyline.faces.cli.commands import cli


def _invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_a_conf_without_a_value_is_a_usage_error(tmp_path):
    result = _invoke("spark", "run", str(tmp_path), "--out", str(tmp_path / "out"), "--conf", "spark.executor.memory")
    assert result.exit_code == 2 and "'spark.executor.memory' is not KEY=VALUE" in result.output


def test_an_output_that_is_a_file_is_refused_naming_it(tmp_path):
    taken = tmp_path / "taken.parquet"
    taken.write_bytes(b"PAR1")
    result = _invoke("spark", "run", str(tmp_path), "--out", str(taken))
    assert result.exit_code == 1 and f"--out '{taken}' is a file" in result.output
    assert taken.read_bytes() == b"PAR1"


def test_loading_what_is_not_a_spark_output_leaves_the_store_untouched(tmp_path):
    db = str(tmp_path / "store.duckdb")
    not_output = tmp_path / "folder"
    not_output.mkdir()
    (not_output / "_storyline.json").write_bytes(b"\xff\xfe not json")
    for target, expected in ((tmp_path / "absent", "no Spark output at"), (not_output, "cannot read")):
        result = _invoke("--db", db, "load", str(target))
        assert result.exit_code == 1 and expected in result.output and str(target) in result.output
    (not_output / "_storyline.json").write_text('{"format": "something else"}')
    result = _invoke("--db", db, "load", str(not_output))
    assert result.exit_code == 1 and "does not describe" in result.output
    assert _invoke("--db", db, "articles", "--json").output == ""


def test_an_unknown_story_mode_or_an_empty_window_is_a_usage_error(tmp_path):
    result = _invoke("spark", "run", str(tmp_path), "--out", str(tmp_path / "out"), "--stories", "sorted")
    assert result.exit_code == 2 and "'sorted' is not one of 'ordered', 'windowed'" in result.output
    result = _invoke("spark", "run", str(tmp_path), "--out", str(tmp_path / "out"), "--stories", "windowed",
                     "--window-days", "0")  # fmt: skip
    assert result.exit_code == 2 and "--window-days" in result.output

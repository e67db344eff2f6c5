"""What the command tests share: the sample corpus ingested once per test module."""

import pytest
from click.testing import CliRunner

from storyline.faces.cli.commands import cli


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """`storyline --db <a store of the sample corpus> ARGS...`, run in-process; one store per
    test module, so a module's writes never reach another's."""
    db = tmp_path_factory.mktemp("cli-sample") / "sample.duckdb"
    from storyline.sample import corpus_path

    assert CliRunner().invoke(cli, ["--db", str(db), "ingest", str(corpus_path())]).exit_code == 0

    def invoke(*args):
        return CliRunner().invoke(cli, ["--db", str(db), *args])

    return invoke

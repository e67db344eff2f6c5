import pytest

from storyline.config import SETTINGS, Settings, parse_assignments
from storyline.errors import ConfigError


def test_defaults_come_from_the_table():
    s = Settings(environ={})
    assert {name: s.get(name) for name in SETTINGS} == {n: x.default for n, x in SETTINGS.items()}


def test_environment_overrides_defaults_and_code_overrides_environment():
    s = Settings({"batch_size": "7"}, environ={"STORYLINE_BATCH_SIZE": "3", "STORYLINE_DB": "/tmp/x.duckdb"})
    assert s.batch_size == 7 and s.db == "/tmp/x.duckdb"


def test_values_are_coerced_to_the_default_type():
    assert Settings({"max_input_mb": "0.5"}, environ={}).max_input_bytes == 512 * 1024


def test_unknown_setting_lists_the_known_ones():
    with pytest.raises(ConfigError, match="unknown setting 'nope'.*batch_size"):
        Settings({"nope": 1}, environ={})


def test_a_value_of_the_wrong_kind_names_the_setting():
    with pytest.raises(ConfigError, match="'batch_size' must be a whole number, got 'many'"):
        Settings(environ={"STORYLINE_BATCH_SIZE": "many"})


def test_assignments_parse_and_reject_malformed_pairs():
    assert parse_assignments(["batch-size=5", "db=a=b"]) == {"batch_size": "5", "db": "a=b"}
    with pytest.raises(ConfigError, match="NAME=VALUE"):
        parse_assignments(["oops"])

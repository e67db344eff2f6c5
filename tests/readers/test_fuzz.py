"""Issue 24, done-when 3 (the CI-sized part): seeded mutations of every format, read and cleaned
as `storyline ingest` would, raise nothing but the project's own errors (fuzz/readers.py; its
long run's figure is in BENCHMARKS.md)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

_SPEC = importlib.util.spec_from_file_location("fuzz_readers", Path(__file__).resolve().parents[2] / "fuzz" / "readers.py")
fuzz = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fuzz)

PER_FORMAT = 1500


@pytest.mark.parametrize("kind", sorted(fuzz.seeds()))
def test_mutated_inputs_raise_only_our_errors(kind):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):  # warcio's warnings
        found, run = fuzz.campaign(PER_FORMAT, seed=7, only=kind)
    assert run == PER_FORMAT
    assert not found, dict(found)


def test_every_seed_reads_cleanly_before_it_is_mutated():
    from storyline.config import Settings

    for kind, data in fuzz.seeds().items():
        assert fuzz.run_one(kind, data, Settings(environ={})) is None, kind


def test_the_mutations_are_seeded_and_change_the_input():
    import random

    seed = fuzz.seeds()["jsonl"]
    first = [fuzz.mutate(random.Random(3), seed, seed) for _ in range(5)]
    again = [fuzz.mutate(random.Random(3), seed, seed) for _ in range(5)]
    assert first == again and any(m != seed for m in first)

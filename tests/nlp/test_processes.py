"""nlp_processes: 0 means the machine's cores, as far as memory allows; the pipeline reads it
through the one resolver."""

from __future__ import annotations

import os

import pytest

from storyline import pipeline
from storyline.config import Settings
from storyline.errors import ConfigError
from storyline.nlp import processes
from storyline.nlp.processes import WORKER_MB, analysis_processes, available_mb, fitting_processes, usable_cores
from storyline.record import RawDocument

machine_processes = processes.machine_processes  # the real one, taken before conftest's fixture patches it


def test_the_default_is_auto():
    assert Settings(environ={}).nlp_processes == 0


def test_a_positive_setting_is_taken_as_it_is_and_zero_asks_the_machine(monkeypatch):
    assert analysis_processes(3) == 3 and analysis_processes("2") == 2
    monkeypatch.setattr(processes, "machine_processes", lambda: 5)
    assert analysis_processes(0) == 5


@pytest.mark.parametrize("bad", [-1, "many"])
def test_a_negative_or_non_numeric_setting_is_refused_naming_it(bad):
    with pytest.raises(ConfigError, match="nlp_processes"):
        analysis_processes(bad)


@pytest.mark.parametrize(
    ("cores", "available", "expected"),
    [
        (1, 64_000, 1),  # one core: in the ingesting process
        (8, None, 8),  # memory unknown: every core
        (8, 64_000, 8),
        (8, 3.5 * WORKER_MB, 3),  # memory holds three workers
        (8, 1.9 * WORKER_MB, 1),  # not even two: no workers at all
        (2, 2 * WORKER_MB, 2),
    ],
)
def test_cores_capped_by_the_memory_a_worker_needs(cores, available, expected):
    assert fitting_processes(cores, available) == expected


def test_the_machine_gives_at_least_one_and_no_more_than_its_cores():
    cores = usable_cores()
    assert 1 <= cores <= (os.cpu_count() or 1)
    assert 1 <= machine_processes() <= cores


def test_available_memory_is_read_from_meminfo(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16000000 kB\nMemFree:  1 kB\nMemAvailable:    2048000 kB\n", encoding="ascii")
    assert available_mb(str(meminfo), str(tmp_path / "no-cgroups")) == 2000.0
    assert available_mb(str(tmp_path / "absent"), str(tmp_path / "no-cgroups")) is None


def test_a_cgroup_limit_leaves_what_the_cgroup_does_not_use(tmp_path):
    own = tmp_path / "cgroup"
    own.write_text("1:memory:/elsewhere\n0::/job\n", encoding="ascii")
    folder = tmp_path / "fs" / "job"
    folder.mkdir(parents=True)
    (folder / "memory.current").write_text(str(100 * 2**20), encoding="ascii")
    (folder / "memory.max").write_text("max\n", encoding="ascii")
    assert processes._cgroup_room_mb(str(tmp_path / "fs"), str(own)) is None  # no limit
    (folder / "memory.max").write_text(str(612 * 2**20), encoding="ascii")
    assert processes._cgroup_room_mb(str(tmp_path / "fs"), str(own)) == 512.0


def test_the_pipeline_asks_the_resolver(monkeypatch, fresh_store):
    seen = []
    real = pipeline.Analyser

    def spy(**kwargs):
        seen.append(kwargs["processes"])
        return real(**{**kwargs, "processes": 1})

    monkeypatch.setattr(pipeline, "Analyser", spy)
    monkeypatch.setattr(processes, "machine_processes", lambda: 3)
    doc = RawDocument(origin="x.txt", name="x.txt", reader="text", format="text", content="Hello there.", raw=b"Hello there.")
    pipeline.ingest_documents([doc], fresh_store, settings=Settings({"nlp_processes": 0}, environ={}))
    pipeline.ingest_documents([doc], fresh_store, settings=Settings({"nlp_processes": 2}, environ={}))
    assert seen == [3, 2]

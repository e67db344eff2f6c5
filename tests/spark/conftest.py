"""One SparkSession for the Spark tests (JVM start-up is the slow part), in local mode on two
cores where a failed task is tried once more (`local[2,2]`: in local mode Spark retries only
when the master says so; spark.task.maxFailures is set to match). Skips, saying why, when
pyspark or Java is missing."""

from __future__ import annotations

import os
import shutil

import pytest


def _java_missing() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "java")):
        return None
    return None if shutil.which("java") else "Java is not installed (Spark needs Java 17+: openjdk-17-jre-headless)"


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'storyline[spark]')")
    missing = _java_missing()
    if missing:
        pytest.skip(missing)
    from storyline.spark.job import spark_session

    session, started = spark_session(
        "local[2,2]", {"spark.task.maxFailures": "2", "spark.sql.shuffle.partitions": "4"}
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    if started:
        session.stop()

"""The Spark job: `storyline spark run INPUT... --out DIR`, or the same through spark-submit:

    spark-submit --master yarn --py-files storyline.whl src/storyline/spark/job.py INPUT... --out DIR

    driver: list the inputs (in `storyline ingest` order) ─► executors: read each file
    driver: number the documents, cut them into ingest batches (`batch_size`)
    executors: clean each batch (clean_batch, language) ─► parse and understand each partition
    driver: the ordered pass (spark/stories.py): people across batches, stories
    executors: each batch's people linked ─► Parquet tables by publication day (store/layout.py)
    driver: story tables, errors, and `_storyline.json` last

With `--stories windowed` the driver's pass links people only, and the executors cluster the
stories one time window each, joined across the windows' edges (spark/windows.py).

The rows are those `storyline ingest` of the same inputs writes into an empty store (the
story tables: in the ordered mode): the same stages in the same batches, and the
order-dependent decisions replayed in the same order.
Ids come from the inputs, so a retried task or a re-run writes the same rows again, never more.
Inputs that fail are written to the `errors` table and counted in the summary.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import groupby

from storyline.clean import parse_date
from storyline.config import Settings, parse_assignments
from storyline.errors import StorylineError
from storyline.readers import is_sidecar, walk
from storyline.readers.feed import is_url
from storyline.record import Hints, RawDocument
from storyline.spark import tables as T
from storyline.spark import tasks
from storyline.spark.stories import OrderedPass, compact, people_only
from storyline.spark.windows import DEFAULT_WINDOW_DAYS, MODES, StoryOptions, WindowPlan, cluster_by_window
from storyline.store import layout as L

LOCAL_DEFAULTS = {  # for local masters: a laptop or a CI runner shared with other work
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.memory": "1g",
    "spark.sql.shuffle.partitions": "8",
    "spark.python.worker.reuse": "true",  # the spaCy model stays loaded between tasks
}
FAIL_ONCE = "spark.storyline.failOnce"  # test hook, see tasks.fail_once
ARTICLES_PER_TASK = 500  # at most this many articles parsed in one task (its memory)
ARTICLES_PER_DRIVER_CHUNK = 2000  # compact articles the driver holds at once in the ordered pass
# a run's steps, for its progress: read, clean, understand, the story pass, each article table,
# the story tables, the errors and the manifest
STEPS = 4 + len(L.ARTICLE_TABLES) + 2


class SparkJobError(StorylineError):
    """The Spark job could not run (no pyspark, no Java, a bad input list or output place)."""


@dataclass
class RunReport:
    """What a run did: documents read, articles written, stories, and each failure."""

    out: str
    read: int = 0
    articles: int = 0
    stories: int = 0
    batches: int = 0
    failures: list[tasks.Failure] = field(default_factory=list)
    seconds: float = 0.0
    story_mode: str = "ordered"
    story_seconds: float = 0.0  # the people and story pass alone (after the parse)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict:
        return {
            "out": self.out, "read": self.read, "articles": self.articles, "stories": self.stories,
            "batches": self.batches, "failed": self.failed, "seconds": round(self.seconds, 2),
            "story_mode": self.story_mode, "story_seconds": round(self.story_seconds, 2),
            "errors": [f.message for f in self.failures],
        }  # fmt: skip


def spark_session(master: str | None = None, conf: dict[str, str] | None = None):
    """A SparkSession (the running one if there is one), with modest local defaults. Returns
    (session, whether we started it)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkJobError("pyspark is not installed: pip install 'storyline[spark]'") from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName("storyline")
    if master:
        builder = builder.master(master)
    local = bool(master) and master.startswith("local")  # no master: spark-submit's settings rule
    settings = dict(LOCAL_DEFAULTS) if local else {}
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    if local:
        # executors are this machine's Python: the one running Storyline
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        return builder.getOrCreate(), True
    except Exception as exc:  # Java missing or failing to start: py4j says so in its own words
        raise SparkJobError(f"cannot start Spark (master {master or 'default'}): {exc}") from exc


def run(
    inputs: list[str],
    out: str,
    *,
    spark=None,
    master: str | None = None,
    conf: dict[str, str] | None = None,
    settings: Settings | None = None,
    hints: Hints = Hints(),
    stories: StoryOptions = StoryOptions(),
    progress: Callable[..., None] | None = None,
) -> RunReport:
    """Run the pipeline over `inputs` (local paths or Hadoop URIs) and write Parquet to `out`;
    `stories` says how stories are clustered (the exact ordered pass, or by time window).
    `progress(advance=1, total=None)` is told of each of the run's steps (`STEPS`: reading,
    cleaning, understanding, the story pass, each article table, the stories, what failed) as
    it ends."""
    if not inputs:
        raise SparkJobError("no inputs given")
    if "://" not in out and os.path.exists(out) and not os.path.isdir(out):
        raise SparkJobError(f"--out '{out}' is a file: give a folder (it will hold one folder per table)")
    started = time.perf_counter()
    settings = settings or Settings()
    own = False
    if spark is None:
        spark, own = spark_session(master, conf)
    try:
        report = _run(spark, list(inputs), out.rstrip("/") or out, settings, hints, stories,
                      progress or (lambda advance=1, total=None: None))  # fmt: skip
    except StorylineError:
        raise
    except Exception as exc:  # py4j and pyspark errors: the first line says what went wrong
        raise SparkJobError(
            f"the Spark job writing '{out}' failed: {type(exc).__name__}: {_java_message(exc)}"
        ) from exc
    finally:
        if own:
            spark.stop()
    report.seconds = time.perf_counter() - started
    return report


def _run(spark, inputs: list[str], out: str, settings: Settings, hints: Hints, options: StoryOptions,
         progress: Callable[..., None]) -> RunReport:  # fmt: skip
    report = RunReport(out=out, story_mode=options.mode)
    step = functools.partial(progress, 1, STEPS)
    fs = _FileSystem(spark, out)
    fs.delete(L.MANIFEST)  # a run that stops midway leaves no manifest: `load` refuses it
    fail_marker = spark.conf.get(FAIL_ONCE, None)
    analysed, n_articles = analyse_inputs(spark, inputs, settings, hints, report, progress=step)

    # 4. people across batches and stories (spark/stories.py, spark/windows.py)
    passed = story_pass(analysed, n_articles, report.batches, options)
    report.story_seconds = passed.seconds
    report.stories = passed.count
    step()
    superseded = passed.superseded
    resolved = passed.resolved.filter(lambda r: (r[0], r[1]) not in superseded.value).map(lambda r: r[2])
    report.articles = resolved.count()

    # 5. the article tables
    def write_table(table: L.Table) -> None:
        rows = resolved.flatMap(lambda a: T.article_rows(a, table)).mapPartitions(
            lambda it: tasks.fail_once(fail_marker, table.name, it)
        )
        frame = spark.createDataFrame(rows, T.spark_schema(table))
        if table is L.ARTICLES:
            frame = _mark_duplicates(frame)
        _write(frame, fs.path(table.name), partitioned=True)
        step()

    # a job per table, several at once: small tables would otherwise wait on each other
    with ThreadPoolExecutor(max_workers=4) as pool:
        for done in [pool.submit(write_table, table) for table in L.ARTICLE_TABLES]:
            done.result()
    analysed.unpersist()
    passed.resolved.unpersist()

    # 6. the stories, and what failed
    _write(spark.createDataFrame(passed.assignments, T.spark_schema(L.STORY_ASSIGNMENTS)),
           fs.path(L.STORY_ASSIGNMENTS.name), partitioned=True)  # fmt: skip
    _write(spark.createDataFrame(passed.stories, T.spark_schema(L.STORIES)), fs.path(L.STORIES.name), partitioned=True)
    step()
    passed.release()
    failures = [(f.input, f.stage, f.message) for f in report.failures]
    _write(spark.createDataFrame(failures, T.spark_schema(L.ERRORS)), fs.path(L.ERRORS.name), partitioned=False)
    summary = report.as_dict()
    summary.pop("seconds")
    summary.pop("story_seconds")
    fs.write_text(L.MANIFEST, T.manifest(summary))
    step()
    return report

def analyse_inputs(spark, inputs: list[str], settings: Settings, hints: Hints, report: RunReport, *,
                   understand: bool = True, progress: Callable[[], None] | None = None):  # fmt: skip
    """Read, clean and understand the inputs on the executors (steps 1-3): an RDD of (batch,
    position, Article), persisted and computed, and the number of articles. Fills the report's
    read, batches and failures. `understand=False` stops after cleaning (no entities, dates,
    quotes or events): benchmarks/bench_spark.py times the story pass alone that way. `progress()`
    is called as each of the three steps ends."""
    from pyspark import StorageLevel

    sc = spark.sparkContext
    values = dict(settings.items())
    batch_size = max(1, int(settings.batch_size))

    # 1. read, numbered in input order
    entries = _entries(spark, inputs)
    local = [e for e in entries if e.kind != "remote"]
    docs = sc.parallelize(local, max(1, min(len(local), sc.defaultParallelism * 4))).flatMap(
        lambda e: tasks.read_entry(e, values, hints)
    )
    remote = [e for e in entries if e.kind == "remote"]
    if remote:
        by_path = {e.path: e for e in remote}
        found = sc.binaryFiles(",".join(by_path)).flatMap(
            lambda pair: tasks.read_entry(by_path[pair[0]], values, hints, data=pair[1])
        )
        docs = docs.union(found)
    docs = docs.persist(StorageLevel.MEMORY_AND_DISK)
    counts = dict(docs.map(lambda r: (r[0], 1)).reduceByKey(lambda a, b: a + b).collect())
    offsets, total = {}, 0
    for entry in entries:
        offsets[entry.index] = total
        total += counts.get(entry.index, 0)
    report.batches = -(-total // batch_size)
    offsets = sc.broadcast(offsets)
    if progress:
        progress()

    # 2. clean, one ingest batch at a time
    def numbered(r):
        position = offsets.value[r[0]] + r[1]
        return position // batch_size, (position, r[2])

    cleaned = (
        docs.map(numbered)
        .groupByKey(max(1, min(report.batches, sc.defaultParallelism * 4)))
        .flatMap(lambda group: tasks.clean_group(group[0], group[1], values, hints))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    report.read = docs.filter(lambda r: isinstance(r[2], RawDocument)).count()
    report.failures = sorted(
        cleaned.filter(lambda r: isinstance(r[2], tasks.Failure)).map(lambda r: r[2]).collect(),
        key=lambda f: (f.input, f.message),
    )
    articles = cleaned.filter(lambda r: not isinstance(r[2], tasks.Failure))
    n_articles = articles.count()
    docs.unpersist()
    if progress:
        progress()

    # 3. understand, spread over the executors (a batch is cut finer than its ingest batch)
    parts = max(1, min(n_articles, max(sc.defaultParallelism * 4, -(-n_articles // ARTICLES_PER_TASK))))
    analysed = articles.map(lambda r: (r[1], r)).partitionBy(parts, lambda pos: pos % parts).values()
    if understand:
        analysed = analysed.mapPartitions(lambda rows: tasks.analyse_partition(rows, values))
    analysed = analysed.persist(StorageLevel.MEMORY_AND_DISK)

    analysed.count()  # parsed here, so the story pass is timed alone
    cleaned.unpersist()
    if progress:
        progress()
    if understand:  # an article a stage choked on is its input's error, as in `storyline ingest`
        failed = analysed.filter(lambda r: isinstance(r[2], tasks.Failure)).map(lambda r: r[2]).collect()
        if failed:
            report.failures = sorted(report.failures + failed, key=lambda f: (f.input, f.message))
            analysed = analysed.filter(lambda r: not isinstance(r[2], tasks.Failure))
            n_articles -= len(failed)
    return analysed, n_articles


@dataclass
class StoryPass:
    """What the story pass leaves: every article version with its people linked (an RDD of
    (batch, position, Article), persisted), which versions a later one supersedes, and the
    story tables' rows (lists or RDDs)."""

    resolved: object
    superseded: object  # a broadcast frozenset of (batch, position)
    assignments: object
    stories: object
    count: int
    seconds: float
    _persisted: tuple = ()

    def release(self) -> None:
        for rdd in self._persisted:
            rdd.unpersist()


def story_pass(analysed, n_articles: int, batches: int, options: StoryOptions = StoryOptions()) -> StoryPass:
    """People across batches, then stories, over the analysed articles (an RDD of (batch,
    position, Article)). The driver streams the articles in ingest order and links people
    (spark/stories.py); in the ordered mode it also places each article in its story there; in
    the windowed mode it only sends the texts' dates along, and the executors cluster one time
    window each (spark/windows.py)."""
    from pyspark import StorageLevel

    sc = analysed.context
    started = time.perf_counter()
    windowed = options.mode == "windowed"
    ordered = OrderedPass(place_stories=not windowed)
    plan = WindowPlan(options.window_days, options.warmup_days)
    try:
        # one sorted partition at a time reaches the driver: a few thousand compact articles
        shrink = people_only if windowed else compact
        stream = (
            analysed.map(lambda r: ((r[0], r[1]), shrink(r[2])))
            .sortByKey(numPartitions=max(1, -(-n_articles // ARTICLES_PER_DRIVER_CHUNK)))
            .toLocalIterator()
        )
        for batch, rows in groupby(stream, key=lambda kv: kv[0][0]):
            numbered = [(key[1], article) for key, article in rows]
            ordered.add_batch(batch, numbered)
            plan.observe(batch, [a.published for _, a in numbered])
        known = sc.broadcast(ordered.known)
        superseded = sc.broadcast(frozenset(ordered.superseded))
        # each batch's people linked with the people before it, as the driver linked them
        resolved = (
            analysed.map(lambda r: (r[0], (r[1], r[2])))
            .groupByKey(max(1, min(batches, sc.defaultParallelism * 4)))
            .flatMap(lambda group: tasks.resolve_group(group[0], group[1], known.value))
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        if windowed:
            assignments, stories = cluster_by_window(resolved, plan)
            count, persisted = stories.count(), (assignments, stories)
        else:
            assignments = [T.assignment_row(row, pos, day) for pos, row, day in ordered.assignments()]
            stories = [T.story_row(s) for s in ordered.stories()]
            count, persisted = len(stories), ()
    finally:
        ordered.close()
    return StoryPass(resolved, superseded, assignments, stories, count, time.perf_counter() - started, persisted)


def _mark_duplicates(frame):
    """`duplicate_of` as the store marks it: within one content hash, the earliest published
    article (then the smallest id) is the original and the others point to it."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    window = Window.partitionBy("content_hash").orderBy(F.col("published").asc_nulls_last(), F.col("id"))
    first = F.first("id").over(window.rowsBetween(Window.unboundedPreceding, Window.currentRow))
    copy = (F.row_number().over(window) > 1) & (F.col("text") != "")
    return frame.withColumn("duplicate_of", F.when(copy, first)).select(*L.ARTICLES.columns)


def _write(frame, path: str, *, partitioned: bool) -> None:
    writer = frame.write.mode("overwrite")
    if partitioned:
        writer = writer.partitionBy(L.PARTITION)
    writer.parquet(path)


def _entries(spark, inputs: list[str]) -> list[tasks.Entry]:
    """Every input file in the order `storyline ingest` reads them: paths as given, folders
    walked in sorted order; Hadoop URIs listed the same way. A missing input is an entry too
    (it fails where ingest would report it)."""
    entries: list[tasks.Entry] = []

    def add(path: str, kind: str, problem: str | None = None) -> None:
        entries.append(tasks.Entry(len(entries), path, kind, problem))

    for path in inputs:
        if path == "-":
            add(path, "missing", "standard input cannot be spread over a cluster: give files or folders")
        elif is_url(path):
            add(path, "missing", "feed URLs are fetched by 'storyline ingest', not by the Spark job")
        elif "://" in path:
            files = _FileSystem(spark, path).list_files()
            for found in files:
                add(found, "remote")
            if not files:
                add(path, "missing", "no such file or directory (or no files under it)")
        elif os.path.isdir(path):
            for found in walk(path):
                add(found, "walked")
        elif os.path.exists(path):
            if not is_sidecar(path):
                add(path, "named")
        else:
            add(path, "missing", "no such file or directory")
    return entries


class _FileSystem:
    """The Hadoop file system of a path (local, hdfs://, s3a://, gs://), through Spark's JVM."""

    def __init__(self, spark, root: str):
        jvm = spark.sparkContext._jvm
        self._jvm = jvm
        self._root = root
        self._path = jvm.org.apache.hadoop.fs.Path(root)
        try:
            self._fs = self._path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
        except Exception as exc:
            raise SparkJobError(f"cannot reach '{root}': {_java_message(exc)}") from exc

    def path(self, name: str) -> str:
        return self._root.rstrip("/") + "/" + name

    def delete(self, name: str) -> None:
        self._fs.delete(self._jvm.org.apache.hadoop.fs.Path(self.path(name)), False)

    def write_text(self, name: str, text: str) -> None:
        stream = self._fs.create(self._jvm.org.apache.hadoop.fs.Path(self.path(name)), True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()

    def list_files(self) -> list[str]:
        """Files under the root, recursively, sorted as `walk` sorts; hidden ones left out."""
        if not self._fs.exists(self._path):
            return []
        found = []
        listing = self._fs.listFiles(self._path, True)
        base = str(self._fs.getFileStatus(self._path).getPath().toString()).rstrip("/")
        while listing.hasNext():
            path = str(listing.next().getPath().toString())
            relative = path[len(base):].lstrip("/") or os.path.basename(path)
            if not any(part.startswith((".", "_")) for part in relative.split("/")):
                found.append((relative.split("/"), path))
        return [path for _, path in sorted(found)]


def _java_message(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__


# -- spark-submit --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """`spark-submit .../storyline/spark/job.py INPUT... --out DIR [--set NAME=VALUE]`."""
    parser = argparse.ArgumentParser(prog="storyline-spark", description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="files, folders or Hadoop URIs (s3a://, hdfs://, gs://)")
    parser.add_argument("--out", required=True, help="where the Parquet tables go (a folder or a Hadoop URI)")
    parser.add_argument("--master", help="Spark master (spark-submit's --master wins)")
    parser.add_argument("--set", dest="assignments", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--published", help="publication date (YYYY-MM-DD) for inputs that carry none")
    parser.add_argument("--outlet", help="outlet for inputs that name none")
    parser.add_argument("--language", help="language for inputs that declare none")
    parser.add_argument("--stories", choices=MODES, default="ordered",
                        help="ordered: the exact pass on the driver; windowed: by time window on the executors")
    parser.add_argument("--window-days", type=int, default=DEFAULT_WINDOW_DAYS,
                        help="days per window (--stories windowed)")  # fmt: skip
    args = parser.parse_args(argv)
    try:
        settings = Settings(parse_assignments(args.assignments))
        published = parse_date(args.published) if args.published else None
        if args.published and not published:
            raise SparkJobError(f"--published {args.published!r} is not a date; use YYYY-MM-DD")
        hints = Hints(published=published, outlet=args.outlet, language=args.language)
        stories = StoryOptions(args.stories, window_days=args.window_days)
        report = run(args.inputs, args.out, master=args.master, settings=settings, hints=hints, stories=stories)
    except StorylineError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    for failure in report.failures:
        print(f"error {failure.message}", file=sys.stderr)
    print(json.dumps(report.as_dict(), indent=2))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())

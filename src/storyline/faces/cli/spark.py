"""`storyline spark run` (the pipeline on Apache Spark, Parquet out) and `storyline load`
(that Parquet into the store). Thin over storyline.spark.job and storyline.store.parquet."""

from __future__ import annotations

import json
import sys

import click

from ...config import Settings
from ...record import Hints
from .terminal import count, iso_date_option, opened, out, print_error, progress


@click.group("spark")
def spark_cli() -> None:
    """Run the pipeline on Apache Spark (pip install 'storyline[spark]'; Java 17+)."""


@spark_cli.command("run")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, metavar="DIR", help="Where the Parquet tables go (a folder or a Hadoop URI).")
@click.option("--master", default="local[2]", show_default=True, help="Spark master: local[N], yarn, spark://HOST:PORT, k8s://…")
@click.option("--conf", "confs", multiple=True, metavar="KEY=VALUE", help="A Spark setting (repeatable), e.g. spark.executor.memory=4g.")
@click.option("--published", callback=iso_date_option, metavar="DATE", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--outlet", metavar="NAME", help="Outlet for inputs that name none.")
@click.option("--language", metavar="CODE", help="Language (ISO 639-1) for inputs that declare none.")
@click.option("--stories", "story_mode", type=click.Choice(["ordered", "windowed"]), default="ordered", show_default=True,
              help="ordered: every article placed on the driver, exactly as 'storyline ingest'; windowed: "
                   "time windows clustered in parallel, then joined across their edges.")
@click.option("--window-days", type=click.IntRange(min=1), default=90, show_default=True, metavar="N",
              help="Days per window with --stories windowed (each also sees the 30 days before it).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def spark_run_cli(settings: Settings, inputs, out_dir, master, confs, published, outlet, language, story_mode,
                  window_days, as_json) -> None:  # fmt: skip
    """Read, clean and understand INPUTS (files, folders, s3a://, hdfs://, gs:// URIs) on Spark,
    cluster stories, and write Parquet tables partitioned by publication day to --out, with the
    rows 'storyline ingest' would store. Exit code 1 when some inputs failed (see the errors table)."""
    from ...spark.job import run
    from ...spark.windows import StoryOptions

    conf = {}
    for item in confs:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--conf")
        conf[key.strip()] = value
    hints = Hints(published=published, outlet=outlet, language=language)
    stories = StoryOptions(story_mode, window_days=window_days)
    with progress("running on Spark", quiet=as_json) as advance:
        report = run(list(inputs), out_dir, master=master, conf=conf, settings=settings, hints=hints, stories=stories,
                     progress=advance)  # fmt: skip
    for failure in report.failures:
        print_error(failure.message)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        out.print(
            f"read {count(report.read, 'document')} in {count(report.batches, 'batch', 'batches')}: "
            f"{count(report.articles, 'article')}, {count(report.stories, 'story', 'stories')}; "
            f"{report.failed} failed. Parquet in {report.out} ({report.seconds:.1f} s)."
        )
    if report.failures:
        sys.exit(1)


@click.command("load")
@click.argument("directory", metavar="DIR")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_obj
def load_cli(settings: Settings, directory: str, as_json: bool) -> None:
    """Bring a 'storyline spark run' output (a local folder) into the store, in one transaction.
    Loading twice changes nothing; a missing or corrupt output leaves the store untouched."""
    from ...store.parquet import load_parquet

    with opened(settings) as store, progress(f"loading {directory}", quiet=as_json) as advance:
        result = load_parquet(store, directory, progress=advance)
        total = store.count_articles()
    if as_json:
        click.echo(json.dumps({**result.as_dict(), "articles_in_store": total}, indent=2))
    else:
        out.print(
            f"loaded {directory}: {result.new} new, {result.updated} updated, {result.unchanged} unchanged "
            f"articles; {count(result.stories, 'story', 'stories')}. {count(total, 'article')} in {settings.db}."
        )

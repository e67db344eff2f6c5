"""`storyline eval ...`: score a capability on an evaluation set (../shared/eval/README.md)."""

from __future__ import annotations

from pathlib import Path

import click

from .terminal import print_score, progress


@click.group("eval")
def eval_cli() -> None:
    """Score a capability on an evaluation set (formats: ../shared/eval/README.md)."""


@eval_cli.command("extraction")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--as-text", is_flag=True, help="Render each page to plain text first and clean it with the text cleaner.")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per page: id, text.")
@click.option("--processes", type=click.IntRange(min=1), default=2, show_default=True)
@click.option("--half", type=click.Choice(["tune", "blind"]), default=None,
              help="Score one fixed half of the pages (by page id): tune (the cleaner tuned on it) or blind (reported).")
def eval_extraction_cli(folder: Path, as_text: bool, predictions: Path | None, processes: int,
                        half: str | None) -> None:  # fmt: skip
    """Article-text extraction: trafilatura's layout (evaldata.json + html/) or
    ground-truth.json + html/ (4-gram shingle P/R/F1)."""
    from ...evaluation.extraction import evaluate_extraction

    with progress("scoring pages") as advance:
        score = evaluate_extraction(folder, as_text=as_text, predictions_path=predictions,
                                    processes=processes, half=half, progress=advance)  # fmt: skip
    print_score(score)


@eval_cli.command("clustering")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per article: id, story.")
@click.option("--entities", is_flag=True, help="Add spaCy entity names to each article's features (slower).")
@click.option("--mistakes", type=click.IntRange(min=0), default=0, metavar="N",
              help="Also list the N costliest wrong joins, wrong merges and missed joins, with their evidence.")
@click.option("--level", type=click.Choice(["story", "storyline"]), default="story", show_default=True,
              help="What the set's clusters are: stories (one development) or storylines (a thread over weeks).")
@click.option("--half", type=click.Choice(["tune", "blind"]), default=None,
              help="Score one fixed half of the clusters: tune (settings chosen on it) or blind (reported).")
def eval_clustering_cli(path: Path, predictions: Path | None, entities: bool, mistakes: int, level: str,
                        half: str | None) -> None:  # fmt: skip
    """Story and storyline clustering on a JSON list of {id, cluster, title, text, date?}:
    pairwise and B-cubed F1 at the chosen level, the other level's beside it."""
    from ...evaluation.clustering import evaluate_clustering

    with progress("clustering articles") as advance:
        score = evaluate_clustering(path, predictions_path=predictions, entities=entities, mistakes=mistakes,
                                    level=level, half=half, progress=advance)  # fmt: skip
    print_score(score)


@eval_cli.command("events")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per gold record.")
@click.option("--half", type=click.Choice(["tune", "blind"]), default=None,
              help="Score one fixed half of the records (by id): tune (the coder tuned on it) or blind (reported).")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Keep an event only at this confidence or more; weaker ones count as no event.")
@click.option("--curve", is_flag=True, help="Also print coverage against accuracy at several min-confidence thresholds.")
def eval_events_cli(path: Path, predictions: Path | None, half: str | None, min_confidence: float, curve: bool) -> None:
    """PLOVER event coding on gold records (JSON lines): type accuracy, macro-F1, actor countries."""
    from ...evaluation.events import evaluate_events

    lines: list[str] | None = [] if curve else None
    with progress("coding sentences") as advance:
        score = evaluate_events(path, predictions_path=predictions, half=half, min_confidence=min_confidence,
                                curve=lines, progress=advance)  # fmt: skip
    for line in lines or ():
        click.echo(line)
    print_score(score)


@eval_cli.command("time")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per expression found.")
@click.option("--processes", type=click.IntRange(min=1), default=2, show_default=True)
def eval_time_cli(folder: Path, predictions: Path | None, processes: int) -> None:
    """Temporal expressions on TimeML files, scored as TempEval-3 task A (span and value F1)."""
    from ...evaluation.time import evaluate_time

    with progress("scoring documents") as advance:
        score = evaluate_time(folder, predictions_path=predictions, processes=processes, progress=advance)
    print_score(score)


@eval_cli.command("quotes")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per attribution found.")
@click.option("--processes", type=click.IntRange(min=1), default=2, show_default=True)
def eval_quotes_cli(folder: Path, predictions: Path | None, processes: int) -> None:
    """Quote attribution on a PolNeAR split (source, cue, content spans; direct-quote speakers)."""
    from ...evaluation.quotes import evaluate_quotes

    with progress("scoring articles") as advance:
        score = evaluate_quotes(folder, predictions_path=predictions, processes=processes, progress=advance)
    print_score(score)


@eval_cli.command("compare")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per verdict.")
def eval_compare_cli(predictions: Path | None) -> None:
    """Cross-source comparison on our planted corpus (the sample corpus and its truth file):
    precision and recall per verdict."""
    from ...evaluation.compare import evaluate_compare

    with progress("comparing stories") as advance:
        score = evaluate_compare(predictions_path=predictions, progress=advance)
    print_score(score)



@eval_cli.command("entities")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one JSON line per predicted mention: doc, start, end, text, type, country.")
@click.option("--half", type=click.Choice(["tune", "blind"]), default=None,
              help="Score one fixed half of the documents (by id): tune (rules tuned on it) or blind (reported).")
@click.option("--mistakes", is_flag=True, help="Also list every missed and spurious mention and every wrong country.")
def eval_entities_cli(path: Path, predictions: Path | None, half: str | None, mistakes: bool) -> None:
    """Names on a hand-labelled set (JSON lines of documents with mention spans, types and
    countries): type P/R/F1 (overlap; exact beside it) and country accuracy."""
    from ...evaluation.entities import evaluate_entities

    with progress("analysing documents") as advance:
        score = evaluate_entities(path, predictions_path=predictions, half=half, progress=advance)
    click.echo(score.report(mistakes=mistakes))
    click.echo(score.headline())

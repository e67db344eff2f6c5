"""The extraction evaluation: how well Storyline recovers an article's text from a web page.

Two folder layouts are read (see ../shared/eval/README.md):

- trafilatura's: `evaldata.json` (url -> {file, with, without, ...}) and `html/<file>.gz`.
  A page scores each `with` segment found in the extracted text (true positive) or not (false
  negative), and each `without` segment found (false positive). Whitespace is collapsed on both
  sides before comparing. P, R and F1 are micro-averaged: counts are summed over all pages.
- a ground-truth folder: `ground-truth.json` (id -> {articleBody, url}) and `html/<id>.html.gz`.
  P, R and F1 over the sets of word 4-gram shingles of the extracted text and of `articleBody`,
  micro-averaged: shingle counts are summed over all pages.

In HTML mode a page goes through `clean_html`; in text mode it is first rendered to plain lines
(`render_text`, as a scraper would save it) and then goes through `clean_text`. Either way the
scored text is the body blocks joined with blank lines; the title is not scored. Extraction
never sees the gold fields: only `_score_*` reads them. `half` scores one fixed half of the pages
(`evaluation.half_of` of the page id: the file name, or the ground-truth key): "tune", where the
cleaner's rules were tuned, or "blind", the figure reported.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvaluationError
from ..record import join_blocks
from . import check_half, f1, half_of

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
SHINGLE = 4


@dataclass(frozen=True)
class Page:
    """One page to extract: its id, where its HTML is, and its URL (which a scraper knows)."""

    id: str
    path: Path
    url: str | None


@dataclass
class ExtractionScore:
    """Summed counts over all pages, and the measures derived from them."""

    pages: int
    true_positives: int
    false_positives: int
    false_negatives: int
    unit: str  # "segments" (trafilatura layout) or "4-gram shingles" (ground-truth layout)
    failures: int = 0  # pages the extractor raised on (scored as empty)
    half: str | None = None  # the half of the pages scored, or None for all

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def report(self) -> str:
        """The counts behind the headline."""
        return (
            f"{self.unit}: {self.true_positives} found, {self.false_positives} wrongly kept, "
            f"{self.false_negatives} missed" + (f"; {self.failures} pages failed to extract" if self.failures else "")
        )

    def headline(self) -> str:
        return (
            f"extraction F1 {self.f1:.3f} (P {self.precision:.3f} R {self.recall:.3f}) "
            f"on {self.pages} pages" + (f" ({self.half} half)" if self.half else "")
        )


def evaluate_extraction(
    folder: str | Path,
    *,
    as_text: bool = False,
    predictions_path: str | Path | None = None,
    processes: int = 2,
    half: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExtractionScore:
    """Extract every page of `folder` (or of one `half`) and score it against the folder's gold
    labels."""
    check_half(half)
    folder = Path(folder)
    if (folder / "evaldata.json").is_file():
        gold = _load_json(folder / "evaldata.json")
        pages = [
            Page(Path(entry["file"]).name, folder / "html" / (entry["file"] + ".gz"), url)
            for url, entry in gold.items()
        ]
        golds = list(gold.values())
        score_page = _score_segments
        unit = "segments"
    elif (folder / "ground-truth.json").is_file():
        gold = _load_json(folder / "ground-truth.json")
        pages = [
            Page(key, folder / "html" / f"{key}.html.gz", (entry or {}).get("url"))
            for key, entry in gold.items()
        ]
        golds = list(gold.values())
        score_page = _score_shingles
        unit = "4-gram shingles"
    else:
        raise EvaluationError(
            f"cannot read '{folder}': expected evaldata.json (trafilatura layout) "
            "or ground-truth.json (with html/<id>.html.gz)"
        )
    if half is not None:
        chosen = [i for i, p in enumerate(pages) if half_of(p.id) == half]
        pages, golds = [pages[i] for i in chosen], [golds[i] for i in chosen]
    missing = [p.path for p in pages if not p.path.is_file()]
    if missing:
        raise EvaluationError(f"cannot read '{missing[0]}': no such page ({len(missing)} missing)")

    totals = [0, 0, 0]
    failures = 0
    out = open(predictions_path, "w", encoding="utf-8") if predictions_path else None
    try:
        for page, gold_entry, (text, failed) in zip(pages, golds, _extract_all(pages, as_text, processes)):
            failures += failed
            for i, n in enumerate(score_page(text, gold_entry)):
                totals[i] += n
            if out:
                out.write(json.dumps({"id": page.id, "text": text}, ensure_ascii=False) + "\n")
            if progress:
                progress(1, len(pages))
    finally:
        if out:
            out.close()
    return ExtractionScore(len(pages), *totals, unit=unit, failures=failures, half=half)


def _load_json(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"cannot read '{path}': {exc}") from None
    if not isinstance(data, dict):
        raise EvaluationError(f"cannot read '{path}': expected a JSON object keyed by page")
    return data


def _extract_all(pages: list[Page], as_text: bool, processes: int) -> Iterable[tuple[str, bool]]:
    jobs = [(str(p.path), p.url, as_text) for p in pages]
    if processes <= 1 or len(jobs) < 2:
        yield from map(_extract_job, jobs)
        return
    with ProcessPoolExecutor(max_workers=processes) as pool:
        yield from pool.map(_extract_job, jobs, chunksize=8)


def _extract_job(job: tuple[str, str | None, bool]) -> tuple[str, bool]:
    path, url, as_text = job
    page = decode_html(_read(Path(path)))
    try:
        return extract(page, url, as_text=as_text), False
    except Exception:  # noqa: BLE001 - one bad page must not end a 949-page run; it scores empty
        return "", True


def extract(page: str, url: str | None = None, *, as_text: bool = False) -> str:
    """The article body Storyline extracts from one HTML page, blocks joined by blank lines."""
    if as_text:
        from ..clean.page_text import render_text
        from ..clean.text import clean_text

        cleaned = clean_text(render_text(page))
    else:
        from ..clean.html import clean_html

        cleaned = clean_html(page, url)
    text, _ = join_blocks(cleaned.blocks)
    return text


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def decode_html(raw: bytes) -> str:
    """Bytes of a page as text: the charset it declares, else UTF-8, else the best guess."""
    match = _META_CHARSET.search(raw[:4096])
    if match:
        try:
            return raw.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return str(best) if best is not None else raw.decode("cp1252", "replace")


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _score_segments(text: str, entry: dict) -> tuple[int, int, int]:
    """(TP, FP, FN) for one trafilatura-layout page."""
    text = _collapse(text)
    wanted = [_collapse(s) for s in entry.get("with") or []]
    unwanted = [_collapse(s) for s in entry.get("without") or []]
    found = sum(1 for s in wanted if s and s in text)
    kept = sum(1 for s in unwanted if s and s in text)
    return found, kept, len(wanted) - found


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    """The set of word n-grams of `text`, lower-cased; a text shorter than n words is one."""
    words = _WORD.findall(text.casefold())
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _score_shingles(text: str, entry: dict) -> tuple[int, int, int]:
    """(TP, FP, FN) in shingles for one ground-truth-layout page."""
    got = shingles(text)
    want = shingles((entry or {}).get("articleBody") or "")
    common = len(got & want)
    return common, len(got) - common, len(want) - common

"""The comparison evaluation: our verdicts against the facts planted in the sample corpus
(src/storyline/sample/truth.json, kinds corroborated, single_source, conflict, update).

The corpus is ingested with the whole pipeline into an in-memory store; each of our storylines
is compared (`storyline.compare.compare_storyline`): each story's verdicts, and the updates from
one story to a later one as update verdicts, so that a fact is judged on the level it lives on.
A planted fact is matched to our verdict by the words each article uses (`score_verdicts`).

Precision, honestly:

- conflict and update are scored against a complete list: the corpus README says every
  conflict and update is planted, so each conflict or update verdict we give that covers no
  planted fact of its kind is a false positive;
- corroborated and single-source are scored against the planted facts only (the corpus has
  many more unremarkable facts than it lists): a fact's verdict of the wrong kind is a false
  positive of that kind and a miss of the fact's kind.

Predictions (`predictions_path`): JSON lines, one verdict each as `Verdict.as_dict()` writes it,
with each source's `article` given as the truth.json article key; the pipeline is not run.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import f1 as harmonic

KINDS = ("corroborated", "single_source", "conflict", "update")
COMPLETE = ("conflict", "update")  # kinds whose planted list is complete
VALUED = ("number", "title", "date")  # verdict kinds whose value is a fact's value (not a name named)


@dataclass
class CompareScore:
    """Per planted fact: its kind and the verdict we gave; per predicted conflict/update: matched."""

    facts: list[dict] = field(default_factory=list)  # {story, kind, entity, attribute, predicted, coverage}
    extra: list[dict] = field(default_factory=list)  # {verdict, about, matched}: our conflicts/updates

    def counts(self, kind: str) -> tuple[int, int, int]:
        tp = sum(1 for f in self.facts if f["kind"] == kind and f["predicted"] == kind)
        gold = sum(1 for f in self.facts if f["kind"] == kind)
        if kind in COMPLETE:
            fp = sum(1 for e in self.extra if e["verdict"] == kind and not e["matched"])
            return tp, fp, gold
        fp = sum(1 for f in self.facts if f["kind"] != kind and f["predicted"] == kind)
        return tp, fp, gold

    def precision(self, kind: str | None = None) -> float:
        kinds = [kind] if kind else KINDS
        tp = sum(self.counts(k)[0] for k in kinds)
        fp = sum(self.counts(k)[1] for k in kinds)
        return tp / (tp + fp) if tp + fp else 0.0

    def recall(self, kind: str | None = None) -> float:
        kinds = [kind] if kind else KINDS
        tp = sum(self.counts(k)[0] for k in kinds)
        gold = sum(self.counts(k)[2] for k in kinds)
        return tp / gold if gold else 0.0

    def f1(self) -> float:
        return harmonic(self.precision(), self.recall())

    def report(self) -> str:
        lines = [f"{'verdict':<15}{'P':>7}{'R':>7}{'TP':>5}{'FP':>5}{'gold':>6}"]
        for k in KINDS:
            tp, fp, gold = self.counts(k)
            lines.append(f"{k:<15}{self.precision(k):>7.3f}{self.recall(k):>7.3f}{tp:>5}{fp:>5}{gold:>6}")
        lines.append("")
        for f in self.facts:
            if f["predicted"] != f["kind"]:
                lines.append(f"missed {f['kind']}: {f['story']} {f['entity']} / {f['attribute']} → {f['predicted'] or 'nothing'}")
        for e in self.extra:
            if not e["matched"]:
                lines.append(f"unplanted {e['verdict']}: {e['about']}: {e['shown']}")
        return "\n".join(lines)

    def headline(self) -> str:
        parts = ", ".join(
            f"{k.replace('_', '-')} P{self.precision(k):.3f} R{self.recall(k):.3f}" for k in KINDS
        )
        return f"compare precision {self.precision():.3f} recall {self.recall():.3f} ({parts}) on {len(self.facts)} planted facts"


def evaluate_compare(*, predictions_path: str | Path | None = None, progress: Callable[[int], None] | None = None) -> CompareScore:
    """Score our verdicts on the sample corpus's planted facts."""
    from ..sample import load_truth

    truth = load_truth()
    verdicts = _read_predictions(predictions_path) if predictions_path else _predict(truth, progress)
    return score_verdicts(truth, verdicts)


def _as_verdict(update) -> dict:
    """An update across stories in a story verdict's form: the later value, the earlier sources."""
    later = update.later.as_dict()
    later.pop("story", None)
    return {"verdict": "update", "kind": update.kind, "about": update.about, "values": [later],
            "earlier": update.earlier.as_dict()["sources"]}  # fmt: skip


def _predict(truth: dict, progress) -> list[dict]:
    from ..compare import StoryArticles, compare_storyline
    from ..pipeline import ingest
    from ..sample import corpus_path
    from ..store import Store

    store = Store(":memory:")
    ingest([str(corpus_path())], store, progress=progress)
    keys = {}
    for row in store.query("SELECT id, origin, url FROM articles"):
        rel = os.path.relpath(row["origin"], corpus_path()).replace(os.sep, "/")
        keys[row["id"]] = rel if rel in truth["articles"] else row["url"]
    out = []
    for line in store.storylines():
        stories = [StoryArticles(st["id"], store.story_articles(st["id"]), store.story_copies(st["id"]))
                   for st in store.storyline(line["id"])["stories_list"]]  # fmt: skip
        comparison = compare_storyline(stories)
        found = [v.as_dict() for c in comparison.comparisons.values() for v in c.verdicts]
        found += [_as_verdict(u) for u in comparison.updates]
        for d in found:
            for src in [s for value in d["values"] for s in value["sources"]] + d.get("earlier", []):
                src["article"] = keys.get(src["article"], src["article"])
            out.append(d)
    store.close()
    return out


def _read_predictions(path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def _norm(text: str) -> str:
    for fancy, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(fancy, plain)
    return re.sub(r"\s+", " ", text).casefold()


def _covers(verdict: dict, articles: dict[str, str]) -> int:
    """How many of the fact's articles the verdict's own sources say in the planted words."""
    got = set()
    for value in verdict["values"]:
        for src in value["sources"]:
            words = articles.get(src["article"])
            if words and _norm(words) in _norm(src["sentence"]):
                got.add(src["article"])
    return len(got)


def score_verdicts(truth: dict, verdicts: list[dict]) -> CompareScore:
    """Each planted fact's verdict, and whether each conflict or update we gave was planted. A
    verdict covers a fact's article when one of its sources there is a sentence holding the
    planted words (for an update, only the development's sources count, not the earlier
    sentences it answers). The fact's verdict is the one covering most of its articles,
    preferring a verdict whose value is written in the planted words (a fact is about its value:
    "killing 21 people" is the death-toll verdict's, not the injured count's that shares the
    sentence; only numbers, titles and dates have such values, a place named there is not the
    fact); ties: the verdict with fewest sources, then a conflict or update."""
    score = CompareScore()
    for fact in truth["facts"]:
        if fact["kind"] not in KINDS:
            continue
        words = {a: w for value in fact["values"] for a, w in value["articles"].items()}
        best, best_key = None, None
        for i, v in enumerate(verdicts):
            n = _covers(v, words)
            if not n:
                continue
            about = v.get("kind") in VALUED and any(_norm(x["value"]) in _norm(w) for x in v["values"] for w in words.values())
            key = (about, n, -sum(len(x["sources"]) for x in v["values"]), v["verdict"] in COMPLETE)
            if best_key is None or key > best_key:
                best, best_key = i, key
        predicted = verdicts[best]["verdict"] if best is not None else None
        score.facts.append({
            "story": fact["story"], "kind": fact["kind"], "entity": fact["entity"],
            "attribute": fact["attribute"], "predicted": predicted, "coverage": best_key[1] if best_key else 0,
        })
    planted = {k: [{a: w for value in f["values"] for a, w in value["articles"].items()} for f in truth["facts"] if f["kind"] == k] for k in COMPLETE}
    for v in verdicts:
        if v["verdict"] in COMPLETE:
            matched = any(_covers(v, words) for words in planted[v["verdict"]])
            score.extra.append({"verdict": v["verdict"], "about": v["about"], "shown": " / ".join(x["value"][:60] for x in v["values"]), "matched": matched})
    return score

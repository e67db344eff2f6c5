"""Why a story is in its storyline: the storyline-level evidence the store keeps with the story's
first placed article (`Store.storyline_decision`, a `LineAssignment.as_dict()`), read against the
thresholds of `StorylineConfig`, for `storyline why`, `storyline why-story` and the API."""

from __future__ import annotations

from ..store import Store
from ..storylines import StorylineConfig


def thresholds() -> dict[str, float]:
    """The storyline level's thresholds (StorylineConfig's defaults: it has no settings)."""
    c = StorylineConfig()
    return {"join": c.join_threshold, "merge": c.merge_threshold, "name_conflict": c.name_conflict}


def with_thresholds(found: dict) -> dict:
    """A Store.storyline_decision answer with the thresholds it was decided against: those stored
    with the decision, or today's defaults for a decision stored without them."""
    stored = (found.get("decision") or {}).get("thresholds")
    return {**found, "thresholds": stored or thresholds()}


def storyline_why(store: Store, story_id: str) -> dict:
    """The story's storyline now, how the story came to it, and the thresholds; StoryNotFound."""
    return with_thresholds(store.storyline_decision(story_id))


def storyline_why_lines(found: dict) -> list[str]:
    """A short human reading of a storyline decision, one fact a line (as stories' Explanation)."""
    limits = found.get("thresholds") or thresholds()
    out = [f"story {found['story']} is in storyline {found['storyline'] or '(none)'}"]
    d = found.get("decision")
    if not d:
        out.append("no storyline decision is stored for this story (placed before storylines were kept)")
        return out
    if d["storyline"] != found["storyline"]:
        out.append(f"placed in storyline {d['storyline']}, since merged into {found['storyline']}")
    best, runner = d.get("best"), d.get("runner_up")
    if d["decision"] == "joined":
        out.append(f"joined storyline {best['storyline']} with score {best['score']:.3f} "
                   f"(join threshold {limits['join']:.2f})")  # fmt: skip
    elif d["decision"] == "started":
        out.append(f"started a new storyline: best candidate storyline {best['storyline']} scored {best['score']:.3f}, "
                   f"below the join threshold {limits['join']:.2f}" if best else
                   f"started a new storyline: no candidate storyline (join threshold {limits['join']:.2f})")  # fmt: skip
    elif d["decision"] == "followed":
        out.append("its story already had a storyline: followed it")
        if best:
            out.append(f"nearest other storyline {best['storyline']} scored {best['score']:.3f} "
                       f"(merge threshold {limits['merge']:.2f})")  # fmt: skip
    else:
        out.append("placed from stored assignments (not re-scored)")
    if best:
        features = best.get("features") or {}
        if features:
            out.append("features: " + ", ".join(f"{k} {v:.3f}" for k, v in features.items())
                       + f" (score = centroid + best_story - {limits['name_conflict']:g} x name_conflict)")  # fmt: skip
        if best.get("shared_terms"):
            out.append("shared terms: " + ", ".join(t for t, _ in best["shared_terms"]))
        if best.get("names_in_conflict"):
            story_names, line_names = best["names_in_conflict"]
            out.append(f"about other names: the story about {', '.join(story_names) or '-'}, "
                       f"the storyline about {', '.join(line_names) or '-'}")  # fmt: skip
        if best.get("gap_days") is not None:
            out.append(f"time gap: {best['gap_days']:g} days")
    if runner:
        out.append(f"runner-up: storyline {runner['storyline']} (score {runner['score']:.3f})")
    if d.get("merged"):
        out.append("storylines merged into it because of this story: " + ", ".join(d["merged"]))
    out.append(f"candidate storylines scored: {d.get('candidates', 0)}")
    return out

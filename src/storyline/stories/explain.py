"""Why an article is in its story: the data behind `storyline why ARTICLE`."""

from __future__ import annotations

from dataclasses import dataclass

from .clustering import Assignment, Match, StoryClusterer


@dataclass(frozen=True)
class Explanation:
    """The decision for one article, in plain values (JSON-ready through `as_dict`)."""

    article: str
    story: str  # the story it is in now (after any merges)
    placed_in: str  # the story it was put in when it arrived
    decision: str  # joined, started, copy, given
    probability: float | None  # P(same story) for the chosen story, if one was scored
    threshold: float
    features: dict[str, float]
    shared_terms: tuple[tuple[str, float], ...]
    shared_entities: tuple[str, ...]
    gap_days: float | None
    runner_up: str | None
    runner_up_probability: float | None
    copy_of: str | None
    copy_similarity: float | None
    merged: tuple[str, ...]
    candidates: int
    # the article's central names the story lacks, and the story's the article lacks (None in
    # explanations stored before they were recorded)
    names_in_conflict: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def as_dict(self) -> dict:
        out = dict(self.__dict__)
        out["shared_terms"] = [list(t) for t in self.shared_terms]
        out["shared_entities"] = list(self.shared_entities)
        out["merged"] = list(self.merged)
        out["names_in_conflict"] = [list(side) for side in self.names_in_conflict] if self.names_in_conflict else None
        return out

    def lines(self) -> list[str]:
        """A short human reading, one fact a line."""
        out = [f"article {self.article} is in story {self.story}"]
        if self.placed_in != self.story:
            out.append(f"placed in {self.placed_in}, since merged into {self.story}")
        if self.decision == "copy":
            out.append(f"near-duplicate of {self.copy_of} (shingle similarity {self.copy_similarity:.2f}): joined its story")
        elif self.decision == "started":
            best = f"best candidate scored {self.probability:.3f}" if self.probability is not None else "no candidate story"
            out.append(f"started a new story: {best}, below the join threshold {self.threshold:.2f}")
        elif self.decision == "given":
            out.append("placed from stored assignments (not re-scored)")
        else:
            out.append(f"joined with P(same story) {self.probability:.3f} (threshold {self.threshold:.2f})")
        if self.features:
            out.append("features: " + ", ".join(f"{k} {v:.3f}" for k, v in self.features.items()))
        if self.shared_terms:
            out.append("shared terms: " + ", ".join(t for t, _ in self.shared_terms))
        if self.shared_entities:
            out.append("shared entities: " + ", ".join(self.shared_entities))
        if self.names_in_conflict:
            mine, theirs = self.names_in_conflict
            out.append(f"about other names: the article about {', '.join(mine)}, the story about {', '.join(theirs)}")
        if self.gap_days is not None:
            out.append(f"time gap: {self.gap_days:g} days")
        if self.runner_up:
            out.append(f"runner-up: story {self.runner_up} (P {self.runner_up_probability:.3f})")
        if self.merged:
            out.append("merged into this story because of it: " + ", ".join(self.merged))
        out.append(f"candidate stories scored: {self.candidates}")
        return out


def explain(clusterer: StoryClusterer, article_id: str) -> Explanation | None:
    """Why `article_id` is where it is; None if the clusterer has not seen it."""
    a: Assignment | None = clusterer.assignment(article_id)
    if a is None:
        return None
    # `shown` is the match behind the decision: the joined story's, or (for a new story) the
    # nearest story that was not joined; `runner` is the next best story.
    shown: Match | None = a.best
    runner: Match | None = a.runner_up
    if a.decision == "copy" and a.best is not None and a.best.story != a.story:
        shown, runner = None, a.best
    elif a.decision == "given":
        shown = runner = None
    return Explanation(
        article=a.article,
        story=clusterer.story_of(a.article) or a.story,
        placed_in=a.story,
        decision=a.decision,
        probability=shown.probability if shown else None,
        threshold=clusterer.config.join_threshold,
        features=dict(shown.features) if shown else {},
        shared_terms=shown.shared_terms if shown else (),
        shared_entities=shown.shared_entities if shown else (),
        gap_days=shown.gap_days if shown else None,
        runner_up=(clusterer.story_of(runner.story) or runner.story) if runner else None,
        runner_up_probability=runner.probability if runner else None,
        copy_of=a.copy.original if a.copy else None,
        copy_similarity=a.copy.similarity if a.copy else None,
        merged=a.merged,
        candidates=a.candidates,
        names_in_conflict=shown.names_in_conflict if shown else None,
    )

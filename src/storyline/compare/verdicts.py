"""Align a story's claims and give each fact a verdict, with every source's sentence.

    articles ──claims.py──► claims by slot ──► Verdict(corroborated | single_source | conflict | update)

Rules (each one language-level, none tuned to a record); only claims of one story are compared:

- **Independence.** A source is an outlet; a near-duplicate copy (the story's `copies`) counts as
  its original's outlet, and two articles of one outlet count once. Corroborated means two or
  more independent sources; single-source means one.
- **Numbers** with the same measure ("killed", "magnitude", "demand:increase") agree when their
  ranges overlap ("at least 25" and "25"), and otherwise either conflict or, when every earlier
  report was published before every later one and the wording bounds the count in time, update
  (updates.py `counts_progress`). A demand or offer followed later by a settled figure of the
  same kind ("demanding a 7% pay rise" → "gives workers a 4.5% pay rise") is an update.
- **Titles** of one entity (the resolver's key, so two people sharing a surname are two
  entities) are split into role words and exclusive qualifiers (former, deputy, vice, acting,
  interim, ...). Roles one inside the other are the same role told in more or less detail
  ("Foreign Minister", "Russian Foreign Minister"): no conflict. The same role with different
  exclusive qualifiers ("U.S. President" / "former U.S. President", "Mines Minister" / "Deputy
  Mines Minister") is a conflict. Different roles ("Professor", "seismologist") are variants:
  each keeps its own verdict and lists the others under `variants`, never a conflict.
- **Meeting days** at one place conflict when they differ ("in Bergen on April 8" / "9").
- **Statements**: sentences of different articles that share most of their rare words tell the
  same fact; a development answering an earlier pending state is an update (updates.py).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..record import Article
from .claims import Claim, Source, article_claims, stems
from .event_links import EventRow, link_events
from .updates import counts_progress, find_updates

VERDICTS = ("corroborated", "single_source", "conflict", "update")
STATEMENT_SIMILARITY = 0.5
QUOTE_SIMILARITY = 0.5


@dataclass
class Value:
    """One value of a fact and who reports it."""

    value: str
    sources: list[Source]
    independent_sources: int

    def as_dict(self) -> dict:
        return {
            "value": self.value,
            "independent_sources": self.independent_sources,
            "sources": [s.as_dict() for s in self.sources],
        }


@dataclass
class Verdict:
    """One fact of a story, its verdict and its sources. For an update, `values` holds the
    development and `earlier` what the earlier articles said before it."""

    verdict: str
    kind: str  # number, title, date, event, quote, statement
    about: str
    values: list[Value]
    earlier: list[Source] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)

    @property
    def sources(self) -> list[Source]:
        return [s for v in self.values for s in v.sources]

    def as_dict(self) -> dict:
        out = {"verdict": self.verdict, "kind": self.kind, "about": self.about, "values": [v.as_dict() for v in self.values]}
        if self.earlier:
            out["earlier"] = [s.as_dict() for s in self.earlier]
        if self.variants:
            out["variants"] = self.variants
        return out


@dataclass
class Comparison:
    """Every verdict of one story."""

    verdicts: list[Verdict]

    def of(self, verdict: str) -> list[Verdict]:
        return [v for v in self.verdicts if v.verdict == verdict]

    def select(self, verdicts: Iterable[str] = VERDICTS, limit: int | None = None) -> Comparison:
        """Only the verdicts of the kinds asked, at most `limit` of each kind, in this order."""
        wanted, kept, seen = set(verdicts), [], {}
        for v in self.verdicts:
            if v.verdict in wanted and (limit is None or seen.get(v.verdict, 0) < limit):
                seen[v.verdict] = seen.get(v.verdict, 0) + 1
                kept.append(v)
        return Comparison(kept)

    def as_dict(self) -> dict:
        return {
            "counts": {k: len(self.of(k)) for k in VERDICTS},
            "verdicts": [v.as_dict() for v in self.verdicts],
        }


class Independence:
    """Who counts as independent in one story: outlets, with copies folded into their originals."""

    def __init__(self, articles: list[Article], copies: dict[str, str]):
        outlet = {a.id: (a.outlet or "").strip().lower() or "article:" + a.id for a in articles}
        self._unit = {}
        for a in articles:
            original = a.id
            while original in copies and copies[original] != original:
                original = copies[original]
            self._unit[a.id] = outlet.get(original, "article:" + original)

    def count(self, sources: list[Source]) -> int:
        return len({self._unit.get(s.article, s.article) for s in sources})

    def units(self, sources: list[Source]) -> set[str]:
        return {self._unit.get(s.article, s.article) for s in sources}


def compare_story(articles: list[Article], copies: dict[str, str] | None = None, *, claims: list[Claim] | None = None) -> Comparison:
    """Verdicts for one story's articles; `copies` maps a near-duplicate's id to its original's.
    `claims` are the articles' claims (article_claims) when the caller has them already, as
    compare_storyline does, which reads their numbers and titles too."""
    sources = Independence(articles, copies or {})
    if claims is None:
        claims = [c for a in articles for c in article_claims(a)]
    by_kind: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_kind[c.kind].append(c)
    verdicts: list[Verdict] = []
    verdicts += _numbers(by_kind["number"], sources)
    verdicts += _titles(by_kind["title"], sources)
    verdicts += _dates(by_kind["date"], sources)
    verdicts += _events(articles, sources)
    verdicts += _phrases(by_kind["phrase"], sources)
    verdicts += _entities(by_kind["entity"], sources, len(articles))
    verdicts += _clustered(by_kind["quote"], sources, "quote", QUOTE_SIMILARITY)
    verdicts += _clustered(by_kind["statement"], sources, "statement", STATEMENT_SIMILARITY)
    for later, earlier in find_updates(by_kind["statement"], headline_sentences(articles)):
        before = _unique([c.source for c in earlier])
        verdicts.append(Verdict("update", "statement", "development", [value_of(later.shown, [later], sources)], earlier=before))
        figures_of_development(verdicts, later, before)
    return Comparison(verdicts)


def headline_sentences(articles: list[Article]) -> set[tuple[str, int]]:
    """(article id, sentence start) of each sentence that is its article's title told again:
    a headline is no development (updates.find_updates)."""
    return {(a.id, s) for a in articles for s, e in a.sentences if a.title and a.text[s:e].strip() == a.title.strip()}


def figures_of_development(verdicts: list[Verdict], development: Claim, before: list[Source]) -> None:
    """A figure first given in a development's sentence is part of it ("ended search ... and
    announced a 2 billion lira fund" is new, not merely single-source): its single-source
    number verdict becomes an update of what was said `before`."""
    at = (development.source.article, development.source.start)
    for v in verdicts:
        if v.verdict == "single_source" and v.kind == "number" and all((s.article, s.start) == at for s in v.sources):
            v.verdict, v.earlier = "update", before


def _unique(items: list[Source]) -> list[Source]:
    seen, out = set(), []
    for s in items:
        if (s.article, s.start) not in seen:
            seen.add((s.article, s.start))
            out.append(s)
    return out


def value_of(shown: str, claims: list[Claim], sources: Independence) -> Value:
    """The claims' value as shown, with their sentences once each and how many outlets give it."""
    src = _unique([c.source for c in claims])
    return Value(shown, src, sources.count(src))


def _agreed(kind: str, about: str, claims: list[Claim], shown: str, sources: Independence) -> Verdict:
    value = value_of(shown, claims, sources)
    return Verdict("corroborated" if value.independent_sources >= 2 else "single_source", kind, about, [value])


def _numbers(claims: list[Claim], sources: Independence) -> list[Verdict]:
    by_slot: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        by_slot[c.slot].append(c)
    out = []
    settled_later: dict[str, list[Claim]] = defaultdict(list)  # noun → proposals (demand/offer)
    for slot, group in by_slot.items():
        measure = slot[1]
        verb, _, noun = measure.partition(":") if ":" in measure else ("", "", "")
        if verb in ("demand", "offer") and noun:
            settled_later[noun].extend(group)
    for slot, group in by_slot.items():
        measure = slot[1]
        groups = compatible_groups(group)
        # a settled figure after a demand/offer of the same kind: the dispute's outcome
        if measure.startswith(":") and settled_later.get(measure[1:]):
            proposals = settled_later[measure[1:]]
            for g in groups:
                if counts_after(proposals, g):
                    out.append(Verdict("update", "number", measure, [value_of(g[0].shown, g, sources)],
                                       earlier=_unique([p.source for p in proposals])))
                else:
                    out.append(_agreed("number", measure, g, g[0].shown, sources))
            continue
        if len(groups) == 1:
            out.append(_agreed("number", measure, groups[0], groups[0][0].shown, sources))
            continue
        conflicting: list[list[Claim]] = []
        for i, (g, progress) in enumerate(zip(groups, progressions(groups))):
            if progress:
                earlier = [c for h in groups[:i] for c in h]
                out.append(Verdict("update", "number", measure, [value_of(g[0].shown, g, sources)],
                                   earlier=_unique([c.source for c in earlier])))
            else:
                conflicting.append(g)
        if len(conflicting) >= 2 and len(set().union(*(sources.units([c.source for c in g]) for g in conflicting))) >= 2:
            out.append(Verdict("conflict", "number", measure, [value_of(g[0].shown, g, sources) for g in conflicting]))
        else:
            out += [_agreed("number", measure, g, g[0].shown, sources) for g in conflicting]
    return out


def compatible_groups(claims: list[Claim]) -> list[list[Claim]]:
    """Number claims of one measure in groups that can all be true together, in publication
    order (unknown dates last): each claim joins the first group whose every member it is
    compatible with (NumberReading.compatible), or starts one. A story's groups are its values
    of the measure; compare_storyline follows them from story to story."""
    groups: list[list[Claim]] = []
    for c in sorted(claims, key=lambda c: (c.source.published or "9999", c.source.article)):
        home = next((g for g in groups if all(c.reading.compatible(x.reading) for x in g)), None)
        if home is None:
            groups.append([c])
        else:
            home.append(c)
    return groups


def progressions(groups: list[list[Claim]]) -> list[bool]:
    """For each of a measure's groups (compatible_groups), whether it updates the groups before
    it: a later count told as progress (updates.py counts_progress). The others conflict or
    agree."""
    return [i > 0 and counts_progress([c for h in groups[:i] for c in h], g) for i, g in enumerate(groups)]


def counts_after(earlier: list[Claim], later: list[Claim]) -> bool:
    """Whether every earlier claim was published before every later one; a claim with an
    unknown date orders nothing."""
    a = [c.source.published for c in earlier]
    b = [c.source.published for c in later]
    return all(a) and all(b) and max(a) < min(b)


def _titles(claims: list[Claim], sources: Independence) -> list[Verdict]:
    by_entity: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_entity[c.slot[1]].append(c)
    out = []
    for entity, group in by_entity.items():
        groups = title_groups(group)
        clash = [
            (g, h) for i, g in enumerate(groups) for h in groups[i + 1 :]
            if same_role(g[0].value[0], h[0].value[0]) and g[0].value[1] != h[0].value[1]
        ]
        in_clash = {id(x) for pair in clash for x in pair}
        if clash:
            members = [g for g in groups if id(g) in in_clash]
            out.append(Verdict("conflict", "title", f"title of {entity}", [value_of(title_shown(g), g, sources) for g in members]))
        for g in groups:
            if id(g) not in in_clash:
                v = _agreed("title", f"title of {entity}", g, title_shown(g), sources)
                v.variants = [title_shown(h) for h in groups if h is not g]
                out.append(v)
    return out


def title_groups(claims: list[Claim]) -> list[list[Claim]]:
    """Title claims of one entity in groups that tell one role with the same exclusive
    qualifiers, in the claims' order: each claim joins the first group whose first member has
    its qualifiers and a role one inside its own (same_role), or starts one."""
    groups: list[list[Claim]] = []
    for c in claims:
        role, quals = c.value
        home = next((g for g in groups if g[0].value[1] == quals and same_role(g[0].value[0], role)), None)
        if home is None:
            groups.append([c])
        else:
            home.append(c)
    return groups


def title_shown(group: list[Claim]) -> str:
    """A title group's fullest wording: 'Russian Foreign Minister' over 'Foreign Minister'."""
    return max((c.shown for c in group), key=len)


def same_role(a: frozenset[str], b: frozenset[str]) -> bool:
    """Roles one inside the other ('Foreign Minister', 'Russian Foreign Minister'): one role."""
    return bool(a and b) and (a <= b or b <= a)


def _dates(claims: list[Claim], sources: Independence) -> list[Verdict]:
    by_place: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        by_place[c.slot].append(c)
    out = []
    for slot, group in by_place.items():
        values: dict[str, list[Claim]] = defaultdict(list)
        for c in group:
            values[c.value].append(c)
        about = f"date of the meeting at {slot[1]}"
        if len(values) > 1:
            out.append(Verdict("conflict", "date", about, [value_of(v, g, sources) for v, g in sorted(values.items())]))
        else:
            (v, g), = values.items()
            out.append(_agreed("date", about, g, v, sources))
    return out


_PHRASE_ABOUT = {"end": "the day it ends", "centre": "where it was centred", "period": "term"}


def _phrases(claims: list[Claim], sources: Independence) -> list[Verdict]:
    """A day something ends, where an event was centred, a term: one verdict per value of each
    slot. Different values are not called a conflict: the slot does not say which thing ends or
    was centred (a quake and its aftershock, talks and a strike in one story)."""
    by_value: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        by_value[(c.slot, c.value)].append(c)
    out = []
    for (slot, value), g in by_value.items():
        about = _PHRASE_ABOUT[slot[0]] + (f" ({slot[1]}…)" if len(slot) > 1 else "") + (f" {value}" if slot[0] == "end" else "")
        out.append(_agreed("phrase", about, g, g[0].shown, sources))
    return out


def _entities(claims: list[Claim], sources: Independence, articles: int) -> list[Verdict]:
    """A place or organisation named by some of the story's articles; one every article names is
    the story's setting ('Bergen' in a story about talks in Bergen), not a fact of its own."""
    by_entity: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        by_entity[c.slot].append(c)
    return [_agreed("entity", f"named: {slot[1]}", g, max((c.shown for c in g), key=len), sources) for slot, g in by_entity.items()
            if articles < 3 or len({c.source.article for c in g}) < articles]


def _events(articles: list[Article], sources: Independence) -> list[Verdict]:
    rows = []
    for a in articles:
        for e in a.events:
            if not any(x.entity or x.country for x in e.sources + e.targets):
                continue
            rows.append(EventRow(a.id, a.outlet, "story", e, a.text[e.sentence_start : e.sentence_end].strip()))
    published: dict[str, str | None] = {}
    for a in articles:
        published.setdefault(a.id, a.published)  # the first article of an id, as a scan finds it
    out = []
    for linked in link_events(rows):
        src = _unique([
            Source(r.article, r.outlet, published.get(r.article), r.sentence, r.event.sentence_start, r.event.sentence_end)
            for r in linked.rows
        ])
        what = f"{linked.type} {'/'.join(linked.source_countries) or '?'}→{'/'.join(linked.target_countries) or '?'}"
        if linked.date:
            what += f" on {linked.date}"
        if linked.place_name:
            what += f" in {linked.place_name}"
        n = sources.count(src)
        out.append(Verdict("corroborated" if n >= 2 else "single_source", "event", what, [Value(what, src, n)]))
    return out


def _clustered(claims: list[Claim], sources: Independence, kind: str, threshold: float) -> list[Verdict]:
    """Sentences (or quotes) of different articles that share most of their rare words.

    Each claim, in publication order, joins the cluster holding its most similar member (at
    least `threshold`, never a cluster that already has its article), or starts one. Only
    members that can reach the threshold are compared: a pair whose shared words all lie in
    the lighter claim's light tail (words whose total weight is under threshold × that claim's
    weight) cannot, so candidates come from an index of each claim's heavy prefix. Claims with
    the same words (a wire sentence every copy repeats, a site's stock line) are indexed once,
    with the clusters holding them, since their similarity to anything is the same: each set is
    compared once, when first seen, with the sets before it, and each pair that reaches the
    threshold is listed on both sides, so a repeat compares nothing. The result is the one an
    all-pairs comparison gives; the cost grows with the distinct sentences a story has, not
    with the square of its size."""
    df: dict[str, int] = defaultdict(int)
    per_article: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        per_article[c.source.article] |= c.words
    for words in per_article.values():
        for w in words:
            df[w] += 1
    n = max(1, len(per_article))
    weight = {w: math.log((n + 1) / d) for w, d in df.items()}
    ordered = sorted(claims, key=lambda c: (c.source.published or "9999", c.source.article, c.source.start))
    clusters: list[list[Claim]] = []
    articles_in: list[set[str]] = []
    # one entry per distinct word set seen so far: its words, total weight, the clusters holding
    # a claim with exactly those words, and the other distinct sets it reaches the threshold with
    # (with the similarity, which is symmetric and fixed for the whole call)
    distinct: dict[frozenset[str], int] = {}
    words_of: list[frozenset[str]] = []
    total_of: list[float] = []
    clusters_of: list[set[int]] = []
    similar_of: list[list[tuple[int, float]]] = []
    by_word: dict[str, list[int]] = defaultdict(list)  # word → distinct word sets holding it
    by_prefix_word: dict[str, list[int]] = defaultdict(list)  # word → distinct sets with it in their prefix
    quotes = kind == "quote"
    fsum, weight_of = math.fsum, weight.__getitem__
    for c in ordered:
        words, article = c.words, c.source.article
        u = distinct.get(words)
        if u is None:
            # a new word set: compared once with every distinct set before it, and itself
            u = distinct[words] = len(words_of)
            total, prefix = fsum(map(weight_of, words)), _heavy_prefix(words, weight, threshold)
            words_of.append(words)
            total_of.append(total)
            clusters_of.append(set())
            similar_of.append([])
            for w in words:
                by_word[w].append(u)
            for w in prefix:
                by_prefix_word[w].append(u)
            # a pair reaches the threshold only if the lighter set's heavy prefix meets the other
            # set (its tail weighs under threshold × its weight, the similarity's denominator)
            candidates = {v for w in prefix for v in by_word[w] if total_of[v] >= total}
            candidates.update(v for w in words for v in by_prefix_word.get(w, ()) if total_of[v] <= total)
            mine = similar_of[u]
            for v in candidates:
                # the weight of the words both share over the lighter one's whole weight; sums
                # are exact (fsum), so the result does not depend on the order a set yields its
                # words in (which changes with the hash seed): ties break the same on every run
                lighter = min(total, total_of[v])
                sim = fsum(map(weight_of, words & words_of[v])) / lighter if lighter else 0.0
                if sim >= threshold:
                    mine.append((v, sim))
                    if v != u:
                        similar_of[v].append((u, sim))
        # a repeated word set (a wire sentence every copy repeats) needs no comparing: the sets
        # it reaches the threshold with were listed as each of them was first seen
        best_sim: dict[int, float] = {}
        for v, sim in similar_of[u]:
            for g in clusters_of[v]:
                if article in articles_in[g] or (quotes and clusters[g][0].slot != c.slot):
                    continue
                if sim > best_sim.get(g, -1.0):
                    best_sim[g] = sim
        best, best_value = None, threshold
        for g in sorted(best_sim):  # cluster creation order: on a tie the later cluster wins
            if best_sim[g] >= best_value:
                best, best_value = g, best_sim[g]
        if best is None:
            clusters.append([c])
            articles_in.append({article})
            best = len(clusters) - 1
        else:
            clusters[best].append(c)
            articles_in[best].add(article)
        clusters_of[u].add(best)
    about = "quote" if kind == "quote" else "statement"
    return [_agreed(kind, f"{about} by {g[0].slot[1]}" if kind == "quote" else about, g, g[0].shown, sources) for g in clusters if g[0].words]


def _heavy_prefix(words: frozenset[str], weight: dict[str, float], threshold: float) -> list[str]:
    """The claim's heaviest words, down to where the rest weigh less than `threshold` × its
    whole weight (with a margin, so rounding never drops a word that matters)."""
    ranked = sorted(words, key=lambda w: (-weight.get(w, 0), w))
    total = sum(weight.get(w, 0) for w in ranked)
    tail = total
    prefix = []
    for w in ranked:
        if tail < threshold * total - 1e-9:
            break
        prefix.append(w)
        tail -= weight.get(w, 0)
    return prefix


__all__ = ["Comparison", "Value", "Verdict", "compare_story", "stems"]

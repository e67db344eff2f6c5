"""A storyline compared: each story judged on its own, and the facts whose value moves on from
one story to a later one.

    [StoryArticles(story, articles, copies), ...]
        ──► StorylineComparison(comparisons: story → Comparison, updates: [Update(earlier, later)])

Within a story (one development, many outlets) compare_story judges what outlets corroborate or
contradict. Across a storyline's stories (one thread over weeks) a new value is news: a toll of
77, then 80, then 84 is a chain of updates, never a conflict. So across stories values are only
followed: numbers of one measure and titles of one entity, grouped as compare_story groups
them, and statement developments (`_developments`). A number about another event told in
passing is no claim at all (claims.py drops background numbers).

- **Dates order.** A value of unknown date takes part in nothing; a value updates an earlier one
  only when every earlier source was published before every later one (`counts_after`).
- **Step by step.** A story's first values meet the last ones of the story before it that
  reported the slot (`_follow`); a value agreeing with one of them carries on, one agreeing
  with none updates each it differs from ('Foreign Minister' → 'former Foreign Minister').
- **Another event is not an update.** Two numbers whose sentences date what they count to days
  and share none count different events (a second quake's magnitude); a day that bounds or
  reports a count dates none ('by Thursday', 'since Tuesday', 'said on Wednesday').

Pure: reads Articles, no store, no spaCy."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import StageError
from ..record import Article
from .claims import Claim, article_claims
from .updates import find_updates
from .verdicts import (
    Comparison,
    Independence,
    Value,
    compare_story,
    compatible_groups,
    counts_after,
    figures_of_development,
    headline_sentences,
    progressions,
    same_role,
    title_groups,
    title_shown,
    value_of,
)

# the text before a day that bounds or reports a count rather than dating what it counts: "by
# Thursday", "as of Monday", "since Tuesday", "officials said on Wednesday"
_REPORT_DAY = re.compile(
    r"(?:\b(?:by|as of|since|until|till)|\b(?:said|says|told|announced|reported|confirmed|added)\b[^,.;]{0,30}?\bon)\s+$", re.I
)
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass
class StoryArticles:
    """One story of a storyline as compare_storyline and storyline_timeline read it: its id, its
    articles, and its near-duplicate copies (a copy's id → its original's, as the store's
    story_copies gives them), so a copy never counts as another outlet."""

    story: str
    articles: list[Article]
    copies: dict[str, str] = field(default_factory=dict)


@dataclass
class Reported(Value):
    """A Value that one story gives a fact: the value as written, every sentence giving it (its
    article, outlet and publication date), and how many independent outlets of the story do."""

    story: str = ""

    @property
    def published(self) -> str:
        """The earliest publication date of its sources (all are known: see the module)."""
        return min(s.published or "" for s in self.sources)

    def as_dict(self) -> dict:
        return {"story": self.story, **super().as_dict()}


@dataclass
class Update:
    """A fact whose value changed from an earlier story to a later one, both values traced."""

    kind: str  # number, title, statement (a development answering a pending statement)
    about: str  # the measure ('killed') or 'title of person:...', as in the stories' verdicts
    earlier: Reported
    later: Reported

    def as_dict(self) -> dict:
        return {"kind": self.kind, "about": self.about, "earlier": self.earlier.as_dict(), "later": self.later.as_dict()}


@dataclass
class StorylineComparison:
    """Every story's own Comparison (story id → Comparison, in the storyline's order), and the
    updates across stories, oldest later value first."""

    comparisons: dict[str, Comparison]
    updates: list[Update]

    def chains(self) -> dict[tuple[str, str], list[Reported]]:
        """(kind, about) → the values its updates pass through, oldest first: 77 → 80 → 84."""
        out: dict[tuple[str, str], list[Reported]] = {}
        for u in self.updates:
            values = out.setdefault((u.kind, u.about), [])
            for r in (u.earlier, u.later):
                if not any(v.story == r.story and v.value == r.value for v in values):
                    values.append(r)
        return {slot: sorted(values, key=lambda r: r.published) for slot, values in out.items()}

    def as_dict(self) -> dict:
        return {
            "stories": [{"story": story, **c.as_dict()} for story, c in self.comparisons.items()],
            "updates": [u.as_dict() for u in self.updates],
            "chains": [{"kind": k, "about": a, "values": [r.as_dict() for r in rs]} for (k, a), rs in self.chains().items()],
        }


def compare_storyline(stories: Sequence[StoryArticles]) -> StorylineComparison:
    """Each story's Comparison, and the updates of numbers and titles from story to story.
    `stories` are the storyline's stories in time order, each story id once."""
    comparisons: dict[str, Comparison] = {}
    statements: list[tuple[str, Claim]] = []
    independence: dict[str, Independence] = {}
    articles = {a.id: a for s in stories for a in s.articles}
    reports: dict[tuple[str, str], list[tuple[str, list[list[Claim]], Independence]]] = defaultdict(list)
    for s in stories:
        if s.story in comparisons:
            raise StageError(f"cannot compare storyline: story '{s.story}' is given twice")
        claims = [c for a in s.articles for c in article_claims(a)]
        comparisons[s.story] = compare_story(s.articles, s.copies, claims=claims)
        statements += [(s.story, c) for c in claims if c.kind == "statement"]
        independence[s.story] = Independence(s.articles, s.copies)
        for slot, groups in _values(claims).items():
            reports[slot].append((s.story, groups, independence[s.story]))
    updates = [u for slot, rs in reports.items() for u in _follow(slot, rs, articles)]
    updates += _developments(list(articles.values()), statements, comparisons, independence)
    updates.sort(key=lambda u: (u.later.published, u.earlier.published))
    return StorylineComparison(comparisons, updates)


def _developments(articles: list[Article], statements: list[tuple[str, Claim]], comparisons: dict[str, Comparison],
                  independence: dict[str, Independence]) -> list[Update]:  # fmt: skip
    """Statement developments that answer a pending statement of an earlier story (find_updates
    over the whole storyline, kept where the answer comes from another story than the question;
    within one story compare_story has them already)."""
    story_of = {id(c): story for story, c in statements}
    out = []
    for later, earlier in find_updates([c for _, c in statements], headline_sentences(articles)):
        story = story_of[id(later)]
        before = [c for c in earlier if story_of[id(c)] != story]
        if not before:
            continue
        last = story_of[id(max(before, key=lambda c: c.source.published or ""))]  # the latest question
        asked = [c for c in before if story_of[id(c)] == last]
        out.append(Update(
            "statement", "development",
            _reported(last, "statement", asked, independence[last]),
            _reported(story, "statement", [later], independence[story]),
        ))  # fmt: skip
        figures_of_development(comparisons[story].verdicts, later, [c.source for c in asked])
    return out


def _values(claims: list[Claim]) -> dict[tuple[str, str], list[list[Claim]]]:
    """(kind, about) → one story's values of each followed slot, as compare_story groups them."""
    by_slot: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.kind == "number":
            by_slot[("number", c.slot[1])].append(c)
        elif c.kind == "title":
            by_slot[("title", f"title of {c.slot[1]}")].append(c)
    return {slot: (compatible_groups(g) if slot[0] == "number" else title_groups(g)) for slot, g in by_slot.items()}


def _follow(
    slot: tuple[str, str], reports: list[tuple[str, list[list[Claim]], Independence]], articles: dict[str, Article]
) -> list[Update]:
    """The updates of one slot over the stories reporting it, stories taken by their earliest
    dated value (the list's order breaks ties). A count a story tells as progress over its own
    earlier ones (`progressions`) ends its first values and starts its last; values it leaves in
    conflict stay at both ends."""
    kind, about = slot
    dated = []
    for i, (story, groups, independence) in enumerate(reports):
        first, last = (_dated(ends) for ends in _ends(kind, groups))
        if first or last:
            first_day = min(c.source.published for g in first + last for c in g)
            dated.append((first_day, i, story, first, last, independence))
    dated.sort(key=lambda r: (r[0], r[1]))
    out: list[Update] = []
    previous = None  # (story, independence, its last values): the latest story before this one
    for _, _, story, first, last, independence in dated:
        if previous is not None:
            before_story, before_independence, before = previous
            for h in first:
                if any(_agree(kind, g, h) for g in before):
                    continue
                for g in before:
                    if _differ(kind, g, h) and counts_after(g, h) and not (kind == "number" and _other_event(g, h, articles)):
                        out.append(Update(kind, about, _reported(before_story, kind, g, before_independence),
                                          _reported(story, kind, h, independence)))
        if last:
            previous = (story, independence, last)
    return out


def _ends(kind: str, groups: list[list[Claim]]) -> tuple[list[list[Claim]], list[list[Claim]]]:
    """A story's first and last values of a slot: before its first update of its own, and from
    its last one on (all of them when it has none; titles never have one)."""
    steps = [i for i, p in enumerate(progressions(groups)) if p] if kind == "number" else []
    return (groups[: steps[0]], groups[steps[-1] :]) if steps else (groups, groups)


def _dated(groups: list[list[Claim]]) -> list[list[Claim]]:
    """The groups with their claims of unknown date left out (those order nothing)."""
    return [d for d in ([c for c in g if c.source.published] for g in groups) if d]


def _agree(kind: str, earlier: list[Claim], later: list[Claim]) -> bool:
    """Whether the later value carries the earlier on: numbers that can all be true together,
    or one role told with the same exclusive qualifiers."""
    if kind == "number":
        return all(x.reading.compatible(y.reading) for x in earlier for y in later)
    (role_a, quals_a), (role_b, quals_b) = earlier[0].value, later[0].value
    return quals_a == quals_b and same_role(role_a, role_b)


def _differ(kind: str, earlier: list[Claim], later: list[Claim]) -> bool:
    """Whether the later value is another value of the same thing: any other number of the
    measure; for a title, the same role with other qualifiers (another role is a variant)."""
    if kind == "number":
        return not _agree(kind, earlier, later)
    (role_a, quals_a), (role_b, quals_b) = earlier[0].value, later[0].value
    return quals_a != quals_b and same_role(role_a, role_b)


def _other_event(earlier: list[Claim], later: list[Claim], articles: dict[str, Article]) -> bool:
    """Whether the two values date what they count to days and share none (see the module)."""
    days_a = set().union(*(_event_days(c, articles) for c in earlier))
    days_b = set().union(*(_event_days(c, articles) for c in later))
    return bool(days_a) and bool(days_b) and days_a.isdisjoint(days_b)


def _event_days(claim: Claim, articles: dict[str, Article]) -> set[str]:
    """The days (YYYY-MM-DD) the claim's sentence dates an event to: the dates and times of the
    dates stage that name a day ('Tuesday', 'Monday night', '11:48 p.m. on Monday'), none that
    bounds or reports the count."""
    source, article = claim.source, articles.get(claim.source.article)
    if article is None:
        return set()
    days = set()
    for d in article.dates:
        day = _DAY.match(d.value)
        if d.type in ("DATE", "TIME") and day and source.start <= d.start < source.end:
            if not _REPORT_DAY.search(article.text, max(source.start, d.start - 60), d.start):
                days.add(day.group())
    return days


def _reported(story: str, kind: str, group: list[Claim], independence: Independence) -> Reported:
    value = value_of(title_shown(group) if kind == "title" else group[0].shown, group, independence)
    return Reported(value.value, value.sources, value.independent_sources, story=story)


__all__ = ["Reported", "StoryArticles", "StorylineComparison", "Update", "compare_storyline"]

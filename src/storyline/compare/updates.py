"""Developments: a later article reports what an earlier one did not yet know.

    earlier sentence with a pending state ("not yet known", "still needs the approval", "no
    immediate response", "trapped", "suspended", "still searching", "is expected to")
  + later sentence with a development ("approved", "ended", "reopened", "already submitted",
    "was the most likely cause", "brought to the surface", "pledges of")
  + the two share at least two content stems, and the later article was published after the
    earlier one (unknown dates never order anything)
  = an update, not a conflict.

Pure: works on Claims (claims.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .claims import Claim

PENDING = re.compile(
    r"\bnot yet\b|\byet to\b|\bstill (?:needs?|requires?|awaits?|awaiting|searching|missing|trapped|closed|suspended)"
    r"|\bno immediate (?:response|reaction|comment|word)\b|\b(?:had|has|have) not\b|\bremain(?:s|ed)? (?:trapped|missing|closed|suspended|unclear|unknown|shut)"
    r"|\bunknown\b|\bunclear\b|\bpending\b|\bawait(?:s|ing)?\b|\bneeds? the approval\b|\bdrags? on\b"
    r"|\btrapped\b|\bsuspended\b|\bis expected to\b|\bare expected to\b|\bexpected at\b|\bmust be\b",
    re.I,
)
DEVELOPMENT = re.compile(
    r"\balready\b|\bended\b|\breopened\b|\bresumed\b|\bapproved\b|\bratified\b|\bsubmitted\b|\brescued\b"
    r"|\bbrought to the surface\b|\bpledges? of\b|\bpledged\b|\breached an? (?:deal|agreement)\b|\bsigned\b"
    r"|\bwas the (?:most likely |probable |likely )?cause\b|\brose to\b|\bhas risen\b|\bupdated\b|\brevised\b",
    re.I,
)
MIN_SHARED = 2


def find_updates(statements: list[Claim], headlines: set[tuple[str, int]]) -> list[tuple[Claim, list[Claim]]]:
    """(development, the earlier pending statements it answers), one per development sentence."""
    pending = [c for c in statements if c.source.published and _pending(c.source.sentence) and not _development(c.source.sentence)]
    out = []
    for later in statements:
        if not later.source.published or (later.source.article, later.source.start) in headlines:
            continue
        if not _development(later.source.sentence):
            continue
        earlier = [
            p for p in pending
            if p.source.published < later.source.published
            and p.source.article != later.source.article
            and len(p.words & later.words) >= MIN_SHARED
        ]
        if earlier:
            out.append((later, earlier))
    return out


_MODAL = re.compile(r"\b(?:would|will|must|should|could|may|might|to)(?: not)?(?: have)?(?: be| been)?\s*$", re.I)


# both cached per sentence text: each statement is asked about twice, and a story's copies
# repeat the same sentences
@lru_cache(maxsize=16384)
def _development(sentence: str) -> bool:
    """A development told as done: 'approved', not 'must be approved' or 'would be submitted'."""
    return any(not _MODAL.search(sentence[: m.start()]) for m in DEVELOPMENT.finditer(sentence))


@lru_cache(maxsize=16384)
def _pending(sentence: str) -> bool:
    return bool(PENDING.search(sentence))


PROGRESS = re.compile(r"\bby (?:mid-?\w+|noon|midnight|\w+ (?:morning|afternoon|evening|night))\b|\bso far\b|\bas of\b|\bsince\b|\brose to\b|\bhas risen\b|\bclimbed\b|\bupdated\b|\brevised\b|\bnow\b|\bat least\b.*\bso far\b", re.I)


def counts_progress(earlier: list[Claim], later: list[Claim]) -> bool:
    """Two different counts of one thing read as progress, not contradiction, when every earlier
    report was published before every later one and the wording bounds a count in time ('more
    than 140 aftershocks by mid-afternoon', '... since the main quake', 'rose to')."""
    dates_a = [c.source.published for c in earlier]
    dates_b = [c.source.published for c in later]
    if not all(dates_a) or not all(dates_b) or max(dates_a) >= min(dates_b):
        return False
    return any(PROGRESS.search(c.source.sentence) for c in earlier + later)

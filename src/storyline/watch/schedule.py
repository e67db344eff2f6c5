"""When a watched feed is polled next: on its own schedule where it gives one (RSS <ttl>,
Cache-Control max-age), else every `watch_interval` seconds, kept within
[`watch_min_interval`, `watch_max_interval`]; after failures in a row, that interval doubled
per failure up to `watch_max_backoff`, so a host that is down is asked less and less often and
asked again once it is back."""

from __future__ import annotations

import datetime as dt

from ..config import Settings


def interval_of(settings: Settings, own_s: float | None) -> float:
    """Seconds between two polls of a feed that asks for `own_s` (None: it does not say)."""
    wanted = float(settings.watch_interval) if own_s is None or own_s <= 0 else float(own_s)
    low, high = float(settings.watch_min_interval), float(settings.watch_max_interval)
    return min(max(wanted, low), max(high, low))


def backoff_of(settings: Settings, interval_s: float, failures: int) -> float:
    """Seconds to wait after `failures` failed polls in a row (the first failure waits one interval)."""
    if failures <= 0:
        return interval_s
    return min(interval_s * 2 ** min(failures - 1, 30), max(float(settings.watch_max_backoff), interval_s))


def next_poll(now: dt.datetime, seconds: float) -> dt.datetime:
    return now + dt.timedelta(seconds=seconds)

"""Polite HTTP for feeds and the pages they link to.

One `Fetcher` serves a whole run: it sends our User-Agent, waits `feed_min_interval` seconds
between two requests to the same host, refuses bodies over the size limit, and makes
conditional GETs (ETag / Last-Modified) from a cache of validators: any mapping from URL to
{"etag", "last_modified"}. The ingest pipeline passes the ones kept in the store.
Every failure is a ReaderError naming the URL.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..config import Settings
from ..errors import ReaderError
from .inputs import too_large


_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d{1,10})", re.IGNORECASE)


def max_age(cache_control: str) -> float | None:
    """The max-age of a Cache-Control header in seconds, None if it gives none."""
    found = _MAX_AGE.search(cache_control or "")
    return float(found.group(1)) if found else None


class HostThrottle:
    """Waits so that a request to a host starts at least `interval` seconds after the last
    one to that host ended."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        if last is not None:
            delay = last + self.interval - self._clock()
            if delay > 0:
                self._sleep(delay)
        self._last[host] = self._clock()

    def done(self, url: str) -> None:
        """Count the interval from now: the request to `url` has ended."""
        self._last[urlsplit(url).netloc.lower()] = self._clock()


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str | None
    validators: dict  # {"etag": ..., "last_modified": ...} as the server sent them
    not_modified: bool = False
    max_age_s: float | None = None  # Cache-Control max-age: how long the answer stays fresh


class Fetcher:
    """GETs URLs politely within the size limit; see the module docstring."""

    def __init__(
        self,
        settings: Settings,
        cache: MutableMapping | None = None,
        client: httpx.Client | None = None,
        throttle: HostThrottle | None = None,
    ):
        self.settings = settings
        self.cache = cache
        self.throttle = throttle or HostThrottle(float(settings.feed_min_interval))
        self._client = client

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=float(self.settings.feed_timeout),
                headers={"User-Agent": str(self.settings.feed_user_agent)},
                follow_redirects=True,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def remember(self, url: str, fetched: Fetched) -> None:
        """Keep `fetched`'s validators for the next conditional GET of `url`."""
        if self.cache is not None and fetched.validators:
            self.cache[url] = fetched.validators

    def get(self, url: str, conditional: bool = False, locator: str | None = None) -> Fetched:
        """The body at `url`. With `conditional`, a 304 answer to the validators in the cache
        comes back as `not_modified`. Raises ReaderError naming the URL."""
        headers = {}
        known = (self.cache or {}).get(url) if conditional else None
        if known:
            if known.get("etag"):
                headers["If-None-Match"] = known["etag"]
            if known.get("last_modified"):
                headers["If-Modified-Since"] = known["last_modified"]
        self.throttle.wait(url)
        try:
            return self._get(url, headers, known, locator)
        finally:
            self.throttle.done(url)

    def _get(self, url: str, headers: dict, known: dict | None, locator: str | None) -> Fetched:
        limit = self.settings.max_input_bytes
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(str(response.url), b"", None, dict(known or {}), not_modified=True)
                if response.status_code >= 400:
                    raise ReaderError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), locator)
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise ReaderError(url, too_large(int(declared), limit, "response"), locator)
                parts, size = [], 0
                total = float(self.settings.fetch_total_seconds)
                deadline = time.monotonic() + total
                for part in response.iter_bytes():
                    size += len(part)
                    if size > limit:
                        raise ReaderError(url, too_large(None, limit, "response"), locator)
                    if time.monotonic() > deadline:  # a server dripping a byte now and then
                        raise ReaderError(url, f"too slow: not done within {total:g} s (fetch_total_seconds)", locator)
                    parts.append(part)
                validators = {
                    key: response.headers[header]
                    for key, header in (("etag", "ETag"), ("last_modified", "Last-Modified"))
                    if header in response.headers
                }
                return Fetched(str(response.url), b"".join(parts), response.headers.get("Content-Type"), validators,
                               max_age_s=max_age(response.headers.get("Cache-Control", "")))  # fmt: skip
        except httpx.TimeoutException:
            raise ReaderError(url, f"unreachable: no answer within {self.settings.feed_timeout} s (feed_timeout)", locator) from None
        except httpx.ConnectError as exc:
            raise ReaderError(url, f"unreachable: cannot connect ({exc})", locator) from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise ReaderError(url, f"request failed: {exc or type(exc).__name__}", locator) from None

"""Polite HTTP for feeds and the pages they link to.

One `Fetcher` serves a whole run. It sends our User-Agent; never has two requests to one host
in flight at once, and starts one at least `feed_min_interval` seconds after the last to that
host ended (`HostThrottle`, shared by every thread); bounds each fetch in all, redirects
included, by `fetch_total_seconds` (a watchdog shuts the socket at the deadline, so a server
dripping a byte now and then, even in its headers, cannot hold a run); refuses bodies over the
size limit; follows at most `fetch_max_redirects` redirects, each hop waiting its own host's
turn, and names a loop; and makes conditional GETs (ETag / Last-Modified) from a cache of
validators: any mapping from URL to {"etag", "last_modified"} (the ingest pipeline passes the
ones kept in the store). Every failure is a ReaderError naming the URL.

Feeds' linked pages go through `Fetcher.get_later`: up to `fetch_concurrency` worker threads
fetch them, each taking the oldest queued page whose host is free and rested, so pages of
different hosts are fetched at once and pages of one host one after another. A reader yields
a `Pending` for such a page, and `in_order` turns a stream holding them back into plain items
in input order, reading a bounded window ahead so the fetches overlap.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from concurrent.futures import Future
from contextlib import closing, contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..config import Settings
from ..errors import ReaderError
from .inputs import too_large

# Items a reader reads ahead of the one it yields, per fetching thread: with the default four
# threads, at most 64 pages (each within max_input_mb) are held while the one before them is awaited.
_AHEAD_PER_THREAD = 16


_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d{1,10})", re.IGNORECASE)


def max_age(cache_control: str) -> float | None:
    """The max-age of a Cache-Control header in seconds, None if it gives none."""
    found = _MAX_AGE.search(cache_control or "")
    return float(found.group(1)) if found else None


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:  # too broken to split: its own "host", so it still waits its turn
        return url


class HostThrottle:
    """Gives each host one request at a time: `wait` blocks until no other request to the
    host is in flight and `interval` seconds have passed since the last one ended, then holds
    the host until `done`. Thread-safe: `condition` guards the hosts (the page pool waits on
    it too, to hear when a host is free)."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._busy: set[str] = set()
        self.condition = threading.Condition()

    def wait(self, url: str) -> None:
        host = _host(url)
        with self.condition:
            while host in self._busy:
                self.condition.wait()
            self._busy.add(host)
            last = self._last.get(host)
        if last is not None:
            delay = last + self.interval - self._clock()
            if delay > 0:
                self._sleep(delay)

    def take(self, url: str) -> float | None:
        """Without blocking: hold the host and give 0 if it is free and rested; else the
        seconds until it is rested (a positive number), or None while a request to it is in flight."""
        host = _host(url)
        with self.condition:
            if host in self._busy:
                return None
            last = self._last.get(host)
            delay = 0.0 if last is None else last + self.interval - self._clock()
            if delay > 0:
                return delay
            self._busy.add(host)
            return 0.0

    def done(self, url: str) -> None:
        """The request to `url` has ended: count the interval from now and free the host."""
        host = _host(url)
        with self.condition:
            self._last[host] = self._clock()
            self._busy.discard(host)
            self.condition.notify_all()

    @contextmanager
    def turn(self, url: str, *, held: bool = False):
        """The host of `url` held for one request (`held`: taken already, by `take`)."""
        if not held:
            self.wait(url)
        try:
            yield
        finally:
            self.done(url)


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str | None
    validators: dict  # {"etag": ..., "last_modified": ...} as the server sent them
    not_modified: bool = False
    max_age_s: float | None = None  # Cache-Control max-age: how long the answer stays fresh


class _Watchdog:
    """Shuts the socket of one request at a deadline, waking a read blocked on it: httpx's
    timeouts bound each read, not the whole of a response that arrives a byte at a time."""

    def __init__(self, seconds: float):
        self.fired = False
        self._sockets: list = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True

    def trace(self, name: str, info: dict) -> None:
        """httpcore's trace hook: each new connection's stream (TCP, then TLS) is the one to cut."""
        if name in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            sock = info["return_value"].get_extra_info("socket")
            with self._lock:
                self._sockets.append(sock)
                fired = self.fired
            if fired:
                _shut(sock)

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock) -> None:
    if sock is None:
        return
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's: an SSLSocket's own would drop its state
    except OSError:
        pass  # closed already: the request ended as the deadline came


class Fetcher:
    """GETs URLs politely within the size and time limits; see the module docstring."""

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
        self._lock = threading.Lock()
        self._pool: _Pool | None = None

    @property
    def client(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                # no keep-alive: each request opens its own connection, which the watchdog can cut
                self._client = httpx.Client(
                    headers={"User-Agent": str(self.settings.feed_user_agent)},
                    follow_redirects=False,
                    limits=httpx.Limits(max_keepalive_connections=0),
                )
            return self._client

    @property
    def ahead(self) -> int:
        """How many items a reader reads ahead of the one it yields (see `in_order`)."""
        return _AHEAD_PER_THREAD * self._threads

    @property
    def _threads(self) -> int:
        return max(1, int(self.settings.fetch_concurrency))

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close(wait=float(self.settings.fetch_total_seconds))
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    def remember(self, url: str, fetched: Fetched) -> None:
        """Keep `fetched`'s validators for the next conditional GET of `url`."""
        if self.cache is not None and fetched.validators:
            self.cache[url] = fetched.validators

    def get(self, url: str, conditional: bool = False, locator: str | None = None) -> Fetched:
        """The body at `url`. With `conditional`, a 304 answer to the validators in the cache
        comes back as `not_modified`. Raises ReaderError naming the URL."""
        return self._fetch(url, conditional=conditional, locator=locator, held=False)

    def get_later(self, url: str, locator: str | None = None) -> Future:
        """`get(url)` on one of the page threads: a Future of the Fetched (or of the ReaderError)."""
        with self._lock:
            if self._pool is None:
                self._pool = _Pool(self.throttle, self._threads,
                                   lambda u, loc: self._fetch(u, conditional=False, locator=loc, held=True))  # fmt: skip
            pool = self._pool
        return pool.submit(url, locator)

    def _fetch(self, url: str, *, conditional: bool, locator: str | None, held: bool) -> Fetched:
        headers = {}
        known = (self.cache or {}).get(url) if conditional else None
        if known:
            if known.get("etag"):
                headers["If-None-Match"] = known["etag"]
            if known.get("last_modified"):
                headers["If-Modified-Since"] = known["last_modified"]
        total = float(self.settings.fetch_total_seconds)
        deadline = time.monotonic() + total
        limit = int(self.settings.fetch_max_redirects)
        seen, target = [url], url
        for hop in range(limit + 1):
            with self.throttle.turn(target, held=held and hop == 0):
                fetched, following = self._hop(url, target, headers, known, deadline, locator)
            if following is None:
                return fetched
            if following in seen:
                raise ReaderError(url, f"a redirect loop: {target} sends back to {following}", locator)
            seen.append(following)
            target = following
        raise ReaderError(url, f"more than {limit} redirects (fetch_max_redirects); the last to {target}", locator)

    def _hop(self, url: str, target: str, headers: dict, known: dict | None, deadline: float,
             locator: str | None) -> tuple[Fetched | None, str | None]:  # fmt: skip
        """One request of a fetch: (what came, None), or (None, the URL it redirects to)."""
        total = float(self.settings.fetch_total_seconds)
        slow = ReaderError(url, f"too slow: not done within {total:g} s (fetch_total_seconds)", locator)
        left = deadline - time.monotonic()
        if left <= 0:
            raise slow
        wait = min(float(self.settings.feed_timeout), left)
        limit = self.settings.max_input_bytes
        with _Watchdog(left) as watchdog:
            try:
                request = self.client.build_request("GET", target, headers=headers, timeout=wait,
                                                    extensions={"trace": watchdog.trace})  # fmt: skip
                with closing(self.client.send(request, stream=True)) as response:
                    if response.next_request is not None:
                        return None, str(response.next_request.url)
                    if response.status_code == 304:
                        return Fetched(str(response.url), b"", None, dict(known or {}), not_modified=True), None
                    if response.status_code >= 400:
                        raise ReaderError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), locator)
                    declared = response.headers.get("Content-Length", "")
                    if declared.isdigit() and int(declared) > limit:
                        raise ReaderError(url, too_large(int(declared), limit, "response"), locator)
                    parts, size = [], 0
                    for part in response.iter_bytes():
                        size += len(part)
                        if size > limit:
                            raise ReaderError(url, too_large(None, limit, "response"), locator)
                        if watchdog.fired or time.monotonic() > deadline:
                            raise slow
                        parts.append(part)
                    if watchdog.fired:  # a body without a length ends where the socket was shut
                        raise slow
                    validators = {
                        key: response.headers[header]
                        for key, header in (("etag", "ETag"), ("last_modified", "Last-Modified"))
                        if header in response.headers
                    }
                    return Fetched(str(response.url), b"".join(parts), response.headers.get("Content-Type"), validators,
                                   max_age_s=max_age(response.headers.get("Cache-Control", ""))), None  # fmt: skip
            except ReaderError:
                raise
            except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
                if watchdog.fired or time.monotonic() >= deadline:
                    raise slow from None
                if isinstance(exc, httpx.TimeoutException):
                    raise ReaderError(url, f"unreachable: no answer within {self.settings.feed_timeout} s (feed_timeout)", locator) from None
                if isinstance(exc, httpx.ConnectError):
                    raise ReaderError(url, f"unreachable: cannot connect ({exc})", locator) from None
                raise ReaderError(url, f"request failed: {exc or type(exc).__name__}", locator) from None


class _Pool:
    """Worker threads that fetch queued URLs, each taking the oldest one whose host the
    throttle can give at once; they wait on the throttle's condition, which a finished
    request or a new URL wakes."""

    def __init__(self, throttle: HostThrottle, size: int, run: Callable[[str, str | None], Fetched]):
        self._throttle = throttle
        self._size = size
        self._run = run
        self._cond = throttle.condition
        self._queue: list[tuple[str, str | None, Future]] = []
        self._threads: list[threading.Thread] = []
        self._closed = False

    def submit(self, url: str, locator: str | None) -> Future:
        future: Future = Future()
        with self._cond:
            if self._closed:
                future.set_exception(ReaderError(url, "not fetched: the run is ending", locator))
                return future
            self._queue.append((url, locator, future))
            if len(self._threads) < self._size:
                thread = threading.Thread(target=self._work, name="storyline-fetch", daemon=True)
                self._threads.append(thread)
                thread.start()
            self._cond.notify_all()
        return future

    def _next(self) -> tuple[str, str | None, Future] | None:
        with self._cond:
            while not self._closed:
                soonest = None
                for i, (url, _, _) in enumerate(self._queue):
                    delay = self._throttle.take(url)
                    if delay == 0:
                        return self._queue.pop(i)
                    if delay is not None:
                        soonest = delay if soonest is None else min(soonest, delay)
                self._cond.wait(soonest)
            return None

    def _work(self) -> None:
        while (task := self._next()) is not None:
            url, locator, future = task
            if not future.set_running_or_notify_cancel():
                self._throttle.done(url)
                continue
            try:
                result = self._run(url, locator)
            except BaseException as exc:  # noqa: BLE001 (handed to whoever awaits the page)
                future.set_exception(exc)
            else:
                future.set_result(result)

    def close(self, wait: float) -> None:
        """Queued URLs are dropped; requests in flight get up to `wait` seconds to end."""
        with self._cond:
            self._closed = True
            for _, _, future in self._queue:
                future.cancel()
            self._queue.clear()
            self._cond.notify_all()
        ends = time.monotonic() + wait
        for thread in self._threads:
            thread.join(max(0.0, ends - time.monotonic()))


class Pending:
    """An item a reader yields before it is ready (a feed entry whose page is being fetched):
    `items()` waits for it and gives what it stands for, documents and errors and notices."""

    def __init__(self, items: Callable[[], list]):
        self._items = items

    def items(self) -> list:
        return self._items()


def in_order(items: Iterable, ahead: int) -> Iterator:
    """`items` with each Pending replaced by what it stands for, in order, reading up to
    `ahead` items past the one being waited for, so that the fetches behind them overlap."""
    held: deque = deque()
    source = iter(items)
    more = True
    while True:
        while more and len(held) < max(1, ahead):
            try:
                held.append(next(source))
            except StopIteration:
                more = False
        if not held:
            return
        head = held.popleft()
        if isinstance(head, Pending):
            yield from head.items()
        else:
            yield head

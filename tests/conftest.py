"""Shared fixtures: a fresh store, a loopback HTTP server, and the sample corpus as the story
clusterer reads it. Helpers that tests import live in tests/helpers.py."""

from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.clean import clean_batch
from storyline.config import Settings
from storyline.readers import read
from storyline.record import RawDocument
from storyline.sample import corpus_path, load_truth
from storyline.stories import StoryInput, story_input
from storyline.store import Store

# Language analysis in one process unless a test asks for more: nlp_processes=0 (the default)
# would fork a worker per core. The variable reaches the CLI run in subprocesses; the fixture
# covers settings built with environ={}.
os.environ["STORYLINE_NLP_PROCESSES"] = "1"


@pytest.fixture(autouse=True)
def _one_analysis_process(monkeypatch):
    monkeypatch.setattr("storyline.nlp.processes.machine_processes", lambda: 1)


@pytest.fixture
def fresh_store():
    store = Store(":memory:")
    yield store
    store.close()


@dataclass
class Server:
    """A loopback HTTP server: `routes` maps a path to a Route; `requests` records
    (path, headers, monotonic time) of every request."""

    base: str
    routes: dict = field(default_factory=dict)
    requests: list = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(server: Server):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server wants)
            try:
                self._answer()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first, as the timeout test intends

        def _answer(self):
            server.requests.append((self.path, dict(self.headers), time.monotonic()))
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            if route.delay:
                time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not getattr(route, "drip", 0.0):
                self.wfile.write(route.body)
                return
            for i in range(len(route.body)):  # a dripping server: headers at once, then a byte now and then
                self.wfile.write(route.body[i : i + 1])
                self.wfile.flush()
                time.sleep(route.drip)

        def log_message(self, *args):
            pass

    return Handler


@contextmanager
def _serving():
    """A server on 127.0.0.1 for one test; it shuts itself down after 30 s at the latest."""
    state = Server(base="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    deadline = threading.Timer(30.0, httpd.shutdown)
    deadline.daemon = True
    deadline.start()
    try:
        yield state
    finally:
        deadline.cancel()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def http_server():
    """A server on 127.0.0.1 for one test; it shuts itself down after 30 s at the latest."""
    with _serving() as state:
        yield state


@pytest.fixture
def other_http_server():
    """A second server (another host:port) beside `http_server`, for tests of several hosts."""
    with _serving() as state:
        yield state


@pytest.fixture
def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"

def date_order(items: list[StoryInput]) -> list[StoryInput]:
    """Stable sort by date; an undated article stays after the article before it."""
    keyed, last = [], ""
    for position, item in enumerate(items):
        last = item.published or last
        keyed.append(((item.published or last), position, item))
    return [item for _, _, item in sorted(keyed, key=lambda k: (k[0], k[1]))]


@pytest.fixture(scope="session")
def sample_stream() -> tuple[list[StoryInput], dict[str, str]]:
    """(inputs in publication order, article id -> truth.json article key)."""
    truth = load_truth()["articles"]
    docs = [d for d in read([str(corpus_path())], Settings()) if isinstance(d, RawDocument)]
    articles, errors = clean_batch(docs)
    assert not errors
    keys = {}
    for article in articles:
        rel = os.path.relpath(article.origin, corpus_path()).replace(os.sep, "/")
        key = rel if rel in truth else article.url
        if key in truth:
            keys[article.id] = key
    inputs = [story_input(a) for a in articles if a.id in keys]
    return date_order(inputs), keys

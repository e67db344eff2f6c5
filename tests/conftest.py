"""Shared fixtures: a fresh store, and a loopback HTTP server. Helpers that tests import live
in tests/helpers.py."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.store import Store


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
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def http_server():
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
def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"

"""Browser tests: a real Chromium (Debian's /usr/bin/chromium, driven by Playwright) against
`storyline serve`'s app, run by uvicorn on a free loopback port in a thread, over a store of
the sample corpus, a hostile article and the two seed articles (published 2025-05-28, as the
README ingests them). Skips, saying why, when Chromium or Playwright is missing; the tests that
need the seeds skip without ../shared/seeds.
Screenshots go to tests/browser/artifacts/ (git-ignored)."""

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from helpers import sample_store, shared_path
from storyline.config import Settings
from storyline.faces.api.app import create_app

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
ARTIFACTS = Path(__file__).with_name("artifacts")
HOSTILE = {
    "id": "hostile-browser",
    "url": "https://bad.example/b",
    "title": "Harbour board <img src=x onerror=\"window.__pwned = 'title'\"> meets",
    "outlet": "Bad Outlet",
    "published": "2025-02-03",
    "language": "en",
    "text": "The harbour board met on Monday <script>window.__pwned = 'script'</script> to approve the dredging "
    "plan, the chair said.\n\nA photo <img src=x onerror=\"window.__pwned = 'img'\"> of the pier was shown, and "
    "<svg onload=\"window.__pwned = 'svg'\"></svg> the board voted to start the work in April.",
}


@pytest.fixture(scope="session")
def seeds_folder() -> Path:
    folder = shared_path("seeds") / "articles"
    if not folder.is_dir():
        pytest.skip(f"the seed articles are not at {folder}")
    return folder


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> str:
    """Tests that need the seeds in it ask for `seeds_folder` too (and skip without them)."""
    return sample_store(tmp_path_factory.mktemp("browser"), HOSTILE)


@pytest.fixture(scope="session")
def web_app(web_store):
    """The app over `web_store`: it owns the store, so tests read it through `web_reading`."""
    return create_app(Settings({"db": web_store}))


@pytest.fixture(scope="session")
def web_reading(web_app):
    """`with web_reading() as store:` the served store, read as a request reads it."""
    return web_app.state.store_owner.reading


@pytest.fixture(scope="session")
def base_url(web_app):
    """The app served by uvicorn on 127.0.0.1 and a free port, in a thread, for the session."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(web_app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian's chromium package; make test installs it where it can)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def page(browser, base_url, artifacts, request):
    """A fresh page (desktop size) whose console errors and dialogs fail the test; a screenshot
    of where it ended is saved under artifacts/ named after the test."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=base_url)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield tab
    tab.screenshot(path=str(artifacts / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not problems, problems

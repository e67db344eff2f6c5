"""Issue 7 in a real browser: the story list, the seeds' story with the Trump title conflict and
the timeline, a link to an entity, search, an article whose markup must never run, a phone
screen and the keyboard. Fixtures (server, store, Chromium) are in conftest.py."""

import re

import pytest

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

SEEDS = ("000_8a2fb638bc8d5522.txt", "003_efbc69b41dbf4251.txt")


@pytest.fixture(scope="module")
def seeds_story(web_reading, seeds_folder) -> dict:
    with web_reading() as store:
        ids = {store.find_article_id(name) for name in SEEDS}
        found = [s for s in store.stories() if {a["id"] for a in store.story(s["id"])["articles_list"]} >= ids]
    assert len(found) == 1, "the two seeds form one story"
    return found[0]


def test_story_list_leads_to_the_seeds_conflict_and_timeline(page, seeds_story):
    page.goto("/")
    expect(page.get_by_role("heading", name="Stories", level=1)).to_be_visible()
    page.get_by_role("link", name=seeds_story["title"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/stories/" + re.escape(seeds_story["id"]) + "$"))

    conflict = page.locator("section#conflict")
    expect(conflict.get_by_role("heading", name=re.compile(r"Conflicting \(1\)"))).to_be_visible()
    marks = conflict.locator("mark")
    expect(marks.filter(has_text="former U.S. President Donald Trump")).to_have_count(1)
    expect(marks.filter(has_text=re.compile(r"(?<!former )U\.S\. President Donald Trump"))).not_to_have_count(0)
    expect(conflict).to_contain_text("Donald Trump")

    chart = page.locator("svg.timeline-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.period")).not_to_have_count(0)  # months and years: bars
    expect(chart.locator("circle.day")).not_to_have_count(0)  # days: dots
    expect(page.locator("ol.timeline")).to_contain_text("March 2022")
    expect(page.locator("ol.timeline")).to_contain_text("2 June 2025")


def test_entity_link_from_the_story_page(page, seeds_story):
    page.goto(f"/stories/{seeds_story['id']}")
    page.locator("section#who").get_by_role("link", name="Donald Trump", exact=True).click()
    expect(page.get_by_role("heading", name="Donald Trump", level=1)).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="cgtn.com"))
    expect(row).to_contain_text("former U.S. President")


def test_search_finds_a_seed_article_and_its_page_folds_what_was_removed(page, seeds_story):
    page.goto("/")
    page.get_by_label("Search articles").fill("Lavrov Istanbul")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=Lavrov\+Istanbul"))
    results = page.locator("ol.results > li")
    expect(results).not_to_have_count(0)
    expect(results.first.locator("mark").first).to_be_visible()
    results.first.get_by_role("heading").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/articles/"))
    expect(page.locator(".text a.mention").first).to_be_visible()
    removed = page.locator("details.removed")
    if removed.count():
        expect(removed.locator("ol")).to_be_hidden()
        removed.locator("summary").click()
        expect(removed.locator("ol")).to_be_visible()


def test_no_script_from_an_article_ever_runs(page):
    page.goto("/articles/hostile-browser")
    expect(page.get_by_role("heading", level=1)).to_contain_text('<img src=x onerror="window.__pwned')
    expect(page.locator(".text")).to_contain_text("<script>window.__pwned = 'script'</script>")
    expect(page.locator(".text")).to_contain_text("<svg onload=")
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("main script, main img, main svg[onload]").count() == 0
    page.goto("/search?q=dredging")
    expect(page.locator("ol.results")).to_contain_text("<img src=x")
    assert page.evaluate("window.__pwned === undefined")


def test_phone_screen_and_keyboard(browser, base_url, seeds_story, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url, is_mobile=True)
    phone = context.new_page()
    try:
        for path in ("/", f"/stories/{seeds_story['id']}", "/events"):
            phone.goto(path)
            width, screen = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width <= screen, f"{path} is {width}px wide on a {screen}px screen"
        phone.screenshot(path=str(artifacts / "phone-events.png"), full_page=False)
        phone.goto(f"/stories/{seeds_story['id']}")
        phone.keyboard.press("Tab")
        assert phone.evaluate("document.activeElement.textContent") == "Skip to content"
        phone.keyboard.press("Enter")
        assert phone.evaluate("document.activeElement.id") == "main"
        phone.keyboard.press("Tab")
        assert phone.evaluate("document.activeElement.closest('main') !== null"), "the next stop is in the content"
        assert phone.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", "focus is visible"
    finally:
        context.close()


@pytest.fixture(scope="module")
def served_seeds(tmp_path_factory, seeds_folder):
    """`storyline serve` itself, in a subprocess, over a store of the two seeds only (done-when 1)."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = str(tmp_path_factory.mktemp("serve") / "seeds.duckdb")
    command = [sys.executable, "-c", "from storyline.faces.cli import main; main()", "--db", db]
    ingested = subprocess.run(command + ["ingest", str(seeds_folder), "--published", "2025-05-28"],
                              capture_output=True, text=True, timeout=300)  # fmt: skip
    assert ingested.returncode == 0, ingested.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(command + ["serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"storyline serve did not start: {server.stderr.read() if server.poll() is not None else 'timeout'}")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_storyline_serve_on_the_seeds_shows_one_story_with_timeline_and_conflict(browser, served_seeds, artifacts):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=served_seeds)
    tab = context.new_page()
    try:
        tab.goto("/")
        stories = tab.locator("ol.stories > li")
        expect(stories).to_have_count(1)
        expect(stories).to_contain_text("2 independent sources")
        stories.get_by_role("link").click()
        expect(tab.locator("svg.timeline-chart")).to_be_visible()
        conflict = tab.locator("section#conflict mark")
        expect(conflict.filter(has_text="former U.S. President Donald Trump")).to_have_count(1)
        expect(conflict.filter(has_text=re.compile(r"(?<!former )U\.S\. President Donald Trump"))).not_to_have_count(0)
        tab.screenshot(path=str(artifacts / "serve-seeds-story.png"), full_page=True)
    finally:
        context.close()


def test_storyline_page_from_the_listing_to_a_story_and_back(page, web_reading):
    with web_reading() as store:
        thread = max(store.storylines(), key=lambda line: (line["stories"], line["articles"]))
        stories = store.storyline(thread["id"])["stories_list"]
    assert len(stories) > 1, "the sample corpus forms a storyline of several stories"
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Storylines", exact=True).click()
    expect(page.get_by_role("heading", name="Storylines", level=1)).to_be_visible()
    page.get_by_role("link", name=thread["title"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/storylines/" + re.escape(thread["id"]) + "$"))
    expect(page.get_by_role("heading", name=thread["title"], level=1)).to_be_visible()

    steps = page.locator("ol.storyline-stories > li")
    expect(steps).to_have_count(len(stories))
    for i, s in enumerate(stories):  # one timeline, in time order
        expect(steps.nth(i).locator("a.what")).to_have_text(s["title"])
    expect(page.locator("section#updates")).to_be_visible()
    expect(page.locator("section#comparisons li")).to_have_count(len(stories))

    later = stories[1]
    steps.nth(1).get_by_role("link", name=later["title"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/stories/" + re.escape(later["id"]) + "$"))
    expect(page.get_by_role("heading", name=later["title"], level=1)).to_be_visible()
    page.locator("span.in-storyline").get_by_role("link", name=thread["title"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/storylines/" + re.escape(thread["id"]) + "$"))

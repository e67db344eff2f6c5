"""The built-in sample corpus: its size, its truth file and the WARC built from its sources."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml
from warcio.archiveiterator import ArchiveIterator

from storyline.record import normalise_for_hash
from storyline.sample import corpus_path, load_truth
from storyline.sample.build_warc import build_warc, default_output

CORPUS = corpus_path()
FEED = CORPUS / "eastbridge-daily" / "world-business.xml"
NS = {"content": "http://purl.org/rss/1.0/modules/content/"}


@pytest.fixture(scope="module")
def truth() -> dict:
    return load_truth()


def _front_matter(path: Path) -> tuple[dict | None, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return None, text
    head, sep, body = text[4:].partition("\n---\n")
    assert sep, f"{path}: front matter is not closed"
    return yaml.safe_load(head), body


def _strip_tags(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _warc_pages(path: Path) -> dict[str, str]:
    """WARC-Target-URI -> decoded HTML, for every HTML response record."""
    pages = {}
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if not content_type.startswith("text/html"):
                continue
            charset = content_type.partition("charset=")[2] or "utf-8"
            pages[record.rec_headers.get_header("WARC-Target-URI")] = record.content_stream().read().decode(charset)
    return pages


def _feed_entries() -> dict[str, str]:
    """Entry link -> content:encoded, for every item in the sample feed."""
    root = ET.parse(FEED).getroot()
    return {item.findtext("link"): item.findtext("content:encoded", namespaces=NS) for item in root.iter("item")}


def _files(kind: str) -> list[Path]:
    return sorted(p for p in CORPUS.rglob(f"*.{kind}"))


def _article_texts(truth: dict) -> dict[str, str]:
    """Article key -> its text with markup removed, normalised as for exact-duplicate checks."""
    feed, warc = _feed_entries(), _warc_pages(default_output())
    texts = {}
    for key, meta in truth["articles"].items():
        container = meta.get("container")
        if container is None:
            raw = (CORPUS / key).read_text(encoding="utf-8")
            text = _strip_tags(raw) if key.endswith(".html") else raw
        elif container.endswith(".xml"):
            text = _strip_tags(feed[key])
        else:
            text = _strip_tags(warc[key])
        texts[key] = normalise_for_hash(text)
    return texts


def test_corpus_has_enough_documents_outlets_and_stories(truth):
    text_docs = [p for p in _files("txt")]
    html_docs = _files("html")
    feed_docs = _feed_entries()
    warc_docs = _warc_pages(default_output())
    total = len(text_docs) + len(html_docs) + len(feed_docs) + len(warc_docs)
    assert total >= 40
    assert len(feed_docs) >= 3 and len(warc_docs) >= 3 and len(html_docs) >= 3
    assert len(truth["articles"]) == total
    assert len({a["outlet"] for a in truth["articles"].values()}) >= 6
    assert len(truth["stories"]) >= 8


def test_each_story_has_three_to_eight_articles_from_different_outlets(truth):
    by_story = defaultdict(list)
    for meta in truth["articles"].values():
        by_story[meta["story"]].append(meta["outlet"])
    assert set(by_story) == set(truth["stories"])
    for story, outlets in by_story.items():
        assert 3 <= len(outlets) <= 8, story
        assert len(set(outlets)) == len(outlets), f"{story}: two articles from one outlet"


def test_truth_refers_only_to_documents_that_exist_and_covers_them_all(truth):
    feed, warc = _feed_entries(), _warc_pages(default_output())
    listed = set()
    for key, meta in truth["articles"].items():
        container = meta.get("container")
        if container is None:
            assert (CORPUS / key).is_file(), key
            listed.add(key)
        else:
            assert (CORPUS / container).is_file(), container
            assert key in (feed if container.endswith(".xml") else warc), key
        if "sidecar" in meta:
            assert (CORPUS / meta["sidecar"]).is_file()
        assert meta["outlet"] in truth["outlets"]
        assert "2025-03-01" <= meta["published"] <= "2025-04-20"
    sidecars = {m["sidecar"] for m in truth["articles"].values() if "sidecar" in m}
    on_disk = {str(p.relative_to(CORPUS)) for p in _files("txt") + _files("html")}
    assert on_disk == listed
    assert {str(p.relative_to(CORPUS)) for p in _files("json")} == sidecars
    assert len(feed) + len(warc) == len(truth["articles"]) - len(listed)


def test_stories_facts_and_copies_point_at_known_things(truth):
    stories, articles = truth["stories"], truth["articles"]
    for a, b in truth["hard_negatives"]:
        assert a in stories and b in stories and a != b
    for story in stories.values():
        assert set(story["same_topic_as"]) <= set(stories)
    for copy in truth["copies"]:
        assert copy["original"] in articles and copy["copy"] in articles
    kinds = Counter(f["kind"] for f in truth["facts"])
    assert set(kinds) == {"corroborated", "single_source", "conflict", "update", "quote"}
    for fact in truth["facts"]:
        assert fact["story"] in stories
        refs = fact["articles"] if fact["kind"] == "quote" else [r for v in fact["values"] for r in v["articles"]]
        assert refs and all(articles[r]["story"] == fact["story"] for r in refs)
        if fact["kind"] == "conflict":
            assert len(fact["values"]) >= 2
        for ref in fact.get("unknown_to", []):
            assert articles[ref]["published"] <= max(articles[r]["published"] for r in refs)


def test_every_planted_phrase_and_quote_is_in_its_article(truth):
    texts = _article_texts(truth)
    for fact in truth["facts"]:
        if fact["kind"] == "quote":
            for ref, channel_words in fact["articles"].items():
                assert normalise_for_hash(fact["text"]) in texts[ref], (ref, fact["text"])
                assert normalise_for_hash(channel_words) in texts[ref], (ref, channel_words)
        else:
            for value in fact["values"]:
                for ref, words in value["articles"].items():
                    assert normalise_for_hash(words) in texts[ref], (ref, words)


def test_exact_duplicate_has_the_same_text_and_syndicated_copy_is_close(truth):
    copies = {c["kind"]: c for c in truth["copies"]}
    dup = copies["exact_duplicate"]
    assert _front_matter(CORPUS / dup["original"])[1] == _front_matter(CORPUS / dup["copy"])[1]
    syn = copies["syndicated"]
    original = (CORPUS / syn["original"]).read_text(encoding="utf-8")
    copy = _front_matter(CORPUS / syn["copy"])[1]
    assert original != copy
    shared = set(original.split("\n\n")) & set(copy.split("\n\n"))
    assert len(shared) >= 3


def test_every_text_with_front_matter_parses(truth):
    with_fm = 0
    for path in _files("txt"):
        meta, body = _front_matter(path)
        if meta is None:
            continue
        with_fm += 1
        assert {"url", "outlet", "published", "title"} <= set(meta), path
        assert body.strip()
        key = str(path.relative_to(CORPUS))
        assert str(meta["published"])[:10] == truth["articles"][key]["published"]
        assert meta["title"] == truth["articles"][key]["title"]
    assert with_fm >= 10


def test_sidecars_are_json_with_metadata(truth):
    for key, meta in truth["articles"].items():
        if "sidecar" not in meta:
            continue
        side = json.loads((CORPUS / meta["sidecar"]).read_text(encoding="utf-8"))
        assert side["published"][:10] == meta["published"]
        assert side["title"] == meta["title"]
        assert side["url"].startswith("https://")


def test_scraped_texts_have_no_metadata_and_keep_their_boilerplate(truth):
    scraped = [k for k, m in truth["articles"].items() if m["format"] == "scraped-text"]
    assert len(scraped) >= 5
    for key in scraped:
        text = (CORPUS / key).read_text(encoding="utf-8")
        assert not text.startswith("---")
        assert not (CORPUS / key).with_suffix(".json").exists()
        for marker in ("Share this article", "Leave a Reply", "Related", "Cookie Policy", "Source: "):
            assert marker in text, (key, marker)


def test_warc_matches_what_build_warc_produces(tmp_path):
    rebuilt = build_warc(tmp_path / "rebuilt.warc.gz")

    def records(path: Path) -> list[tuple]:
        with open(path, "rb") as fh:
            return [
                (
                    r.rec_type,
                    r.rec_headers.get_header("WARC-Target-URI"),
                    r.rec_headers.get_header("WARC-Date"),
                    r.rec_headers.get_header("WARC-Record-ID"),
                    r.content_stream().read(),
                )
                for r in ArchiveIterator(fh)
            ]

    committed = records(default_output())
    assert committed == records(rebuilt)
    assert sum(1 for r in committed if r[0] == "response") >= 4

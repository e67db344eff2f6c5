"""The API's guard rails: request bodies refused with a clear 4xx before anything is stored,
no endpoint writing while ingestion is off, and a 503 (not a 500) while another process holds
the store's write lock (then the server holds it)."""

import hashlib
import json
import subprocess
import sys
import warnings

import pytest

from storyline.config import Settings
from storyline.faces.api.app import create_app
from storyline.pipeline import ingest
from storyline.sample import corpus_path
from storyline.store import open_store

with warnings.catch_warnings():  # starlette 1.x would rather have httpx2 under its TestClient
    warnings.simplefilter("ignore")
    from fastapi.routing import APIRoute
    from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"
TOKEN = "guard-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
RECORD = {"id": "guard-1", "title": "Bridge reopens", "outlet": "Valley Times", "published": "2025-06-02",
          "text": "The old river bridge reopened to traffic on Monday after eight months of repairs, the "
                  "county said.\n\nDrivers had used a ferry and a long detour while the deck was rebuilt."}  # fmt: skip


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("guards") / "sample.duckdb"
    with open_store(db) as store:
        ingest([str(corpus_path())], store, settings=Settings({"db": str(db)}))
    return db


@pytest.fixture
def ingesting(tmp_path):
    db = tmp_path / "ingest.duckdb"
    with TestClient(create_app(Settings({"db": str(db), "max_input_mb": 0.5}), ingest_token=TOKEN)) as client:
        yield client, db


def assert_problem(response, status: int, *words: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    for word in words:
        assert word in body["detail"], body
    return body


def stored(client, db) -> int:
    """Articles in the store the app holds (none while no ingest has created it)."""
    if not db.exists():
        return 0
    with client.app.state.store_owner.reading() as store:
        return store.count_articles()


def post(client, body: bytes, content_type: str | None):
    headers = {**AUTH, **({"Content-Type": content_type} if content_type else {})}
    return client.post("/api/articles", content=body, headers=headers)


# -- bodies ----------------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "application/xml"])  # fmt: skip
def test_a_body_of_another_type_is_a_415_naming_what_to_send(ingesting, content_type):
    client, db = ingesting
    body = assert_problem(post(client, json.dumps(RECORD).encode(), content_type), 415, "application/json",
                          "application/x-ndjson")  # fmt: skip
    assert (content_type or "no declared type").split(";")[0] in body["detail"]
    assert stored(client, db) == 0


def test_json_with_a_charset_and_json_lines_are_both_accepted(ingesting):
    client, db = ingesting
    assert post(client, json.dumps(RECORD).encode(), "application/json; charset=utf-8").status_code == 200
    second = {**RECORD, "id": "guard-2", "text": RECORD["text"].replace("Monday", "Tuesday")}
    third = {**RECORD, "id": "guard-3", "text": RECORD["text"].replace("eight", "nine")}
    lines = (json.dumps(second) + "\n\n" + json.dumps(third) + "\n").encode()
    report = post(client, lines, "application/x-ndjson").json()
    assert (report["new"], report["articles_in_store"]) == (2, 3)


@pytest.mark.parametrize("body, words", [
    (b'{"id": "x",\n "text": "a" "b"}', ["invalid JSON", "line 2, column"]),
    (b'{"id": "x", "text": "fine"} trailing', ["invalid JSON", "line 1, column 29"]),
    (b"", ["invalid JSON", "line 1, column 1"]),
    (b"\xff\xfe\x00garbage", ["invalid JSON"]),
    ('{"text": "café"}'.encode("latin-1"), ["not UTF-8"]),
    (b"[" * 100_000 + b"]" * 100_000, ["nested too deep", "max_json_depth"]),
    (b'{"id": "x", "text": ' + b"[" * 200 + b"]" * 200 + b"}", ["nested too deep"]),
    (b"[]", ["no records"]),
    (b'[{"id": "ok", "text": "A sentence."}, 5]', ["record 2", "JSON object"]),
])  # fmt: skip
def test_malformed_json_is_a_422_naming_where(ingesting, body, words):
    client, db = ingesting
    assert_problem(post(client, body, "application/json"), 422, *words)
    assert stored(client, db) == 0


@pytest.mark.parametrize("lines, words", [
    (b'{"id": "a", "text": "One sentence here."}\n{"id": "b", "text": \n', ["1 of 2 lines", "line 2", "invalid JSON"]),
    (b'{"id": "a", "text": "One."}\n[1, 2]\n{"id": "c"}\n', ["2 of 3 lines", "line 2", "line 3", "neither 'text' nor 'html'"]),
    (b"", ["empty"]),
    (b"\n\n  \n", ["empty"]),
    (b"\x00\x01\x02binary\x00", ["binary"]),
    (b'{"id": "a", "text": "One."}\n{"html": 5}\n', ["1 of 2 lines", "line 2", "'html' should be a string"]),
])  # fmt: skip
def test_malformed_json_lines_are_a_422_naming_each_line(ingesting, lines, words):
    client, db = ingesting
    assert_problem(post(client, lines, "application/x-ndjson"), 422, *words)
    assert stored(client, db) == 0


def test_a_lone_surrogate_in_a_record_is_stored_as_a_replacement_character(ingesting):
    client, db = ingesting
    body = json.dumps({**RECORD, "id": "sur"}).replace("Monday", "Monday \\udc00").encode()
    for content_type in ("application/json", "application/x-ndjson"):
        response = post(client, body, content_type)
        assert response.status_code == 200, response.text
    assert stored(client, db) == 1


def test_a_json_line_nested_too_deep_is_a_422_naming_it(ingesting):
    client, db = ingesting
    lines = json.dumps(RECORD).encode() + b"\n" + b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    assert_problem(post(client, lines, "application/x-ndjson"), 422, "line 2", "nested too deep")
    assert stored(client, db) == 0


def test_a_body_over_the_limit_is_a_413_whatever_its_type(ingesting):
    client, db = ingesting
    big = json.dumps({**RECORD, "text": "word " * 120_000}).encode()  # 600 kB, over 0.5 MB
    for content_type in ("application/json", "application/x-ndjson"):
        assert_problem(post(client, big, content_type), 413, "max_input_mb")
    assert stored(client, db) == 0


# -- nothing is written while ingestion is off -------------------------------------------------


def fingerprint(db) -> tuple:
    """The store file's bytes and its folder's listing (no WAL or lock file left behind)."""
    return hashlib.sha256(db.read_bytes()).hexdigest(), sorted(p.name for p in db.parent.iterdir())


def concrete_paths(client) -> dict[str, str]:
    """Each route's path, its parameters filled with things that exist in the store."""
    story = client.get("/api/stories", params={"limit": 1}).json()["items"][0]["id"]
    article = client.get("/api/articles", params={"limit": 1}).json()["items"][0]["id"]
    entity = client.get("/api/entities", params={"limit": 1}).json()["items"][0]["key"]
    return {"story_id": story, "ref": article, "ref:path": article, "key": entity}


def test_with_ingestion_off_no_endpoint_writes_whatever_the_method(sample_db):
    before = fingerprint(sample_db)
    with open_store(sample_db, read_only=True) as store:
        counts = {t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in ("articles", "stories", "search_postings")}
    with TestClient(create_app(Settings({"db": str(sample_db)}))) as client:
        values = concrete_paths(client)
        routes = [r for r in client.app.routes if isinstance(r, APIRoute)]
        assert any(r.path == "/api/articles" and "POST" in r.methods for r in routes)
        statuses = {}
        for route in routes:
            path = route.path
            for name, value in values.items():
                path = path.replace("{" + name + "}", value)
            for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
                response = client.request(method, path, params={"q": "earthquake"}, json=RECORD, headers=AUTH)
                statuses[method, route.path] = response.status_code
                assert response.status_code < 500, (method, path, response.text)
    assert statuses["POST", "/api/articles"] == 403
    assert statuses["GET", "/api/stories/{story_id}"] == 200
    assert {s for (m, _), s in statuses.items() if m in ("PUT", "PATCH", "DELETE")} == {405}
    assert fingerprint(sample_db) == before
    with open_store(sample_db, read_only=True) as store:
        assert {t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in counts} == counts


# -- a store locked by another process ---------------------------------------------------------

HOLD_THE_LOCK = """
import sys, duckdb
db = duckdb.connect(sys.argv[1])          # for writing: DuckDB takes the file's write lock
db.execute("BEGIN TRANSACTION")
print("locked", flush=True)
sys.stdin.read()                          # hold it until the test closes our stdin
"""


def test_a_store_locked_by_another_process_is_a_503_with_retry_after_then_served(sample_db):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK, str(sample_db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        with TestClient(create_app(Settings({"db": str(sample_db)}), ingest_token=TOKEN)) as client:
            for response in (client.get("/api/stories"), client.get("/api/search", params={"q": "earthquake"}),
                             client.post("/api/articles", json=RECORD, headers=AUTH)):  # fmt: skip
                body = assert_problem(response, 503, "locked by another process", str(sample_db))
                assert body["store"] == str(sample_db)
                assert int(response.headers["retry-after"]) > 0
            holder.stdin.close()
            holder.wait(timeout=30)
            assert client.get("/api/stories").status_code == 200  # tried again, and held from now on
            assert subprocess.run([sys.executable, "-c", HOLD_THE_LOCK, str(sample_db)], input="",
                                  capture_output=True, text=True).returncode != 0  # fmt: skip
    finally:
        if holder.poll() is None:
            holder.stdin.close()
            holder.wait(timeout=30)


def test_a_server_over_no_store_is_a_503_until_one_exists(tmp_path):
    db = tmp_path / "later.duckdb"
    with TestClient(create_app(Settings({"db": str(db)}))) as client:
        assert_problem(client.get("/api/stories"), 503, "no store at", str(db))
        assert not db.exists()  # a read-only server creates nothing
        with open_store(db) as store:
            ingest([str(corpus_path())], store, settings=Settings({"db": str(db)}))
        assert client.get("/api/stories").json()["items"]

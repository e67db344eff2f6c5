"""A schema-driven fuzz of the HTTP API (schemathesis): requests generated from our own OpenAPI
document, run in-process over the ASGI app on a store of the sample corpus, must never get a
server error, and every error must be a problem+json answer. Bounded: a fixed number of
examples per operation, no example database, so it runs in well under a minute."""

import json
import shutil
from collections import Counter

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402 (after the skip)
from schemathesis.checks import not_a_server_error  # noqa: E402

from storyline.config import Settings  # noqa: E402
from storyline.faces.api.app import PROBLEM, create_app  # noqa: E402
from storyline.pipeline import ingest  # noqa: E402
from storyline.sample import corpus_path  # noqa: E402
from storyline.store import Store, open_store  # noqa: E402

TOKEN = "fuzz-token"
EXAMPLES = 100  # per operation (25 before issue 24: four times the requests, about 35 s)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                phases=(Phase.explicit, Phase.generate), suppress_health_check=list(HealthCheck))  # fmt: skip


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("fuzz") / "sample.duckdb"
    with open_store(db) as store:
        ingest([str(corpus_path())], store, settings=Settings({"db": str(db)}))
    return db


@pytest.fixture(scope="module")
def read_only_schema(sample_store):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings({"db": str(sample_store)})))


@pytest.fixture(scope="module")
def ingesting_db(sample_store, tmp_path_factory):
    db = tmp_path_factory.mktemp("fuzz-ingest") / "ingest.duckdb"
    shutil.copy(sample_store, db)
    return db


@pytest.fixture(scope="module")
def ingesting_schema(ingesting_db):
    app = create_app(Settings({"db": str(ingesting_db), "max_input_mb": 0.05}), ingest_token=TOKEN)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def check(case, **kwargs) -> int:
    """No 5xx; and any error is a problem+json body with its status. The status."""
    response = case.call_and_validate(checks=[not_a_server_error], **kwargs)
    if response.status_code >= 400:
        assert response.headers["content-type"][0].startswith(PROBLEM), (case.path, response.text)
        assert response.json()["status"] == response.status_code
    return response.status_code


def fuzz(schema, *labels: str, **kwargs) -> dict[str, Counter]:
    """Run EXAMPLES generated requests against each operation (or those `labels` name, like
    "GET /api/search"); the statuses each operation answered. Schemathesis's own pytest plugin is not used: it sets
    a private pytest attribute that pytest 9 no longer has."""
    tried: dict[str, Counter] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        if labels and operation.label not in labels:
            continue

        @FUZZ
        @given(case=operation.as_strategy())
        def run(case):
            statuses[check(case, **kwargs)] += 1

        statuses = tried[operation.label] = Counter()
        run()
    return tried


def test_no_server_errors_read_only(read_only_schema):
    tried = fuzz(read_only_schema)
    assert {"GET /api/search", "GET /api/stories/{story_id}/compare", "POST /api/articles"} <= tried.keys()
    assert set(tried["POST /api/articles"]) == {403}  # ingestion is off
    assert 200 in tried["GET /api/search"] and 200 in tried["GET /api/articles"]


def test_no_server_errors_while_ingesting(ingesting_schema):
    tried = fuzz(ingesting_schema, "POST /api/articles", headers={"Authorization": f"Bearer {TOKEN}"})
    assert 200 in tried["POST /api/articles"], tried  # generated records went through the pipeline


def test_the_fuzz_finds_a_server_error_when_there_is_one(read_only_schema, monkeypatch):
    monkeypatch.setattr(Store, "search_articles", lambda *args, **kwargs: 1 / 0)
    with pytest.raises(Exception) as caught:
        fuzz(read_only_schema, "GET /api/search")
    assert "ZeroDivisionError" in repr(caught.value) or "500" in str(caught.value)


HOSTILE = {  # bodies a hostile client sends (issue 24): none may get a 5xx or a plain-text error
    "surrogate": ("application/json", b'{"id": "h1", "text": "Dockworkers struck on Monday \\udc00 in Velstad over pay."}'),
    "surrogate lines": ("application/x-ndjson", b'{"id": "h2", "text": "Dockworkers struck \\ud800 on Monday in Velstad."}\n'),
    "deep": ("application/json", b"[" * 100_000 + b"]" * 100_000),
    "deep line": ("application/x-ndjson", b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n"),
    "deep record": ("application/json", b'{"id": "h3", "text": "x", "title": ' + b"{\"a\": " * 500 + b"1" + b"}" * 500 + b"}"),
    "huge text": ("application/json", json.dumps({"id": "h4", "text": "Crane idle at berth. " * 55_000}).encode()),
    "not json": ("application/json", b"\xff\xfe\x00\x00garbage"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_bodies_get_a_problem_answer_never_a_server_error(name, tmp_path):
    from starlette.testclient import TestClient

    content_type, body = HOSTILE[name]
    app = create_app(Settings({"db": str(tmp_path / "h.duckdb"), "max_input_mb": 3.0}), ingest_token=TOKEN)
    with TestClient(app) as client:
        response = client.post("/api/articles", content=body,
                               headers={"Content-Type": content_type, "Authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert response.status_code < 500, (name, response.text[:300])
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith(PROBLEM), (name, response.text[:300])
    else:
        report = response.json()
        assert report["failed"] == (1 if name == "huge text" else 0), report  # the article over max_article_chars

"""The HTTP API: JSON over the same library calls as the CLI (`storyline serve`).

Read-only unless the app is created with an ingest token: then POST /api/articles, with
`Authorization: Bearer <token>`, runs the pipeline on the posted records. The app owns the
store while it runs (owner.py): each request reads through its own cursor, never waiting for a
write, and every write (a POST, the watcher's batches with `watch=`, an ingest the CLI hands
over through local.py) takes one write lock, never waiting for readers. Every error is
answered as `application/problem+json` (RFC 9457), from StorylineError subclasses mapped in
`STATUS` below.

Requests are checked before anything is read or stored: a body over `max_input_mb` is 413, a
body that is neither JSON nor JSON Lines is 415, malformed JSON or a bad record is 422 naming
the line or record. A store that cannot be opened (another process holds its write lock, or
there is no store yet) is 503 naming the store, with Retry-After while it is locked; it is
tried again on the next request.
"""


import datetime as dt
import functools
import io
import json
import secrets
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ...alerts import deliver_alerts
from ...compare import VERDICTS
from ...config import Settings
from ...errors import (
    AmbiguousReference,
    ConfigError,
    EvaluationError,
    NotFound,
    ReaderError,
    StageError,
    StoreError,
    StorylineError,
)  # fmt: skip
from ...events.lexicon import TYPES as EVENT_TYPES
from ...pipeline import ingest_documents
from ...readers.decoding import TooDeep, loads_bounded
from ...readers.jsonl import read_jsonl
from ...store import Store, memory_options, open_store
from ...store.search import BadSearchQuery
from ..findings import (
    story_comparison,
    storyline_comparison,
    timeline_of_entity,
    timeline_of_story,
    timeline_of_storyline,
)  # fmt: skip
from ..serialise import article_json, linked_event_json, linked_events
from ..storyline_why import storyline_why, with_thresholds
from ..watching import after_batch_alerts
from ..web.pages import mount_web
from .local import mount_local
from .owner import StoreOwner

MAX_LIMIT = 500
MAX_OFFSET = 2**53  # the largest whole number JSON clients all read exactly
DEFAULT_LIMIT = 50
PROBLEM = "application/problem+json"
JSON_TYPES = ("application/json",)
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")
RETRY_AFTER_S = 5  # what a 503 for a locked store asks clients to wait
RECORD_SCHEMA = {  # one posted article, shaped like a JSONL input line (readers/jsonl.py)
    "type": "object",
    "description": "An article: `text` (plain) or `html` is required; the rest fill its metadata.",
    "properties": {name: {"type": "string"} for name in
                   ("id", "url", "title", "text", "html", "published", "outlet", "language", "author")},
    "anyOf": [{"required": ["text"]}, {"required": ["html"]}],
}  # fmt: skip

# The one table from StorylineError to HTTP status; the most specific class listed wins.
STATUS: dict[type[StorylineError], int] = {
    NotFound: 404,
    AmbiguousReference: 422,
    ReaderError: 422,
    ConfigError: 422,
    BadSearchQuery: 422,
    EvaluationError: 422,
    StageError: 500,
    StorylineError: 500,
}

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most this many (1 to {MAX_LIMIT}).")]
EventType = Annotated[str | None, Query(pattern=f"(?i)^({'|'.join(EVENT_TYPES)})$",
                                          description="Only this PLOVER type (any case).")]
Verdicts = Annotated[list[Literal[VERDICTS]] | None, Query(description="Only facts with these verdicts (repeatable).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Skip this many first.")]
Since = Annotated[dt.date | None, Query(description="On or after this date (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="On or before this date (YYYY-MM-DD).")]


def status_of(exc: StorylineError) -> int:
    for kind in type(exc).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 500


class Problem(HTTPException):
    """An HTTP error with extra problem+json members (e.g. the store it is about)."""

    def __init__(self, status: int, detail: str, headers: dict | None = None, **extra):
        super().__init__(status, detail, headers=headers)
        self.extra = extra


def problem(status: int, title: str, detail: str, **extra) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def create_app(settings: Settings, *, ingest_token: str | None = None, watch: list[str] | None = None,
               local_token: str | None = None) -> FastAPI:  # fmt: skip
    """The API over the store `settings.db` names; POST /api/articles works only with a token.
    With `watch` (feed URLs, or [] for every watched source), a watcher thread polls them and
    ingests into the store while the app answers. With `local_token`, other processes of this
    user hand their commands to the app (local.py)."""
    owner = StoreOwner(functools.partial(_open, str(settings.db), memory=memory_options(settings)),
                       creates=watch is not None or bool(ingest_token))  # its first write may create the store
    watching = _Watching(owner, settings, watch) if watch is not None else None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if watching:
            watching.start()
        try:
            yield
        finally:
            if watching:
                watching.stop()
            owner.close()

    app = FastAPI(
        title="Storyline",
        summary="Stories, events, quotes and cross-source comparisons from news articles.",
        version=_version(),
        lifespan=lifespan,
    )
    app.state.store_owner = owner  # the one way in to the store, for plugins and tests
    app.state.watching = watching
    if local_token:
        mount_local(app, owner, settings, local_token)

    def reading() -> Iterator[Store]:
        with owner.reading() as store:
            yield store

    Reading = Annotated[Store, Depends(reading)]

    # -- errors: one place ---------------------------------------------------------------

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError) -> JSONResponse:
        return problem(status_of(exc), type(exc).__name__, str(exc))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        # the last resort: a bug answers problem+json like every other error, never plain text
        return problem(500, "Internal Server Error", f"{type(exc).__name__}: {exc}")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        response = problem(exc.status_code, _reason(exc.status_code), str(exc.detail), **getattr(exc, "extra", {}))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"where": ".".join(map(str, e["loc"])), "problem": e["msg"]} for e in exc.errors()]
        detail = "; ".join(f"{e['where']}: {e['problem']}" for e in errors)
        return problem(422, "Invalid request", detail, errors=errors)

    # -- articles ------------------------------------------------------------------------

    @app.get("/api/articles", summary="Stored articles, newest first (no text)")
    def articles(store: Reading, outlet: str | None = None, language: str | None = None,
                 since: Since = None, until: Until = None,
                 limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:  # fmt: skip
        rows = store.articles(outlet=outlet, language=language, since=_iso(since), until=_iso(until),
                              limit=limit, offset=offset)  # fmt: skip
        return {"items": rows, "limit": limit, "offset": offset,
                "next_offset": offset + limit if len(rows) == limit else None}  # fmt: skip

    # before "/api/articles/{ref:path}", which would take it: a ref (a URL, a path) may hold '/'
    @app.get("/api/articles/{ref:path}/why", summary="Why an article is in its story")
    def why(store: Reading, ref: str) -> dict:
        decision = store.story_decision(ref)
        return {**decision, "storyline_decision": with_thresholds(decision["storyline_decision"])}

    @app.get("/api/articles/{ref:path}", summary="One article, as `storyline show --json` gives it")
    def article(store: Reading, ref: str) -> dict:
        return article_json(store.get_article(ref))

    @app.post("/api/articles", summary="Ingest records (needs the ingest token)",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"oneOf": [RECORD_SCHEMA, {"type": "array", "items": RECORD_SCHEMA}]}},
                  "application/x-ndjson": {"schema": {
                      "type": "string", "description": "JSON Lines: one record (as above) a line."}}}}})  # fmt: skip
    async def post_articles(request: Request) -> dict:
        _authorise(request, ingest_token)
        lines = _is_json_lines(request.headers.get("content-type", ""))
        body = await _body(request, settings.max_input_bytes)
        documents = _documents_from_lines(body, settings) if lines else _documents(body, settings)

        def run():
            with owner.writing() as store:
                report = ingest_documents(documents, store, settings=settings, placement=owner.placement)
                alerted = deliver_alerts(store, settings).as_dict() if store.alerts() else None
                return {**report.as_dict(), "articles_in_store": store.count_articles(),
                        **({"alerts": alerted} if alerted else {})}

        return await run_in_threadpool(run)

    @app.get("/api/watch", summary="The watcher's state: each watched source and the latest polls")
    def watch_state(store: Reading) -> dict:
        return {"watching": watching is not None, "failure": watching.failure if watching else None,
                "sources": store.sources(), "polls": list(reversed(watching.polls)) if watching else []}  # fmt: skip

    # -- search --------------------------------------------------------------------------

    @app.get("/api/search", summary="Full-text search over article titles and texts, best match first")
    def search(store: Reading,
               q: Annotated[str, Query(max_length=1000, description="Words to look for; any may match, articles "
                                       "with more of them rank higher. Case, accents and operators do not matter.")],
               outlet: str | None = None, since: Since = None,
               until: Annotated[dt.date | None, Query(description="On or before this date (YYYY-MM-DD).")] = None,
               limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:  # fmt: skip
        rows = store.search_articles(q, outlet=outlet, since=since, until=until, limit=limit, offset=offset)
        return {"query": q, "items": rows, "limit": limit, "offset": offset,
                "next_offset": offset + limit if len(rows) == limit else None}  # fmt: skip

    # -- stories -------------------------------------------------------------------------

    @app.get("/api/stories", summary="Stories, most recently seen first")
    def stories(store: Reading, q: Annotated[str | None, Query(max_length=1000, description="Words in the title.")] = None,
                outlet: str | None = None, since: Since = None, until: Until = None,
                limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:  # fmt: skip
        rows = store.stories(text=q, outlet=outlet, since=_iso(since), until=_iso(until), limit=limit, offset=offset)
        return {"items": rows, "limit": limit, "offset": offset}

    @app.get("/api/stories/{story_id}", summary="One story with its articles")
    def story(store: Reading, story_id: str) -> dict:
        return store.story(story_id)

    @app.get("/api/stories/{story_id}/compare", summary="What the story's outlets agree on, report alone, contradict or update")
    def compare(store: Reading, story_id: str, verdict: Verdicts = None,
                limit: Annotated[int | None, Query(ge=0, description="At most this many facts of each verdict.")] = None,
                ) -> dict:  # fmt: skip
        comparison = story_comparison(store, story_id)
        counts = comparison.as_dict()["counts"]  # the story's, whatever is shown
        return {"story": story_id, **comparison.select(verdict or VERDICTS, limit).as_dict(), "counts": counts}

    @app.get("/api/stories/{story_id}/timeline", summary="The story's dated events in order")
    def story_timeline(store: Reading, story_id: str) -> dict:
        entries, _ = timeline_of_story(store, story_id)
        return {"story": story_id, "items": [{"story": s, **e.as_dict()} for s, e in entries]}

    @app.get("/api/stories/{story_id}/why", summary="Why the story is in its storyline, as `storyline why-story --json`")
    def story_why(store: Reading, story_id: str) -> dict:
        return storyline_why(store, story_id)

    # -- storylines ----------------------------------------------------------------------

    @app.get("/api/storylines", summary="Storylines (threads of stories over weeks), most recently seen first")
    def storylines(store: Reading,
                   q: Annotated[str | None, Query(max_length=1000, description="Words in one of its stories' titles.")] = None,
                   since: Since = None, until: Until = None,
                   limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:  # fmt: skip
        rows = store.storylines(text=q, since=_iso(since), until=_iso(until), limit=limit, offset=offset)
        return {"items": rows, "limit": limit, "offset": offset}

    @app.get("/api/storylines/{storyline_id}", summary="One storyline with its stories in time order")
    def storyline(store: Reading, storyline_id: str) -> dict:
        return store.storyline(storyline_id)

    @app.get("/api/storylines/{storyline_id}/compare",
             summary="Each story's verdicts, and the facts updated from one story to a later one")  # fmt: skip
    def storyline_compare(store: Reading, storyline_id: str) -> dict:
        return {"storyline": storyline_id, **storyline_comparison(store, storyline_id).as_dict()}

    @app.get("/api/storylines/{storyline_id}/timeline", summary="The dated events of all its stories, in order")
    def storyline_timeline(store: Reading, storyline_id: str) -> dict:
        entries, _ = timeline_of_storyline(store, storyline_id)
        return {"storyline": storyline_id, "items": [{"story": s, **e.as_dict()} for s, e in entries]}

    # -- events, entities, quotes --------------------------------------------------------

    @app.get("/api/events", summary="PLOVER events, reports of one event in one story linked")
    def events(store: Reading, story: str | None = None, actor: str | None = None,
               type: EventType = None, outlet: str | None = None, since: Since = None, until: Until = None,
               limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:  # fmt: skip
        rows = store.events(story=story, actor=actor, type=type, outlet=outlet, since=_iso(since), until=_iso(until))
        linked = linked_events(rows)
        return {"items": [linked_event_json(le) for le in linked[offset : offset + limit]],
                "total": len(linked), "reports": len(rows), "limit": limit, "offset": offset}  # fmt: skip

    @app.get("/api/entities", summary="People, organisations and places, most often named first")
    def entities(store: Reading, label: str | None = None, name: str | None = None,
                 limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:  # fmt: skip
        rows = store.entities(label=label.upper() if label else None, name=name, limit=limit, offset=offset)
        return {"items": rows, "limit": limit, "offset": offset}

    @app.get("/api/entities/{key}/timeline", summary="An entity's dated events across stories")
    def entity_timeline(store: Reading, key: str) -> dict:
        entity, entries, _ = timeline_of_entity(store, key)
        return {"entity": entity, "items": [{"story": s, **e.as_dict()} for s, e in entries]}

    @app.get("/api/quotes", summary="Quotes with speaker, cue, channel and article")
    def quotes(store: Reading, speaker: str | None = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:
        return {"items": store.quotes(speaker=speaker, limit=limit, offset=offset), "limit": limit, "offset": offset}

    mount_web(app, reading)  # the HTML pages (faces/web/) over the same read-only store
    return app


# -- ingestion helpers ---------------------------------------------------------------------


def _open(path: str, *, memory: dict, create: bool = False) -> Store:
    """The store, opened for writing, or 503 naming it when it cannot be opened now: another
    process holds its write lock (a CLI ingest: try again shortly), or there is no store (yet)
    at that path and this server does not create it (it is read-only)."""
    try:
        return open_store(path, must_exist=not create, **memory)
    except StoreError as exc:
        cause = str(exc.__cause__ or exc)
        if "lock" in cause.lower():
            raise Problem(503, f"the store '{path}' is locked by another process (an ingest?); try again shortly",
                          headers={"Retry-After": str(RETRY_AFTER_S)}, store=path) from exc  # fmt: skip
        raise Problem(503, str(exc), store=path) from exc


class _Watching:
    """The watcher of `storyline serve --watch`, in a thread of the server: its batches take
    the owner's write lock like a POST, and it keeps the owner's stories in memory."""

    def __init__(self, owner: StoreOwner, settings: Settings, urls: list[str]):
        self.owner, self.settings, self.urls = owner, settings, urls or None
        self.stop_event = threading.Event()
        self.thread: threading.Thread | None = None
        self.polls: list[dict] = []  # the latest polls' reports, newest last (at most 100)
        self.failure: str | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="storyline-watch", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        if self.thread:
            self.thread.join(float(self.settings.fetch_total_seconds) + 30)

    def _run(self) -> None:
        from ...watch import Watcher

        try:
            with Watcher(self.owner, self.settings, self.urls, placement=self.owner.placement,
                         after_batch=after_batch_alerts(self.settings)) as watcher:  # fmt: skip
                watcher.run(self.stop_event, on_poll=self._told)
        except Exception as exc:  # noqa: BLE001 (the server goes on answering; /api/watch says why)
            self.failure = f"{type(exc).__name__}: {exc}"

    def _told(self, report) -> None:
        self.polls = [*self.polls[-99:], report.as_dict()]


def _authorise(request: Request, token: str | None) -> None:
    if not token:
        raise HTTPException(403, "ingestion is off: start the server with --ingest-token to accept articles")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    # the token exactly: " token " is not it (a header built by a careless client, or a probe)
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is needed to ingest",
                            headers={"WWW-Authenticate": "Bearer"})  # fmt: skip


def _is_json_lines(content_type: str) -> bool:
    """True for JSON Lines, False for JSON; 415 for any other (or no) content type."""
    media = content_type.partition(";")[0].strip().lower()
    if media in JSON_TYPES or (media.startswith("application/") and media.endswith("+json")):
        return False
    if media in JSONL_TYPES:
        return True
    accepted = ", ".join(JSON_TYPES + JSONL_TYPES)
    raise HTTPException(415, f"the request body is {media or 'of no declared type'}; post {accepted} "
                             "(set the Content-Type header)")  # fmt: skip


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) past `limit` bytes, whether or not it declares a length."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the request body has {int(declared)} bytes; the limit is {limit} (setting max_input_mb)")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"the request body is over the limit of {limit} bytes (setting max_input_mb)")
    return bytes(body)


def _documents(body: bytes, settings: Settings) -> list:
    """The posted records as the JSONL reader reads them (so the same checks apply), record
    N on line N. Any bad record refuses the whole request (422), naming each bad record."""
    try:
        posted = loads_bounded(body, int(settings.max_json_depth) + 1)  # +1: a list of records
    except json.JSONDecodeError as exc:
        raise ReaderError("the request body", f"invalid JSON: {exc.msg}", f"line {exc.lineno}, column {exc.colno}") from None
    except UnicodeDecodeError as exc:
        raise ReaderError("the request body", f"not UTF-8 text (byte {exc.start}): post JSON as UTF-8") from None
    except TooDeep as exc:
        raise ReaderError("the request body", f"invalid JSON: {exc}") from None
    records = posted if isinstance(posted, list) else [posted]
    if not records:
        raise ReaderError("the request body", "no records: post an object or a list of objects")
    # ASCII escapes: a lone surrogate (\udc00) survives the round trip (clean makes it U+FFFD)
    lines = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    items = list(read_jsonl("api", settings, stream=io.BytesIO(lines)))
    bad = [item for item in items if isinstance(item, ReaderError)]
    if bad:
        problems = "; ".join(f"record {_record(e)}: {e.problem}" for e in bad)
        raise ReaderError("the request body", f"{len(bad)} of {len(records)} records refused, nothing stored: {problems}")
    return items


def _documents_from_lines(body: bytes, settings: Settings) -> list:
    """A JSON Lines body, read by the JSONL reader; any bad line refuses the whole request
    (422), naming each bad line."""
    items = list(read_jsonl("api", settings, stream=io.BytesIO(body)))
    bad = [item for item in items if isinstance(item, ReaderError)]
    if bad:
        problems = "; ".join(f"{e.locator or 'body'}: {e.problem}" for e in bad)
        raise ReaderError("the request body", f"{len(bad)} of {len(items)} lines refused, nothing stored: {problems}")
    if not items:
        raise ReaderError("the request body", "no records: post one JSON object a line")
    return items


def _record(error: ReaderError) -> str:
    """Record N of the request is line N of the JSONL stream `_documents` builds."""
    return (error.locator or "").removeprefix("line ") or "?"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("storyline")
    except PackageNotFoundError:
        return "0"

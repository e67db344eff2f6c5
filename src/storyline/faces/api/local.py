"""How other processes of this user reach a store that a running server owns.

While `storyline serve` runs it holds the store file (owner.py), so DuckDB lets no other
process open it. Instead the server writes an owner file beside the store, `<db>.owner.json`
(mode 0600: only this user can read it), naming its process, a loopback URL and a random
token, and answers two endpoints there for whoever shows the token:

    POST /api/local/store   one Store method call: {"method", "args", "kwargs"} in JSON (dates
                            tagged), answered with the pickled result; a method that writes
                            takes the owner's write lock, the others read on a cursor
    POST /api/local/ingest  an ingest handed over: {"paths", "hints", "stdin" (base64),
                            "settings"}, answered as JSON lines: progress, then the report

The CLI's `opened()` (faces/cli/handoff.py) finds the owner file when the store is locked and
works through these instead of failing. The file is removed when the server stops; one left by
a process that died is ignored (its pid is gone) and replaced by the next server.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import pickle
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from ...config import Settings
from ...errors import StorylineError
from ...pipeline import ingest
from ...record import Hints
from ...store import Store
from ..watching import after_batch_alerts
from .owner import StoreOwner

OWNER_SUFFIX = ".owner.json"
MAX_OWNER_FILE = 4096
# a handed-over body: a method call's arguments, or an ingest's paths and stdin (base64, within max_input_mb)
MAX_BODY_BYTES = 64 * 1024 * 1024
# Store methods that write: run one at a time under the write lock, with the stories in memory forgotten
WRITES = ("add_", "remove_", "save_", "record_", "delete_", "mark_", "set_", "replace_", "rebuild_")
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def owner_path(db: str | os.PathLike) -> Path:
    return Path(str(db) + OWNER_SUFFIX)


@contextmanager
def owner_file(settings: Settings, url: str) -> Iterator[str]:
    """Write the owner file for the store `settings.db` (this process, `url`, a new token)
    while the block runs; the token."""
    token = secrets.token_urlsafe(32)
    path = owner_path(settings.db)
    body = json.dumps({"pid": os.getpid(), "url": url, "token": token, "db": str(settings.db)}).encode()
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(body)
    os.replace(temporary, path)  # whole or not at all: a reader never sees half a file
    try:
        yield token
    finally:
        if find_owner(settings.db, alive_only=False) == json.loads(body):  # still ours
            path.unlink(missing_ok=True)


def find_owner(db: str | os.PathLike, *, alive_only: bool = True) -> dict | None:
    """The owner file's content for the store `db`, or None: no file, not readable, or (with
    `alive_only`) its process gone."""
    try:
        with open(owner_path(db), "rb") as handle:
            found = json.loads(handle.read(MAX_OWNER_FILE))
    except (OSError, ValueError):
        return None
    if not isinstance(found, dict) or not {"pid", "url", "token"} <= found.keys():
        return None
    if alive_only:
        try:
            os.kill(int(found["pid"]), 0)
        except ProcessLookupError:
            return None
        except (PermissionError, ValueError, TypeError):
            pass  # alive, as another user (who could not have written a 0600 file we read)
    return found


@contextmanager
def serving_locally(owner: StoreOwner, settings: Settings) -> Iterator[str]:
    """For a process that owns the store without serving it (`storyline watch`): the two
    endpoints alone, on a loopback port of their own in a thread, and the owner file naming
    them, while the block runs; their URL."""
    import socket

    import uvicorn

    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    sock = socket.create_server(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with owner_file(settings, url) as token:
        mount_local(app, owner, settings, token)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="storyline-local", daemon=True)
        thread.start()  # not the main thread: uvicorn leaves the signals to the watcher
        try:
            yield url
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            sock.close()


# -- values over the wire: JSON with dates tagged ------------------------------------------


def encode(value: object) -> object:
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, (set, frozenset)):
        return {"$set": [encode(v) for v in value]}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot hand {type(value).__name__} to the store's owner")


def decode(value: object) -> object:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1:
            (key, inner), = value.items()
            if key == "$datetime":
                return dt.datetime.fromisoformat(inner)
            if key == "$date":
                return dt.date.fromisoformat(inner)
            if key == "$set":
                return {decode(v) for v in inner}
        return {k: decode(v) for k, v in value.items()}
    return value


def is_write(method: str) -> bool:
    return method.startswith(WRITES)


# -- the endpoints --------------------------------------------------------------------------


def mount_local(app: FastAPI, owner: StoreOwner, settings: Settings, token: str) -> None:
    """The two endpoints of the module docstring, for loopback clients showing `token`."""

    def check(request: Request) -> Response | None:
        shown = request.headers.get("authorization", "")
        host = request.client.host if request.client else ""
        if host not in LOOPBACK or not secrets.compare_digest(shown.encode(), f"Bearer {token}".encode()):
            return Response(status_code=403)
        return None

    async def body_of(request: Request) -> dict:
        data = bytearray()
        async for part in request.stream():
            data += part
            if len(data) > MAX_BODY_BYTES:
                raise StorylineError(f"a handed-over call over {MAX_BODY_BYTES // 2**20} MB")
        return json.loads(bytes(data))

    @app.post("/api/local/store", include_in_schema=False)
    async def call(request: Request) -> Response:
        if (refused := check(request)) is not None:
            return refused
        asked = await body_of(request)
        method = str(asked.get("method", ""))
        if method.startswith("_") or not callable(getattr(Store, method, None)) or method in ("close", "cursor"):
            return _pickled({"error": "StoreError", "message": f"the store has no method {method!r} to hand over"})
        args, kwargs = decode(asked.get("args", [])), decode(asked.get("kwargs", {}))

        def run() -> object:
            if is_write(method):
                with owner.writing() as store:
                    owner.placement.forget()  # written outside the pipeline: rebuilt on the next ingest
                    return getattr(store, method)(*args, **kwargs)
            with owner.reading() as store:
                return getattr(store, method)(*args, **kwargs)

        try:
            return _pickled({"result": await run_in_threadpool(run)})
        except StorylineError as exc:
            return _pickled({"error": type(exc).__name__, "message": str(exc)})

    @app.post("/api/local/ingest", include_in_schema=False)
    async def handed_ingest(request: Request) -> Response:
        if (refused := check(request)) is not None:
            return refused
        asked = await body_of(request)
        values = {k: v for k, v in dict(asked.get("settings", {})).items() if k != "db"}
        run_settings = Settings({**values, "db": str(settings.db)}, environ={})
        hints = Hints(**{k: decode(v) for k, v in dict(asked.get("hints", {})).items()})
        stdin = base64.b64decode(asked["stdin"]) if asked.get("stdin") is not None else None
        return StreamingResponse(_ingesting(owner, list(asked.get("paths", [])), run_settings, hints, stdin),
                                 media_type="application/x-ndjson")  # fmt: skip


def _pickled(value: dict) -> Response:
    return Response(pickle.dumps(value), media_type="application/octet-stream")


def _ingesting(owner: StoreOwner, paths: list[str], settings: Settings, hints: Hints,
               stdin: bytes | None) -> Iterator[bytes]:  # fmt: skip
    """Run the ingest in a thread and stream its progress, then its report, as JSON lines."""
    import io
    import queue

    lines: queue.Queue = queue.Queue()

    def progress(advance: int = 1, total: int | None = None) -> None:
        lines.put({"advance": advance, "total": total})

    def work() -> None:
        try:
            with owner.writing() as store:
                report = ingest(paths, store, settings=settings, hints=hints, progress=progress,
                                placement=owner.placement, stdin=io.BytesIO(stdin) if stdin is not None else None)  # fmt: skip
                after_batch_alerts(settings)(store)  # as the CLI's own ingest would
                done = {**report.as_dict(), "articles_in_store": store.count_articles()}
            lines.put({"report": done})
        except Exception as exc:  # noqa: BLE001 (told to the waiting CLI, which exits 1)
            lines.put({"failure": f"{type(exc).__name__}: {exc}"})

    threading.Thread(target=work, name="storyline-handed-ingest", daemon=True).start()
    while True:
        line = lines.get()
        yield (json.dumps(line, default=str) + "\n").encode()
        if "report" in line or "failure" in line:
            return

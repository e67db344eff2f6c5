"""The CLI's side of a store owned by a running server (faces/api/local.py): a command that
finds the store locked and an owner file beside it works through the server instead of failing.

`RemoteStore` stands for the Store: each method call goes to the server, which runs it on its
own store and sends the result back. `hand_over_ingest` sends a whole ingest (the paths, which
the server reads itself, and what this process read from stdin) and relays its progress.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import sys
from collections.abc import Callable

import httpx

from ...config import Settings
from ...errors import StoreError, StorylineError
from ...pipeline import IngestReport
from ...record import Hints
from ..api.local import encode

CALL_TIMEOUT_S = 600.0  # a listing over a big store; the server bounds its own work


class RemoteStore:
    """The Store of the server `owner` (an owner file's content), method by method."""

    def __init__(self, path: str, owner: dict):
        self.path, self.owner = path, owner
        self._client = httpx.Client(base_url=owner["url"], timeout=CALL_TIMEOUT_S,
                                    headers={"Authorization": f"Bearer {owner['token']}"})  # fmt: skip

    def __getattr__(self, name: str) -> Callable:
        if name.startswith("_"):
            raise StoreError(f"the store '{self.path}' is held by a running server (pid {self.owner['pid']}): "
                             "this command needs the file itself; stop the server and run it again")  # fmt: skip

        def call(*args, **kwargs):
            return self._call(name, args, kwargs)

        return call

    def _call(self, method: str, args: tuple, kwargs: dict) -> object:
        body = json.dumps({"method": method, "args": encode(args), "kwargs": encode(kwargs)})
        try:
            response = self._client.post("/api/local/store", content=body)
        except httpx.HTTPError as exc:
            raise StoreError(f"the server holding '{self.path}' (pid {self.owner['pid']}) did not answer: {exc}") from None
        if response.status_code != 200:
            raise StoreError(f"the server holding '{self.path}' refused the call (HTTP {response.status_code})")
        answer = pickle.loads(response.content)  # from our own server, which showed our token's file
        if "error" in answer:
            raise _error(answer["error"], answer["message"])
        return answer["result"]

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _error(name: str, message: str) -> StorylineError:
    """The server's error as the library's own class of that name (a NotFound stays one), its
    message as the server wrote it."""
    from ... import errors

    kind = getattr(errors, name, None)
    if not (isinstance(kind, type) and issubclass(kind, StorylineError)):
        kind = StoreError
    error = kind.__new__(kind)
    Exception.__init__(error, message)  # the message is whole already: no constructor rebuilds it
    return error


def hand_over_ingest(store: RemoteStore, paths: list[str], settings: Settings, hints: Hints,
                     progress: Callable[..., None]) -> IngestReport:  # fmt: skip
    """Have the server ingest `paths` (made absolute: it reads them itself; '-': what this
    process reads from its stdin, sent along); its report, as `pipeline.ingest` gives it."""
    import base64
    import os

    from ...readers.feed import is_url

    stdin = sys.stdin.buffer.read(int(settings.max_input_bytes) + 1) if "-" in paths else None
    body = {
        "paths": [p if p == "-" or is_url(p) else os.path.abspath(p) for p in paths],
        "hints": encode({k: v for k, v in dataclasses.asdict(hints).items() if v is not None}),
        "stdin": base64.b64encode(stdin).decode() if stdin is not None else None,
        "settings": encode({name: value for name, value in settings.items()}),
    }
    try:
        with store._client.stream("POST", "/api/local/ingest", content=json.dumps(body), timeout=None) as response:
            if response.status_code != 200:
                raise StoreError(f"the server holding '{store.path}' refused the ingest (HTTP {response.status_code})")
            for line in response.iter_lines():
                told = json.loads(line)
                if "report" in told:
                    return _report(told["report"])
                if "failure" in told:
                    raise StoreError(f"the server holding '{store.path}' failed the ingest: {told['failure']}")
                progress(told.get("advance", 1), told.get("total"))
    except httpx.HTTPError as exc:
        raise StoreError(f"the server holding '{store.path}' (pid {store.owner['pid']}) stopped answering: {exc}") from None
    raise StoreError(f"the server holding '{store.path}' ended the ingest without a report")


def _report(told: dict) -> IngestReport:
    """The server's report (IngestReport.as_dict) as the IngestReport the CLI prints."""
    report = IngestReport(**{k: int(told.get(k, 0)) for k in ("read", "new", "updated", "unchanged", "repeated")})
    report.errors = [StorylineError(text) for text in told.get("errors", [])]
    report.notices = [StorylineError(text) for text in told.get("notices", [])]
    return report

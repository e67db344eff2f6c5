"""Sending one delivery to its target: a JSON Lines file (appended, flushed and synced) or a
webhook (POST with an `Idempotency-Key`, retried with exponential backoff).

Both are safe to repeat: a run killed after sending but before the store marked the delivery
done sends it again next run under the same delivery id. The file target looks for that id in
its last lines first and does not append it twice; a webhook receives the same key."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass

import httpx

TAIL_BYTES = 256 * 1024  # the last lines of a JSONL target searched for an already written delivery
MAX_ANSWER_BYTES = 64 * 1024  # of a webhook's answer read (and then dropped)


@dataclass(frozen=True)
class DeliveryError(Exception):
    """One delivery failed; the message names the target."""

    message: str

    def __str__(self) -> str:
        return self.message


def is_webhook(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def send(target: str, message: dict, *, retries: int, backoff: float, timeout: float,
         client: httpx.Client | None = None) -> None:  # fmt: skip
    """Deliver `message` (it holds `delivery_id`) to `target`, or raise DeliveryError."""
    if is_webhook(target):
        _post(target, message, retries=retries, backoff=backoff, timeout=timeout, client=client)
    else:
        append_line(target, message)


def append_line(path: str, message: dict) -> None:
    """Append the message as one JSON line, unless the file's tail holds its delivery id already."""
    delivery = message["delivery_id"]
    try:
        with open(path, "ab+") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - TAIL_BYTES))
            tail = f.read(TAIL_BYTES)
            for line in tail.splitlines():
                if delivery.encode() in line and _delivery_of(line) == delivery:
                    return  # written by a run killed before the store marked it
            if tail and not tail.endswith(b"\n"):
                f.write(b"\n")  # a line cut short by a kill ends here; ours starts clean
            f.write(json.dumps(message, ensure_ascii=False, default=str).encode() + b"\n")
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        raise DeliveryError(f"cannot append to '{path}': {exc.strerror or exc}") from exc


def _delivery_of(line: bytes) -> str | None:
    try:
        return json.loads(line).get("delivery_id")
    except (ValueError, AttributeError):
        return None


def _post(url: str, message: dict, *, retries: int, backoff: float, timeout: float,
          client: httpx.Client | None) -> None:  # fmt: skip
    body = json.dumps(message, ensure_ascii=False, default=str).encode()
    headers = {"Content-Type": "application/json", "Idempotency-Key": message["delivery_id"]}
    own = client is None
    client = client or httpx.Client(follow_redirects=False)
    error = ""
    try:
        for attempt in range(retries + 1):
            if attempt:
                time.sleep(backoff * 2 ** (attempt - 1))
            try:
                status = _post_once(client, url, body, headers, timeout)
            except httpx.HTTPError as exc:
                error = f"cannot POST to '{url}': {type(exc).__name__}: {exc}"
                continue
            if 200 <= status < 300:
                return
            error = f"POST to '{url}' answered HTTP {status}"
            if status < 500 and status not in (408, 429):
                break  # the receiver refuses it: asking again now would change nothing
    finally:
        if own:
            client.close()
    raise DeliveryError(error + (f" (after {retries + 1} tries)" if retries else ""))


def _post_once(client: httpx.Client, url: str, body: bytes, headers: dict, timeout: float) -> int:
    """One POST; its answer read to MAX_ANSWER_BYTES, within `timeout` seconds for each read and
    about twice that in all (a receiver trickling bytes is cut off)."""
    deadline = time.monotonic() + 2 * timeout
    with client.stream("POST", url, content=body, headers=headers, timeout=timeout) as response:
        read = 0
        for chunk in response.iter_raw():
            read += len(chunk)
            if read > MAX_ANSWER_BYTES or time.monotonic() > deadline:
                break
        return response.status_code

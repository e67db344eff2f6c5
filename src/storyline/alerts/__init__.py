"""Saved alerts: watches over the store that deliver each new matching story, event or
storyline once, to a JSON Lines file or a webhook.

`add_alert` saves one and records what matches already (never delivered: an alert is about
what comes next). `deliver_alerts`, called after each stored batch (ingest, the API, the
watcher), examines the articles stored or changed since each alert's cursor, records the items
they make match that the alert has not seen as pending deliveries (with the cursor, in one
transaction), then sends every pending delivery and marks each done in its own transaction. A
failed one stays pending, with its error and attempts, and is tried again next call.

Merges: a story (or storyline) that absorbed one the alert knows (delivered, pending or
matched when the alert was added) is the same story to the reader, so its new id is recorded
as `merged` and not delivered. A story delivered stays delivered: new articles joining it are
not delivered again."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field

from .delivery import DeliveryError, is_webhook, send
from .matching import CRITERIA, KINDS, Criteria, matching_items

__all__ = ["CRITERIA", "KINDS", "AlertReport", "Criteria", "DeliveryError", "add_alert", "deliver_alerts", "find_new",
           "item_url"]  # fmt: skip

CHUNK = 500  # articles read and matched at a time


@dataclass
class AlertReport:
    """What one `deliver_alerts` call did."""

    found: int = 0
    delivered: int = 0
    pending: int = 0
    failures: list[dict] = field(default_factory=list)  # {alert, target, error}, one per failing alert

    @property
    def errors(self) -> list[str]:
        """One line for each failing alert, naming it and its target."""
        return [f"alert '{f['alert']}' to '{f['target']}': {f['error']}" for f in self.failures]

    def as_dict(self) -> dict:
        return {"found": self.found, "delivered": self.delivered, "pending": self.pending, "failures": self.failures}

    def summary(self) -> str:
        return f"alerts: {self.delivered} delivered, {self.pending} pending"


def _delivery_id(name: str, created_at, kind: str, item: str) -> str:
    """Stable for one alert and item: the same on every retry (a webhook's Idempotency-Key)."""
    return hashlib.sha1(f"{name}\n{created_at}\n{kind}\n{item}".encode()).hexdigest()[:24]


def item_url(base: str, kind: str, item: str) -> str | None:
    """The item's page in the web UI, when its address (`web_base_url`) is known."""
    if not base:
        return None
    path = {"story": "stories/", "storyline": "storylines/", "event": "articles/"}[kind]
    return base.rstrip("/") + "/" + path + (item.split(":")[0] if kind == "event" else item)


def _matching(store, criteria: Criteria, kind: str, ids: list[str]) -> dict[str, dict]:
    """The items these articles make match, the articles read CHUNK at a time (memory stays
    bounded when an alert added to a large store reads all of them)."""
    items: dict[str, dict] = {}
    for start in range(0, len(ids), CHUNK):
        for item, found in matching_items(criteria, kind, store.alert_rows(ids[start:start + CHUNK])).items():
            if item in items:
                items[item]["articles"].extend(found["articles"])
            else:
                items[item] = found
    return items


def add_alert(store, name: str, criteria: Criteria, on: str, target: str) -> int:
    """Save the alert; the number of items that match it today (recorded, never delivered)."""
    if not name or not name.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"alert name '{name}' must be letters, digits, '-' or '_'")
    if on not in KINDS:
        raise ValueError(f"--on '{on}' is not one of {', '.join(KINDS)}")
    if not criteria.given():
        raise ValueError(f"alert '{name}' has no criteria: give --query, --entity, --event-type, --country or --outlet")
    if not is_webhook(target):
        if "://" in target:
            raise ValueError(f"target '{target}' is neither a file path nor an http(s) URL")
        target = os.path.abspath(target)
    kind = KINDS[on]
    created = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    ids, cursor = store.articles_changed_since(None)
    items = _matching(store, criteria, kind, ids)
    store.add_alert({"name": name, **{c: getattr(criteria, c) for c in CRITERIA}, "on_kind": on, "target": target,
                     "created_at": created}, [(_delivery_id(name, created, kind, i), kind, i) for i in items],
                    cursor)  # fmt: skip
    return len(items)


def deliver_alerts(store, settings) -> AlertReport:
    """Find what is new for every alert, then send every pending delivery (see the module's
    docstring). Cheap when nothing changed: one read of the changed articles per alert."""
    report = AlertReport(found=find_new(store, settings))
    failing: dict[str, dict] = {}
    for delivery in store.pending_deliveries():
        if delivery["alert"] in failing:  # its target is failing now: the rest wait for the next run
            report.pending += 1
            continue
        try:
            send(delivery["target"], delivery["payload"], retries=int(settings.alert_retries),
                 backoff=float(settings.alert_backoff_seconds), timeout=float(settings.alert_timeout))  # fmt: skip
        except DeliveryError as exc:
            store.mark_failed(delivery["id"], str(exc))
            failing[delivery["alert"]] = {"alert": delivery["alert"], "target": delivery["target"], "error": str(exc)}
            report.pending += 1
            continue
        store.mark_delivered(delivery["id"])
        report.delivered += 1
    report.failures = list(failing.values())
    return report


def find_new(store, settings) -> int:
    """Record every alert's new matching items as pending deliveries, nothing sent; how many."""
    return sum(_examine(store, alert, settings) for alert in store.alerts())


def _examine(store, alert: dict, settings) -> int:
    """Record the alert's new items as pending deliveries and move its cursor; how many."""
    ids, cursor = store.articles_changed_since(alert["examined_until"] or alert["created_at"])
    if not ids:
        return 0
    kind = KINDS[alert["on_kind"]]
    items = _matching(store, Criteria.of(alert), kind, ids)
    known = store.alert_known(alert["name"], kind, items)
    new = [i for i in items if i not in known]
    if not new and cursor == alert["examined_until"]:
        return 0  # only the last second's articles, read again: nothing to write
    merged_into: dict[str, list[str]] = {}
    if new and kind != "event":
        merged = store.merged_from(kind, new)
        absorbed = store.alert_known(alert["name"], kind, {m for ms in merged.values() for m in ms})
        merged_into = {i: [m for m in merged.get(i, []) if m in absorbed] for i in new}
    titles = store.titles(kind, new) if new and kind != "event" else {}
    rows = []
    for item in new:
        delivery = _delivery_id(alert["name"], alert["created_at"], kind, item)
        if merged_into.get(item):
            rows.append((delivery, kind, item, {"merged": merged_into[item]}, "merged"))
            continue
        found = items[item]
        title = found["title"] if kind == "event" else titles.get(item)
        rows.append((delivery, kind, item, {
            "alert": alert["name"], "kind": kind, "id": item, "title": title,
            "url": item_url(str(settings.web_base_url), kind, item),
            "facts": {**found["facts"], "articles": found["articles"][:20]},
            "criteria": Criteria.of(alert).given(), "delivery_id": delivery,
        }, "pending"))  # fmt: skip
    store.record_found(alert["name"], rows, cursor)
    return sum(1 for r in rows if r[4] == "pending")

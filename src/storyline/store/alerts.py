"""The saved alerts' tables: each alert's criteria and target, and every delivery it owes or
has made (what `storyline alert` and the alert feeds read and write). Part of `Store`.

An item found for an alert is written as a pending delivery in the same transaction that moves
the alert's cursor past it, and marked delivered in a transaction of its own once its target
took it: a process killed in between finds the delivery pending again, never lost, and sends it
again under the same delivery id (the targets de-duplicate by it)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from ..errors import NotFound

ALERT_COLUMNS = ("name", "query", "entity", "event_type", "country", "outlet", "on_kind", "target", "created_at",
                 "examined_until")  # fmt: skip
DELIVERY_COLUMNS = ("id", "alert", "kind", "item_id", "seq", "payload", "status", "attempts", "last_error",
                    "created_at", "delivered_at")  # fmt: skip


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class AlertNotFound(NotFound):
    def __init__(self, name: str):
        super().__init__(f"no alert named '{name}'")


class AlertTables:
    """The `Store` methods over the alerts tables (they use the store's `_db` connection)."""

    def add_alert(self, alert: dict, baseline: Iterable[tuple[str, str, str]], examined_until) -> None:
        """Save an alert (`alert` holds ALERT_COLUMNS but the cursor) with the items that match
        already (`baseline`: (delivery id, kind, item id)), recorded as never to be delivered,
        and its cursor at `examined_until`: one transaction."""
        with self._transaction(f"add the alert '{alert['name']}' to '{self.path}'"):
            if self._db.execute("SELECT 1 FROM alerts WHERE name = ?", [alert["name"]]).fetchone():
                raise ValueError(f"an alert named '{alert['name']}' exists already: remove it first")
            row = {**alert, "examined_until": examined_until}
            self._db.execute(f"INSERT INTO alerts ({', '.join(ALERT_COLUMNS)}) VALUES "
                             f"({', '.join('?' for _ in ALERT_COLUMNS)})", [row[c] for c in ALERT_COLUMNS])  # fmt: skip
            self._insert_deliveries(alert["name"], [(d, k, i, None, "baseline") for d, k, i in baseline])

    def remove_alert(self, name: str) -> None:
        """Forget an alert and its deliveries (pending ones are dropped unsent)."""
        with self._transaction(f"remove the alert '{name}' from '{self.path}'"):
            if not self._db.execute("SELECT 1 FROM alerts WHERE name = ?", [name]).fetchone():
                raise AlertNotFound(name)
            self._db.execute("DELETE FROM alert_deliveries WHERE alert = ?", [name])
            self._db.execute("DELETE FROM alerts WHERE name = ?", [name])

    def alerts(self) -> list[dict]:
        """Every alert with its counts: delivered, pending, and the latest error of a pending one."""
        return self.query(
            f"""
            SELECT {', '.join('a.' + c for c in ALERT_COLUMNS)},
                   count(d.id) FILTER (WHERE d.status = 'delivered') AS delivered,
                   count(d.id) FILTER (WHERE d.status = 'pending') AS pending,
                   arg_max(d.last_error, d.seq) FILTER (WHERE d.status = 'pending' AND d.last_error IS NOT NULL)
                       AS last_error
            FROM alerts a LEFT JOIN alert_deliveries d ON d.alert = a.name
            GROUP BY ALL ORDER BY a.name
            """
        )

    def alert(self, name: str) -> dict:
        found = [a for a in self.alerts() if a["name"] == name]
        if not found:
            raise AlertNotFound(name)
        return found[0]

    def alert_known(self, name: str, kind: str, item_ids: Iterable[str]) -> set[str]:
        """Which of these items the alert has recorded already, whatever their status."""
        ids = list(item_ids)
        if not ids:
            return set()
        rows = self._db.execute(
            "SELECT item_id FROM alert_deliveries WHERE alert = ? AND kind = ? AND item_id IN (SELECT unnest(?))",
            [name, kind, ids],
        ).fetchall()
        return {r[0] for r in rows}

    def record_found(self, name: str, found: list[tuple[str, str, str, dict | None, str]], examined_until) -> None:
        """The alert's new items as deliveries ((delivery id, kind, item id, payload, status):
        pending, or merged for a known item's new id) and its cursor moved: one transaction."""
        with self._transaction(f"record what the alert '{name}' found in '{self.path}'"):
            self._insert_deliveries(name, found)
            self._db.execute("UPDATE alerts SET examined_until = ? WHERE name = ?", [examined_until, name])

    def _insert_deliveries(self, name: str, rows: list[tuple]) -> None:
        if not rows:
            return
        seq = self._db.execute("SELECT coalesce(max(seq) + 1, 0) FROM alert_deliveries").fetchone()[0]
        now = _now()
        for i, (delivery, kind, item, payload, status) in enumerate(rows):
            self._db.execute(
                "INSERT INTO alert_deliveries (id, alert, kind, item_id, seq, payload, status, attempts, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING",
                [delivery, name, kind, item, seq + i, json.dumps(payload, default=str) if payload else None,
                 status, now],
            )  # fmt: skip

    def pending_deliveries(self) -> list[dict]:
        """Every pending delivery, oldest first, with its alert's target."""
        rows = self.query(
            """
            SELECT d.id, d.alert, d.kind, d.item_id, d.payload, d.attempts, a.target FROM alert_deliveries d
            JOIN alerts a ON a.name = d.alert WHERE d.status = 'pending' ORDER BY d.seq
            """
        )
        for row in rows:
            row["payload"] = json.loads(row["payload"])
        return rows

    def mark_delivered(self, delivery_id: str) -> None:
        with self._transaction(f"mark the delivery {delivery_id} done in '{self.path}'"):
            self._db.execute(
                "UPDATE alert_deliveries SET status = 'delivered', attempts = attempts + 1, last_error = NULL, "
                "delivered_at = ? WHERE id = ?",
                [_now(), delivery_id],
            )

    def mark_failed(self, delivery_id: str, error: str) -> None:
        with self._transaction(f"record the failed delivery {delivery_id} in '{self.path}'"):
            self._db.execute(
                "UPDATE alert_deliveries SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                [error, delivery_id],
            )

    def alert_deliveries(self, name: str, limit: int = 50) -> list[dict]:
        """The alert's latest deliveries (delivered or pending), newest first."""
        self.alert(name)
        rows = self.query(
            "SELECT id, kind, item_id, payload, status, created_at, delivered_at FROM alert_deliveries "
            "WHERE alert = ? AND status IN ('delivered', 'pending') ORDER BY seq DESC LIMIT ?",
            [name, int(limit)],
        )
        for row in rows:
            row["payload"] = json.loads(row["payload"])
        return rows

    def articles_changed_since(self, since) -> tuple[list[str], object]:
        """The ids of the articles stored or changed at or after `since` (None: all), oldest
        change first, and the latest change time seen (the next cursor). Same-second changes
        are read again next time (the times are to the second): the deliveries table keeps
        each item once."""
        where = "WHERE updated_at >= ?" if since is not None else ""
        rows = self._db.execute(f"SELECT id, updated_at FROM articles {where} ORDER BY updated_at, id",
                                [since] if since is not None else []).fetchall()  # fmt: skip
        return [r[0] for r in rows], (rows[-1][1] if rows else since)

    def alert_rows(self, ids: list[str]) -> list[dict]:
        """These articles with what an alert matches on: title, text, outlet, story, storyline,
        entities (key, name, country, aliases) and events (type, sources, targets, place)."""
        articles = self.query(
            """
            SELECT a.id, a.name, a.title, a.text, a.outlet, a.url, s.story_id, st.storyline_id
            FROM articles a LEFT JOIN story_assignments s ON s.article_id = a.id
            LEFT JOIN stories st ON st.id = s.story_id WHERE a.id IN (SELECT unnest(?)) ORDER BY a.id
            """,
            [ids],
        )
        entities: dict[str, list] = {}
        for r in self._db.execute(
            "SELECT article_id, entity_key, name, country, aliases FROM article_entities "
            "WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, position", [ids]
        ).fetchall():  # fmt: skip
            entities.setdefault(r[0], []).append({"key": r[1], "name": r[2], "country": r[3], "aliases": r[4]})
        events: dict[str, list] = {}
        for r in self._db.execute(
            "SELECT article_id, position, type, sources, targets, place, place_name, place_country FROM events "
            "WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, position", [ids]
        ).fetchall():  # fmt: skip
            events.setdefault(r[0], []).append({"position": r[1], "type": r[2], "sources": json.loads(r[3]),
                                                "targets": json.loads(r[4]), "place": r[5], "place_name": r[6],
                                                "place_country": r[7]})  # fmt: skip
        for a in articles:
            a["entities"], a["events"] = entities.get(a["id"], []), events.get(a["id"], [])
        return articles

    def merged_from(self, kind: str, ids: Iterable[str]) -> dict[str, list[str]]:
        """Story or storyline id -> the ids merged into it."""
        table = {"story": "stories", "storyline": "storylines"}[kind]
        rows = self._db.execute(f"SELECT id, merged_from FROM {table} WHERE id IN (SELECT unnest(?))",
                                [list(ids)]).fetchall()  # fmt: skip
        return {r[0]: list(r[1] or []) for r in rows}

    def titles(self, kind: str, ids: Iterable[str]) -> dict[str, str]:
        """The title of each story (its own) or storyline (its largest story's)."""
        ids = list(ids)
        if kind == "story":
            sql = "SELECT id, title FROM stories WHERE id IN (SELECT unnest(?))"
        else:
            sql = ("SELECT storyline_id, arg_max(title, articles) FROM stories "
                   "WHERE storyline_id IN (SELECT unnest(?)) GROUP BY storyline_id")  # fmt: skip
        return dict(self._db.execute(sql, [ids]).fetchall())

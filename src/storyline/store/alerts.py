"""The saved alerts' tables: each alert's criteria and target, and every delivery it owes or
has made (what `storyline alert` and the alert feeds read and write). Part of `Store`."""

from __future__ import annotations


class AlertTables:
    """The `Store` methods over the alerts tables (they use the store's `_db` connection)."""

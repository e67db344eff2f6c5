"""What every face that runs a watcher (`storyline watch`, `storyline serve --watch`) or takes
an ingest handed over does after each batch it stores: deliver the saved alerts that batch may
have matched."""

from __future__ import annotations

from collections.abc import Callable

from ..alerts import deliver_alerts
from ..config import Settings
from ..store import Store


def after_batch_alerts(settings: Settings, on_error: Callable[[object], None] | None = None) -> Callable[[Store], None]:
    """A callback for `Watcher(after_batch=...)`: delivers what is due (alerts/) when the store
    has alerts; a delivery that fails stays pending for the next batch and is told to
    `on_error`, never raised."""

    def deliver(store: Store) -> None:
        if not store.alerts():
            return
        for error in deliver_alerts(store, settings).errors:
            if on_error:
                on_error(error)

    return deliver

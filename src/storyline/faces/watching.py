"""What every face that runs a watcher (`storyline watch`, `storyline serve --watch`) does
after each batch it stores: deliver the saved alerts that batch may have matched."""

from __future__ import annotations

from collections.abc import Callable

from ..config import Settings
from ..store import Store


def after_batch_alerts(settings: Settings, on_error: Callable[[object], None] | None = None) -> Callable[[Store], None]:
    """A callback for `Watcher(after_batch=...)`: delivers what is due (alerts/); a delivery
    that fails stays pending for the next batch and is told to `on_error`, never raised."""
    try:
        from ..alerts import deliver_alerts
    except ImportError:  # TEMPORARY until alerts land
        return lambda store: None

    def deliver(store: Store) -> None:
        report = deliver_alerts(store, settings)
        for error in getattr(report, "errors", []):
            if on_error:
                on_error(error)

    return deliver

"""The HTTP API (`storyline serve`): `create_app` builds it.

    app.py     the endpoints, problem+json errors and request checks
    owner.py   the one process that owns the store: readers on cursors, one writer
    local.py   how other processes of this user reach a store a server owns
"""

from .app import create_app

__all__ = ["create_app"]

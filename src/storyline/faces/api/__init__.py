"""The HTTP API (`storyline serve`): `create_app` builds it.

    app.py     the endpoints, problem+json errors and request checks
    keeper.py  how requests share the store file with ingests and other processes
"""

from .app import create_app

__all__ = ["create_app"]

"""Shared fixtures. Helpers that tests import live in tests/helpers.py."""

from __future__ import annotations

import pytest

from storyline.store import Store


@pytest.fixture
def fresh_store():
    store = Store(":memory:")
    yield store
    store.close()

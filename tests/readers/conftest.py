"""Fixtures for the reader tests: settings, and a guard that keeps them off the internet.
The loopback HTTP server is in tests/conftest.py."""

from __future__ import annotations

import socket

import pytest

from storyline.config import Settings


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Any lookup of a host other than the loopback fails as it does on a machine with no
    network (a saved feed's linked pages are fetched: those fetches must fail fast, offline)."""
    real = socket.getaddrinfo

    def loopback_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise socket.gaierror(socket.EAI_NONAME, f"a reader test may not reach {host!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)


@pytest.fixture
def settings() -> Settings:
    return Settings({"feed_min_interval": 0.0, "feed_timeout": 2.0}, environ={})


@pytest.fixture
def tiny_settings() -> Settings:
    """A size limit of about 1 KB."""
    return Settings({"max_input_mb": 0.001}, environ={})

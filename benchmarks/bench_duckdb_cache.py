"""What DuckDB's buffer manager keeps of a table it only appends to (BENCHMARKS.md, soak).

    .venv/bin/python benchmarks/bench_duckdb_cache.py [--evict]

Appends 500 rows (about 0.5 MB) at a time to one table of a fresh file under a 256 MB
memory_limit, with no read at all, and every 25,000 rows prints the file's size, the process's
resident memory and `duckdb_memory()` by tag. The blocks each automatic checkpoint (every
16 MB of WAL) writes stay loaded as BASE_TABLE, so the cache grows with what was written,
up to memory_limit. With `--evict`, memory_limit is lowered to 32 MB and set back every
25,000 rows: DuckDB evicts the unpinned blocks, and resident memory falls with them.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import duckdb


def rss_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evict", action="store_true", help="lower memory_limit to 32 MB and back every 50 batches")
    parser.add_argument("--batches", type=int, default=400, help="appends of 500 rows (default 400)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-duckdb-cache-") as work:
        path = os.path.join(work, "cache.duckdb")
        db = duckdb.connect(path, config={"memory_limit": "256MB"})
        db.execute("CREATE TABLE t (id VARCHAR, body VARCHAR, n INTEGER)")
        print(f"{'rows':>8} {'file MB':>8} {'rss MB':>7}  duckdb_memory() MB by tag")
        for batch in range(args.batches):
            db.execute("INSERT INTO t SELECT 'id' || (i + $1), repeat(md5((i + $1)::VARCHAR), 30), i "
                       "FROM range(500) r(i)", [batch * 500])  # fmt: skip
            if batch % 50 == 49:
                if args.evict:
                    db.execute("SET memory_limit = '32MB'")
                    db.execute("SET memory_limit = '256MB'")
                tags = db.execute("SELECT tag, memory_usage_bytes FROM duckdb_memory() "
                                  "WHERE memory_usage_bytes >= 131072 ORDER BY 2 DESC").fetchall()  # fmt: skip
                shown = ", ".join(f"{tag} {size / 2**20:.1f}" for tag, size in tags)
                print(f"{(batch + 1) * 500:>8} {os.path.getsize(path) / 2**20:>8.0f} {rss_mb():>7}  {shown}")
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What every benchmark records beside its figures: the commit measured and the process's peak
memory. Imported by the bench_*.py scripts (run from the repository root, so this folder is on
sys.path)."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def git_commit() -> str | None:
    """The short hash of HEAD, or None outside a git checkout."""
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=HERE, check=True).stdout.strip() or None  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None


def peak_mb() -> float:
    """This process's peak resident memory so far (ru_maxrss: kilobytes on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024

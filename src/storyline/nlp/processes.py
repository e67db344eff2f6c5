"""How many processes language analysis runs in: the `nlp_processes` setting, where 0 (the
default) means as many as this machine allows.

"As many as the machine allows" is one per core this process may run on (its CPU affinity,
where the platform says), but no more than the memory available holds: each analysis worker
is forked after the spaCy model loads, so it shares the model with its parent and costs only
what it writes to itself (copy-on-write pages of the model's Python objects, its batch of
parsed Docs, the stages' findings). That private memory, measured with `en_core_web_sm` over
long synthetic articles, is `WORKER_MB`. One core, or room for fewer than two workers, gives
one process: the analysis then runs in the ingesting process itself, with no worker at all.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ConfigError

# The private memory (Private_Clean + Private_Dirty in /proc/PID/smaps_rollup) an analysis worker
# reached over 240 synthetic articles of 300 to 1,200 words, batches of 8: 268 and 272 MB for
# the two workers; rounded up for longer runs.
WORKER_MB = 300


def analysis_processes(setting: object) -> int:
    """The processes the `nlp_processes` setting asks for: the number itself when positive,
    the machine's own figure (`machine_processes`) for 0."""
    try:
        wanted = int(setting)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ConfigError(f"setting 'nlp_processes' must be a whole number, got {setting!r}") from None
    if wanted < 0:
        raise ConfigError(f"setting 'nlp_processes' must be 0 (as many as the machine allows) or more, got {wanted}")
    return wanted or machine_processes()


def machine_processes() -> int:
    """As many analysis processes as this machine's cores, capped by the memory available."""
    return fitting_processes(usable_cores(), available_mb())


def fitting_processes(cores: int, available: float | None, worker_mb: float = WORKER_MB) -> int:
    """`cores` processes, but no more workers than `available` MB holds at `worker_mb` each
    (unknown memory: no cap); 1 on one core or when two workers do not fit."""
    if cores <= 1:
        return 1
    if available is None:
        return cores
    fit = int(available // worker_mb)
    return min(cores, fit) if fit >= 2 else 1


def usable_cores() -> int:
    """The cores this process may run on (its affinity mask, where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except OSError:
            pass
    return max(1, os.cpu_count() or 1)


def available_mb(meminfo: str = "/proc/meminfo", cgroups: str = "/sys/fs/cgroup") -> float | None:
    """The memory available to new processes, in MB: MemAvailable from `meminfo`, lowered to
    what this process's cgroup (v2: `memory.max` less `memory.current`) still allows; None
    where neither can be read (not Linux)."""
    found = None
    try:
        for line in Path(meminfo).read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("MemAvailable:"):
                found = int(line.split()[1]) / 1024
                break
    except (OSError, ValueError, IndexError):
        pass
    room = _cgroup_room_mb(cgroups)
    if room is not None:
        found = room if found is None else min(found, room)
    return found


def _cgroup_room_mb(cgroups: str, own: str = "/proc/self/cgroup") -> float | None:
    """What this process's cgroup v2 memory limit leaves, in MB; None without a limit."""
    try:
        lines = Path(own).read_text(encoding="utf-8", errors="replace").splitlines()
        path = next((line[3:] for line in lines if line.startswith("0::")), None)
        if path is None:
            return None
        folder = Path(cgroups) / path.lstrip("/")
        limit = (folder / "memory.max").read_text(encoding="ascii").strip()
        if not limit.isdigit():  # "max": no limit
            return None
        used = int((folder / "memory.current").read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None
    return max(0, int(limit) - used) / 2**20

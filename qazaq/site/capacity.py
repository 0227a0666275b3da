"""How many lesson kernels this machine can hold: the site's kernel cap follows its memory.

Two limits, both read from the machine (or from the systemd/container memory limit when one
is set, which is what the kernel's out-of-memory killer enforces):
- a fixed cap per process, from the total memory at start (`kernel_cap`);
- a floor of free memory checked before every new kernel (`has_room`), which also covers
  several processes sharing one machine: whichever process asks, the machine must have room.
"""
from __future__ import annotations

from pathlib import Path

KERNEL_MB = 120       # one visitor's lesson kernel, with room to spare (measured ~60-110 MB RSS)
RESERVE_MB = 512      # left for the servers themselves, the preheat pools and the system
MEMINFO = Path("/proc/meminfo")
CGROUP = Path("/sys/fs/cgroup")
MB = 1024 * 1024


def _meminfo() -> dict[str, int]:
    """/proc/meminfo in bytes (empty where there is none)."""
    try:
        lines = MEMINFO.read_text().splitlines()
    except OSError:
        return {}
    values = {}
    for line in lines:
        name, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            values[name] = int(parts[0]) * 1024
    return values


def _cgroup_limit() -> tuple[int, int] | None:
    """(limit, in use) of this process's cgroup v2 memory, or None when unlimited/unknown."""
    try:
        own = Path("/proc/self/cgroup").read_text().strip().split("::", 1)[-1]
        folder = CGROUP / own.lstrip("/")
        limit = (folder / "memory.max").read_text().strip()
        if limit == "max":
            return None
        return int(limit), int((folder / "memory.current").read_text())
    except (OSError, ValueError):
        return None


def memory_total() -> int | None:
    """Bytes this process's kernels may use in all: the machine's, or its cgroup limit if lower."""
    total = _meminfo().get("MemTotal")
    limited = _cgroup_limit()
    if limited:
        total = min(total or limited[0], limited[0])
    return total


def memory_available() -> int | None:
    """Bytes still free for new kernels now (MemAvailable, or what the cgroup limit leaves)."""
    free = _meminfo().get("MemAvailable")
    limited = _cgroup_limit()
    if limited:
        left = max(0, limited[0] - limited[1])
        free = left if free is None else min(free, left)
    return free


def kernel_cap(processes: int = 1) -> int:
    """Visitor kernels one of `processes` server processes may hold on this machine (at least 1)."""
    total = memory_total()
    if total is None:
        return 64
    return max(1, (total // MB - RESERVE_MB) // KERNEL_MB // max(1, processes))


def has_room() -> bool:
    """Is there memory for one more kernel, with the reserve kept? (True when unknown.)"""
    free = memory_available()
    return free is None or free >= (KERNEL_MB + RESERVE_MB) * MB

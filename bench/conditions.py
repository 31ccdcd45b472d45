"""What a benchmark's figures depend on, printed beside them: the machine, the database and
its durability settings, and the load averages (other work shares the CPU)."""

import os
import platform
from pathlib import Path

SYNCHRONOUS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def machine() -> str:
    """CPU model, cores and memory of this machine."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().split()[1]
        memory = f", {int(memory) / 1024 / 1024:.0f} GB"
    except OSError:
        memory = ""
    return f"{model}, {os.cpu_count()} cores{memory}; Python {platform.python_version()}"


def database() -> str:
    """The database, its version and durability settings (after ANALYZE, as autovacuum or a
    nightly job would leave the statistics)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            line = f"SQLite {cursor.fetchone()[0]}"
            cursor.execute("PRAGMA journal_mode")
            line += f", journal_mode {cursor.fetchone()[0]}"
            cursor.execute("PRAGMA synchronous")
            level = cursor.fetchone()[0]
            line += f", synchronous {SYNCHRONOUS.get(level, level)}"
            return line
        cursor.execute("SHOW server_version")
        line = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        for name in ("fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "jit"):
            cursor.execute(f"SHOW {name}")
            line += f", {name} {cursor.fetchone()[0]}"
        return line

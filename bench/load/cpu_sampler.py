"""CPU time spent by the load test's processes over the measured window (run.sh starts it).

    cpu_sampler.py RESULT_FILE WAIT SECONDS GUNICORN_PID DATABASE LOCUST_PID

Waits WAIT seconds (the people arriving: their sign-ins are not measured), then reads every
second from /proc the CPU time (user + system) of gunicorn's workers, of the PostgreSQL
backends connected to DATABASE (process title `postgres: <user> <database> ...`) and of
locust, for SECONDS seconds. A process that ends inside the window keeps the last time read,
so a reconnecting worker's old backend is counted too. Parallel workers live for one query and
escape the sampling: the whole server's time is also given (the postmaster's own and its ended
children's, plus its live children's; other databases' work included). Writes one JSON line
to RESULT_FILE: CPU seconds per group (run.sh divides them by the requests).
"""

import json
import os
import sys
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _ticks(pid: str) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def _groups(gunicorn: str, database: str, locust: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {"gunicorn": [], "postgres": [], "locust": []}
    title = f" {database} "
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            status = Path(f"/proc/{pid}/stat").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        parent = status.rsplit(")", 1)[1].split()[1]
        if parent == gunicorn:
            groups["gunicorn"].append(pid)
        elif cmdline.startswith("postgres: ") and title in cmdline:
            groups["postgres"].append(pid)
        elif pid == locust or parent == locust:
            groups["locust"].append(pid)
    return groups


def _cluster(backends: list[str]) -> int:
    """The CPU ticks of the whole PostgreSQL server the backends belong to: the postmaster's own
    and its ended children's (parallel workers live for one query), and its live children's."""
    if not backends:
        return 0
    try:
        postmaster = Path(f"/proc/{backends[0]}/stat").read_text().rsplit(")", 1)[1].split()[1]
        fields = Path(f"/proc/{postmaster}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()
    except OSError:
        return 0
    return sum(int(v) for v in fields[11:15]) + sum(_ticks(pid) or 0 for pid in children)


def _sample(groups: dict[str, list[str]], last: dict[str, dict[str, int]]) -> None:
    for group, pids in groups.items():
        for pid in pids:
            ticks = _ticks(pid)
            if ticks is not None:
                last[group][pid] = ticks


def main() -> None:
    result, wait, seconds, gunicorn, database, locust = sys.argv[1:7]
    time.sleep(float(wait))
    first: dict[str, dict[str, int]] = {"gunicorn": {}, "postgres": {}, "locust": {}}
    groups = _groups(gunicorn, database, locust)
    _sample(groups, first)
    cluster = _cluster(groups["postgres"])
    last = {group: dict(pids) for group, pids in first.items()}
    load_before = os.getloadavg()
    ends = time.monotonic() + float(seconds)
    while time.monotonic() < ends:
        time.sleep(1)
        groups = _groups(gunicorn, database, locust)
        _sample(groups, last)
    spent = {
        group: sum(ticks - first[group].get(pid, 0) for pid, ticks in last[group].items()) / TICK
        for group in last
    }
    # The whole server: with parallel workers, and whatever else it serves (other databases).
    spent["postgres_server"] = (_cluster(groups["postgres"]) - cluster) / TICK
    spent["load_before"], spent["load_after"] = load_before, os.getloadavg()
    Path(result).write_text(json.dumps(spent))


if __name__ == "__main__":
    main()

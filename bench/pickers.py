"""The choice lists of the forms at national size: each page's <option>s, bytes and queries.

    DATABASE_URL=postgres://sangtao@127.0.0.1:55432/<copy of n18> .venv/bin/python \
        bench/pickers.py [--user load_officer_0] [--timeout 300]

Reads only (GETs through Django's test Client, as `--user`, by default an officer of the
central committee: the widest choices). For every form page below, prints the status, the
number of `<option>` elements, the page's kilobytes, its statements and this process's CPU
seconds; then the pickers' answers for a few typed words. A page over `--timeout` CPU seconds
is stopped and reported so (the lists it would render are counted instead).
"""

import argparse
import os
import re
import resource
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")

PAGES = [
    ("practices:practice_create", []),
    ("practices:application_create", []),
    ("practices:replication_create", ["practice"]),
    ("activities:plan_create", []),
    ("activities:event_create", []),
    ("activities:inspection_create", []),
    ("budget:line_create", []),
    ("budget:contribution_create", []),
    ("feedback:create", []),
    ("consultations:consultation_create", []),
    ("movements:create", []),
    ("challenges:create", []),
    ("appraisal:create", []),
    ("honours:round_create", []),
    ("honours:register", []),
    ("reports:period_create", []),
]
PICKS = [
    ("initiatives-applicable", "initiative", "nang cao"),
    ("initiatives-applicable", "initiative", "1234"),
    ("units-kept", "unit", "tan chau"),
]


class TooLong(Exception):
    pass


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", default="load_officer_0")
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from sangtao.accounts.middleware import two_factor_mark_verified
    from sangtao.accounts.models import User
    from sangtao.practices.models import Practice

    setup_test_environment()
    client = Client()
    user = User.objects.get(username=args.user)
    client.force_login(user)
    session = client.session  # signed in fully: the second factor too
    two_factor_mark_verified(session, user)
    session.save()
    practice = Practice.objects.order_by("pk").first()
    print(f"load {os.getloadavg()[0]:.1f}; user {args.user}; {connection.vendor}")

    def alarm(*_):
        raise TooLong

    signal.signal(signal.SIGALRM, alarm)
    for name, needs in PAGES:
        if needs and practice is None:
            continue
        url = reverse(name, args=[practice.pk] if needs else [])
        start, wall = cpu(), time.monotonic()
        signal.alarm(args.timeout)
        try:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
        except TooLong:
            print(f"{name:36} stopped after {args.timeout} s")
            continue
        finally:
            signal.alarm(0)
        body = response.content
        options = len(re.findall(rb"<option", body))
        print(
            f"{name:36} {response.status_code} {options:8} options {len(body) / 1024:9.1f} kB "
            f"{len(queries):4} statements {cpu() - start:7.2f} s CPU "
            f"{time.monotonic() - wall:7.2f} s wall"
        )
    for source, field, typed in PICKS:
        url = reverse("pick", args=[source])
        start = cpu()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"field": field, f"{field}__q": typed})
        rows = len(re.findall(rb'type="(?:radio|checkbox)"', response.content))
        print(
            f"pick {source} {typed!r:14} {response.status_code} {rows:3} rows "
            f"{len(queries):3} statements {cpu() - start:6.2f} s CPU"
        )
    print(f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

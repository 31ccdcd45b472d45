#!/usr/bin/env bash
# The load test: PostgreSQL filled by generate_data, load-test accounts, gunicorn on loopback
# with the production settings (as deploy/sangtao.service runs it), then locust headless at
# each number of users for a fixed time. Prints throughput, 95th percentile and error rate.
#
#   bench/load/run.sh                      # 1,000,000 initiatives, 50 and 200 users
#   LOAD_INITIATIVES=100000 LOAD_TIME=120 LOAD_USERS="50 200" bench/load/run.sh
#
# The dataset is a national one by default: 20,000 units over 10 years (LOAD_UNITS, LOAD_YEARS
# change it). Without DATABASE_URL the throwaway server keeps PostgreSQL's durable defaults
# (WITH_POSTGRES_DURABLE=1: fsync, synchronous commits and full pages on), as production runs;
# the settings, the dataset's counts and the load averages are printed beside the figures.
#
# People arrive LOAD_RATE a second (2; each signs in once, as a morning's staff would); the
# figures count from the moment the last one has arrived (locust --reset-stats) for LOAD_TIME
# seconds (120).
#   DATABASE_URL=postgres://... LOAD_REUSE=1 bench/load/run.sh   # a database filled before
#
# Without DATABASE_URL it runs inside a throwaway server (scripts/with-postgres).
# Results: var/load/u<users>_stats.csv and the summary on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
if [ -z "${DATABASE_URL:-}" ]; then
  WITH_POSTGRES_DURABLE=1 exec scripts/with-postgres \
    sh -c 'DATABASE_URL=$TEST_POSTGRES_URL exec "$0"' "$0"
fi

INITIATIVES=${LOAD_INITIATIVES:-1000000}
UNITS=${LOAD_UNITS:-20000}
YEARS=${LOAD_YEARS:-10}
USERS=${LOAD_USERS:-50 200}
DURATION=${LOAD_TIME:-120}
DURATION=${DURATION%s}
RATE=${LOAD_RATE:-2}
WORKERS=${LOAD_WORKERS:-3}
PY=$ROOT/.venv/bin/python
OUT=$ROOT/var/load
mkdir -p "$OUT"
export DATABASE_URL

if [ -z "${LOAD_REUSE:-}" ]; then
  echo "== generate_data: $INITIATIVES initiatives, $UNITS units, $YEARS years"
  $PY manage.py migrate -v0
  /usr/bin/time -f "generate_data: %e s" $PY manage.py generate_data \
    --initiatives "$INITIATIVES" --units "$UNITS" --years "$YEARS"
  /usr/bin/time -f "search_rebuild: %e s" $PY manage.py search_rebuild
fi
# What the figures stand on: the server's durability settings, the dataset, the machine.
$PY - <<'PY'
import os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
django.setup()
from django.db import connection
from sangtao.initiatives.models import Initiative
from sangtao.movements.models import Round
from sangtao.orgs.models import OrgUnit
with connection.cursor() as cursor:
    shown = []
    for name in ("server_version", "fsync", "synchronous_commit", "full_page_writes",
                 "commit_delay", "commit_siblings", "shared_buffers", "jit"):
        cursor.execute(f"SHOW {name}")
        shown.append(f"{name}={cursor.fetchone()[0]}")
print("== PostgreSQL:", ", ".join(shown))
print(f"== dataset: {Initiative.objects.count():,} initiatives, {OrgUnit.objects.count():,} units,"
      f" {Round.objects.values('year').distinct().count()} years")
print(f"== machine: {os.cpu_count()} cores; load average before:",
      " ".join(f"{v:.2f}" for v in os.getloadavg()))
PY
MAX_USERS=$(echo $USERS | tr ' ' '\n' | sort -n | tail -1)
echo "== accounts"
$PY bench/load/accounts.py --users "$MAX_USERS"

# The production settings, as /etc/sangtao/sangtao.env would give them.
export DJANGO_SETTINGS_MODULE=sangtao.settings_production
export SANGTAO_SECRET_KEY=load-test-$(date +%s)-not-secret-enough-for-production-use-0123456789
export SANGTAO_ALLOWED_HOSTS=127.0.0.1
export SANGTAO_SITE_URL=https://sangtao.example.vn
export SANGTAO_TRUSTED_PROXY=127.0.0.1
export SANGTAO_VAR_DIR=$OUT/var
export XDG_RUNTIME_DIR=$OUT/var
export SANGTAO_LOG_LEVEL=WARNING
# The 2-core server of docs/deploy-postgresql.md: no parallel plans for the site's queries (set
# per connection, whatever the server's own setting).
export SANGTAO_DB_PARALLEL_WORKERS=${SANGTAO_DB_PARALLEL_WORKERS:-0}
# Enough sign-ins from one address for 200 simulated people.
export SANGTAO_LOGIN_FAILURE_LIMIT=1000
mkdir -p "$SANGTAO_VAR_DIR"
$PY manage.py collectstatic --noinput -v0
$PY manage.py createcachetable

DATABASE_NAME=$($PY -c 'import os, urllib.parse as u; print(u.urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/"))')
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# gunicorn imports this checkout's code (src), not whichever one the virtualenv was installed from.
"$ROOT/.venv/bin/gunicorn" sangtao.wsgi:application --pythonpath "$ROOT/src" --bind "127.0.0.1:$PORT" \
  --workers "$WORKERS" --timeout 120 --forwarded-allow-ips 127.0.0.1 \
  >"$OUT/gunicorn.log" 2>&1 &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null; wait $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.3
done
echo "== gunicorn: $WORKERS workers on 127.0.0.1:$PORT, $(nproc) cores"

for users in $USERS; do
  ramp=$(( (users + RATE - 1) / RATE ))
  echo "== locust: $users users arriving over ${ramp} s, then measured for ${DURATION} s"
  "$ROOT/.venv/bin/locust" -f bench/load/locustfile.py --host "http://127.0.0.1:$PORT" \
    --headless -u "$users" -r "$RATE" -t "$(( ramp + DURATION ))s" --reset-stats \
    --csv "$OUT/u$users" --only-summary --loglevel WARNING >"$OUT/u$users.log" 2>&1 &
  LOCUST=$!
  # The CPU time of gunicorn's workers, of PostgreSQL's backends and of locust, measured
  # over the same window as the figures.
  $PY bench/load/cpu_sampler.py "$OUT/u${users}_cpu.json" "$ramp" "$DURATION" "$GUNICORN" \
    "$DATABASE_NAME" "$LOCUST" &
  SAMPLER=$!
  wait $LOCUST || true
  wait $SAMPLER || true
done

$PY - "$OUT" $USERS <<'PY'
import csv, json, os, sys
print("== load average after:", " ".join(f"{v:.2f}" for v in os.getloadavg()),
      "(the machine may be shared: read the figures beside it)")
out, users = sys.argv[1], sys.argv[2:]
print(f"{'users':>5} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}")
for u in users:
    rows = list(csv.DictReader(open(f"{out}/u{u}_stats.csv")))
    for row in rows:
        if row["Name"] == "Aggregated":
            n, f = int(row["Request Count"]), int(row["Failure Count"])
            print(f"{u:>5} {n:>9} {float(row['Requests/s']):>7.1f} {row['50%']:>7} "
                  f"{row['95%']:>7} {row['99%']:>7} {100 * f / max(n, 1):>6.2f}%")
print()
print("CPU time per request over the measured window (ms; user + system, /proc; 'pg all': the"
      " whole PostgreSQL server, parallel workers and other databases included):")
print(f"{'users':>5} {'gunicorn':>9} {'postgres':>9} {'server':>7} {'locust':>7} {'pg all':>7}"
      "   load average")
for u in users:
    n = sum(int(r["Request Count"]) for r in csv.DictReader(open(f"{out}/u{u}_stats.csv"))
            if r["Name"] == "Aggregated")
    try:
        cpu = json.load(open(f"{out}/u{u}_cpu.json"))
    except OSError:
        continue
    per = {k: 1000 * cpu[k] / max(n, 1)
           for k in ("gunicorn", "postgres", "locust", "postgres_server")}
    print(f"{u:>5} {per['gunicorn']:>9.1f} {per['postgres']:>9.1f} "
          f"{per['gunicorn'] + per['postgres']:>7.1f} {per['locust']:>7.1f} "
          f"{per['postgres_server']:>7.1f}   "
          + " ".join(f"{v:.2f}" for v in cpu["load_before"]) + " -> "
          + " ".join(f"{v:.2f}" for v in cpu["load_after"]))
print()
for u in users:
    print(f"-- {u} users, by request (p95 ms, count, failures)")
    for row in csv.DictReader(open(f"{out}/u{u}_stats.csv")):
        if row["Name"] != "Aggregated":
            print(f"   {row['Type']:<5}{row['Name']:<40}{row['95%']:>7}{row['Request Count']:>7}"
                  f"{row['Failure Count']:>5}")
PY

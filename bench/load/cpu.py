"""CPU time per request type of the load mix: the application's and PostgreSQL's, not wall time.

    DATABASE_URL=postgres://.../n18 .venv/bin/python bench/load/cpu.py [--repeat 20]
    ... bench/load/cpu.py --profile "/councils/sheets/<id>/"   # cProfile of one type

Runs in one process with the production settings (as bench/load/run.sh starts gunicorn), on a
database made ready by bench/load/accounts.py: signs in one person of each kind (password, and
the authenticator's code for the officer) through Django's test client, then asks each request
of the mix (bench/load/locustfile.py) `--repeat` times after one warm-up. For each type it
prints the process's CPU time (time.process_time: Django, the templates, the middleware) and
the CPU time of the PostgreSQL backend serving the connection (read from /proc), in ms per
request, with the queries per request. The machine may be shared: CPU time, unlike wall time,
hardly moves with the load; the load averages are printed beside it.
"""

import argparse
import cProfile
import json
import os
import pstats
import random
import re
import sys
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT / "src"), str(HERE)]
os.environ.update(
    DJANGO_SETTINGS_MODULE="sangtao.settings_production",
    SANGTAO_SECRET_KEY="cpu-probe-" + "x" * 60,
    SANGTAO_ALLOWED_HOSTS="testserver",
    SANGTAO_SITE_URL="https://sangtao.example.vn",
    SANGTAO_LOG_LEVEL="WARNING",
    SANGTAO_LOGIN_FAILURE_LIMIT="1000",
    SANGTAO_TRUSTED_PROXY="127.0.0.1",
)
os.environ.setdefault("SANGTAO_VAR_DIR", str(ROOT / "var" / "load" / "var"))
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def _backend_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * TICK_MS  # utime + stime


def _person(kind: str):
    from accounts import LOAD_PASSWORD, LOAD_TOTP_KEY
    from django.test import Client
    from django_otp.oath import totp
    from forms import form_of

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_ACCEPT_LANGUAGE="vi")
    page = client.get("/accounts/login/")
    fields = form_of(page.content.decode(), "username")
    # Another person each run: an authenticator's code is taken only once.
    client.username = f"load_{kind}_{random.randrange(20)}"
    fields.update(username=client.username, password=LOAD_PASSWORD)
    client.post("/accounts/login/", fields)
    if kind == "officer":
        page = client.get("/accounts/two-factor/verify/")
        fields = form_of(page.content.decode(), "token")
        fields["token"] = f"{totp(bytes.fromhex(LOAD_TOTP_KEY)):06d}"
        client.post("/accounts/two-factor/verify/", fields)
    return client


def _requests() -> dict:
    """name -> (client, method, url, data or a function giving it just before each request)."""
    from django.test import Client
    from forms import form_of
    from searches import search_query

    public = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_ACCEPT_LANGUAGE="vi")
    rng = random.Random(19)

    def search() -> str:  # a query of the mix's long tail each time (bench/load/searches.py)
        return "/ideas/?" + urlencode({"q": search_query(rng)})

    found = []
    while len(found) < 200:
        found += re.findall(r'href="(/ideas/[0-9a-f-]{36}/)"', public.get(search()).text)
    author, member, officer = (_person(kind) for kind in ("author", "member", "officer"))
    drafts = json.loads((ROOT / "var" / "load" / "drafts.json").read_text())
    edit = f"/initiatives/{drafts[author.username]}/edit/"
    draft = form_of(author.get(edit).text, "summary")
    novelty = re.search(r'hx-get="(/initiatives/novelty/[^"]*)"', author.get(edit).text)
    novelty = novelty.group(1).replace("&amp;", "&") if novelty else "/initiatives/novelty/"
    novelty += ("&" if "?" in novelty else "?") + urlencode(
        {"title": draft.get("title", ""), "summary": draft["summary"]}
    )
    tasks = member.get("/councils/tasks/").text
    sheet = re.findall(r'href="(/councils/sheets/[0-9a-f-]{36}/)"', tasks)[0]
    page = member.get(sheet).text
    similar = re.search(r'hx-get="(/initiatives/[0-9a-f-]{36}/similar/[^"]*)"', page)
    scores = form_of(page, "score_")
    scores.update({k: str(random.randint(5, 15)) for k in scores if k.startswith("score_")})
    scores["action"] = "save"
    scores = partial(_fresh_version, sheet.split("/")[-2], scores)
    council = re.findall(r'href="(/councils/\d+/)"', officer.get("/councils/").text)[0]
    get = "get"
    return {
        "/ (public)": (public, get, "/", None),
        "/ideas/?q=": (public, get, search, None),
        "/ideas/<id>/": (public, get, lambda: rng.choice(found), None),
        "/api/initiatives": (public, get, "/api/initiatives?limit=20", None),
        "/initiatives/": (author, get, "/initiatives/", None),
        "/initiatives/<id>/edit/": (author, get, edit, None),
        "/initiatives/novelty/ (htmx)": (author, get, novelty, None),
        "/initiatives/<id>/edit/ (save)": (author, "post", edit, draft),
        "/councils/tasks/": (member, get, "/councils/tasks/", None),
        "/councils/sheets/<id>/": (member, get, sheet, None),
        "/initiatives/<id>/similar/": (member, get, similar.group(1).replace("&amp;", "&"), None),
        "/councils/sheets/<id>/ (save)": (member, "post", sheet, scores),
        "/initiatives/queue/": (officer, get, "/initiatives/queue/", None),
        "/councils/": (officer, get, "/councils/", None),
        "/councils/<id>/": (officer, get, council, None),
        "/ (officer)": (officer, get, "/", None),
    }


def _fresh_version(public_id: str, scores: dict) -> dict:
    """The sheet's form as the member's page gives it just before each save: with the
    sheet's current version (a stale one is refused as a conflict and the page re-rendered)."""
    from sangtao.appraisal.models import Assignment

    version = Assignment.objects.values_list("version", flat=True).get(public_id=public_id)
    return {**scores, "version": str(version)}


def _counted(queries: list, execute, sql, *rest):
    queries.append(sql)
    return execute(sql, *rest)


def _ask(client, method, url, data):
    """One request of the mix. A save is the POST and the GET of the page it redirects to, as
    locust counts it (it follows the redirect); a save that is refused fails the run."""
    url = url() if callable(url) else url
    headers = {"HX-Request": "true"} if "(htmx)" in url or "/similar/" in url else {}
    if method == "post":
        response = client.post(url, data() if callable(data) else data, follow=True)
        assert response.redirect_chain and response.status_code == 200, (url, "not saved")
        return response
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 302), (url, response.status_code)
    return response


# How often each request comes in the mix, from bench/load/locustfile.py's weights: the class's
# weight times the task's share of its class (the public 6/11, authors 2/11, members 2/11,
# officers 1/11), per 11 people.
MIX = {
    "/ (public)": 6 * 2 / 7,
    "/ideas/?q=": 6 * 4 / 7,
    "/ideas/<id>/": 6 * 4 / 7,
    "/api/initiatives": 6 * 1 / 7,
    "/initiatives/": 2 * 2 / 5,
    "/initiatives/<id>/edit/": 2 * 3 / 5,
    "/initiatives/novelty/ (htmx)": 2 * 3 / 5,
    "/initiatives/<id>/edit/ (save)": 2 * 3 / 5,
    "/councils/tasks/": 2 * 1 / 4,
    "/councils/sheets/<id>/": 2 * 3 / 4,
    "/initiatives/<id>/similar/": 2 * 3 / 4,
    "/councils/sheets/<id>/ (save)": 2 * 3 / 4,
    "/initiatives/queue/": 1 * 3 / 8,
    "/councils/": 1 * 2 / 8,
    "/councils/<id>/": 1 * 2 / 8,
    "/ (officer)": 1 * 1 / 8,
}


def _profile(requests: dict, name: str, repeat: int) -> None:
    """CPU profile (not wall time) of one request type, or of the whole mix ("mix")."""
    names = {name: repeat} if name != "mix" else {n: round(repeat * w) for n, w in MIX.items()}
    for each in names:
        _ask(*requests[each])
    profile = cProfile.Profile(time.process_time)
    for each, times in names.items():
        for _ in range(times):
            profile.runcall(_ask, *requests[each])
    stats = pstats.Stats(profile)
    stats.sort_stats("tottime").print_stats(40)
    stats.sort_stats("cumulative").print_stats(60)
    if os.environ.get("CALLEES"):
        stats.print_callees(os.environ["CALLEES"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", help="a request name: print its cProfile instead")
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection

    requests = _requests()
    print("== load average before:", " ".join(f"{v:.2f}" for v in os.getloadavg()))
    if args.profile:
        _profile(requests, args.profile, args.repeat)
        return
    print(f"{'request':<34}{'app ms':>8}{'db ms':>8}{'total':>8}{'queries':>8}")
    rows = {}
    for name, (client, method, url, data) in requests.items():
        _ask(client, method, url, data)  # warm
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
        queries: list[str] = []
        with connection.execute_wrapper(partial(_counted, queries)):
            _ask(client, method, url, data)
        db, app = _backend_ms(backend), time.process_time()
        for _ in range(args.repeat):
            _ask(client, method, url, data)
        app = (time.process_time() - app) * 1000 / args.repeat
        db = (_backend_ms(backend) - db) / args.repeat
        rows[name] = (app, db)
        print(f"{name:<34}{app:>8.1f}{db:>8.1f}{app + db:>8.1f}{len(queries):>8}")
    share = sum(MIX.values())
    app, db = (sum(MIX[n] * row[i] for n, row in rows.items()) / share for i in (0, 1))
    print(f"{'the mix (weighted)':<34}{app:>8.1f}{db:>8.1f}{app + db:>8.1f}")
    print("== load average after:", " ".join(f"{v:.2f}" for v in os.getloadavg()))


if __name__ == "__main__":
    main()

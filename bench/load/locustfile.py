"""A realistic mix against gunicorn on loopback (bench/load/run.sh starts everything).

    locust -f bench/load/locustfile.py --host http://127.0.0.1:PORT

- The public (weight 6): the home page, the public search of recognised initiatives typed
  without tones (/ideas/?q=..., a long tail of queries: bench/load/searches.py), one
  initiative's public page, the API's public list.
- Authors (2): their list, their draft's edit page with the novelty panel that the page loads
  at once (htmx), saving the draft as it is.
- Council members (2): their tasks, a score sheet with its similar-initiatives panel (loaded
  by htmx as the page opens), saving it with new scores (a draft save).
- Movement officers (1): the unit queue, the councils, one council, the home page; they sign
  in with the password and the authenticator's code.

Each simulated person reads a page for 5 to 15 s before the next click (people spend far
longer on a page: this is a busy crowd). Accounts come from bench/load/accounts.py (one
account per simulated person, so no two share a session or a one-time code). Requests carry
X-Forwarded-Proto as nginx sends them; the session cookie is marked Secure by the production
settings, so the client drops that flag to send it back over the loopback. The people are
FastHttpUsers (geventhttpclient): the same requests and checks as requests' HttpUser for a
fraction of the load generator's CPU, which shares the server's cores.
"""

import hmac
import itertools
import json
import random
import re
import struct
import time
from pathlib import Path
from urllib.parse import urlencode

from forms import form_of  # bench/load/forms.py (locust puts this folder on the path)
from locust import FastHttpUser, between, task
from searches import search_query

LOAD_PASSWORD = "tai-thu-nghiem-2026"  # bench/load/accounts.py
LOAD_TOTP_KEY = bytes.fromhex("3132333435363738393031323334353637383930")
DRAFTS_FILE = Path(__file__).resolve().parents[2] / "var" / "load" / "drafts.json"
DRAFTS = json.loads(DRAFTS_FILE.read_text()) if DRAFTS_FILE.exists() else {}
_numbers = {kind: itertools.count() for kind in ("author", "member", "officer")}


def totp(key: bytes = LOAD_TOTP_KEY, step: int = 30, digits: int = 6) -> str:
    counter = struct.pack(">Q", int(time.time()) // step)
    digest = hmac.new(key, counter, "sha1").digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"


class _Visitor(FastHttpUser):
    abstract = True
    wait_time = between(5, 15)

    def on_start(self):
        number = random.randrange(1, 250)
        self.headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"198.51.100.{number}",
            "Referer": self.host.replace("http://", "https://") + "/",
            "Accept-Language": "vi",
        }

    def unsecure_cookies(self):
        for cookie in self.client.cookiejar:
            cookie.secure = False

    def get(self, url, name=None, headers=None):
        headers = {**self.headers, **(headers or {})}
        response = self.client.get(url, name=name or url, headers=headers)
        self.unsecure_cookies()
        return response

    def post(self, url, data, name=None):
        response = self.client.post(url, data=data, name=name or url, headers=self.headers)
        self.unsecure_cookies()
        return response

    def fragment(self, url, name):
        """What htmx fetches as the page opens (hx-trigger="load")."""
        return self.get(url, name=name, headers={"HX-Request": "true"})

    def sign_in(self, kind: str) -> None:
        self.username = f"load_{kind}_{next(_numbers[kind])}"
        page = self.get("/accounts/login/", name="sign in")
        fields = form_of(page.text, "username")
        fields.update(username=self.username, password=LOAD_PASSWORD)
        self.post("/accounts/login/", fields, name="sign in")


class Public(_Visitor):
    weight = 6

    @task(2)
    def home(self):
        self.get("/")

    @task(4)
    def search(self):
        query = urlencode({"q": search_query()})
        response = self.get(f"/ideas/?{query}", name="/ideas/?q=")
        found = re.findall(r'href="(/ideas/[0-9a-f-]{36}/)"', response.text)
        if found:
            self.get(random.choice(found), name="/ideas/<id>/")

    @task(1)
    def api_list(self):
        self.get("/api/initiatives?limit=20", name="/api/initiatives")


class Author(_Visitor):
    weight = 2

    def on_start(self):
        super().on_start()
        self.sign_in("author")
        draft = DRAFTS.get(self.username)
        self.draft = f"/initiatives/{draft}/" if draft else None

    @task(2)
    def list_mine(self):
        self.get("/initiatives/")

    @task(3)
    def save_draft(self):
        if not self.draft:
            return
        url = self.draft + "edit/"
        page = self.get(url, name="/initiatives/<id>/edit/")
        fields = form_of(page.text, "summary")
        if not fields:
            return
        novelty = re.search(r'hx-get="(/initiatives/novelty/[^"]*)"', page.text)
        if novelty:  # with the title and the summary, as hx-include sends them
            query = urlencode({"title": fields.get("title", ""), "summary": fields["summary"]})
            url_novelty = novelty.group(1).replace("&amp;", "&")
            joiner = "&" if "?" in url_novelty else "?"
            self.fragment(url_novelty + joiner + query, "/initiatives/novelty/ (htmx)")
        # The author rewrites the last sentence, as one edits a draft.
        sentences = fields["summary"].rstrip(".").split(". ")
        kept = sentences[:-1] if len(sentences) > 1 else sentences
        edit = f"Đã thử lại lần thứ {random.randint(2, 9)} trong tháng"
        fields["summary"] = ". ".join([*kept, edit]) + "."
        self.post(url, fields, name="/initiatives/<id>/edit/ (save)")


class Member(_Visitor):
    weight = 2

    def on_start(self):
        super().on_start()
        self.sign_in("member")
        tasks = self.get("/councils/tasks/")
        self.sheets = re.findall(r'href="(/councils/sheets/[0-9a-f-]{36}/)"', tasks.text)

    @task(1)
    def task_list(self):
        self.get("/councils/tasks/")

    @task(3)
    def score(self):
        if not self.sheets:
            return
        url = random.choice(self.sheets)
        page = self.get(url, name="/councils/sheets/<id>/")
        similar = re.search(r'hx-get="(/initiatives/[0-9a-f-]{36}/similar/[^"]*)"', page.text)
        if similar:
            self.fragment(similar.group(1).replace("&amp;", "&"), "/initiatives/<id>/similar/")
        fields = form_of(page.text, "score_")
        if not fields:
            return
        for name in fields:
            if name.startswith("score_"):
                fields[name] = str(random.randint(5, 15))
        fields["action"] = "save"
        self.post(url, fields, name="/councils/sheets/<id>/ (save)")


class Officer(_Visitor):
    weight = 1

    def on_start(self):
        super().on_start()
        self.sign_in("officer")
        page = self.get("/accounts/two-factor/verify/", name="sign in (code)")
        fields = form_of(page.text, "token")
        fields["token"] = totp()
        self.post("/accounts/two-factor/verify/", fields, name="sign in (code)")
        councils = self.get("/councils/")
        self.councils = re.findall(r'href="(/councils/\d+/)"', councils.text)

    @task(3)
    def queue(self):
        self.get("/initiatives/queue/")

    @task(2)
    def councils_list(self):
        self.get("/councils/")

    @task(2)
    def council(self):
        if self.councils:
            self.get(random.choice(self.councils), name="/councils/<id>/")

    @task(1)
    def dashboard(self):
        self.get("/")

"""Declared access expectations, one module per app, read by tests/security/test_access_matrix.py.

The matrix walks every URL pattern of the project and asks each one, as each role, for an
object of the role's own province ("own") and of another province ("other"), and compares the
answer with what is declared here. A URL with no declaration fails the test, naming it.

Adding your app (a few minutes)
-------------------------------
1. Create `tests/security/access/<app>.py` with a dict `EXPECTATIONS` from the URL's full name
   (`"<namespace>:<name>"`, or `"<name>"` without a namespace) to an `Expect`::

       from . import Expect, rows

       EXPECTATIONS = {
           # Columns:       anon  author clerk officer secretary member chair leader admin
           "myapp:list": Expect(
               get=rows(own="login 200 200 200 200 200 200 200 200"),
               post=rows(own="login 405 405 405 405 405 405 405 405"),
           ),
           "myapp:detail": Expect(
               kwargs=lambda w, side: {"pk": w.side(side).council.pk},
               get=rows(
                   own="login 404 404 200 200 200 200 200 200",
                   other="login 404 404 404 404 404 404 404 404",
               ),
               post=rows(own=..., other=...),
               data=lambda w, side: {"note": "x"},   # optional POST body
           ),
       }

2. Columns, in this order (`ROLES`): anonymous, author (of the school's initiatives), clerk (of
   the commune), officer (movement officer of the province), secretary (role over the commune
   and the council's secretary seat), member (council-member role and a seat holding a sheet),
   chair (the council's chair: a seat, no role), leader (of the district), admin
   (administrator of the province). They all work in Tây Ninh: `w.own`.
3. Each cell is a status code, or `login` for a redirect to the sign-in page. `302` means any
   other redirect (a write that worked, or a refusal with a message on the next page). Write
   the answer the role SHOULD get: a failing cell is a bug in the app or in the declaration.
4. `kwargs(w, side)` builds the URL's arguments for `side` in ("own", "other"): take the
   object from `w.side(side)` (see `world.py:build_side` for what each side holds: units,
   people, movement, round, field, criterion, milestone, campaign_link, draft and forwarded
   initiatives with attachments, council, seat, sheet, job). If your app needs objects of its
   own, define `def extend(s)` in your module: it is called for each side after the objects
   above exist and sets attributes made through your services (`s.certificate = ...`); do
   not edit world.py for one app. URLs without arguments declare only `own`; URLs with
   arguments declare both `own` and `other`.
5. Both `get` and `post` are required (`post` stands for every unsafe method; a view that
   refuses POST says 405). For an API operation other than GET/POST, add
   `unsafe={"delete": rows(...)}`. POST bodies default to empty: a form that is refused
   re-renders (200) or redirects with a message, which still shows who got through.
6. Guessed identifiers: for each URL with integer or UUID arguments, the matrix also asks for
   identifiers that do not exist; for integer (guessable) identifiers, every role must get the
   same answer for "exists in another province" and "does not exist", so nobody learns what
   exists elsewhere. Set `exists_leak="why it is harmless"` only with a reason. An identifier
   taken as a string (`<str:object_id>`) needs `missing=lambda w: {...}` naming nothing.
7. Requests run inside a savepoint rolled back after each one: a POST never changes the world
   the next request sees. Run `pytest tests/security/test_access_matrix.py -k <app>`; with
   `ACCESS_MATRIX_RECORD=1` the failures print the observed rows ready to paste (check every
   cell you paste against what the role should be allowed to do).

Excluded from the walk, with reasons: `admin/` (Django's admin has its own staff permission
system; `test_admin_is_staff_only` checks that our roles do not reach it), `i18n/` (Django's
language switch, open to all by design) and static files (served by the proxy, not by URL
patterns in production).
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "author",
    "clerk",
    "officer",
    "secretary",
    "member",
    "chair",
    "leader",
    "admin",
)
SIDES = ("own", "other")
TOKENS = {"login", "200", "201", "204", "302", "400", "401", "403", "404", "405", "429"}

Rows = dict[str, dict[str, str]]


def rows(own: str, other: str | None = None) -> Rows:
    """`rows(own="login 200 ...", other="login 404 ...")`: one token per role, in ROLES order."""
    result: Rows = {}
    for side, text in (("own", own), ("other", other)):
        if text is None:
            continue
        tokens = text.split()
        if len(tokens) != len(ROLES):
            raise ValueError(f"{len(ROLES)} cells expected ({' '.join(ROLES)}), got: {text!r}")
        unknown = set(tokens) - TOKENS
        if unknown:
            raise ValueError(f"unknown cells {sorted(unknown)} in {text!r}")
        result[side] = dict(zip(ROLES, tokens, strict=True))
    return result


@dataclass(frozen=True)
class Expect:
    get: Rows
    post: Rows
    kwargs: Callable | None = None
    data: Callable | None = None
    unsafe: dict[str, Rows] = field(default_factory=dict)
    # kwargs(w) naming nothing that exists, for identifiers the URL takes as strings.
    missing: Callable | None = None
    exists_leak: str = ""

    def methods(self) -> dict[str, Rows]:
        return {"get": self.get, "post": self.post, **self.unsafe}


def modules() -> list:
    """Every app's module of this package."""
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name != "world"
    ]


def load() -> dict[str, dict[str, Expect]]:
    """{module name: its EXPECTATIONS} of every module of this package."""
    return {module.__name__.rpartition(".")[2]: module.EXPECTATIONS for module in modules()}

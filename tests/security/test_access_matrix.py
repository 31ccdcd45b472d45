"""Every URL of the project, asked by every role for its own province's objects and another
province's, answers as declared in tests/security/access/<app>.py (read its docstring to add
a URL). A URL without a declaration fails `test_every_url_is_declared`, naming it.

Who may open a page is this matrix; what the page then tells each person about an initiative
appraised by a blind council (its history event by event, the authors on every surface, the
members' sheets on the ranking, the result page and the workbook) is the matrix of
test_visibility_matrix.py."""

import copy
import os
import uuid

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

from . import access
from .access import ROLES, SIDES
from .access.world import build_world

# Not walked (reasons in access/__init__.py): Django's admin and language switch.
EXCLUDED_PREFIXES = ("admin/", "i18n/")
DECLARED = access.load()
RECORD = bool(os.environ.get("ACCESS_MATRIX_RECORD"))


def walk(patterns=None, prefix="", namespace="", converters=None):
    """Yield (full name or None, route, {kwarg: converter}) of every URL pattern."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    converters = converters or {}
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        found = {**converters, **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            if route.startswith(EXCLUDED_PREFIXES):
                continue
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, route, inner, found)
        else:
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, route, found


def _all_declared() -> dict:
    merged = {}
    for expectations in DECLARED.values():
        merged.update(expectations)
    return merged


def test_every_url_is_declared():
    declared = _all_declared()
    problems = []
    names = set()
    for name, route, _ in walk():
        if not name:
            problems.append(f"/{route} has no name: name it and declare it")
            continue
        names.add(name)
        if name not in declared:
            problems.append(
                f"{name} (/{route}) has no expectation: add it to "
                f"tests/security/access/<app>.py (see that package's docstring)"
            )
    for name in sorted(set(declared) - names):
        problems.append(f"{name} is declared but no URL has that name any more")
    assert not problems, "\n".join(problems)


def test_every_declaration_is_complete():
    """Both sides for URLs with arguments, only `own` for URLs without."""
    routes = {name: found for name, _, found in walk() if name}
    problems = []
    for name, expect in _all_declared().items():
        if name not in routes:
            continue
        sides = set(SIDES) if routes[name] else {"own"}
        if routes[name] and expect.kwargs is None:
            problems.append(f"{name}: takes arguments, declare kwargs")
        for method, table in expect.methods().items():
            if set(table) != sides:
                problems.append(f"{name} {method}: declare the sides {sorted(sides)}")
    assert not problems, "\n".join(problems)


def _answer(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return "login"
    return str(response.status_code)


def _ask(client: Client, method: str, url: str, data: dict) -> str:
    """One request inside a savepoint rolled back afterwards; the client's cookies restored."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            if method == "get":
                response = client.get(url)
            elif method == "post":
                response = client.post(url, data)
            else:
                response = client.generic(method.upper(), url)
            transaction.set_rollback(True)
        return _answer(response)
    except Exception as error:  # noqa: BLE001 - reported as a cell of the matrix
        return f"raised {type(error).__name__}: {error}"
    finally:
        client.cookies = cookies
        for cache in caches.all():
            cache.clear()


def _missing(kwargs: dict, converters: dict) -> tuple[dict, bool]:
    """The kwargs with every identifier replaced by one that does not exist, and whether
    one of them is a guessable integer ({} when the URL has no identifier)."""
    replaced, guessable = dict(kwargs), False
    if not any(isinstance(c, IntConverter | UUIDConverter) for c in converters.values()):
        return {}, False
    for key, converter in converters.items():
        if isinstance(converter, IntConverter):
            replaced[key], guessable = 987_654_321, True
        elif isinstance(converter, UUIDConverter):
            replaced[key] = uuid.uuid4()
    return replaced, guessable


def _format(name: str, observed: dict) -> str:
    lines = [f'    "{name}": Expect(']
    for method, table in observed.items():
        cells = ", ".join(
            f'{side}="{" ".join(table[side][role] for role in ROLES)}"' for side in table
        )
        lines.append(f"        {method}=rows({cells}),")
    lines.append("    ),")
    return "\n".join(lines)


@pytest.mark.parametrize("app", sorted(DECLARED))
def test_access_matrix(app, db):
    world = build_world()
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if role != "anonymous":
            clients[role].force_login(world.user(role))
    routes = {name: (route, found) for name, route, found in walk() if name}
    failures, records = [], []
    for name, expect in DECLARED[app].items():
        if name not in routes:
            continue  # reported by test_every_url_is_declared
        _, converters = routes[name]
        observed = {}
        for method, table in expect.methods().items():
            observed[method] = {}
            for side in table:
                kwargs = expect.kwargs(world, side) if expect.kwargs else {}
                url = reverse(name, kwargs=kwargs)
                data = expect.data(world, side) if expect.data else {}
                got = {role: _ask(clients[role], method, url, data) for role in ROLES}
                observed[method][side] = got
                for role in ROLES:
                    if got[role] != table[side][role]:
                        failures.append(
                            f"{name} {method.upper()} {url} as {role} ({side}): "
                            f"expected {table[side][role]}, got {got[role]}"
                        )
            if expect.missing:
                kwargs, guessable = expect.missing(world), True
            else:
                own = expect.kwargs(world, "own") if converters else {}
                kwargs, guessable = _missing(own, converters)
            if not kwargs:
                continue
            url = reverse(name, kwargs=kwargs)
            data = expect.data(world, "own") if expect.data else {}
            for role in ROLES:
                got = _ask(clients[role], method, url, data)
                elsewhere = observed[method]["other"][role]
                if got.startswith("raised") or got in ("200", "201", "204"):
                    failures.append(f"{name} {method.upper()} {url} (missing) as {role}: {got}")
                elif guessable and not expect.exists_leak and elsewhere in ("403", "404"):
                    if got != elsewhere:
                        failures.append(
                            f"{name} {method.upper()} as {role}: {elsewhere} for another "
                            f"province's object but {got} for a missing one: the answer tells "
                            f"what exists elsewhere"
                        )
        if RECORD:
            records.append(_format(name, observed))
    if records:
        print("\n" + "\n".join(records))
    assert not failures, f"{len(failures)} cells differ:\n" + "\n".join(failures)


def test_admin_is_staff_only(db):
    """Our roles are not Django staff: the admin sends every one of them to its own login."""
    world = build_world()
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.user(role))
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302, role
        assert response["Location"].startswith(reverse("admin:login")), role

"""Views run no queries of their own: they bind a form, call a service or a selector, render.

Read from the source with `ast`: every views module of every app (`<app>/views.py`,
`<app>/views_*.py`, `<app>/views/*.py`). A view breaks the rule when it

- names a manager: `.objects` or `._default_manager` (`Initiative.objects.filter(...)`);
- calls a method only a QuerySet has (`.filter()`, `.exclude()`, `.select_related()`,
  `.order_by()`, `.exists()`, `.first()`, `.all()`, ..., see QUERYSET_METHODS), on anything:
  a related manager (`initiative.authors.all()`) or a selector's QuerySet
  (`selectors.x().filter(...)`) alike: the selector should say what it returns;
- calls `.count()` with no argument, `.get()` with keyword arguments only, or `.values()`
  with arguments (the QuerySet forms of methods dicts and lists share);
- passes a model to `get_object_or_404` / `get_list_or_404`: the one thing allowed there is a
  selector's result (a call), `get_object_or_404(selectors.council_pages(), pk=pk)`.
"""

import ast
from pathlib import Path

from .imports import SRC

QUERYSET_METHODS = {
    "aggregate",
    "all",
    "annotate",
    "bulk_create",
    "defer",
    "distinct",
    "earliest",
    "exclude",
    "exists",
    "extra",
    "filter",
    "first",
    "get_or_create",
    "in_bulk",
    "iterator",
    "last",
    "latest",
    "only",
    "order_by",
    "prefetch_related",
    "raw",
    "select_related",
    "update_or_create",
    "values_list",
}
MANAGERS = {"objects", "_default_manager"}
GET_OR_404 = {"get_object_or_404", "get_list_or_404"}

# Rewritten on another branch (registers for activities and practices, issue 12.4).


def views_modules(src: Path = SRC) -> list[Path]:
    package = src / "sangtao"
    found = set(package.glob("*/views.py")) | set(package.glob("*/views_*.py"))
    found |= set(package.glob("*/views/*.py"))
    return sorted(found)


def queries(source: str) -> list[tuple[int, str]]:
    """(line, what) for every query the source runs itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            found.append((node.lineno, f".{node.attr}"))
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in GET_OR_404:
            if node.args and not isinstance(node.args[0], ast.Call):
                found.append((node.lineno, f"{func.id}(a model)"))
            continue
        if not isinstance(func, ast.Attribute):
            continue
        name = func.attr
        if (
            name in QUERYSET_METHODS
            or (name == "count" and not node.args and not node.keywords)
            or (name == "get" and node.keywords and not node.args)
            or (name == "values" and (node.args or node.keywords))
        ):
            found.append((node.lineno, f".{name}()"))
    return sorted(set(found))


def test_the_rule_finds_managers_querysets_and_models_given_to_get_or_404():
    source = (
        "def page(request, pk):\n"
        "    a = Initiative.objects.all()\n"
        "    b = initiative.authors.select_related('user')\n"
        "    c = units.count()\n"
        "    d = Unit._default_manager.get(pk=pk)\n"
        "    e = get_object_or_404(Council, pk=pk)\n"
        "    f = book.entries.values('id')\n"
        "    return request.GET.get('page'), form.errors.values(), names.count('x')\n"
        "    return get_object_or_404(selectors.council_pages(), pk=pk)\n"
    )
    assert queries(source) == [
        (2, ".all()"),
        (2, ".objects"),
        (3, ".select_related()"),
        (4, ".count()"),
        (5, "._default_manager"),
        (5, ".get()"),
        (6, "get_object_or_404(a model)"),
        (7, ".values()"),
    ]


def test_views_run_no_queries_of_their_own():
    found = {}
    for path in views_modules():
        name = path.relative_to(SRC).as_posix()
        lines = queries(path.read_text(encoding="utf-8"))
        if lines:
            found[name] = lines
    assert found == {}


def test_every_app_with_pages_is_read():
    names = {path.relative_to(SRC).as_posix() for path in views_modules()}
    assert {
        "sangtao/appraisal/views/councils.py",
        "sangtao/initiatives/views.py",
        "sangtao/accounts/views_people.py",
    } <= names

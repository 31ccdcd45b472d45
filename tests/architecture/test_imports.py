"""The apps' import graph: `core` at the bottom, the demo on top, and no cycle. The graph is
read from the source with `ast`, function-level imports included."""

from .imports import SRC, app_imports, apps, cycle_edges, strongly_connected_components

GRAPH = app_imports()


def test_import_graph_counts_function_level_and_relative_imports(tmp_path):
    package = tmp_path / "sangtao"
    for app in ("low", "high", "top"):
        (package / app).mkdir(parents=True)
        (package / app / "__init__.py").write_text("")
    (package / "low" / "views.py").write_text(
        "def page():\n    from ..high import models\n    return models\n"
    )
    (package / "high" / "models.py").write_text("from sangtao import low\nimport sangtao.top\n")
    (package / "top" / "services.py").write_text("from . import models\nfrom .models import X\n")

    graph = app_imports(tmp_path)

    assert {app: set(targets) for app, targets in graph.items()} == {
        "low": {"high"},
        "high": {"low", "top"},
        "top": set(),
    }
    assert strongly_connected_components(graph) == [["high", "low"]]


def test_core_imports_no_other_app():
    assert {app: sorted(modules) for app, modules in GRAPH["core"].items()} == {}


def test_no_app_imports_the_demo():
    importers = {
        app: sorted(targets["demo"]) for app, targets in GRAPH.items() if "demo" in targets
    }
    assert importers == {}


def test_every_app_is_in_the_graph():
    assert {"core", "orgs", "accounts", "initiatives", "demo"} <= apps()
    assert set(GRAPH) == apps()


def test_app_imports_form_a_dag():
    assert cycle_edges(GRAPH) == []


def test_lower_apps_import_none_above_them():
    """Where a lower app needs to know about a higher one, the higher registers into it."""
    assert "appraisal" not in GRAPH["accounts"]
    assert "appraisal" not in GRAPH["initiatives"]


def test_core_is_under_two_thousand_lines():
    core = SRC / "sangtao" / "core"
    lines = sum(
        len(path.read_text(encoding="utf-8").splitlines())
        for path in core.rglob("*.py")
        if "migrations" not in path.parts
    )
    assert lines < 2000

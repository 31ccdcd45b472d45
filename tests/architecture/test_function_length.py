"""No function in the application is longer than a screen: 80 lines, counted from its `def` to
its last line with `ast`. Migrations (generated) and the demo app (data, not logic) are exempt."""

import ast
from pathlib import Path

from .imports import SRC

LIMIT = 80


def long_functions(root: Path = SRC / "sangtao") -> list[str]:
    """'path:line name (lines)' of every function over LIMIT lines under `root`."""
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "migrations" in parts or parts[:1] == ("demo",):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > LIMIT:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {node.name} ({lines})")
    return found


def test_long_functions_are_found_nested_and_outside_migrations_and_the_demo(tmp_path):
    body = "".join(f"    x{i} = {i}\n" for i in range(LIMIT))
    (tmp_path / "app" / "migrations").mkdir(parents=True)
    (tmp_path / "demo").mkdir()
    nested = body.replace("    ", "        ")
    (tmp_path / "app" / "services.py").write_text(
        f"def short():\n    return 1\n\n\ndef outer():\n    def inner():\n{nested}"
    )
    (tmp_path / "app" / "migrations" / "0001_initial.py").write_text(f"def long():\n{body}")
    (tmp_path / "demo" / "data.py").write_text(f"def long():\n{body}")

    assert long_functions(tmp_path) == [
        f"app/services.py:5 outer ({LIMIT + 2})",
        f"app/services.py:6 inner ({LIMIT + 1})",
    ]


def test_no_function_is_over_80_lines():
    found = long_functions()
    assert not found, "split these functions:\n" + "\n".join(found)

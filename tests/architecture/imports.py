"""The import graph of the project's apps, read from the source with `ast`.

Every import counts: at module level or inside a function, `import x`, `from x import y`,
`from . import y` and `from ..app import y` (resolved against the importing module's package).
An app is a package directly under src/sangtao (`sangtao.core`, `sangtao.orgs`, ...); the
project's own modules (settings, urls, wsgi) belong to no app and are left out.
"""

import ast
from collections.abc import Iterable
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PROJECT = "sangtao"


def apps(src: Path = SRC) -> set[str]:
    """The project's apps: the packages directly under src/sangtao."""
    return {p.parent.name for p in (src / PROJECT).glob("*/__init__.py")}


def module_name(path: Path, src: Path = SRC) -> str:
    """`src/sangtao/core/views.py` -> "sangtao.core.views" (a package's __init__ is the
    package)."""
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, src: Path = SRC) -> Iterable[str]:
    """Every module `path` imports, absolute, wherever the import statement stands. For
    `from package import name`, both the package and `package.name` (which may be a module)."""
    module = module_name(path, src)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield target
            for alias in node.names:
                yield f"{target}.{alias.name}"


def app_of(module: str, known: set[str]) -> str | None:
    """The app a module belongs to ("sangtao.orgs.models" -> "orgs"), None outside them."""
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == PROJECT and parts[1] in known:
        return parts[1]
    return None


def app_imports(src: Path = SRC) -> dict[str, dict[str, set[str]]]:
    """{app: {other app it imports: {"file.py:line"-free module names doing so}}}."""
    known = apps(src)
    graph: dict[str, dict[str, set[str]]] = {app: {} for app in known}
    for path in sorted((src / PROJECT).rglob("*.py")):
        source = app_of(module_name(path, src), known)
        if source is None:
            continue
        for target in imported_modules(path, src):
            other = app_of(target, known)
            if other is not None and other != source:
                graph[source].setdefault(other, set()).add(module_name(path, src))
    return graph


def strongly_connected_components(graph: dict[str, Iterable[str]]) -> list[list[str]]:
    """Tarjan's components of `graph`, each sorted; only those of two or more nodes (the
    cycles), largest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components, key=lambda c: (-len(c), c))


def cycle_edges(graph: dict[str, dict[str, set[str]]]) -> list[str]:
    """The imports inside each cycle, as "app -> other (module, ...)" lines, to see what to
    cut."""
    lines = []
    for component in strongly_connected_components(graph):
        members = set(component)
        for app in component:
            for other in sorted(set(graph[app]) & members):
                lines.append(f"{app} -> {other} ({', '.join(sorted(graph[app][other]))})")
    return lines

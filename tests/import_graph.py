"""The package's import graph read from source with ast: who imports whom, where, and cycles."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ImportEdge:
    """One import of a project module by another."""

    importer: str
    """Dotted name of the importing module."""
    imported: str
    """Dotted name of the imported project module."""
    line: int
    """Line of the import statement."""
    at_top: bool
    """Run when the module is imported (not inside a function, not under TYPE_CHECKING)."""
    in_function: bool = False
    """Inside a function body (a lazy import)."""


def module_files(package_dir: Path) -> dict[str, Path]:
    """Every module of the package by dotted name (`narrator.read.html`)."""
    root = package_dir.parent
    modules: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


@dataclass(frozen=True)
class ExternalImport:
    """One import of a module from outside the package (the standard library or a third party)."""

    importer: str
    """Dotted name of the importing module."""
    name: str
    """Top-level name of the imported distribution module (`click` for `from click.testing import ...`)."""
    line: int
    """Line of the import statement."""
    at_top: bool
    """Run when the module is imported (not inside a function, not under TYPE_CHECKING)."""


def import_edges(package_dir: Path) -> list[ImportEdge]:
    """Every import of one project module by another, with where it happens."""
    modules = module_files(package_dir)
    edges: list[ImportEdge] = []
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        found, lazy = _all_imports(path)
        for node, at_top in found:
            # A module's own packages are already loading when it runs: not a dependency.
            edges.extend(
                ImportEdge(name, target, node.lineno, at_top, node in lazy)
                for target in _targets(node, name, is_package, modules)
                if target != name and not name.startswith(target + ".")
            )
    return edges


def external_imports(package_dir: Path) -> list[ExternalImport]:
    """Every import of a module outside the package, by top-level name (lazy and TYPE_CHECKING ones too)."""
    modules = module_files(package_dir)
    found_imports = []
    for name, path in modules.items():
        found, _ = _all_imports(path)
        for node, at_top in found:
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    continue  # relative: always the package's own
                names = [node.module or ""]
            else:
                names = [alias.name for alias in node.names]
            found_imports += [
                ExternalImport(name, dotted.split(".")[0], node.lineno, at_top)
                for dotted in names
                if dotted.split(".")[0] != package_dir.name
            ]
    return found_imports


def _all_imports(path: Path) -> tuple[list[tuple[ast.Import | ast.ImportFrom, bool]], set[ast.AST]]:
    """Every import of a module with whether it runs at import time; and those inside functions.

    `importlib.import_module("name")` and `__import__("name")` with a literal name count as imports too.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = list(_imports(tree.body, at_top=True))
    lazy: set[ast.AST] = set()
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner = list(_imports(function.body, at_top=False))
            lazy.update(node for node, _ in inner)
            found += inner
    in_functions = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for node in ast.walk(function)
    }
    for call in ast.walk(tree):
        statement = _dynamic_import(call)
        if statement is not None:
            found.append((statement, id(call) not in in_functions))
            if id(call) in in_functions:
                lazy.add(statement)
    return found, lazy


def _dynamic_import(node: ast.AST) -> ast.Import | ast.ImportFrom | None:
    """`import_module("a.b")` or `__import__("a.b")` (a literal name, relative or not) as the import it does."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    target = node.args[0]
    if name not in ("import_module", "__import__") or not isinstance(target, ast.Constant):
        return None
    if not isinstance(target.value, str) or not target.value.strip("."):
        return None
    dotted = target.value
    level = len(dotted) - len(dotted.lstrip("."))  # relative to the calling module's package
    statement: ast.Import | ast.ImportFrom
    if level:
        statement = ast.ImportFrom(module=dotted[level:], names=[], level=level)
    else:
        statement = ast.Import(names=[ast.alias(name=dotted)])
    return ast.copy_location(statement, node)


def names_from_the_package(package_dir: Path) -> list[tuple[str, int, str]]:
    """(module, line, name) of every `from narrator import NAME` (or `from .. import NAME`) of a name that is no module.

    Such a name is defined by the package's __init__, which may load its modules on first use (PEP 562), so
    the import of a name hides a dependency no edge shows.
    """
    modules = module_files(package_dir)
    found = []
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node, _ in _all_imports(path)[0]:
            if isinstance(node, ast.ImportFrom) and _resolve_from(node, name, is_package) == package_dir.name:
                found += [
                    (name, node.lineno, alias.name)
                    for alias in node.names
                    if f"{package_dir.name}.{alias.name}" not in modules
                ]
    return sorted(found)


def function_level_imports(package_dir: Path) -> list[tuple[str, int, str, bool]]:
    """Imports inside functions: (module, line, imported name, is a project module)."""
    modules = module_files(package_dir)
    found: list[tuple[str, int, str, bool]] = []
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner, _ in _imports(node.body, at_top=False):
                    own = bool(_targets(inner, name, is_package, modules))
                    label = inner.module or "" if isinstance(inner, ast.ImportFrom) else inner.names[0].name
                    found.append((name, inner.lineno, label, own))
    return sorted(set(found))


def import_cycles(edges: list[ImportEdge], *, include_lazy: bool = False) -> list[list[str]]:
    """Strongly connected groups of modules that import each other at import time (or at all, with `include_lazy`).

    Imports under TYPE_CHECKING never run, so they never count.
    """
    graph: dict[str, set[str]] = {}
    for edge in edges:
        if edge.at_top or (include_lazy and edge.in_function):
            graph.setdefault(edge.importer, set()).add(edge.imported)
            graph.setdefault(edge.imported, set())
    return [sorted(group) for group in _strongly_connected(graph) if len(group) > 1]


def _imports(body: list[ast.stmt], at_top: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Import statements in a block, not descending into functions or classes' methods."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, at_top
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue  # collected by function_level_imports, and not run at import time
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _imports(node.body, at_top=False)
            yield from _imports(node.orelse, at_top)
        else:
            for field in ("body", "orelse", "finalbody", "handlers"):
                block = getattr(node, field, None)
                if isinstance(block, list):
                    nested = [n.body if isinstance(n, ast.ExceptHandler) else [n] for n in block]
                    for part in nested:
                        yield from _imports([n for n in part if isinstance(n, ast.stmt)], at_top)


def _is_type_checking(test: ast.expr) -> bool:
    """`if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:`."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool, modules: dict[str, Path]) -> list[str]:
    """The project modules an import statement loads, with the packages above them."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = _resolve_from(node, importer, is_package)
        names = [base]
        names += [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules]
    loaded = []
    for dotted in names:
        parts = dotted.split(".")
        for end in range(1, len(parts) + 1):
            candidate = ".".join(parts[:end])
            if candidate in modules:
                loaded.append(candidate)
    return sorted(set(loaded))


def _resolve_from(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The absolute module named by a (possibly relative) `from ... import`."""
    if not node.level:
        return node.module or ""
    package = importer.split(".") if is_package else importer.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group: set[str] = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    groups.append(group)
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups

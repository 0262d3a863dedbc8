"""The apps depend one way (docs/architecture.md), and no two modules import each other.

Reads every project module's imports with ``ast``, so nothing is imported or run.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lower layers never import higher ones; apps on one layer never import each other.
LAYERS = {
    "collab_atlas": 0,
    "models_of_collab": 1,
    "cases": 2,
    "contributions": 3,
    "pages": 3,
    "opendata": 4,
    "insights": 3,
}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {
    module_name(path): path
    for app in LAYERS
    for path in sorted((ROOT / app).rglob("*.py"))
    if "node_modules" not in path.parts
}


def _absolute(module, node):
    """The module an ``ImportFrom`` names, with relative levels resolved."""
    if not node.level:
        return node.module
    package = module.split(".")
    if MODULES[module].name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports(module):
    """(imported project module, line, inside a function) for each import in ``module``."""
    tree = ast.parse(MODULES[module].read_text(), filename=str(MODULES[module]))
    # AppConfig.ready() is Django's place for imports that need the app registry.
    in_function = {
        id(inner)
        for outer in ast.walk(tree)
        if isinstance(outer, ast.FunctionDef | ast.AsyncFunctionDef) and outer.name != "ready"
        for inner in ast.walk(outer)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
            # "from cases import search" imports the module cases.search.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if target.split(".")[0] in LAYERS:
                found.append((target, node.lineno, id(node) in in_function))
    return found


def app_of(module):
    return module.split(".")[0]


def test_every_app_is_read():
    assert {app_of(module) for module in MODULES} == set(LAYERS)
    assert "cases.models.initiative" in MODULES


def test_apps_import_only_the_apps_below_them():
    wrong = [
        f"{module}:{line} imports {target}"
        for module in MODULES
        for target, line, _nested in imports(module)
        if app_of(target) != app_of(module) and LAYERS[app_of(target)] >= LAYERS[app_of(module)]
    ]
    assert wrong == [], "imports against collab_atlas <- models_of_collab <- cases <- the rest"


def test_project_imports_sit_at_the_top_of_modules():
    nested = [
        f"{module}:{line} imports {target} inside a function"
        for module in MODULES
        for target, line, inside in imports(module)
        if inside
    ]
    assert nested == []


def _cycles(graph):
    """Strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def test_no_modules_import_each_other():
    graph = {
        module: {target for target, _line, _nested in imports(module) if target in MODULES}
        - {module}
        for module in MODULES
    }
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_loop():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]

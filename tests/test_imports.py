"""The house rules for imports inside qazaq/ (docs/ARCHITECTURE.md, "Layers"):

- no import cycles, counting imports inside functions too (a cycle hidden in a function is still
  two modules that have not decided which one owns a concept);
- imports go down the layers, never up;
- an import inside a function says why on its line or the line above (the only good reason: a
  heavy dependency kept out of a kernel or a process that does not need it);
- no ``except ImportError`` around an import of this package: a broken module must fail loudly,
  not degrade a page in silence (optional third-party pieces keep their message);
- every module imports in a fresh interpreter, whichever is imported first.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "qazaq"

# Lowest first. A module may import its own layer and the layers below it.
LAYERS = {
    "language core": ["qazaq", "qazaq.shared", "qazaq.script", "qazaq.morphology", "qazaq.pronunciation",
                      "qazaq.answers", "qazaq.scheduler", "qazaq.audio"],
    "content": ["qazaq.content", "qazaq.syllabus"],
    "learner state": ["qazaq.storage", "qazaq.progress", "qazaq.browser_storage", "qazaq.settings",
                      "qazaq.i18n", "qazaq.render"],
    "widgets": ["qazaq.widgets"],
    "lessons, reader, assignments": ["qazaq.lesson", "qazaq.lesson_items", "qazaq.alphabet",
                                     "qazaq.curriculum", "qazaq.reader", "qazaq.assignment", "qazaq.level_test", "qazaq.taught_before_used",
                                     "qazaq.self_check", "qazaq.mastery"],
    "site, grading": ["qazaq.site", "qazaq.grading", "qazaq.classroom", "qazaq.kernels", "qazaq.lab"],
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The qazaq modules an import statement loads (``from qazaq import x`` may name a module)."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
            package = package[:len(package) - node.level + 1]
            base = ".".join(package + ([base] if base else []))
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
    return [n for n in names if n == "qazaq" or n.startswith("qazaq.")]


def _imports() -> list[tuple[str, int, str, bool]]:
    """(module, line, imported qazaq module, inside a function) for every import statement."""
    out = []
    for module, path in MODULES.items():
        def visit(node, in_function: bool) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    out.extend((module, child.lineno, t, in_function) for t in _targets(module, path, child))
                visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))
        visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return out


def _graph() -> dict[str, set[str]]:
    graph = {m: set() for m in MODULES}
    for module, _line, target, _inner in _imports():
        if target != module:
            graph[module].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _layer(module: str) -> int:
    best = None
    for rank, prefixes in enumerate(LAYERS.values()):
        for p in prefixes:
            if module == p or module.startswith(p + "."):
                if best is None or len(p) > best[1]:
                    best = (rank, len(p))
    assert best is not None, f"{module} is in no layer: add it to LAYERS and docs/ARCHITECTURE.md"
    return best[0]


def test_no_import_cycles():
    cycles = _cycles(_graph())
    assert cycles == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_imports_go_down_the_layers():
    names = list(LAYERS)
    upward = [f"{m}:{line} ({names[_layer(m)]}) imports {t} ({names[_layer(t)]})"
              for m, line, t, _inner in _imports() if _layer(t) > _layer(m)]
    assert upward == []


def test_every_import_inside_a_function_says_why():
    silent = []
    for module, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for fn in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        here, above = lines[node.lineno - 1], lines[node.lineno - 2].strip()
                        if "#" not in here and not above.startswith("#") and not above.startswith(("from ", "import ")):
                            silent.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {here.strip()}")
    assert silent == [], "imports inside functions without a reason:\n" + "\n".join(silent)


def test_no_import_of_this_package_is_guarded():
    guarded = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            caught = {getattr(h.type, "id", None) for h in node.handlers} | {
                getattr(e, "id", None) for h in node.handlers if isinstance(h.type, ast.Tuple) for e in h.type.elts}
            if caught & {"ImportError", "ModuleNotFoundError"}:
                for inner in ast.walk(ast.Module(body=node.body, type_ignores=[])):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)) and _targets(module, path, inner):
                        guarded.append(f"{path.relative_to(PACKAGE.parent)}:{inner.lineno}")
    assert guarded == []


def test_every_module_imports_in_a_fresh_interpreter():
    """Each module first, in a process of its own (forked from one that has loaded only the
    standard library), so an order-dependent import error cannot hide behind another module."""
    modules = [m for m in MODULES if not m.endswith("__main__")]
    script = (
        "import os, sys, importlib, traceback\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        try:\n"
        "            importlib.import_module(name)\n"
        "        except BaseException:\n"
        "            traceback.print_exc()\n"
        "            os._exit(1)\n"
        "        os._exit(0)\n"
        "    if os.waitpid(pid, 0)[1] != 0:\n"
        "        failed.append(name)\n"
        "print('FAILED', *failed)\n"
    )
    env = {**os.environ, "QAZAQ_PUBLIC": "0", "MPLBACKEND": "Agg"}
    result = subprocess.run([sys.executable, "-c", script, *modules], capture_output=True, text=True,
                            timeout=600, cwd=PACKAGE.parent, env=env)
    assert result.stdout.strip() == "FAILED", result.stdout + result.stderr[-3000:]


@pytest.mark.parametrize("layer", list(LAYERS))
def test_architecture_doc_names_every_layer(layer):
    doc = (PACKAGE.parent / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert layer in doc.lower()

"""The layer contract: data flows one way (issue #10).

Every module of ``toolkit/stancemap`` belongs to one layer; a module imports only
modules of its own or earlier layers — counting imports inside functions, which
Python never reports — no two modules import each other (directly or round a
cycle), and no module imports another module's ``_private`` names. The checker
is an ``ast`` walk; the synthetic packages below show it catches what it should
before it is trusted on the real package.
"""
from __future__ import annotations

import ast
import functools
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "toolkit" / "stancemap"

#: Layers in data-flow order (docs/architecture.md). A module imports only its own and earlier layers.
LAYERS: dict[str, tuple[str, ...]] = {
    "foundation": ("stancemap", "errors", "interface", "atomic", "schema", "paths", "runtime", "configcheck", "text",
                   "actors", "codebook", "metrics", "_callable", "libm"),
    "io": ("clean", "corpus", "tables", "datasets", "readers", "brat"),
    "extract": ("extract", "turns"),
    "modelling": ("sklearn_compat", "sparse_features", "target_features", "voice_features", "rule_features", "frame_lexicons", "word_clusters", "estimators", "labels", "modelfile", "training", "modelstore", "explanations",
                  "vader", "lexicon", "scoring", "models"),
    "evaluation": ("sampling", "agreement", "evaluate", "crossval", "heldout", "real_eval", "modelcard", "build",
                   "span_matching", "benchmarking", "validate", "external"),
    "summaries": ("compare", "keyness", "search", "cues", "topics"),
    "figures": ("plots", "imagebrowser", "figures"),
    "engines": ("engines", "scale"),
    "apps": ("score", "pipeline", "report", "case_studies", "classroom"),
    "cli": ("cli", "__main__", "commands"),
}


def module_names(root: Path) -> dict[str, Path]:
    """``{dotted name: file}`` for every module of the package at ``root``."""
    pkg = root.name
    mods = {}
    for path in sorted(root.rglob("*.py")):
        parts = [pkg, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


def import_edges(root: Path) -> tuple[dict[str, set[str]], list[str]]:
    """(module → the package modules it imports, anywhere in its body; the private imports
    as "module: target.name")."""
    mods = module_names(root)
    pkg = root.name
    edges: dict[str, set[str]] = defaultdict(set)
    private: list[str] = []
    for mod, path in mods.items():
        is_pkg = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[tuple[str, str | None]] = []
            if isinstance(node, ast.Import):
                targets = [(a.name, None) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = mod.split(".")
                    base = base[:len(base) - node.level + (1 if is_pkg else 0)]
                    name = ".".join(base + ([node.module] if node.module else []))
                else:
                    name = node.module or ""
                for a in node.names:
                    full = f"{name}.{a.name}"
                    targets.append((full, None) if full in mods else (name, a.name))
            for target, name in targets:
                t = target
                while t not in mods and "." in t:
                    t = t.rsplit(".", 1)[0]
                if t not in mods or t == mod or not t.startswith(pkg):
                    continue
                edges[mod].add(t)
                leaf = name if name is not None else target.rsplit(".", 1)[-1]
                if leaf.startswith("_") and not leaf.startswith("__"):
                    private.append(f"{mod}: {t}" + (f".{name}" if name else ""))
    return edges, private


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan 1972)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
        if v not in index:
            visit(v)
    return out


def layer_of(module: str, layers: dict[str, tuple[str, ...]] = LAYERS) -> int | None:
    """The layer index of a dotted module name (its first component under the package)."""
    parts = module.split(".")
    key = parts[1] if len(parts) > 1 else parts[0]
    for i, names in enumerate(layers.values()):
        if key in names:
            return i
    return None


def wrong_way(edges: dict[str, set[str]], layers: dict[str, tuple[str, ...]] = LAYERS) -> list[str]:
    """Imports of a later layer, as "a (layer) → b (layer)"."""
    names = list(layers)
    bad = []
    for a, targets in sorted(edges.items()):
        for b in sorted(targets):
            la, lb = layer_of(a, layers), layer_of(b, layers)
            if la is not None and lb is not None and lb > la:
                bad.append(f"{a} ({names[la]}) → {b} ({names[lb]})")
    return bad


# --------------------------------------------------------------------------- the checker, on known cases

def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "stancemap"
    for name, src in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(src, encoding="utf-8")
    (root / "__init__.py").touch()
    return root


def test_checker_finds_a_cycle_made_of_imports_inside_functions(tmp_path):
    # the shape of the cycle main had: every edge an import inside a function
    root = _package(tmp_path, {
        "compare.py": "def f():\n    from . import scale\n",
        "scale.py": "def g():\n    from .score import score\n",
        "score.py": "def h():\n    from .compare import frame_shares\n",
        "plots.py": "from .compare import frame_shares\n",
    })
    edges, _ = import_edges(root)
    assert cycles(edges) == [["stancemap.compare", "stancemap.scale", "stancemap.score"]]


def test_checker_finds_wrong_way_and_private_imports(tmp_path):
    root = _package(tmp_path, {
        "compare.py": "def f():\n    from .engines.dask import collect\n",
        "keyness.py": "from .compare import _check_column, frame_shares\n",
        "engines/__init__.py": "",
        "engines/dask.py": "import stancemap.compare\n",
    })
    edges, private = import_edges(root)
    assert wrong_way(edges) == ["stancemap.compare (summaries) → stancemap.engines.dask (engines)"]
    assert private == ["stancemap.keyness: stancemap.compare._check_column"]


# --------------------------------------------------------------------------- the package

@functools.lru_cache(maxsize=None)
def package_edges() -> tuple[dict[str, set[str]], list[str]]:
    """:func:`import_edges` of the package, read once per test session."""
    return import_edges(PACKAGE)


def test_every_module_has_a_layer():
    unplaced = [m for m in module_names(PACKAGE) if layer_of(m) is None]
    assert not unplaced, (f"Module(s) {unplaced} belong to no layer: add each to LAYERS in tests/test_layers.py "
                          "and to docs/architecture.md.")


def test_no_import_goes_against_the_data_flow():
    edges, _ = package_edges()
    assert wrong_way(edges) == [], "These imports point from an earlier layer to a later one"


def test_no_import_cycle():
    edges, _ = package_edges()
    assert cycles(edges) == []


def test_no_module_imports_another_modules_private_names():
    _, private = package_edges()
    assert private == []


@pytest.mark.parametrize("core", ["foundation", "io", "extract", "modelling", "evaluation", "summaries", "figures"])
def test_the_core_never_imports_the_engines(core):
    edges, _ = package_edges()
    engines = list(LAYERS).index("engines")
    bad = [f"{a} → {b}" for a, bs in edges.items() if layer_of(a) == list(LAYERS).index(core)
           for b in bs if layer_of(b) == engines]
    assert bad == []


def test_the_architecture_page_lists_every_module_in_its_layer():
    page = (PACKAGE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = page.split("```")[1]
    current = None
    placed: dict[str, str] = {}
    for line in tree.splitlines():
        if line and not line.startswith(" "):
            current = line.split(" ", 1)[1]
        elif line.strip():
            placed[line.split()[0]] = current
    want = {str(p.relative_to(PACKAGE.parent)): list(LAYERS)[layer_of(m)] for m, p in module_names(PACKAGE).items()}
    assert placed == want, "docs/architecture.md's module tree is stale: update it from LAYERS"

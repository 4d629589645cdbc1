"""The project's set-up files agree with each other."""
from __future__ import annotations

import re
import tomllib

import yaml

# conda-forge names that differ from PyPI names
CONDA_TO_PYPI = {"python-kaleido": "kaleido"}


def _name(req: str) -> str:
    name = re.split(r"[<>=!~ ;\[]", req.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject(root):
    data = tomllib.loads((root / "pyproject.toml").read_text())
    deps = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]
    return {_name(d): d for d in deps}


def _environment(root):
    env = yaml.safe_load((root / "environment.yml").read_text())
    out = {}
    for d in env["dependencies"]:
        if isinstance(d, dict):
            for p in d.get("pip", []):
                out[_name(p)] = p
        else:
            n = _name(d)
            if n not in {"python", "pip"}:
                out[CONDA_TO_PYPI.get(n, n)] = d
    return out


def test_environment_lists_the_same_dependencies_as_pyproject(root):
    py, env = _pyproject(root), _environment(root)
    assert sorted(py) == sorted(env), (
        f"only in pyproject: {sorted(set(py) - set(env))}; only in environment.yml: {sorted(set(env) - set(py))}")


def test_lower_bounds_agree(root):
    py, env = _pyproject(root), _environment(root)
    bound = lambda s: re.search(r">=\s*([\w.]+)", s).group(1) if ">=" in s else None  # noqa: E731
    assert {k: bound(v) for k, v in py.items()} == {k: bound(env[k]) for k in py}


def test_required_dependencies_present(root):
    py = _pyproject(root)
    for need in ["jupyterlab", "pandas", "scikit-learn", "plotly", "nltk", "pytest", "nbval"]:
        assert need in py, need


def test_required_layout(root):
    for p in ["notebooks", "toolkit/stancemap", "corpora", "tests", "benchmarks", "environment.yml",
              "pyproject.toml", "Makefile", "README.md", ".ci/run"]:
        assert (root / p).exists(), p


def test_ci_runs_the_readme_test_command(root):
    assert "make test" in (root / ".ci/run").read_text()
    readme = (root / "README.md").read_text()
    assert "make demo" in readme.split("\n## ")[0] and "make test" in readme.split("\n## ")[0]

"""toolkit/stancemap/vendor: the small plotly.js of the image browser is the file its recipe builds."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from stancemap import imagebrowser as IB

ROOT = Path(__file__).resolve().parents[1]
RECIPE = ROOT / "toolkit" / "plotly-bundle"


def test_the_bundle_is_the_one_its_readme_names_and_is_packaged():
    digest = hashlib.sha256(IB.FIGURE_BUNDLE.read_bytes()).hexdigest()
    assert digest in (IB.FIGURE_BUNDLE.parent / "README.md").read_text(encoding="utf-8")
    assert '"vendor/*.js"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    # the recipe registers the trace types the image browser counts on, and pins the plotly.js it names
    entry = (RECIPE / "entry.js").read_text(encoding="utf-8")
    assert {t for t in IB.FIGURE_TRACES if t != "scatter"} == set(
        re.findall(r"require\('plotly\.js/lib/(\w+)'\)", entry)) - {"core", "calendars"}
    assert f'"plotly.js": "{IB.plotly_version(IB.FIGURE_BUNDLE)}"' in (RECIPE / "package.json").read_text(encoding="utf-8")


def test_the_bundle_builds_again_byte_for_byte(tmp_path):
    """`make plotly-bundle`'s script, run from npm's cache (never the network), gives the same bytes."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("needs Node.js and npm (the build's tools)")
    work = tmp_path / "plotly-bundle"
    work.mkdir()
    for name in ("build.sh", "entry.js", "package.json", "package-lock.json"):
        shutil.copy2(RECIPE / name, work / name)
    r = subprocess.run(["bash", str(work / "build.sh"), str(tmp_path / "out.js")], capture_output=True, text=True,
                       timeout=600, env={**os.environ, "NPM_FLAGS": "--offline"})
    if r.returncode != 0 and ("ENOTCACHED" in r.stderr or "offline" in r.stderr.lower()):
        pytest.skip("npm's cache lacks plotly.js and esbuild at their pinned versions (run make plotly-bundle once online)")
    assert r.returncode == 0, r.stderr[-2000:]
    assert (tmp_path / "out.js").read_bytes() == IB.FIGURE_BUNDLE.read_bytes()

"""The top-level API: verbs reachable as stancemap.<verb>(...)."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd

import stancemap as sm


def test_pipeline_through_the_top_level_api():
    docs = sm.load_bundled()
    statements = sm.extract(docs)
    scored = sm.score(statements)
    assert len(scored) == len(statements) > 0
    assert "frames" in scored.columns and "tone" in scored.columns
    shares = sm.compare.frame_shares(scored, n_boot=100)
    assert {"group", "frame", "n", "share", "ci_low", "ci_high"} <= set(shares.columns)


def test_modules_stay_modules_and_verbs_stay_callable():
    import stancemap.score  # noqa: F401  (importing the submodule must not break the verb)

    assert callable(sm.score) and callable(sm.score.score) and callable(sm.extract) and callable(sm.report)
    assert isinstance(sm.extract_text("Quill said: “We want talks.”"), pd.DataFrame)


def test_import_is_light():
    # nor pandas: the report command starts Chrome before pandas is imported (stancemap.cli)
    code = ("import sys, stancemap, stancemap.cli, stancemap.imagebrowser; "
            "print('sklearn' in sys.modules, 'plotly' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False"]


def test_the_registry_names_load_on_first_use():
    from stancemap import ActorRegistry, load_actors
    from stancemap.actors import ActorRegistry as direct

    assert ActorRegistry is direct and sm.ActorRegistry is direct
    assert isinstance(load_actors(), ActorRegistry) and sm.actors.load_actors is load_actors


def test_help_and_dir_list_the_verbs():
    """Issue 14.8: help(stancemap) listed only load_actors, since the verbs load lazily."""
    code = ("import pydoc, stancemap; names = dir(stancemap); "
            "page = pydoc.render_doc(stancemap, renderer=pydoc.plaintext); "
            "print(repr((names, page)))")
    names, page = eval(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,  # noqa: S307
                                      check=True).stdout)
    verbs = ["load", "load_bundled", "extract", "score", "report", "explain", "save_figure", "load_dataset"]
    assert set(verbs) | {"compare", "plots", "keyness"} <= set(names)
    assert set(verbs) <= set(sm.__all__)
    description = page.split("PACKAGE CONTENTS")[0]
    for verb in verbs:
        assert f"    {verb}(" in description, verb
    functions = page.split("FUNCTIONS")[1]
    for verb in ("load", "load_bundled", "explain", "save_figure", "load_dataset", "extract_text"):
        assert f"    {verb}(" in functions, verb

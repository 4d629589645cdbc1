"""The command-line reference docs/cli.md is generated from --help and must be current;
the options several commands share are defined once (stancemap.commands.options)."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from stancemap.cli import build_parser
from stancemap.commands import docs, options
from stancemap.errors import StancemapError

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / docs.REFERENCE


def test_cli_reference_is_current():
    text = REFERENCE.read_text(encoding="utf-8")
    made_with = text.split("(Python ", 1)[1].split(")", 1)[0]
    if made_with != docs.python_version():
        pytest.skip(f"{docs.REFERENCE} was generated with Python {made_with}; argparse lays help out differently "
                    f"in {docs.python_version()}")
    assert text == docs.reference(), f"{docs.REFERENCE} is stale: run `{docs.REFRESH}` and commit the result."


def test_reference_covers_every_command_and_action():
    text = docs.reference()
    for name in ("extract", "score", "report", "sample", "agreement", "train", "evaluate", "explain",
                 "datasets load", "model build", "classroom student-version"):
        assert f"## `stancemap {name}`" in text, name


def test_check_flag(tmp_path, capsys):
    stale = tmp_path / "cli.md"
    stale.write_text("old\n", encoding="utf-8")
    assert docs.main(["--check", "--out", str(stale)]) == 1
    assert docs.REFRESH in capsys.readouterr().err
    assert docs.main(["--out", str(stale)]) == 0
    assert docs.main(["--check", "--out", str(stale)]) == 0


def _options(parser: argparse.ArgumentParser):
    for p in docs.walk_parsers(parser):
        for a in p._actions:
            for flag in a.option_strings:
                yield p.prog, flag, a.help


def test_shared_options_have_one_help_text():
    shared = {"--actors", "--model", "--codebook", "--jobs", "--seed", "--quiet", "--progress", "--formats",
              "--engine", "--scheduler", "--workers", "--folds"}
    helps = {h for h in options.HELP.values() if "{" not in h}
    helps |= {options.HELP["folds"].format(default=5, skip=s) for s in ("", "; 0 = skip")}
    # options that share a name but not a meaning: the report's bootstrap seed, parallel downloads
    own = {("stancemap report", "--seed"), ("stancemap datasets fetch", "--workers")}
    seen: dict[str, set] = {}
    for prog, flag, text in _options(build_parser()):
        if flag in shared and (prog, flag) not in own:
            seen.setdefault(flag, set()).add(text)
            assert text in helps, (prog, flag, text)
    assert seen["--model"] == {options.HELP["model"]}
    assert seen["--actors"] == {options.HELP["actors"]}
    assert seen["--jobs"] == {options.HELP["jobs"]}
    assert seen["--codebook"] == {options.HELP["codebook"], options.HELP["codebook_of_model"]}


def test_engine_options():
    p = argparse.ArgumentParser()
    options.add_engine_arguments(p)
    assert options.engine_options(p.parse_args([])) == {"engine": "pandas", "scheduler": None, "n_workers": 2,
                                                        "n_jobs": 1}
    assert options.engine_options(p.parse_args(["--jobs", "2"]))["n_jobs"] == 2
    opts = options.engine_options(p.parse_args(["--engine", "dask", "--scheduler", "tcp://10.0.0.5:8786"]))
    assert opts["engine"] == "dask" and opts["scheduler"] == "tcp://10.0.0.5:8786"
    with pytest.raises(StancemapError, match="--jobs 2 applies to the pandas engine"):
        options.engine_options(p.parse_args(["--engine", "dask", "--jobs", "2"]))
    with pytest.raises(StancemapError, match="only applies to the Dask engine"):
        options.engine_options(p.parse_args(["--scheduler", "tcp://10.0.0.5:8786"]))


def test_every_command_module_registers_or_is_a_helper():
    import importlib
    import pkgutil

    from stancemap import commands

    helpers = {"options", "docs"}
    for info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"stancemap.commands.{info.name}")
        assert hasattr(module, "register") != (info.name in helpers), info.name

"""``stancemap check FILE…``: registries, codebooks and dataset registries validated from the shell."""
from __future__ import annotations

import subprocess
import sys

import pytest

from stancemap.cli import main

BUNDLED = ["corpora/actors.yaml", "corpora/codebook.yaml", "corpora/datasets.yaml", "models/default/codebook.yaml",
           "tests/fixtures/models/codebook.yaml"]


def test_every_bundled_yaml_checks_ok(root, capsys):
    assert main(["check", *(str(root / f) for f in BUNDLED)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.rsplit(": ", 1)[1] for line in out] == ["Actor registry OK", "Codebook OK", "Dataset registry OK",
                                                        "Codebook OK", "Codebook OK"]


def test_alias_typo_reported_with_line_and_fix(tmp_path, capsys):
    bad = tmp_path / "actors.yaml"
    bad.write_text("actors:\n  us:\n    label: United States\n    members:\n      - name: Donald Trump\n"
                   "        alias: [Trump]\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}: Actor registry, 1 problem(s):" in out
    assert (f"{bad}, line 6 (actors.us.members[0].alias): unknown key 'alias'. Valid keys here: name, kind, aliases, pronouns, head, in_office. "
            "Did you mean 'aliases'? Fix: rename 'alias' to 'aliases'.") in out


def test_dataset_registry_typos_and_types(tmp_path, capsys):
    bad = tmp_path / "datasets.yaml"
    bad.write_text("datasets:\n  demo:\n    repo: someone/demo\n    commit: 134450b5183c05bcbaac31d87e0e0ed65d54986e\n"
                   "    licence: CC0\n    files:\n      - path: a.csv\n        sha256: xyz\n        size: big\n"
                   "    options:\n      debate_dates:\n        2014: 2014-13-40\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "line 5 (datasets.demo.licence): unknown key 'licence'" in out and "Did you mean 'license'?" in out
    assert "line 3 (datasets.demo): missing required key 'license'" in out
    assert "line 8 (datasets.demo.files[0].sha256): value 'xyz' is not valid. Fix: a sha256 is 64 hex digits" in out
    assert "line 9 (datasets.demo.files[0].size): must be a whole number, got text ('big')" in out
    assert "line 12 (datasets.demo.options.debate_dates.2014): '2014-13-40' is not a date" in out


def test_semantic_errors_from_the_loader_are_reported(tmp_path, capsys):
    bad = tmp_path / "actors.yaml"
    bad.write_text("actors:\n  a: {members: [{name: A, aliases: [Z]}]}\n  b: {members: [{name: B, aliases: [Z]}]}\n",
                   encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    assert "belongs to both" in capsys.readouterr().out


def test_kind_is_detected_or_forced(tmp_path, capsys):
    odd = tmp_path / "odd.yaml"
    odd.write_text("groups: {}\n", encoding="utf-8")
    assert main(["check", str(odd)]) == 2
    err = capsys.readouterr().err
    assert "cannot tell what kind of file" in err and "--kind" in err and len(err.strip().splitlines()) == 1
    assert main(["check", "--kind", "registry", str(odd)]) == 1
    assert "unknown key 'groups'. Valid keys here: actors, titles." in capsys.readouterr().out


@pytest.mark.parametrize("content, needle", [
    (None, "does not exist"),
    ("actors: [unclosed\n", "is not valid YAML"),
])
def test_unreadable_files_exit_2_with_one_line(tmp_path, content, needle):
    path = tmp_path / "x.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "stancemap", "check", str(path)], capture_output=True, text=True)
    assert r.returncode == 2 and needle in r.stderr and len(r.stderr.strip().splitlines()) == 1

"""stancemap.classroom, `stancemap classroom`, and the nbgrader metadata of the three assignments.

The nbgrader round trip (generate, fill, autograde, feedback, export) is in
tests/test_classroom_roundtrip.py (slow).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from stancemap.classroom import (HIDDEN_BEGIN, HIDDEN_END, grade_cells, load_coding_set, points, span_hash,
                                 write_student_version)
from stancemap.cli import main
from stancemap.errors import StancemapError

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "notebooks" / "classroom"
ASSIGNMENTS = ["ceasefire-framing", "stance-and-evidence", "code-it-yourself"]
#: points per assignment: (autograded, of which in hidden-test cells, manually graded)
POINTS = {"ceasefire-framing": (11, 6, 3), "stance-and-evidence": (9, 5, 3), "code-it-yourself": (11, 6, 3)}
CODING = ROOT / "corpora" / "classroom" / "code-it-yourself"
REAL_NAMES = re.compile(r"Putin|Zelensk|Trump|Peskov|Lavrov|Biden|Scholz|Macron|Kremlin|Kyiv|Moscow|Ukrain|Russia")


def notebook_path(assignment: str) -> Path:
    return COURSE / "source" / assignment / f"{assignment}.ipynb"


@pytest.fixture(params=ASSIGNMENTS)
def assignment(request):
    return request.param, nbformat.read(notebook_path(request.param), as_version=4)


def test_course_layout():
    assert (COURSE / "nbgrader_config.py").is_file()
    assert (COURSE / "README.md").is_file()
    assert sorted(p.name for p in (COURSE / "source").iterdir() if p.is_dir()) == sorted(ASSIGNMENTS)
    config = (COURSE / "nbgrader_config.py").read_text(encoding="utf-8")
    for a in ASSIGNMENTS:
        assert f'"name": "{a}"' in config, f"{a} is not listed in nbgrader_config.py"
    ignored = (COURSE / ".gitignore").read_text(encoding="utf-8")
    for generated in ("release/", "submitted/", "autograded/", "feedback/", "gradebook.db", "grades.csv"):
        assert generated in ignored
    # nbval must never collect nbgrader's output folders (student versions raise NotImplementedError)
    assert "release/*" in (COURSE / "conftest.py").read_text(encoding="utf-8")


def test_points_per_assignment(assignment):
    name, nb = assignment
    auto, hidden, manual = POINTS[name]
    assert points(nb) == {"auto": auto, "hidden": hidden, "manual": manual, "total": auto + manual}
    intro = " ".join(nb.cells[0].source.split())
    assert f"**Points.** {auto + manual} in all: {auto} for the code" in intro and f"{manual} for the written" in intro


def test_nbgrader_metadata_is_complete(assignment):
    """Solution cells, visible + hidden tests with points, a manual answer, read-only instructions."""
    pytest.importorskip("nbgrader")
    from nbgrader.preprocessors import CheckCellMetadata

    name, nb = assignment
    CheckCellMetadata().preprocess(nb, {})  # nbgrader's own schema check (raises on bad metadata)
    cells = grade_cells(nb)
    assert cells["grade_id"].is_unique
    solutions = cells[cells["role"] == "solution"]["grade_id"].tolist()
    tests = cells[cells["role"] == "test"]
    assert len(cells[cells["role"] == "manual"]) == 1, "one written answer, graded by the teacher"
    for sol in solutions:  # every exercise: its visible check and its hidden tests, each with points
        ex = sol.removesuffix("-answer")
        assert {f"{ex}-check", f"{ex}-hidden"} <= set(tests["grade_id"]), f"{name}: {ex} lacks a check"
    assert tests["points"].gt(0).all()
    assert tests.loc[tests["grade_id"].str.endswith("-hidden"), "hidden"].all()
    assert not tests.loc[tests["grade_id"].str.endswith("-check"), "hidden"].any()
    for cell in nb.cells:
        m = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown" and not m.get("solution"):
            assert m.get("locked"), f"{name}: instructions should be read-only: {cell.source[:60]!r}"
        if m.get("grade") and not m.get("solution"):
            assert m.get("locked"), "test cells are read-only"
        if HIDDEN_BEGIN in cell.source:
            assert cell.source.count(HIDDEN_BEGIN) == cell.source.count(HIDDEN_END) == 1
            assert m.get("grade"), "hidden tests only in autograded test cells"
        if "### BEGIN SOLUTION" in cell.source:
            assert m.get("solution"), "solution markers only in solution cells (nbgrader refuses otherwise)"
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and not params[0].metadata.get("nbgrader", {}).get("solution")


def test_solution_notebooks_pass_their_own_tests(assignment):
    """The committed outputs show every visible and hidden check passing."""
    name, nb = assignment
    passed = [o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream"
              and "✓" in o.text]
    n_tests = int((grade_cells(nb)["role"] == "test").sum())
    assert len(passed) == n_tests, f"{name}: {len(passed)} of {n_tests} test cells show ✓"


def test_coding_set_fallback_is_constructed_and_fictional():
    units, source = load_coding_set(prefer="constructed")
    assert source == "constructed" and len(units) == 30 and units["unit_id"].is_unique
    assert (units["origin"] == "constructed").all()
    assert set(units["actor"]) == {"north", "south"}
    assert not units["text"].str.contains(REAL_NAMES).any(), "constructed statements name nobody real"
    assert not units["speaker"].str.contains(REAL_NAMES).any()


def test_coding_set_without_data_falls_back(monkeypatch, tmp_path):
    monkeypatch.delenv("STANCEMAP_DATA", raising=False)
    assert load_coding_set()[1] == "constructed"
    assert load_coding_set(tmp_path)[1] == "constructed"  # a folder without the dataset
    with pytest.raises(StancemapError, match="STANCEMAP_DATA"):
        load_coding_set(tmp_path, prefer="public")
    with pytest.raises(StancemapError, match="prefer="):
        load_coding_set(prefer="real")


def test_references_hold_no_text_and_codes_cover_every_unit():
    refs = pd.read_csv(CODING / "references.csv", dtype=str)
    assert len(refs) == 30 and "text" not in refs.columns and refs["unit_id"].is_unique
    assert set(refs["dataset"]) == {"kremlin-kyiv-press-2021-2022"}
    constructed = pd.read_csv(CODING / "constructed.csv", dtype=str)
    units = set(refs["unit_id"]) | set(constructed["unit_id"])
    for name in ("classmate.csv", "example-codes.csv"):
        codes = pd.read_csv(CODING / name, dtype={"unit_id": str})
        assert set(codes["unit_id"]) == units, name
        assert set(codes["frame_security"]) == set(codes["frame_blame"]) == {0, 1}


def test_real_statements_hydrate_and_stay_out_of_the_notebook(datasets_dir):
    units, source = load_coding_set(datasets_dir)
    assert source == "public datasets" and len(units) == 30
    assert (units["origin"] == "real").all() and units["text"].str.len().gt(20).all()
    refs = pd.read_csv(CODING / "references.csv", dtype=str)
    assert [span_hash(t) for t in units["text"]] == refs["sha256_16"].tolist()
    committed = notebook_path("code-it-yourself").read_text(encoding="utf-8")
    leaked = [u for u, t in zip(units["unit_id"], units["text"]) if t[:60] in committed or
              t[:60].replace('"', '\\"') in committed]
    assert not leaked, (f"the committed notebook shows real statements {leaked}: regenerate it without the data "
                        "(env -u STANCEMAP_DATA .venv/bin/python notebooks/regenerate.py …)")


def test_a_changed_span_is_refused(datasets_dir, tmp_path):
    refs = pd.read_csv(CODING / "references.csv", dtype=str)
    refs.loc[0, "char_end"] = str(int(refs.loc[0, "char_end"]) - 1)
    bad = tmp_path / "refs.csv"
    refs.to_csv(bad, index=False)
    with pytest.raises(StancemapError, match="hash mismatch"):
        load_coding_set(datasets_dir, references=bad)


def test_student_version_errors_before_running_nbgrader(tmp_path):
    sol = tmp_path / "solution.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nbformat.write(nb, sol)
    with pytest.raises(StancemapError, match="no nbgrader solution cells"):
        write_student_version(sol, tmp_path / "student.ipynb")
    with pytest.raises(StancemapError, match="solution notebook itself"):
        write_student_version(sol, sol)
    with pytest.raises(StancemapError, match="does not exist"):
        write_student_version(tmp_path / "missing.ipynb", tmp_path / "out.ipynb")
    with pytest.raises(StancemapError, match="must end in .ipynb"):
        write_student_version(sol, tmp_path / "student.py")
    (tmp_path / "exists.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(StancemapError, match="already exists"):
        write_student_version(sol, tmp_path / "exists.ipynb", overwrite=False)
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(StancemapError, match="Cannot read"):
        write_student_version(broken, tmp_path / "broken-student.ipynb")


def test_cli_points(capsys):
    paths = [str(notebook_path(a)) for a in ASSIGNMENTS]
    assert main(["classroom", "points", *paths]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split("\t") == ["notebook", "autograded", "hidden", "manual", "total"]
    got = {line.split("\t")[0]: tuple(int(x) for x in line.split("\t")[1:]) for line in lines[1:]}
    assert got == {a: (*POINTS[a], POINTS[a][0] + POINTS[a][2]) for a in ASSIGNMENTS}


def test_cli_student_version_refuses_to_overwrite_the_solution(capsys):
    sol = notebook_path("ceasefire-framing")
    before = sol.read_bytes()
    assert main(["classroom", "student-version", str(sol), "--out", str(sol)]) == 2
    assert "solution notebook itself" in capsys.readouterr().err
    assert sol.read_bytes() == before


@pytest.mark.slow
def test_cli_student_version_runs_nbgrader(readme_student_version):
    """`stancemap classroom student-version` as the README documents it (run once, as the installed program,
    for tests/test_readme.py too) writes nbgrader's release."""
    pytest.importorskip("nbgrader")
    sol = notebook_path("ceasefire-framing")
    assert readme_student_version, "README documents the student-version command"
    cmd, r, work = readme_student_version
    args = cmd.split()
    assert args[3] == str(sol.relative_to(ROOT)) and args[4] == "--out", cmd
    assert r.returncode == 0, r.stderr
    out = work / args[5]
    err = r.stderr
    assert "with nbgrader" in err and "5 code solution(s)" in err and "1 written answer(s)" in err
    student = nbformat.read(out, as_version=4)
    nbformat.validate(student)
    text = "\n".join(c.source for c in student.cells)
    assert "BEGIN SOLUTION" not in text and HIDDEN_BEGIN not in text
    assert "group_counts(scored).set_index" not in text, "hidden tests must not reach students"
    assert "scored.groupby(\"actor\").size()" not in text, "solutions must not reach students"
    code = "\n".join(c.source for c in student.cells if c.cell_type == "code")
    assert code.count("raise NotImplementedError()") == 5 and "YOUR ANSWER HERE" in text
    solution = nbformat.read(sol, as_version=4)
    checks = [c.source for c in solution.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-check")]
    assert checks == [c.source for c in student.cells
                      if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-check")], "visible checks kept"
    assert all(not c.outputs and c.execution_count is None for c in student.cells if c.cell_type == "code")
    assert "jupytext" not in student.metadata


def test_nbgrader_env_puts_this_python_first():
    from stancemap.classroom import _env

    env = _env()
    assert env["PATH"].split(os.pathsep)[0] == str(Path(os.sys.executable).parent)
    assert str(ROOT / "toolkit") in env["PYTHONPATH"].split(os.pathsep)

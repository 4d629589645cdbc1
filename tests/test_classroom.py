"""stancemap.classroom and `stancemap classroom student-version`."""
from __future__ import annotations

import nbformat
import pytest

from stancemap.classroom import (CODE_STUB, MD_STUB, strip_solutions, student_version,
                                 write_student_version)
from stancemap.cli import main
from stancemap.errors import StancemapError


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    exercise = nbformat.v4.new_code_cell(
        "import math\n### BEGIN SOLUTION\nanswer = math.sqrt(16)\n### END SOLUTION\nanswer",
        execution_count=3)
    exercise.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "4.0"}, execution_count=3)]
    indented = nbformat.v4.new_code_cell(
        "def area(r):\n    ### BEGIN SOLUTION\n    return math.pi * r ** 2\n    ### END SOLUTION")
    check = nbformat.v4.new_code_cell("assert answer == 4\nprint('✓ passed')", execution_count=4,
                                      metadata={"tags": ["self-check"]})
    check.outputs = [nbformat.v4.new_output("stream", name="stdout", text="✓ passed\n")]
    written = nbformat.v4.new_markdown_cell(
        "Why?\n\n<!-- BEGIN SOLUTION -->\nBecause 4 × 4 = 16.\n<!-- END SOLUTION -->\n\nThanks.")
    nb.cells = [nbformat.v4.new_markdown_cell("# Assignment"), exercise, indented, check, written]
    return nb


def test_strip_solutions_code_keeps_context_and_indentation():
    src = "x = 1\n### BEGIN SOLUTION\ny = x + 1\n### END SOLUTION\nprint(y)"
    out, n = strip_solutions(src, "code")
    assert n == 1
    assert out.splitlines() == ["x = 1", *CODE_STUB, "print(y)"]
    out, n = strip_solutions("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION", "code")
    assert out.splitlines() == ["def f():", *("    " + s for s in CODE_STUB)]
    assert "return 1" not in out


def test_strip_solutions_markdown_and_several_blocks():
    src = ("A\n<!-- BEGIN SOLUTION -->\nsecret one\n<!-- END SOLUTION -->\n"
           "B\n<!-- BEGIN SOLUTION -->\nsecret two\n<!-- END SOLUTION -->")
    out, n = strip_solutions(src, "markdown")
    assert n == 2
    assert "secret" not in out
    assert out.splitlines() == ["A", MD_STUB, "B", MD_STUB]
    # code markers in Markdown (and Markdown markers in code) are left alone
    assert strip_solutions("### BEGIN SOLUTION\nx\n### END SOLUTION", "markdown") == (
        "### BEGIN SOLUTION\nx\n### END SOLUTION", 0)
    assert strip_solutions("text", "raw") == ("text", 0)


@pytest.mark.parametrize("src, message", [
    ("### BEGIN SOLUTION\nx = 1", "never closed"),
    ("x = 1\n### END SOLUTION", "without a '### BEGIN SOLUTION'"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\nx\n### END SOLUTION", "inside another solution block"),
])
def test_unbalanced_markers_are_explained(src, message):
    with pytest.raises(StancemapError, match=message) as e:
        strip_solutions(src, "code", where="cell 7 (code)")
    assert "cell 7" in str(e.value)


def test_student_version_clears_outputs_keeps_checks_and_validates():
    nb = _notebook()
    result = student_version(nb)
    s = result.notebook
    assert (result.code_solutions, result.markdown_solutions, result.outputs_cleared) == (2, 1, 2)
    nbformat.validate(s)
    sources = "\n".join(c.source for c in s.cells)
    assert "math.sqrt(16)" not in sources and "math.pi" not in sources and "4 × 4" not in sources
    assert "BEGIN SOLUTION" not in sources and "END SOLUTION" not in sources
    assert sources.count("raise NotImplementedError()") == 2
    check = s.cells[3]
    assert check.source == nb.cells[3].source and check.metadata["tags"] == ["self-check"]
    assert all(c.outputs == [] and c.execution_count is None for c in s.cells if c.cell_type == "code")
    assert "jupytext" not in s.metadata  # the copy is not paired with the solution's .py
    # the input notebook is untouched
    assert "math.sqrt(16)" in nb.cells[1].source and nb.cells[1].outputs


def test_write_student_version_and_its_errors(tmp_path):
    sol = tmp_path / "solution.ipynb"
    nbformat.write(_notebook(), sol)
    out = tmp_path / "student" / "assignment.ipynb"
    result = write_student_version(sol, out)
    assert out.is_file() and result.code_solutions == 2
    nbformat.validate(nbformat.read(out, as_version=4))
    with pytest.raises(StancemapError, match="already exists"):
        write_student_version(sol, out, overwrite=False)
    with pytest.raises(StancemapError, match="solution notebook itself"):
        write_student_version(sol, sol)
    with pytest.raises(StancemapError, match="does not exist"):
        write_student_version(tmp_path / "missing.ipynb", out)
    with pytest.raises(StancemapError, match="must end in .ipynb"):
        write_student_version(sol, tmp_path / "student.py")
    plain = tmp_path / "plain.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), plain)
    with pytest.raises(StancemapError, match="no solution blocks"):
        write_student_version(plain, tmp_path / "plain-student.ipynb")
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(StancemapError, match="Cannot read"):
        write_student_version(broken, tmp_path / "broken-student.ipynb")


def test_cli_student_version(tmp_path, capsys):
    sol = tmp_path / "solution.ipynb"
    nbformat.write(_notebook(), sol)
    out = tmp_path / "student.ipynb"
    assert main(["classroom", "student-version", str(sol), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 code solution(s)" in err and "1 written answer(s)" in err
    assert "math.sqrt(16)" not in out.read_text(encoding="utf-8")
    assert main(["classroom", "student-version", str(sol), "--out", str(sol)]) == 2
    assert "solution notebook itself" in capsys.readouterr().err
    assert "math.sqrt(16)" in sol.read_text(encoding="utf-8")  # the solution was not overwritten

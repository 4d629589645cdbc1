"""Classroom notebooks: write the student version of an assignment.

Assignments are ordinary notebooks (the *solution* version, which is what
nbval executes) marked up the way nbgrader does it (Jupyter Development Team,
nbgrader, "Autograded answers"; Blank et al. 2019, "nbgrader: A Tool for
Creating and Grading Assignments in the Jupyter Notebook", *JOSE* 2(11)):

* in code cells, the lines between ``### BEGIN SOLUTION`` and
  ``### END SOLUTION`` are the solution. The student version replaces them with
  ``# YOUR CODE HERE`` and ``raise NotImplementedError()`` at the same indentation;
* in Markdown cells, the text between ``<!-- BEGIN SOLUTION -->`` and
  ``<!-- END SOLUTION -->`` is a model answer; it becomes ``YOUR ANSWER HERE``.

Everything else — instructions, self-check cells with ``assert``s, tags — is
kept; outputs and execution counts are cleared so no answer leaks through an
output. The result is validated against the nbformat schema.
"""
from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import StancemapError

CODE_BEGIN = "### BEGIN SOLUTION"
CODE_END = "### END SOLUTION"
MD_BEGIN = "<!-- BEGIN SOLUTION -->"
MD_END = "<!-- END SOLUTION -->"
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
MD_STUB = "YOUR ANSWER HERE"

_MARKERS = {
    "code": (re.compile(r"^(\s*)###\s*BEGIN SOLUTION\s*$"), re.compile(r"^\s*###\s*END SOLUTION\s*$")),
    "markdown": (re.compile(r"^(\s*)<!--\s*BEGIN SOLUTION\s*-->\s*$"),
                 re.compile(r"^\s*<!--\s*END SOLUTION\s*-->\s*$")),
}


@dataclass(frozen=True)
class StudentVersion:
    """What :func:`student_version` did: the new notebook and what it removed."""

    notebook: object  #: an ``nbformat.NotebookNode``
    code_solutions: int  #: solution blocks replaced in code cells
    markdown_solutions: int  #: model answers replaced in Markdown cells
    outputs_cleared: int  #: code cells whose outputs were removed


def strip_solutions(source: str, cell_type: str = "code", where: str = "cell") -> tuple[str, int]:
    """Replace every solution block in one cell's ``source``; returns (new source, blocks replaced).

    Code blocks become ``# YOUR CODE HERE`` + ``raise NotImplementedError()`` at the
    indentation of the BEGIN marker; Markdown blocks become ``YOUR ANSWER HERE``.
    Raises :class:`StancemapError` for an END without BEGIN, a BEGIN without END,
    or nested blocks. Cell types other than code and markdown are returned unchanged.
    """
    if cell_type not in _MARKERS:
        return source, 0
    begin, end = _MARKERS[cell_type]
    b_text, e_text = (CODE_BEGIN, CODE_END) if cell_type == "code" else (MD_BEGIN, MD_END)
    out: list[str] = []
    inside = False
    indent = ""
    blocks = 0
    for number, line in enumerate(source.splitlines(), start=1):
        m = begin.match(line)
        if m:
            if inside:
                raise StancemapError(f"{where}, line {number}: {b_text!r} inside another solution block. "
                                     f"Close the first block with {e_text!r} before opening a new one.")
            inside, indent = True, m.group(1)
            continue
        if end.match(line):
            if not inside:
                raise StancemapError(f"{where}, line {number}: {e_text!r} without a {b_text!r} before it. "
                                     "Add the BEGIN marker or delete this line.")
            inside = False
            blocks += 1
            out.extend(indent + s for s in (CODE_STUB if cell_type == "code" else (MD_STUB,)))
            continue
        if not inside:
            out.append(line)
    if inside:
        raise StancemapError(f"{where}: {b_text!r} is never closed. Add {e_text!r} after the solution.")
    return "\n".join(out), blocks


def student_version(notebook) -> StudentVersion:
    """The student version of a solution notebook (an ``nbformat`` notebook; not modified).

    Solutions are replaced (see :func:`strip_solutions`), outputs and execution
    counts cleared, and the result validated with ``nbformat.validate``.
    """
    import nbformat

    nb = copy.deepcopy(notebook)
    code = md = cleared = 0
    for i, cell in enumerate(nb.cells):
        where = f"cell {i + 1} ({cell.cell_type})"
        new, n = strip_solutions(cell.source, cell.cell_type, where)
        if n:
            cell.source = new
            if cell.cell_type == "code":
                code += n
            else:
                md += n
        if cell.cell_type == "code":
            if cell.get("outputs"):
                cleared += 1
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    # A student copy is not paired with the solution's jupytext file.
    nb.metadata.pop("jupytext", None)
    nb.metadata.pop("papermill", None)
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as e:
        raise StancemapError(f"The student version is not a valid notebook: {e.message}") from None
    return StudentVersion(nb, code, md, cleared)


def write_student_version(notebook: str | os.PathLike, out: str | os.PathLike, *,
                          overwrite: bool = True) -> StudentVersion:
    """Read a solution notebook, write its student version to ``out`` and return the summary.

    Refuses to write over the solution itself, and raises when the notebook has
    no solution block at all (probably the wrong file, or markers misspelt).
    """
    import nbformat

    src, dst = Path(notebook), Path(out)
    if not src.is_file():
        raise StancemapError(f"Notebook {str(src)!r} does not exist. Pass the path of the solution .ipynb.")
    if src.suffix.lower() != ".ipynb":
        raise StancemapError(f"{str(src)!r} is not a .ipynb notebook. Pass the solution notebook "
                             "(for a jupytext .py file, run `jupytext --to ipynb` first).")
    if dst.suffix.lower() != ".ipynb":
        raise StancemapError(f"--out {str(dst)!r} must end in .ipynb.")
    if dst.exists() and dst.resolve() == src.resolve():
        raise StancemapError(f"--out {str(dst)!r} is the solution notebook itself; writing there would delete "
                             "the solutions. Choose another file, e.g. assignment-student.ipynb.")
    if dst.exists() and not overwrite:
        raise StancemapError(f"{str(dst)!r} already exists. Delete it or choose another --out.")
    try:
        nb = nbformat.read(src, as_version=4)
    except Exception as e:  # noqa: BLE001 - nbformat raises several types for unreadable files
        raise StancemapError(f"Cannot read {str(src)!r} as a Jupyter notebook: {e}") from None
    result = student_version(nb)
    if not (result.code_solutions or result.markdown_solutions):
        raise StancemapError(
            f"{str(src)!r} has no solution blocks: no code cell has {CODE_BEGIN!r} … {CODE_END!r} and no "
            f"Markdown cell has {MD_BEGIN!r} … {MD_END!r}. Mark the solutions, or check the file.")
    dst.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(result.notebook, dst)
    return result


__all__ = ["CODE_BEGIN", "CODE_END", "CODE_STUB", "MD_BEGIN", "MD_END", "MD_STUB", "StudentVersion",
           "strip_solutions", "student_version", "write_student_version"]

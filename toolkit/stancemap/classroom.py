"""Classroom assignments graded with nbgrader.

The assignments live in an nbgrader course directory (``notebooks/classroom/``:
``nbgrader_config.py``, ``source/<assignment>/<assignment>.ipynb``). Their cells
carry nbgrader's metadata (Jupyter Development Team, *nbgrader*; Blank et al.
2019, "nbgrader: A Tool for Creating and Grading Assignments in the Jupyter
Notebook", *JOSE* 2(11)): solution cells, autograded test cells with points
(visible checks, and hidden tests between ``### BEGIN HIDDEN TESTS`` and
``### END HIDDEN TESTS`` that only grading runs), manually graded written
answers and read-only instructions.

This module does not re-implement nbgrader: it runs it.

* :func:`nbgrader` runs one ``nbgrader`` command in a course directory;
* :func:`write_student_version` writes the student version of one notebook with
  ``nbgrader generate_assignment`` (in a scratch course directory);
* :func:`grade_cells` and :func:`points` read the points of a notebook;
* :func:`scores` reads per-cell scores of a submission from the gradebook;
* :func:`load_coding_set` gives the statements of the *Code it yourself*
  assignment: real statements stored by reference and hydrated from the public
  datasets, or a bundled constructed set when the data is absent.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .atomic import write_text
from .errors import StancemapError
from .paths import bundled

CODE_BEGIN = "### BEGIN SOLUTION"
CODE_END = "### END SOLUTION"
HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
MD_STUB = "YOUR ANSWER HERE"


# --------------------------------------------------------------------------- running nbgrader

def _env() -> dict:
    """The environment for nbgrader: this Python's bin/ first on PATH (nbgrader runs
    ``alembic`` as a program), and this stancemap importable by the kernels it starts."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    package_root = str(Path(__file__).resolve().parents[1])
    parts = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if package_root not in parts:
        env["PYTHONPATH"] = os.pathsep.join([package_root, *parts])
    return env


def nbgrader(*args: str, course_dir: str | os.PathLike, check: bool = True,
             timeout: float | None = 900) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` in ``course_dir`` with this Python; returns the finished process.

    Raises :class:`StancemapError` with nbgrader's last log lines when it fails
    (``check=True``) or is not installed.
    """
    try:
        import nbgrader as _  # noqa: F401
    except ImportError:
        raise StancemapError("nbgrader is not installed. Install it with `python -m pip install nbgrader` "
                             "(it is in the project's test dependencies).") from None
    cmd = [sys.executable, "-m", "nbgrader", *map(str, args)]
    r = subprocess.run(cmd, cwd=course_dir, env=_env(), capture_output=True, text=True, timeout=timeout)
    if check and r.returncode != 0:
        tail = "\n".join((r.stdout + r.stderr).strip().splitlines()[-15:])
        raise StancemapError(f"`nbgrader {' '.join(map(str, args))}` failed (exit {r.returncode}) in "
                             f"{course_dir}:\n{tail}")
    return r


# --------------------------------------------------------------------------- reading the metadata

def _nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def grade_cells(notebook) -> pd.DataFrame:
    """One row per nbgrader cell of ``notebook`` (a path or an ``nbformat`` notebook).

    Columns: ``grade_id``, ``role`` (``test`` = autograded test cell, ``manual`` =
    written answer graded by the teacher, ``solution`` = code the student writes,
    ``locked`` = read-only instructions or given code), ``points`` (0 when not
    graded) and ``hidden`` (the cell has hidden tests).
    """
    import nbformat

    nb = nbformat.read(notebook, as_version=4) if isinstance(notebook, (str, os.PathLike)) else notebook
    rows = []
    for cell in nb.cells:
        m = _nbgrader_meta(cell)
        if not m:
            continue
        if m.get("grade") and m.get("solution"):
            role = "manual"
        elif m.get("grade"):
            role = "test"
        elif m.get("solution"):
            role = "solution"
        elif m.get("locked"):
            role = "locked"
        else:
            continue
        rows.append((m.get("grade_id", ""), role, float(m.get("points", 0) or 0), HIDDEN_BEGIN in cell.source))
    return pd.DataFrame(rows, columns=["grade_id", "role", "points", "hidden"])


def points(notebook) -> dict[str, float]:
    """Points of a notebook: ``auto`` (autograded tests; ``hidden`` of them in cells
    with hidden tests), ``manual`` (written answers) and ``total``."""
    g = grade_cells(notebook)
    auto = float(g.loc[g["role"] == "test", "points"].sum())
    hidden = float(g.loc[(g["role"] == "test") & g["hidden"], "points"].sum())
    manual = float(g.loc[g["role"] == "manual", "points"].sum())
    return {"auto": auto, "hidden": hidden, "manual": manual, "total": auto + manual}


# --------------------------------------------------------------------------- the student version

@dataclass(frozen=True)
class StudentVersion:
    """What :func:`write_student_version` wrote: the student notebook and what nbgrader removed."""

    notebook: object  #: an ``nbformat.NotebookNode``
    code_solutions: int  #: solution cells whose code became ``# YOUR CODE HERE``
    markdown_solutions: int  #: written answers that became ``YOUR ANSWER HERE``
    hidden_tests: int  #: test cells whose hidden tests were removed
    outputs_cleared: int  #: code cells that had outputs in the solution


def write_student_version(notebook: str | os.PathLike, out: str | os.PathLike, *,
                          overwrite: bool = True) -> StudentVersion:
    """Write the student version of the solution ``notebook`` to ``out`` with nbgrader.

    Runs ``nbgrader generate_assignment`` in a scratch course directory (so no
    gradebook or release folder is left behind): solutions become stubs, hidden
    tests and outputs are removed, cells get nbgrader's checksums. Files beside the
    notebook are not copied (``nbgrader generate_assignment`` in the course
    directory releases a whole assignment folder). Refuses to overwrite the solution.
    """
    import nbformat

    src, dst = Path(notebook), Path(out)
    if not src.is_file():
        raise StancemapError(f"Notebook {str(src)!r} does not exist. Pass the path of the solution .ipynb, "
                             "e.g. notebooks/classroom/source/ceasefire-framing/ceasefire-framing.ipynb.")
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
        solution = nbformat.read(src, as_version=4)
    except Exception as e:  # noqa: BLE001 - nbformat raises several types for unreadable files
        raise StancemapError(f"Cannot read {str(src)!r} as a Jupyter notebook: {e}") from None
    cells = grade_cells(solution)
    if not (cells["role"].isin(["solution", "manual"])).any():
        raise StancemapError(
            f"{str(src)!r} has no nbgrader solution cells (cell metadata 'nbgrader': {{'solution': true, …}}). "
            "Mark the exercises with nbgrader's 'Create Assignment' toolbar in Jupyter, or check the file.")
    assignment = "assignment"
    with tempfile.TemporaryDirectory(prefix="stancemap-classroom-") as tmp:
        course = Path(tmp)
        (course / "source" / assignment).mkdir(parents=True)
        shutil.copyfile(src, course / "source" / assignment / src.name)
        (course / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'scratch'\n",
                                                   encoding="utf-8")
        nbgrader("generate_assignment", assignment, "--force", "--no-db", course_dir=course)
        student = nbformat.read(course / "release" / assignment / src.name, as_version=4)
    # A student copy is not paired with the solution's jupytext file.
    student.metadata.pop("jupytext", None)
    student.metadata.pop("papermill", None)
    nbformat.validate(student)
    dst.parent.mkdir(parents=True, exist_ok=True)
    write_text(dst, nbformat.writes(student) + "\n")  # whole or not at all
    code = sum(1 for c in solution.cells if c.cell_type == "code" and _nbgrader_meta(c).get("solution"))
    md = sum(1 for c in solution.cells if c.cell_type == "markdown" and _nbgrader_meta(c).get("solution"))
    hidden = sum(1 for c in solution.cells if HIDDEN_BEGIN in c.source)
    cleared = sum(1 for c in solution.cells if c.cell_type == "code" and c.get("outputs"))
    return StudentVersion(student, code, md, hidden, cleared)


# --------------------------------------------------------------------------- grades

def scores(course_dir: str | os.PathLike, assignment: str, student: str) -> pd.DataFrame:
    """Per-cell scores of ``student``'s submission of ``assignment`` from the gradebook.

    Columns: ``notebook``, ``grade_id``, ``kind`` (``autograded`` or ``manual``),
    ``score`` (the manual score when the teacher gave one, else the automatic one;
    NaN when a written answer is still ungraded) and ``max_score``.
    """
    from nbgrader.api import Gradebook

    course = Path(course_dir).resolve()
    rows = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission(assignment, student)
        for nb in sub.notebooks:
            for g in nb.grades:
                kind = "manual" if g.cell_type == "markdown" else "autograded"
                rows.append((nb.name, g.name, kind, g.score, g.max_score))
    out = pd.DataFrame(rows, columns=["notebook", "grade_id", "kind", "score", "max_score"])
    return out.sort_values(["notebook", "grade_id"]).reset_index(drop=True)


# --------------------------------------------------------------------------- Code it yourself: the statements

CODING_LABELS = ("frame_security", "frame_blame")
REF_COLUMNS = ["unit_id", "dataset", "doc_id", "char_start", "char_end", "sha256_16", "actor", "speaker", "date"]


def span_hash(text: str) -> str:
    """First 16 hex digits of the sha256 of ``text`` (UTF-8): detects drift of a referenced span."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _hydrate(refs: pd.DataFrame, data_dir) -> pd.DataFrame:
    from .datasets import load_dataset

    texts = []
    for name, part in refs.groupby("dataset", sort=False):
        docs = load_dataset(name, data_dir).set_index("doc_id")["text"]
        for _, r in part.iterrows():
            if r["doc_id"] not in docs.index:
                raise StancemapError(f"{name}: document {r['doc_id']!r} (unit {r['unit_id']}) is not in the "
                                     "data directory's copy. Check the dataset version (`stancemap datasets info`).")
            span = docs[r["doc_id"]][int(r["char_start"]):int(r["char_end"])]
            if span_hash(span) != r["sha256_16"]:
                raise StancemapError(f"{name}: the span of unit {r['unit_id']} ({r['doc_id']} "
                                     f"{r['char_start']}–{r['char_end']}) changed (hash mismatch). The data file "
                                     "or the loader differs from the one the references were made with.")
            texts.append((r["unit_id"], span))
    hydrated = dict(texts)
    return refs.assign(text=refs["unit_id"].map(hydrated))


def load_coding_set(data_dir: str | os.PathLike | None = None, *, references: str | os.PathLike | None = None,
                    fallback: str | os.PathLike | None = None, prefer: str = "auto") -> tuple[pd.DataFrame, str]:
    """The statements to hand-code in *Code it yourself*, and where they came from.

    ``references`` (default ``corpora/classroom/code-it-yourself/references.csv``)
    names real statements by dataset, document id and character span (no text);
    they are hydrated from the data directory (``data_dir``, else
    ``$STANCEMAP_DATA``) with the :mod:`stancemap.datasets` loaders, each span
    checked against its stored hash. When the datasets are not there (or
    ``prefer="constructed"``), the bundled constructed statements
    (``fallback``, ``origin=constructed``, attributed to fictional actors) are used.

    Returns ``(table, source)``: ``table`` has ``unit_id, actor, speaker, date,
    text, origin`` (+ the reference columns for real statements); ``source`` is
    ``"public datasets"`` or ``"constructed"``.
    """
    from .datasets import resolve_data_dir

    if prefer not in ("auto", "public", "constructed"):
        raise StancemapError(f"prefer={prefer!r}: use 'auto', 'public' or 'constructed'.")
    refs = pd.read_csv(references or bundled("classroom", "code-it-yourself", "references.csv"), dtype=str,
                       keep_default_na=False)
    missing = [c for c in REF_COLUMNS if c not in refs.columns]
    if missing:
        raise StancemapError(f"The references file lacks columns {missing}; expected {REF_COLUMNS}.")
    if prefer != "constructed":
        if data_dir is None and not os.environ.get("STANCEMAP_DATA"):
            root = None
        else:
            root = resolve_data_dir(data_dir)
        have = root is not None and all((root / name).is_dir() for name in refs["dataset"].unique())
        if have:
            table = _hydrate(refs, root).assign(origin="real")
            return table[["unit_id", "actor", "speaker", "date", "text", "origin", "dataset", "doc_id",
                          "char_start", "char_end"]], "public datasets"
        if prefer == "public":
            raise StancemapError(f"The public datasets {sorted(refs['dataset'].unique())} are not in "
                                 f"{root if root is not None else '$STANCEMAP_DATA (not set)'}. Set STANCEMAP_DATA to "
                                 "a copy (`stancemap datasets fetch NAME` downloads one).")
    table = pd.read_csv(fallback or bundled("classroom", "code-it-yourself", "constructed.csv"), dtype=str,
                        keep_default_na=False)
    if not (table["origin"] == "constructed").all():
        raise StancemapError("The fallback statements must all be marked origin=constructed.")
    return table[["unit_id", "actor", "speaker", "date", "text", "origin"]], "constructed"


__all__ = ["CODE_BEGIN", "CODE_END", "CODE_STUB", "CODING_LABELS", "HIDDEN_BEGIN", "HIDDEN_END", "MD_STUB",
           "StudentVersion", "grade_cells", "load_coding_set", "nbgrader", "points", "scores", "span_hash",
           "write_student_version"]

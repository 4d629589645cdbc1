"""The nbgrader round trip of the three classroom assignments, and the teacher's guide.

For each assignment, in one copy of the course directory (one gradebook):
generate the student version, fill it once with the solution and once with a
wrong answer set (answers fitted to the visible checks, a stub left in place),
autograde each submission (timed), then check full marks, the expected partial
marks per test cell and the messages in the feedback, and export the grades.
The round trips call nbgrader's Python API in this process (the same converters
the commands run, without a Python start-up per step); the guide test runs every
command of notebooks/classroom/README.md as a program, exchange included (release,
fetch, submit, collect, release and fetch feedback), and times its autograde.

Slow: nbgrader starts a kernel per submission and the model loads in each.
"""
from __future__ import annotations

import csv
import json
import os
import re
import shlex
import shutil
import sys
import time
from pathlib import Path

import nbformat
import pytest

from stancemap.classroom import CODE_BEGIN, CODE_END, _env, nbgrader, points, scores

pytestmark = [pytest.mark.slow,  # nbgrader's own warnings in this process (its program prints them to stderr)
              pytest.mark.filterwarnings("ignore:Object of type <Submitted:Warning"),
              pytest.mark.filterwarnings("ignore:Your element with mimetype:UserWarning")]
pytest.importorskip("nbgrader")

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "notebooks" / "classroom"
GUIDE = COURSE / "README.md"
TIMINGS = Path(os.environ.get("STANCEMAP_CLASSROOM_TIMINGS", "")) if os.environ.get(
    "STANCEMAP_CLASSROOM_TIMINGS") else None
#: Seconds one autograde may take (a submission; the guide test's includes nbgrader's start-up).
AUTOGRADE_BUDGET = float(os.environ.get("STANCEMAP_AUTOGRADE_BUDGET", "120"))

#: A wrong answer set per assignment: grade_id of a solution cell -> the code a student hands in
#: (None leaves nbgrader's stub, so the cell raises NotImplementedError). Unlisted cells get the solution.
WRONG = {
    "ceasefire-framing": {
        "ex1-answer": 'counts = pd.Series({"everyone": len(scored)})\ncounts',  # sums right, wrong index
        "ex2-answer": 'diplomacy_share = scored.groupby("actor").size() * 0.0\ndiplomacy_share',
        "ex3-answer": None,
    },
    "stance-and-evidence": {
        # the share over all statements, not among those that address the target
        "ex2-answer": 'favor_share = pd.Series({a: (scored.loc[scored["actor"] == a, stance] == "favor").mean()\n'
                      '                         for a in (actor_a, actor_b)})',
        "ex3-answer": 'rows = {}\nfor a in (actor_a, actor_b):\n'
                      '    s = scored.loc[scored["actor"] == a, stance]\n'
                      '    k, n = int((s == "favor").sum()), len(s)\n'
                      '    rows[a] = {"favor": k, "n": n, "share": k / n, "ci_low": wilson(k, n)[0], '
                      '"ci_high": wilson(k, n)[1]}\n'
                      'intervals = pd.DataFrame.from_dict(rows, orient="index")',
    },
    "code-it-yourself": {
        "ex1-answer": 'my_codes = {u: (1, 1) for u in units["unit_id"]}',  # never varies
        "ex3-answer": 'model_codes = mine.copy()\nalpha_model = alpha_classmate.copy()',
        "ex4-answer": None,
    },
}
#: Expected autograded scores of the wrong set (every test cell not listed scores full marks).
WRONG_SCORES = {
    "ceasefire-framing": {"ex1-hidden": 0, "ex2-hidden": 0, "ex3-check": 0, "ex3-hidden": 0},
    "stance-and-evidence": {"ex2-hidden": 0, "ex3-hidden": 0},
    "code-it-yourself": {"ex1-hidden": 0, "ex3-hidden": 0, "ex4-check": 0, "ex4-hidden": 0},
}
#: A message from a hidden test that the wrong set's feedback must show (and the student version must not).
FEEDBACK = {
    "ceasefire-framing": "one count per actor expected",
    "stance-and-evidence": "Leave out the statements with stance",
    "code-it-yourself": "you gave every statement the same code",
}


def _solution_code(source: str) -> str:
    """The solution cell as a student who solved it would leave it (markers removed)."""
    return "\n".join(line for line in source.splitlines() if line.strip() not in (CODE_BEGIN, CODE_END))


def fill(release: Path, solution: Path, out: Path, wrong: dict | None = None, written: str = "") -> None:
    """Write a submission: the student version with each solution cell answered."""
    student = nbformat.read(release, as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nbformat.read(solution, as_version=4).cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    for cell in student.cells:
        m = cell.metadata.get("nbgrader", {})
        if not m.get("solution"):
            continue
        gid = m["grade_id"]
        if cell.cell_type == "markdown":
            cell.source = written or "My answer."
        elif wrong is not None and gid in wrong:
            if wrong[gid] is not None:
                cell.source = wrong[gid]
        else:
            cell.source = _solution_code(answers[gid])
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(student, out)


def course_copy(tmp_path: Path, assignments: list[str]) -> Path:
    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", course)
    for a in assignments:
        shutil.copytree(COURSE / "source" / a, course / "source" / a)
    return course


def _record(assignment: str, **figures) -> None:
    line = json.dumps({"assignment": assignment, **figures})
    print(line)
    if TIMINGS:
        with TIMINGS.open("a", encoding="utf-8") as f:
            f.write(line + "\n")


@pytest.fixture(scope="module")
def grader(tmp_path_factory):
    """nbgrader's Python API on one copy of the course with the three assignments and its
    nbgrader_config.py, run with the environment :func:`stancemap.classroom.nbgrader` gives the program."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    course = course_copy(tmp_path_factory.mktemp("round-trip"), list(WRONG))
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    env = _env()
    with pytest.MonkeyPatch.context() as mp:
        for key in ("PATH", "PYTHONPATH"):  # alembic on PATH; this stancemap importable by the kernels
            mp.setenv(key, env[key])
        api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
        assert Path(api.coursedir.root) == course
        yield api, course


def run_api(api, step: str, *args, **kwargs) -> None:
    """One nbgrader step through the API; fails with nbgrader's log when the step fails."""
    r = getattr(api, step)(*args, **kwargs)
    assert r["success"], f"nbgrader {step} {args} failed:\n{r.get('log', '')}\n{r.get('error', '')}"


def export_grades(api, course: Path) -> Path:
    """What `nbgrader export --to grades.csv` does: nbgrader's CSV export plugin on the gradebook."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins.export import CsvExportPlugin

    out = course / "grades.csv"
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        CsvExportPlugin(to=str(out)).export(gb)
    return out


@pytest.mark.parametrize("assignment", list(WRONG))
def test_round_trip(assignment, grader):
    api, course = grader
    name = f"{assignment}.ipynb"
    solution = course / "source" / assignment / name
    run_api(api, "generate_assignment", assignment, force=True)
    release = course / "release" / assignment / name
    student_text = release.read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in student_text and FEEDBACK[assignment] not in student_text

    fill(release, solution, course / "submitted" / "good" / assignment / name)
    fill(release, solution, course / "submitted" / "wrong" / assignment / name, wrong=WRONG[assignment])
    seconds = {}
    for student in ("good", "wrong"):
        t0 = time.perf_counter()
        run_api(api, "autograde", assignment, student, force=True)
        seconds[student] = round(time.perf_counter() - t0, 1)

    p = points(solution)
    good = scores(course, assignment, "good")
    auto = good[good["kind"] == "autograded"]
    assert (auto["score"] == auto["max_score"]).all(), f"the solution lost points:\n{auto}"
    assert auto["max_score"].sum() == p["auto"]
    manual = good[good["kind"] == "manual"]
    assert len(manual) == 1 and manual["max_score"].sum() == p["manual"]

    wrong = scores(course, assignment, "wrong").set_index("grade_id")
    wrong_auto = wrong[wrong["kind"] == "autograded"]
    expected = {g: WRONG_SCORES[assignment].get(g, m) for g, m in wrong_auto["max_score"].items()}
    assert wrong_auto["score"].to_dict() == expected, "partial marks differ from the expected ones"
    assert 0 < wrong_auto["score"].sum() < p["auto"]

    run_api(api, "generate_feedback", assignment, force=True)
    feedback = (course / "feedback" / "wrong" / assignment / assignment).with_suffix(".html")
    html = feedback.read_text(encoding="utf-8")
    assert FEEDBACK[assignment] in html, "the hidden test's message should reach the student in the feedback"
    assert re.search(rf"Score: {wrong_auto['score'].sum():.1f} / {p['total']:.1f}", html)
    assert "Score: %.1f / %.1f" % (p["auto"], p["total"]) in (
        course / "feedback" / "good" / assignment / assignment).with_suffix(".html").read_text(encoding="utf-8")

    with open(export_grades(api, course), encoding="utf-8") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f) if r["assignment"] == assignment}
    assert float(rows["good"]["raw_score"]) == p["auto"] and float(rows["good"]["max_score"]) == p["total"]
    assert float(rows["wrong"]["raw_score"]) == wrong_auto["score"].sum()
    _record(assignment, points_auto=p["auto"], points_hidden=p["hidden"], points_manual=p["manual"],
            points_total=p["total"], wrong_set_score=float(wrong_auto["score"].sum()),
            autograde_seconds_good=seconds["good"], autograde_seconds_wrong=seconds["wrong"])
    for s in seconds.values():  # budget: one submission in under a minute (the guide test adds nbgrader's start-up)
        assert s < AUTOGRADE_BUDGET


def _guide_commands() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("nbgrader "):
                lines.append(line)
    return lines


def test_teachers_guide_commands_run(tmp_path, monkeypatch):
    """Every nbgrader command of the guide, in the guide's order, in a copy of the course directory:
    the teacher generates and releases, a student fetches, answers and submits, the teacher collects,
    autogrades, writes and releases feedback, the student fetches it, the teacher exports grades."""
    commands = _guide_commands()
    verbs = [shlex.split(c)[1] for c in commands]
    teacher = ["generate_assignment", "release_assignment", "collect", "autograde", "generate_feedback",
               "release_feedback", "export"]
    assert [v for v in verbs if v in teacher] == teacher, f"the guide's teacher steps: {verbs}"
    assert {"fetch_assignment", "submit", "fetch_feedback"} <= set(verbs)
    assignments = {shlex.split(c)[2] for c in commands if shlex.split(c)[1] != "export"}
    assert assignments == {"ceasefire-framing"}, "the guide walks through one assignment"
    assignment = "ceasefire-framing"

    course = course_copy(tmp_path, ["ceasefire-framing", "stance-and-evidence", "code-it-yourself"])
    home = tmp_path / "student"
    home.mkdir()
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    monkeypatch.setenv("NBGRADER_EXCHANGE", str(exchange))  # nbgrader_config.py reads it
    by_verb = {shlex.split(c)[1]: shlex.split(c)[2:] for c in commands}

    def run(verb, where):
        return nbgrader(verb, *by_verb[verb], course_dir=where)

    run("generate_assignment", course)
    run("release_assignment", course)
    shutil.copy(course / "nbgrader_config.py", home)  # the student's side: same exchange, same course id
    run("fetch_assignment", home)
    fetched = home / assignment / f"{assignment}.ipynb"
    assert fetched.is_file()
    fill(fetched, course / "source" / assignment / f"{assignment}.ipynb", fetched)
    run("submit", home)
    r = run("collect", course)
    student = sorted(p.name for p in (course / "submitted").iterdir())
    assert len(student) == 1, r.stdout + r.stderr
    t0 = time.perf_counter()
    run("autograde", course)
    assert time.perf_counter() - t0 < AUTOGRADE_BUDGET, "one submission, nbgrader's start-up included"
    run("generate_feedback", course)
    run("release_feedback", course)
    run("fetch_feedback", home)
    assert list(home.rglob("feedback/*/*.html")), "the student fetched the feedback"
    run("export", course)
    with open(course / "grades.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["assignment"] == assignment]
    p = points(course / "source" / assignment / f"{assignment}.ipynb")
    assert [(r["student_id"], float(r["raw_score"]), float(r["max_score"])) for r in rows] == \
           [(student[0], p["auto"], p["total"])]


def test_guide_table_states_the_points():
    """The guide's table of points matches the notebooks."""
    text = GUIDE.read_text(encoding="utf-8")
    for a in WRONG:
        p = points(COURSE / "source" / a / f"{a}.ipynb")
        row = next(line for line in text.splitlines() if line.startswith(f"| `{a}`"))
        assert f"{p['total']:g} ({p['auto']:g} + {p['manual']:g})" in row, row


if __name__ == "__main__":  # pragma: no cover - `python tests/test_classroom_roundtrip.py` measures the times
    sys.exit(pytest.main([__file__, "-o", "addopts=", "-s", "-q", "-k", "round_trip"]))

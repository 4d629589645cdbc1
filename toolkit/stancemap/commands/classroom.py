"""``stancemap classroom``: tools for teachers (student versions and points, with nbgrader)."""
from __future__ import annotations

import sys

from . import options


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "classroom", help="classroom tools: student version and points of an nbgrader assignment",
        description="Tools for teachers. The assignments are nbgrader notebooks (notebooks/classroom/ is an "
                    "nbgrader course directory; its README is the teacher's guide). `student-version` writes the "
                    "student version of one solution notebook with `nbgrader generate_assignment`; `points` "
                    "lists the points of one or more notebooks.")
    sub = p.add_subparsers(dest="classroom_command", metavar="ACTION", required=True)
    s = sub.add_parser(
        "student-version", help="write the student version of a solution notebook (runs nbgrader)",
        description="Write the student version of a solution notebook with nbgrader (generate_assignment in a "
                    "scratch course directory): solutions replaced by '# YOUR CODE HERE' / 'YOUR ANSWER HERE', "
                    "hidden tests and outputs removed, visible checks kept. Example: stancemap classroom "
                    "student-version notebooks/classroom/source/ceasefire-framing/ceasefire-framing.ipynb "
                    "--out student/ceasefire-framing.ipynb")
    s.add_argument("notebook", metavar="NOTEBOOK", help="the solution notebook (.ipynb)")
    s.add_argument("--out", required=True, metavar="FILE", help="where to write the student version (.ipynb)")
    s.add_argument("--no-overwrite", action="store_true", help="fail if FILE already exists")
    s.set_defaults(func=run_student_version)
    q = sub.add_parser("points", help="points of assignment notebooks (autograded, hidden, manual)",
                       description="Print the points of each notebook: autograded (of which in hidden tests), "
                                   "manually graded written answers, and the total.")
    q.add_argument("notebooks", nargs="+", metavar="NOTEBOOK", help="solution notebooks (.ipynb)")
    q.set_defaults(func=run_points)


def run_student_version(args) -> int:
    from ..classroom import write_student_version

    options.check_out_file(args, example="student.ipynb")  # before any work
    r = write_student_version(args.notebook, args.out, overwrite=not args.no_overwrite)
    parts = [f"{r.code_solutions} code solution(s)"]
    if r.markdown_solutions:
        parts.append(f"{r.markdown_solutions} written answer(s)")
    if r.hidden_tests:
        parts.append(f"the hidden tests of {r.hidden_tests} cell(s)")
    print(f"Wrote the student version → {args.out} with nbgrader (removed {', '.join(parts)}; "
          f"cleared the outputs of {r.outputs_cleared} cell(s)).", file=sys.stderr)
    return 0


def run_points(args) -> int:
    from pathlib import Path

    from ..classroom import points

    print("notebook\tautograded\thidden\tmanual\ttotal")
    for nb in args.notebooks:
        p = points(nb)
        print(f"{Path(nb).stem}\t{p['auto']:g}\t{p['hidden']:g}\t{p['manual']:g}\t{p['total']:g}")
    return 0

"""``stancemap classroom``: tools for teachers (the student version of an assignment)."""
from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "classroom", help="classroom tools: write the student version of an assignment notebook",
        description="Tools for teachers. `stancemap classroom student-version NOTEBOOK --out FILE` writes the "
                    "student version of a solution notebook: code between '### BEGIN SOLUTION' and "
                    "'### END SOLUTION' becomes '# YOUR CODE HERE' + 'raise NotImplementedError()', text "
                    "between '<!-- BEGIN SOLUTION -->' and '<!-- END SOLUTION -->' in Markdown cells becomes "
                    "'YOUR ANSWER HERE', outputs are cleared, and self-check cells are kept.")
    sub = p.add_subparsers(dest="classroom_command", metavar="ACTION", required=True)
    s = sub.add_parser(
        "student-version", help="write the student version of a solution notebook",
        description="Write the student version of a solution notebook (nbgrader-style markers): solutions "
                    "removed, outputs cleared, instructions and self-check cells kept. Example: stancemap "
                    "classroom student-version notebooks/classroom/assignment-ceasefire-framing.ipynb "
                    "--out student/assignment-ceasefire-framing.ipynb")
    s.add_argument("notebook", metavar="NOTEBOOK", help="the solution notebook (.ipynb)")
    s.add_argument("--out", required=True, metavar="FILE", help="where to write the student version (.ipynb)")
    s.add_argument("--no-overwrite", action="store_true", help="fail if FILE already exists")
    s.set_defaults(func=run_student_version)


def run_student_version(args) -> int:
    from ..classroom import write_student_version

    r = write_student_version(args.notebook, args.out, overwrite=not args.no_overwrite)
    parts = [f"{r.code_solutions} code solution(s)"]
    if r.markdown_solutions:
        parts.append(f"{r.markdown_solutions} written answer(s)")
    print(f"Wrote the student version → {args.out} (removed {' and '.join(parts)}; "
          f"cleared the outputs of {r.outputs_cleared} cell(s)).", file=sys.stderr)
    return 0

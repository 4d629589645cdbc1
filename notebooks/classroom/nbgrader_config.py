"""nbgrader configuration of the stancemap classroom course (this folder is the course directory).

Copy this folder (``notebooks/classroom/``) to make your own course; every
``nbgrader`` command runs from inside it. See README.md (the teacher's guide).

Layout (nbgrader's standard one):

    source/<assignment>/       the solution notebooks (edit these; nbval-tested in stancemap)
    release/<assignment>/      student versions, written by `nbgrader generate_assignment`
    submitted/<student>/<assignment>/   what students hand in (`nbgrader collect` or `zip_collect`)
    autograded/, feedback/     written by `nbgrader autograde` and `nbgrader generate_feedback`
    gradebook.db               the grades (SQLite), written by nbgrader
"""
import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = os.environ.get("NBGRADER_COURSE_ID", "stancemap")
c.CourseDirectory.root = str(Path(__file__).resolve().parent)

# The three assignments, in order (names are the folders under source/).
c.CourseDirectory.db_assignments = [
    {"name": "ceasefire-framing"},
    {"name": "stance-and-evidence"},
    {"name": "code-it-yourself"},
]

# The exchange folder for `nbgrader release_assignment` / `fetch_assignment` /
# `submit` / `collect` on a shared machine or JupyterHub. Without a hub, hand out
# release/<assignment>/ through your learning platform and use `nbgrader zip_collect`.
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")

# Each assignment runs in well under a minute; leave room for slow school laptops.
c.ExecutePreprocessor.timeout = 300
# Autograde with the Python that runs nbgrader (the project's environment), whatever
# kernels are installed elsewhere on the machine.
c.ExecutePreprocessor.kernel_name = "python3"

# The student version: solutions become a stub, outputs are cleared, hidden tests removed.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# nbgrader calls `alembic` (the database migrations) as a program: make sure the
# environment's bin/ folder is on PATH even when nbgrader was started by its full path.
_bin = str(Path(sys.executable).parent)
if shutil.which("alembic") is None and _bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _bin + os.pathsep + os.environ.get("PATH", "")

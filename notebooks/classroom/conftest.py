"""pytest/nbval: only the solution notebooks under source/ are tested.

Folders nbgrader writes into this course directory (student versions with
``raise NotImplementedError()``, submissions, autograded copies) would fail
nbval by design, so they are never collected.
"""
collect_ignore_glob = ["release/*", "submitted/*", "autograded/*", "feedback/*", "downloaded/*",
                       "nbgrader_config.py"]

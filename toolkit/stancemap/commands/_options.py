"""CLI options shared by several commands, defined once."""
from __future__ import annotations

from ..errors import StancemapError
from ..runtime import ENGINES, check_engine


def add_engine_arguments(parser) -> None:
    """Add ``--engine {pandas,dask}``, ``--scheduler ADDRESS``, ``--workers N`` and ``--jobs N`` to a subcommand."""
    g = parser.add_argument_group("scale (processes, Dask)")
    g.add_argument("--engine", choices=ENGINES, default="pandas",
                   help="pandas (this machine, default) or dask (partitions on a Dask cluster; same numbers)")
    g.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                        "(default: start a local cluster); or sync/threads/processes for Dask's local schedulers")
    g.add_argument("--workers", type=int, default=2, metavar="N",
                   help="with --engine dask and no --scheduler: worker processes of the local cluster (default 2)")
    g.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="with the pandas engine: work in N processes on this machine (default 1; -1 = every "
                        "CPU; same numbers)")


def engine_options(args) -> dict:
    """``{"engine", "scheduler", "n_workers", "n_jobs"}`` from parsed :func:`add_engine_arguments` options."""
    engine = check_engine(getattr(args, "engine", None), getattr(args, "scheduler", None))
    jobs = int(getattr(args, "jobs", 1) or 1)
    if engine == "dask" and jobs != 1:
        raise StancemapError(f"--jobs {jobs} applies to the pandas engine; with --engine dask the work is spread "
                             "over the cluster's workers (--workers N for a local cluster). Drop --jobs.")
    return {"engine": engine, "scheduler": getattr(args, "scheduler", None),
            "n_workers": int(getattr(args, "workers", 2) or 2), "n_jobs": jobs}



"""Where the work runs: the ``engine=`` / ``n_jobs=`` checks every stage shares.

The pandas engine runs on this machine (``n_jobs`` joblib processes); the Dask
engine (:mod:`stancemap.engines.dask`) is an adapter the core never imports.
This module only *recognises* a Dask table, without importing Dask when it is
not loaded already.
"""
from __future__ import annotations

import gc
import os
import sys
import threading
from contextlib import contextmanager

import numpy as np

from .errors import StancemapError, unknown_value

#: Engines the pipeline can run on.
ENGINES = ("pandas", "dask")


def is_dask(obj) -> bool:
    """True when ``obj`` is a Dask DataFrame (without importing Dask when it is not loaded)."""
    if "dask.dataframe" not in sys.modules:
        return False
    import dask.dataframe as dd

    return isinstance(obj, dd.DataFrame)


def cpu_count() -> int:
    """CPUs of this machine (at least 1)."""
    return os.cpu_count() or 1


def check_jobs(n_jobs) -> int:
    """Validate an ``n_jobs=`` argument (processes on this machine; -1 = every CPU): the count."""
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, (int, np.integer)) or n_jobs == 0 or n_jobs < -1:
        raise StancemapError(f"n_jobs must be a positive number of processes or -1 (all {os.cpu_count()} CPUs), "
                             f"not {n_jobs!r}.")
    return cpu_count() if n_jobs == -1 else int(n_jobs)


def check_engine(engine: str | None, scheduler=None, n_jobs=1) -> str:
    """Validate an ``engine=`` argument (None → "pandas"); a scheduler needs engine "dask",
    and ``n_jobs`` (processes of the pandas engine) must stay 1 with it."""
    engine = "pandas" if engine is None else str(engine).lower()
    if engine not in ENGINES:
        raise unknown_value("Engine", engine, ENGINES,
                            "Use 'pandas' (one process, the default) or 'dask' (partitions on a Dask cluster).")
    if scheduler is not None and engine != "dask":
        raise StancemapError(f"A scheduler ({scheduler!r}) was given with engine {engine!r}; it only applies to "
                             "the Dask engine. Add --engine dask (engine='dask'), or drop the scheduler.")
    if engine == "dask" and n_jobs != 1:
        raise StancemapError(f"n_jobs={n_jobs!r} applies to the pandas engine; on Dask the cluster's workers share "
                             "the work (n_workers for a local cluster). Leave n_jobs at 1.")
    return engine


#: Open :func:`paused_gc` blocks, and whether the collector was on when the first one opened.
_PAUSES = {"open": 0, "was_on": False}
_PAUSES_LOCK = threading.Lock()


@contextmanager
def paused_gc():
    """Run a block without the cyclic garbage collector, for feature work that makes hundreds
    of thousands of small tuples, sets and lists, none in a reference cycle: each pass of the
    collector over them (and over the per-text caches, which hold as many) would cost time and
    free nothing. Blocks may nest and run in several threads; the collector is switched back
    on when the last open block closes, if it was on when the first opened."""
    with _PAUSES_LOCK:
        if not _PAUSES["open"]:
            _PAUSES["was_on"] = gc.isenabled()
            gc.disable()
        _PAUSES["open"] += 1
    try:
        yield
    finally:
        with _PAUSES_LOCK:
            _PAUSES["open"] -= 1
            if not _PAUSES["open"] and _PAUSES["was_on"]:
                gc.enable()


__all__ = ["ENGINES", "check_engine", "check_jobs", "cpu_count", "is_dask", "paused_gc"]

"""The Dask engine: the same pipeline on Dask DataFrames, on one machine or on a cluster.

An adapter: it wraps the pandas kernels (:func:`stancemap.extract.extract`,
:func:`stancemap.scoring.score`, the :mod:`stancemap.compare` statistics) and
nothing in the core imports it; :mod:`stancemap.pipeline` and the public
``stancemap.score`` dispatch to it for ``engine="dask"``.

Extraction and scoring work one document (or one statement) at a time, so
they split into partitions with no change in the numbers: every partition of
a Dask DataFrame goes through the very same pandas functions
(:func:`stancemap.extract.extract`, :func:`stancemap.scoring.score`) with
``map_partitions``. Comparison needs every statement of a group at once (the
bootstrap resamples statements), but only a few small columns per statement —
group, date, frame labels, stance labels — so :func:`compare_dask` computes
those columns and runs the pandas statistics. Same input, same seed → the same
numbers as pandas, to the last digit (``tests/test_engines_dask.py`` checks it).

::

    from stancemap.engines import dask as scale     # also importable as stancemap.scale
    with scale.client() as c:                       # LocalCluster: 2 worker processes
        statements = scale.extract_dask(documents)  # lazy; documents: pandas or dd.read_parquet(...)
        scored = scale.score_dask(statements)       # lazy; model loaded once, sent once per worker
        tables = scale.compare_all(scored, {"frame_shares": {"n_boot": 2000}, "stance_shares": {}})
        # one pass; small pandas tables. scored.to_parquet("scored/") writes every statement.

``scale.client("tcp://scheduler:8786")`` connects to an existing cluster
instead (see docs/scale.md). Dask (Rocklin 2015, "Dask: Parallel Computation
with Blocked algorithms and Task Scheduling", SciPy) is imported only when one
of these functions is used.
"""
from __future__ import annotations

import contextlib
import logging
import math
import os
import sys
import threading
import warnings
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..compare import needed_columns
from ..errors import LossyStepWarning, StancemapError, unknown_value
from ..modelstore import model_and_codebook
from ..runtime import ENGINES, check_engine, check_jobs, cpu_count, is_dask
from ..schema import STATEMENT_COLUMNS, empty_statements
#: Scheduler names that run without dask.distributed (local threads, processes, or one thread).
LOCAL_SCHEDULERS = ("sync", "synchronous", "threads", "processes")
#: Default partition sizes: documents per partition, statements per partition.
DOCS_PER_PARTITION = 100
STATEMENTS_PER_PARTITION = 5000
#: The order extraction returns statements in (see :func:`stancemap.extract.extract`).
STATEMENT_ORDER = ["doc_id", "char_start", "char_end", "actor", "speaker"]
#: Comparison verbs :func:`compare_dask` runs, and whether they need the statement text.
COMPARE_VERBS = {"frame_shares": False, "stance_shares": False, "differences": False, "over_time": False,
                 "group_counts": False, "event_window": False, "blame_edges": True, "keyness": True}


# --------------------------------------------------------------------------- detection

def maybe_dask(obj) -> bool:
    """Alias of :func:`is_dask`: should this table go through the Dask engine?"""
    return is_dask(obj)


# --------------------------------------------------------------------------- clients

def client(scheduler=None, n_workers: int = 2, *, threads_per_worker: int = 1, processes: bool = True,
           timeout: float | None = None, **cluster_kwargs):
    """A ``dask.distributed.Client``.

    ``scheduler=None`` starts a LocalCluster of ``n_workers`` worker processes with
    one thread each (scoring is pure Python, so threads would share one core);
    ``scheduler="tcp://HOST:8786"`` (or ``"HOST:8786"``) connects to a running
    scheduler; a ``Client`` or cluster object is used as is. Use it as a context
    manager so the cluster is closed: ``with scale.client() as c: …``.

    ``timeout`` (seconds) bounds the wait for a scheduler address; None uses Dask's
    ``distributed.comm.timeouts.connect`` setting (30 s unless changed, e.g. with the
    environment variable ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s``).
    """
    try:
        from dask.distributed import Client
    except ImportError:  # pragma: no cover - dask is a dependency
        raise StancemapError("The Dask engine needs dask.distributed: pip install 'dask[distributed]'.") from None
    if scheduler is None:
        if not isinstance(n_workers, int) or isinstance(n_workers, bool) or n_workers < 1:
            raise StancemapError(f"n_workers must be a whole number ≥ 1, got {n_workers!r}.")
        # The client starts (and on close stops) its own LocalCluster. dashboard_address=":0": no clash
        # with another cluster's port (and no dashboard at all without bokeh).
        return Client(n_workers=n_workers, threads_per_worker=threads_per_worker, processes=processes,
                      dashboard_address=":0", silence_logs=logging.ERROR, **cluster_kwargs)
    if isinstance(scheduler, Client):
        return scheduler
    if hasattr(scheduler, "scheduler_address"):  # a cluster object
        return Client(scheduler)
    if isinstance(scheduler, str) and scheduler in LOCAL_SCHEDULERS:
        raise StancemapError(f"{scheduler!r} is a local Dask scheduler, not a cluster address; pass it as "
                             "scheduler= to the scale functions instead of to client().")
    address = str(scheduler)
    if "://" not in address:
        address = "tcp://" + address
    if timeout is None:
        import dask
        from dask.utils import parse_timedelta

        timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect", "30s"), default="seconds")
    try:
        return Client(address, timeout=timeout)
    except (OSError, TimeoutError) as e:
        raise StancemapError(
            f"Could not connect to the Dask scheduler at {address!r} within {timeout:g} s ({e}). Check that "
            "`dask scheduler` is running there and the port is reachable (wait longer with "
            "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=60s), or leave --scheduler out to start a "
            "local cluster.") from None


def close_client(c) -> None:
    """Close a client made by :func:`client` (a LocalCluster it started is stopped with it)."""
    c.close()


@contextlib.contextmanager
def _running(scheduler=None, n_workers: int = 2):
    """Yield (client or None, compute kwargs) for ``scheduler``; close what was started here.

    None → the current distributed client if there is one, else a new LocalCluster;
    "sync"/"threads"/"processes" → Dask's local schedulers (no client);
    an address, Client or cluster → that.
    """
    if isinstance(scheduler, str) and scheduler in LOCAL_SCHEDULERS:
        yield None, {"scheduler": "sync" if scheduler == "synchronous" else scheduler}
        return
    if scheduler is None:
        current = _current_client()
        if current is not None:
            yield current, {}
            return
    c = client(scheduler, n_workers)
    started = c is not scheduler
    try:
        yield c, {}
    finally:
        if started:
            close_client(c)


def _current_client():
    if "distributed" not in sys.modules:
        return None
    from dask.distributed import default_client

    try:
        return default_client()
    except ValueError:
        return None


def _cores() -> int:
    """Worker threads of the current distributed client, else this machine's CPUs."""
    c = _current_client()
    if c is not None:
        try:
            return max(1, sum(w.get("nthreads", 1) for w in c.scheduler_info()["workers"].values()))
        except Exception:  # noqa: BLE001 - a best guess is enough for partitioning
            pass
    return cpu_count()


def _share(obj):
    """Send ``obj`` (a model, a registry) to every worker once; a Future when a
    distributed client is active, else the object itself (local schedulers)."""
    c = _current_client()
    if c is None:
        return obj
    [future] = c.scatter([obj], broadcast=True, hash=False)
    return future


# --------------------------------------------------------------------------- partitions

def to_dask(df: pd.DataFrame, npartitions: int | None = None, *, rows: int | None = None):
    """A Dask DataFrame of ``df`` in its row order (index reset), split into
    ``npartitions`` (default: ``rows`` rows each; 100 documents or 5,000 statements)."""
    import dask
    import dask.dataframe as dd

    if is_dask(df):
        return df
    if not isinstance(df, pd.DataFrame):
        raise StancemapError(f"Expected a pandas or Dask DataFrame, got {type(df).__name__}.")
    if npartitions is None:
        per = rows or (DOCS_PER_PARTITION if "raw_text" in df.columns or "doc_kind" in df.columns
                       else STATEMENTS_PER_PARTITION)
        npartitions = max(1, math.ceil(len(df) / per), 2 * _cores())  # at least two tasks per core
    if not isinstance(npartitions, int) or npartitions < 1:
        raise StancemapError(f"npartitions must be a whole number ≥ 1, got {npartitions!r}.")
    # keep object columns as they are (Dask would convert them to pyarrow strings), so a computed
    # partition is exactly the pandas rows
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_pandas(df.reset_index(drop=True), npartitions=min(npartitions, max(1, len(df))), sort=False)


def _check_dask(ddf, what: str) -> None:
    if not is_dask(ddf):
        raise StancemapError(f"Expected a Dask DataFrame for the {what}, got {type(ddf).__name__}. "
                             "Wrap a pandas table with stancemap.scale.to_dask(df).")


# --------------------------------------------------------------------------- extract

#: Warnings extract/score give per call (counts of a lossy step); on Dask they are given once, for the
#: whole table, on the client.
PARTITION_WARNINGS = LossyStepWarning


def _in_worker() -> bool:
    if "distributed" not in sys.modules:
        return False
    from distributed import get_worker

    try:
        get_worker()
        return True
    except ValueError:
        return False


def _quietly(func, *args, **kwargs):
    """Run a partition without its per-partition warnings (counted once, on the client).

    ``warnings.catch_warnings`` changes process-wide state, so it is used only where
    no other thread is running tasks: the main thread (the "sync" scheduler) and
    dask.distributed workers; with the "threads" scheduler the caller filters instead
    (see :func:`_partition_warnings_ignored`).
    """
    if threading.current_thread() is threading.main_thread() or _in_worker():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PARTITION_WARNINGS)
            return func(*args, **kwargs)
    return func(*args, **kwargs)


@contextlib.contextmanager
def _partition_warnings_ignored():
    """In the calling (main) thread: ignore the per-partition warnings while Dask computes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PARTITION_WARNINGS)
        yield


def _extract_part(part: pd.DataFrame, registry) -> pd.DataFrame:
    from ..extract import extract

    return _quietly(extract, part, registry)


def extract_dask(documents, actors=None, *, npartitions: int | None = None, sort: bool = True):
    """Statements of every document, lazily: :func:`stancemap.extract.extract` on each partition.

    ``documents`` is a documents table (pandas or Dask). A pandas table is sorted by
    ``doc_id`` before it is split, so the partitions, concatenated, are in the order
    pandas ``extract`` returns (a Dask table is sorted with ``sort_values`` when
    ``sort``). The registry is loaded here and sent once to each worker. Doc ids
    must be unique (the loaders make them so).
    """
    from ..actors import load_actors

    registry = load_actors(actors)
    if is_dask(documents):
        docs = documents.sort_values("doc_id") if sort else documents
        if npartitions is not None:
            docs = docs.repartition(npartitions=npartitions)
    else:
        if not isinstance(documents, pd.DataFrame) or "doc_id" not in documents.columns \
                or "text" not in documents.columns:
            raise StancemapError("extract_dask needs a documents table with 'doc_id' and 'text' columns "
                                 "(pandas or Dask). Load documents with stancemap.corpus.load() or "
                                 "stancemap.datasets.load_dataset().")
        pdocs = documents.sort_values("doc_id", kind="stable") if sort else documents
        docs = to_dask(pdocs, npartitions, rows=DOCS_PER_PARTITION)
    return docs.map_partitions(_extract_part, _share(registry), meta=empty_statements())


# --------------------------------------------------------------------------- score

def _score_part(part: pd.DataFrame, model, codebook, lexicon: bool) -> pd.DataFrame:
    from ..scoring import score

    return _quietly(score, part, model, codebook, lexicon=lexicon)


def score_dask(statements, model=None, codebook=None, *, lexicon: bool = True):
    """Scored statements, lazily: :func:`stancemap.score.score` on each partition.

    The model (a StanceMapModel, a model directory or None for the default) and the
    codebook are loaded here, once, and sent once to each worker (``scatter`` with
    ``broadcast``) — not once per partition. ``meta`` is what ``score`` returns on
    an empty table, so Dask knows the columns without computing anything.
    """
    _check_dask(statements, "statements")
    if "text" not in statements.columns:
        raise StancemapError(f"The statements table has no 'text' column. Columns are: "
                             f"{', '.join(map(str, statements.columns))}. Any table with the statement text "
                             "in a 'text' column can be scored.")
    from ..scoring import score

    mdl, cb = model_and_codebook(model, codebook)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        meta = score(statements._meta, mdl, cb, lexicon=lexicon)
    return statements.map_partitions(_score_part, _share(mdl), _share(cb), lexicon, meta=meta)


# --------------------------------------------------------------------------- collect / compare

def collect(ddf, columns: Sequence[str] | None = None, *, scheduler=None) -> pd.DataFrame:
    """Compute ``ddf`` (only ``columns`` when given) into pandas, in partition order, index reset."""
    if not is_dask(ddf):
        out = ddf if columns is None else ddf[list(columns)]
        return out.reset_index(drop=True)
    sel = ddf if columns is None else ddf[list(dict.fromkeys(columns))]
    kw = {}
    if isinstance(scheduler, str) and scheduler in LOCAL_SCHEDULERS:
        kw["scheduler"] = "sync" if scheduler == "synchronous" else scheduler
    return sel.compute(**kw).reset_index(drop=True)


#: The columns a comparison reads (defined with the statistics: :func:`stancemap.compare.needed_columns`).
compare_columns = needed_columns


def _verb(verb: str):
    from .. import compare, keyness as kn

    if verb not in COMPARE_VERBS:
        raise unknown_value("Comparison", verb, list(COMPARE_VERBS))
    return kn.keyness if verb == "keyness" else getattr(compare, verb)


def compare_dask(scored, verb: str = "frame_shares", /, *args, scheduler=None, **kwargs):
    """Run ``stancemap.compare.<verb>`` (or ``keyness``) on a Dask table.

    Only the columns the statistic needs (:func:`compare_columns`) are computed,
    in the table's row order, then the pandas function runs on them — so the
    result, bootstrap intervals included, equals the pandas result on
    ``scored.compute()``. A pandas table is passed straight through. ``verb`` is
    one of frame_shares, stance_shares, differences, over_time, group_counts,
    event_window (returns the small table with its ``window`` column), blame_edges,
    keyness.
    """
    func = _verb(verb)
    if is_dask(scored):
        by = kwargs.get("by", args[0] if args and verb != "event_window" and isinstance(args[0], str) else "actor")
        cols = compare_columns(scored.columns, by=by, split=kwargs.get("split"),
                               date_col=kwargs.get("date_col", "date"), text=COMPARE_VERBS[verb],
                               text_col=kwargs.get("text_col", "text"))
        scored = collect(scored, cols, scheduler=scheduler)
    return func(scored, *args, **kwargs)


def compare_all(scored, comparisons: dict, *, scheduler=None) -> dict[str, pd.DataFrame]:
    """Several comparisons from ONE pass over a Dask table: ``{name: (verb, kwargs)}``
    (or ``{verb: kwargs}``) → ``{name: table}``. The union of the columns they need
    is computed once (each :func:`compare_dask` call would compute the whole graph
    again — extraction and scoring included — unless the table is persisted)."""
    jobs = {}
    for name, spec in comparisons.items():
        verb, kwargs = (spec if isinstance(spec, tuple) else (name, spec or {}))
        _verb(verb)
        jobs[name] = (verb, dict(kwargs))
    if is_dask(scored):
        cols: list[str] = []
        for verb, kw in jobs.values():
            cols += compare_columns(scored.columns, by=kw.get("by", "actor"), split=kw.get("split"),
                                    date_col=kw.get("date_col", "date"), text=COMPARE_VERBS[verb],
                                    text_col=kw.get("text_col", "text"))
        scored = collect(scored, list(dict.fromkeys(c for c in scored.columns if c in cols)), scheduler=scheduler)
    return {name: _verb(verb)(scored, **kw) for name, (verb, kw) in jobs.items()}


# --------------------------------------------------------------------------- whole pipeline

def _warn_counts(statements: pd.DataFrame, scored: pd.DataFrame | None, actors=None) -> None:
    """The warnings pandas extract/score give, once, for the whole table (``actors``: the registry the
    statements were extracted with, whose ``in_office:`` members the unattributed warning counts apart)."""
    from ..actors import load_actors
    from ..extract.table import unattributed_warning

    former = frozenset(load_actors(actors).dated_members) if len(statements) else frozenset()
    message = unattributed_warning(statements, former)
    if message:
        warnings.warn(message, LossyStepWarning, stacklevel=3)
    if scored is not None and "text" in scored:
        empty = int((~scored["text"].fillna("").astype(str).str.strip().astype(bool)).sum())
        if empty:
            warnings.warn(f"{empty} of {len(scored)} statements have empty text; kept with frames '', "
                          "stance 'none' and NaN probabilities.", LossyStepWarning, stacklevel=3)


def _in_extract_order(df: pd.DataFrame) -> pd.DataFrame:
    """Statements in the order pandas extract() returns them (a no-op when already so)."""
    if df.empty or not set(STATEMENT_ORDER) <= set(df.columns):
        return df.reset_index(drop=True)
    out = df.sort_values(STATEMENT_ORDER, kind="stable")
    if "statement_id" in out.columns:
        out = out.drop_duplicates(["statement_id"])
    return out.reset_index(drop=True)


def extract_score(documents, actors=None, model=None, codebook=None, *, scheduler=None, n_workers: int = 2,
                  npartitions: int | None = None, lexicon: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Extract and score ``documents`` (pandas) on Dask; return pandas ``(statements, scored)``.

    What ``stancemap report --engine dask`` runs in place of ``extract`` + ``score``:
    the same tables, row for row, as ``extract(documents)`` and ``score(statements)``,
    with the same warnings (given once, for the whole corpus). ``scheduler``: None
    (the current client, else a new LocalCluster of ``n_workers`` processes), an
    address ``tcp://HOST:PORT``, or "sync"/"threads"/"processes".
    """
    mdl, cb = model_and_codebook(model, codebook)
    with _running(scheduler, n_workers) as (_, kw):
        statements = extract_dask(documents, actors, npartitions=npartitions)
        scored = score_dask(statements, mdl, cb, lexicon=lexicon)
        with _partition_warnings_ignored():
            scored = scored.compute(**kw)
    scored = _in_extract_order(scored)
    st = scored[[c for c in STATEMENT_COLUMNS if c in scored.columns]].copy()
    st = st.astype({"char_start": "int64", "char_end": "int64", "confidence": "float64"})
    _warn_counts(st, scored, actors)
    return st, scored


def extract(documents, actors=None, *, scheduler=None, n_workers: int = 2,
            npartitions: int | None = None) -> pd.DataFrame:
    """:func:`stancemap.extract.extract` on Dask, computed: the same pandas statements
    table, row for row, with its warnings given once for the whole corpus."""
    with _running(scheduler, n_workers) as (_, kw), _partition_warnings_ignored():
        statements = extract_dask(documents, actors, npartitions=npartitions).compute(**kw)
    statements = _in_extract_order(statements)
    _warn_counts(statements, None, actors)
    return statements


def score(statements, model=None, codebook=None, *, scheduler=None, n_workers: int = 2,
          npartitions: int | None = None, lexicon: bool = True):
    """:func:`stancemap.score.score` on Dask: a Dask table in → a lazy Dask table out;
    a pandas table in → scored on the cluster, the same pandas table out as
    ``stancemap.score.score`` gives (row order and index kept)."""
    if is_dask(statements):
        return score_dask(statements, model, codebook, lexicon=lexicon)
    if not isinstance(statements, pd.DataFrame):
        raise StancemapError(f"Expected a statements table (pandas or Dask DataFrame), got "
                             f"{type(statements).__name__}.")
    mdl, cb = model_and_codebook(model, codebook)
    with _running(scheduler, n_workers) as (_, kw):
        lazy = score_dask(to_dask(statements, npartitions, rows=STATEMENTS_PER_PARTITION), mdl, cb, lexicon=lexicon)
        with _partition_warnings_ignored():
            out = lazy.compute(**kw)
    out.index = statements.index
    _warn_counts(pd.DataFrame(), out)
    return out


__all__ = ["COMPARE_VERBS", "ENGINES", "check_engine", "check_jobs", "client", "close_client",
           "collect", "compare_all", "compare_columns", "compare_dask",
           "extract", "extract_dask", "extract_score", "is_dask", "maybe_dask", "score", "score_dask", "to_dask"]

"""``stancemap.score(statements)``: the public scoring verb, on any engine.

Scores every statement's frames, stance per target, tone and cue counts (the
columns are described in :mod:`stancemap.scoring`, the pandas kernel). With
``engine="dask"`` (or a Dask table) the work is sent to the Dask adapter
(:mod:`stancemap.engines.dask`), which maps the same kernel over partitions:
the same numbers.
"""
from __future__ import annotations

from .runtime import check_engine, is_dask
from .scoring import CHUNK_SIZE, resolve_codebook, resolve_model, score_columns
from .scoring import score as score_kernel
from .tables import read_table, write_table  # noqa: F401  (kept here for scripts written against stancemap.score)


def score(statements, model=None, codebook=None, *, lexicon: bool = True, n_jobs: int = 1,
          chunk_size: int = CHUNK_SIZE, engine: str | None = None, scheduler=None, n_workers: int = 2):
    """Return a new scored table (see :mod:`stancemap.scoring`); ``statements`` is not changed.

    ``model`` is a :class:`~stancemap.models.StanceMapModel`, a model directory, or
    None for the default model. ``codebook`` (object or YAML path) must have the
    model's frames and targets; it supplies the cue terms. ``lexicon=False`` leaves
    out the ``cue_<frame>`` columns.

    Statements are scored ``chunk_size`` at a time (bounded memory), in ``n_jobs``
    processes (joblib; -1 = every CPU) when there is more than one chunk; neither
    changes a number.

    A Dask DataFrame, or ``engine="dask"``, scores on a Dask cluster
    (:func:`stancemap.engines.dask.score`: ``scheduler`` is a scheduler address, or
    None for a local cluster of ``n_workers`` processes); the numbers are the same.
    """
    dask_input = is_dask(statements)
    engine = check_engine("dask" if engine is None and dask_input else engine, scheduler, n_jobs)
    if dask_input or engine == "dask":
        from .engines import dask as dask_engine

        return dask_engine.score(statements, model, codebook, scheduler=scheduler, n_workers=n_workers,
                                 lexicon=lexicon)
    return score_kernel(statements, model, codebook, lexicon=lexicon, n_jobs=n_jobs, chunk_size=chunk_size)


__all__ = ["read_table", "resolve_codebook", "resolve_model", "score", "score_columns", "write_table"]


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "score")

"""``stancemap.score(statements)``: the public scoring verb, on any engine.

Scores every statement's frames, stance per target, tone and cue counts (the
columns are described in :mod:`stancemap.scoring`, the pandas kernel). With
``engine="dask"`` (or a Dask table) the work is sent to the Dask adapter
(:mod:`stancemap.engines.dask`), which maps the same kernel over partitions:
the same numbers.
"""
from __future__ import annotations

import pandas as pd

from .runtime import check_engine, is_dask
from .scoring import CHUNK_SIZE, resolve_codebook, resolve_model, score_columns
from .scoring import score as score_kernel


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


def read_table(path, what: str = "table") -> pd.DataFrame:
    """Read a CSV as text (ids, dates and empty cells kept exactly as written)."""
    from pathlib import Path

    from .errors import StancemapError

    p = Path(path)
    if not p.is_file():
        raise StancemapError(f"The {what} file {str(p)!r} does not exist. Check the path.")
    try:
        return pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise StancemapError(f"Cannot read the {what} {str(p)!r} as a UTF-8 CSV file: {exc}") from None


def write_table(df: pd.DataFrame, path) -> None:
    """Write a CSV (UTF-8, no index), creating the folder."""
    from pathlib import Path

    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(p, index=False, encoding="utf-8")


__all__ = ["read_table", "resolve_codebook", "resolve_model", "score", "score_columns", "write_table"]


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "score")

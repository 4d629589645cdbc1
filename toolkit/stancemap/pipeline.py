"""Extract and score on any engine: the one pipeline the report, the case studies and the CLI run.

``run(documents)`` = :func:`stancemap.extract.extract` then
:func:`stancemap.scoring.score` on this machine (``engine="pandas"``, in
``n_jobs`` processes), or both on a Dask cluster (``engine="dask"``, through the
adapter :mod:`stancemap.engines.dask`). Every engine gives the same tables, row
for row, and the same warnings (once, for the whole corpus).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .actors import load_actors
from .extract import extract as extract_kernel
from .modelstore import model_and_codebook
from .runtime import check_engine
from .score import score


@dataclass
class PipelineResult:
    """What :func:`run` produced: the statements, the scored table, and the model and
    codebook they were scored with."""

    statements: pd.DataFrame
    scored: pd.DataFrame
    model: object
    codebook: object


def extract(documents, actors=None, *, engine: str | None = None, scheduler=None, n_workers: int = 2,
            n_jobs: int = 1, progress: bool = False) -> pd.DataFrame:
    """The statements of ``documents`` (a pandas documents table) on the chosen engine
    (``progress``: a progress bar, pandas engine in one process only)."""
    engine = check_engine(engine, scheduler, n_jobs)
    registry = load_actors(actors)
    if engine == "dask":
        from .engines import dask as dask_engine

        return dask_engine.extract(documents, registry, scheduler=scheduler, n_workers=n_workers)
    return extract_kernel(documents, registry, n_jobs=n_jobs, progress=progress and n_jobs == 1, _stacklevel=3)


def run(documents, actors=None, model=None, codebook=None, *, engine: str | None = None, scheduler=None,
        n_workers: int = 2, n_jobs: int = 1, lexicon: bool = True,
        on_stage: Callable[[str], None] | None = None,
        stop_if_empty: Callable[[pd.DataFrame], None] | None = None) -> PipelineResult:
    """Extract and score ``documents`` (pandas) on ``engine`` ("pandas" or "dask").

    ``n_jobs``: processes of the pandas engine. ``scheduler``/``n_workers``: the Dask
    cluster (see :func:`stancemap.engines.dask.extract_score`). ``on_stage(name)`` is
    called after each stage ("extract", "score"; "extract+score" on Dask);
    ``stop_if_empty(statements)`` may raise before scoring (pandas) or after (Dask).
    """
    engine = check_engine(engine, scheduler, n_jobs)
    registry = load_actors(actors)
    mdl, cb = model_and_codebook(model, codebook)
    if engine == "dask":
        from .engines import dask as dask_engine

        statements, scored = dask_engine.extract_score(documents, registry, mdl, cb, scheduler=scheduler,
                                                       n_workers=n_workers, lexicon=lexicon)
        if on_stage:
            on_stage("extract+score")
        if stop_if_empty:
            stop_if_empty(statements)
        return PipelineResult(statements, scored, mdl, cb)
    statements = extract_kernel(documents, registry, n_jobs=n_jobs, _stacklevel=3)
    if on_stage:
        on_stage("extract")
    if stop_if_empty:
        stop_if_empty(statements)
    scored = score(statements, mdl, cb, lexicon=lexicon, n_jobs=n_jobs)
    if on_stage:
        on_stage("score")
    return PipelineResult(statements, scored, mdl, cb)


__all__ = ["PipelineResult", "extract", "model_and_codebook", "run", "score"]

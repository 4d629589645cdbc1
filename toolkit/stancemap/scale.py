"""``stancemap.scale``: the Dask engine under its first name (see :mod:`stancemap.engines.dask`).

Kept so notebooks and scripts written against ``from stancemap import scale``
keep working; new code imports :mod:`stancemap.engines.dask`.
"""
from __future__ import annotations

from .engines.dask import (  # noqa: F401
    COMPARE_VERBS, DOCS_PER_PARTITION, ENGINES, LOCAL_SCHEDULERS, STATEMENT_ORDER, STATEMENTS_PER_PARTITION,
    check_engine, check_jobs, client, close_client, collect, compare_all, compare_columns, compare_dask, extract,
    extract_dask, extract_score, is_dask, maybe_dask, score, score_dask, to_dask,
)

__all__ = ["COMPARE_VERBS", "ENGINES", "check_engine", "check_jobs", "client", "close_client", "collect",
           "compare_all", "compare_columns", "compare_dask", "extract", "extract_dask", "extract_score", "is_dask",
           "maybe_dask", "score", "score_dask", "to_dask"]

"""Sampling statements for hand-coding: a stratified random sample with empty label columns.

:func:`sample` allocates places to strata in proportion to their size (largest
remainders, at least one per stratum when ``n`` allows) and leaves model scores
out, so coders are not anchored by them.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .errors import LossyStepWarning, StancemapError
from .schema import require_columns

#: Columns carried from the statements table into a coding sample (when present).
SAMPLE_CONTEXT = ["statement_id", "doc_id", "actor", "speaker", "kind", "date", "outlet", "source_url",
                  "text", "sentence"]


def _allocate(sizes: pd.Series, n: int) -> dict:
    """Proportional allocation with largest remainders; every stratum gets ≥ 1 when n allows."""
    total = int(sizes.sum())
    alloc = {k: 0 for k in sizes.index}
    if n >= len(sizes):
        alloc = {k: 1 for k in sizes.index}
        rest = n - len(sizes)
        cap = sizes - 1
    else:
        rest, cap = n, sizes.copy()
    quota = cap / max(int(cap.sum()), 1) * rest
    base = np.minimum(np.floor(quota).astype(int), cap)
    for k in sizes.index:
        alloc[k] += int(base[k])
    left = rest - int(base.sum())
    order = sorted(sizes.index, key=lambda k: (-(quota[k] - base[k]), str(k)))
    while left > 0:
        moved = False
        for k in order:
            if left and alloc[k] < sizes[k]:
                alloc[k] += 1
                left -= 1
                moved = True
        if not moved:
            break
    assert sum(alloc.values()) <= total
    return alloc


def sample(statements: pd.DataFrame, n: int = 50, by: str | None = None, seed: int = 0,
           codebook=None) -> pd.DataFrame:
    """A random sample of ``n`` statements for hand-coding, stratified by ``by`` (e.g. ``actor``).

    Strata get places in proportion to their size (largest remainders), and at
    least one each when ``n`` allows. Returns the context columns present
    (:data:`SAMPLE_CONTEXT`; a ``unit_id`` from the row index when there is no
    ``statement_id``), then empty ``frame_<key>`` and ``stance_<target>`` columns,
    ``coder`` and ``note``. Model scores are left out on purpose, so coders are not
    anchored by them. Same input and seed → same sample.
    """
    from .codebook import load_codebook

    require_columns(statements, ["text"], "statements table")
    codebook = codebook if codebook is not None else load_codebook()
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise StancemapError(f"n must be a positive whole number of statements, got {n!r}.")
    df = statements.copy()
    if by is not None:
        require_columns(df, [by], "statements table", "Choose --by from the columns listed.")
        strata = df[by].astype(object).where(df[by].notna(), "(missing)").astype(str)
    else:
        strata = pd.Series("all", index=df.index)
    if n >= len(df):
        if n > len(df):
            warnings.warn(f"Asked for {n} statements but the table has {len(df)}; the sample is all of them.", LossyStepWarning,
                          stacklevel=2)
        n = len(df)
    rng = np.random.default_rng(seed)
    sizes = strata.value_counts().sort_index()
    alloc = _allocate(sizes, n)
    picked = []
    for k in sizes.index:
        pos = np.flatnonzero((strata == k).to_numpy())
        picked.extend(rng.choice(pos, size=alloc[k], replace=False).tolist())
    picked = rng.permutation(np.array(sorted(picked), dtype=int))
    chosen = df.iloc[picked]
    ctx = [c for c in SAMPLE_CONTEXT if c in chosen.columns]
    if by is not None and by not in ctx:
        ctx.insert(0, by)
    out = chosen[ctx].reset_index(drop=False if "statement_id" not in chosen.columns else True)
    if "statement_id" not in chosen.columns:
        out = out.rename(columns={out.columns[0]: "unit_id"})
        out["unit_id"] = out["unit_id"].astype(str)
    for c in [*codebook.frame_columns, *codebook.stance_columns, "coder", "note"]:
        out[c] = ""
    return out


__all__ = ["SAMPLE_CONTEXT", "sample"]

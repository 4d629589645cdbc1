"""Agreement between coders: Krippendorff's alpha (nominal) per label column.

Krippendorff's alpha (Krippendorff 2004/2011) is computed with the
``krippendorff`` package (Castro 2017) rather than by hand: alpha is defined
through a coincidence matrix over *pairable* values, handles any number of
coders and units that only some coders coded (missing data), and is easy to get
subtly wrong (the n−1 in each unit's weight, the expected disagreement over
pooled values); the package is vectorised and tested against Krippendorff's
published worked examples.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import StancemapError
from .labels import coded_mask, frame_labels, has_frame_labels, is_blank_label, stance_labels
from .schema import require_columns


def _coder_tables(tables, names, unit: str | None) -> tuple[pd.DataFrame, str]:
    if isinstance(tables, pd.DataFrame):
        tables = [tables]
    tables = list(tables)
    names = list(names) if names is not None else [f"coder{i + 1}" for i in range(len(tables))]
    if len(names) != len(tables):
        raise StancemapError(f"Got {len(tables)} tables but {len(names)} coder names.")
    if unit is None:
        for cand in ("statement_id", "unit_id", "gold_id", "example_id"):
            if all(cand in t.columns for t in tables):
                unit = cand
                break
        else:
            raise StancemapError("The coders' tables share no unit id column (statement_id, unit_id, gold_id or "
                                 "example_id). Keep the id column that `stancemap sample` wrote, or pass --unit.")
    parts = []
    for t, name in zip(tables, names):
        require_columns(t, [unit], f"table of {name}")
        t = t.copy()
        if "coder" in t.columns and not t["coder"].map(is_blank_label).all():
            t["coder"] = t["coder"].where(~t["coder"].map(is_blank_label), name).astype(str).str.strip()
        else:
            t["coder"] = name
        parts.append(t)
    long = pd.concat(parts, ignore_index=True)
    long[unit] = long[unit].astype(str)
    dup = long.duplicated(["coder", unit], keep=False)
    if dup.any():
        c, u = long.loc[dup, ["coder", unit]].iloc[0]
        raise StancemapError(f"Coder {c!r} labelled unit {u!r} more than once. Keep one row per coder and unit.")
    return long, unit


def agreement(tables, codebook=None, names=None, unit: str | None = None) -> pd.DataFrame:
    """Krippendorff's alpha (nominal) per label column between coders.

    ``tables``: one labels table per coder (or one table with a ``coder``
    column). The coder is the ``coder`` column when filled, else ``names``
    (default coder1, coder2, …). Units are matched on ``unit`` (default: the
    first of statement_id, unit_id, gold_id, example_id that all tables have).
    A unit a coder left entirely blank counts as missing for that coder.

    Returns one row per label: ``label`` (column name), ``kind`` (frame/stance),
    ``alpha``, ``n_units`` (units with ≥ 2 coders' values), ``n_coders``,
    ``n_values`` (pairable values), ``agreement`` (share of pairable units on
    which all coders agree) and ``note`` (why alpha is undefined, if it is).
    """
    import krippendorff

    from .codebook import load_codebook

    codebook = codebook if codebook is not None else load_codebook()
    long, unit = _coder_tables(tables, names, unit)
    coders = sorted(long["coder"].unique())
    if len(coders) < 2:
        raise StancemapError(f"Agreement needs at least two coders; found only {coders}. Pass two or more "
                             "CSV files, or fill the coder column.")
    coded = coded_mask(long, codebook)
    if not coded.any():
        raise StancemapError("No coder's table has any label filled in.")
    long = long[coded]
    values = {}
    if has_frame_labels(long, codebook):
        F = frame_labels(long, codebook, table="coders' tables")
        for c in codebook.frame_columns:
            values[c] = ("frame", F[c].astype(float), [0, 1])
    S = stance_labels(long, codebook, table="coders' tables")
    labs = list(codebook.labels)
    for c in codebook.stance_columns:
        if c in long.columns:
            values[c] = ("stance", S[c].map(lambda v: float(labs.index(v)) if v else np.nan), list(range(len(labs))))
    units = sorted(long[unit].unique())
    rows = []
    for col, (kind, vals, domain) in values.items():
        frame = pd.DataFrame({"coder": long["coder"], "unit": long[unit], "v": vals.to_numpy()})
        mat = frame.pivot(index="coder", columns="unit", values="v").reindex(index=coders, columns=units)
        data = mat.to_numpy(dtype=float)
        per_unit = (~np.isnan(data)).sum(axis=0)
        pairable = per_unit >= 2
        n_units, n_values = int(pairable.sum()), int(per_unit[pairable].sum())
        agree = np.nan
        if n_units:
            sub = data[:, pairable]
            agree = float(np.mean([len(set(u[~np.isnan(u)])) == 1 for u in sub.T]))
        note, alpha = "", np.nan
        if n_units == 0:
            note = "no unit coded by two or more coders"
        elif len(set(data[:, pairable][~np.isnan(data[:, pairable])])) < 2:
            note = "all coders gave every unit the same value: alpha is undefined (no variation)"
        else:
            alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal",
                                             value_domain=domain))
        rows.append((col, kind, alpha, n_units, len(coders), n_values, agree, note))
    return pd.DataFrame(rows, columns=["label", "kind", "alpha", "n_units", "n_coders", "n_values",
                                       "agreement", "note"])


__all__ = ["agreement"]

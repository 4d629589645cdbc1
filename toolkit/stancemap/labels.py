"""Labels tables: the hand-coded (or constructed) frame and stance labels models learn from.

A labels table has a ``text`` column, frame labels (``frames``, ``;``-joined
frame keys, or one ``frame_<key>`` column of 1/0 per frame) and
``stance_<target>`` columns (favor/against/none; an empty cell = not coded). A
row with no label at all is not coded and is skipped, with a warning.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .errors import LossyStepWarning, StancemapError, unknown_value
from .estimators import text_list
from .schema import text_value, text_values

#: Stance labels, in the order used for probabilities and reports.
STANCE_LABELS = ("favor", "against", "none")

_TRUE = {"1", "1.0", "true", "yes", "y", "x"}
_FALSE = {"0", "0.0", "false", "no", "n", ""}


def label_cell(v) -> str:
    """A label cell as stripped text (missing → "", :func:`stancemap.schema.text_value`)."""
    return text_value(v).strip()


def _cells(column: pd.Series) -> list[str]:
    """:func:`label_cell` of every cell of ``column`` (a list; one pass, not a ``map``)."""
    return [v.strip() for v in text_values(column.tolist())]


def frame_labels(df: pd.DataFrame, codebook, *, table: str = "labels table") -> pd.DataFrame:
    """0/1 frame indicators (one ``frame_<key>`` column per codebook frame) from a labels table.

    Accepts either per-frame columns ``frame_<key>`` (1/0, yes/no, x/empty) or a
    ``frames`` column of ``;``-joined frame keys (empty = no frame). Rows whose
    frame columns are all empty *and* have no ``frames`` value are coded as "no
    frame" only when the table uses the ``frames`` column; with per-frame columns
    an empty cell means 0. Unknown frames raise a :class:`StancemapError`.
    """
    keys = list(codebook.frames)
    cols = [f"frame_{k}" for k in keys]
    out = pd.DataFrame(0, index=df.index, columns=cols, dtype="int64")
    present = [c for c in cols if c in df.columns]
    if not present and "frames" not in df.columns:
        raise StancemapError(f"The {table} has no frame labels: add a 'frames' column (';'-joined frame keys) "
                             f"or one column per frame ({', '.join(cols)}).")
    blank = pd.Series(True, index=df.index)  # rows with no per-frame cell filled in
    for c in present:
        cells = pd.Series(_cells(df[c]), index=df.index, dtype=object)
        low = cells.str.lower()
        bad = ~low.isin(set(_TRUE) | set(_FALSE))
        if bad.any():
            i = bad.idxmax()
            raise StancemapError(
                f"Value {cells.at[i]!r} in column {c!r} (row {i!r}) of the {table} is not a frame code. "
                "Use 1 (frame present) or 0/empty (absent); yes/no and x also work.")
        blank &= low.eq("")
        out[c] = low.isin(set(_TRUE)).astype("int64").to_numpy()
    extra = sorted(c for c in df.columns if str(c).startswith("frame_") and c not in cols) if present else []
    if extra:
        raise unknown_value("Frame column", extra[0], cols,
                            f"Rename or remove it; the codebook is {codebook.name} {codebook.version}.")
    if "frames" in df.columns:
        # rows coded only in the ``frames`` column (e.g. a per-frame table concatenated
        # with a ``frames`` table) take their labels from it
        use = blank.to_numpy() if present else np.ones(len(df), dtype=bool)
        cells = pd.Series(df["frames"].to_numpy(), index=np.arange(len(df)))[use]
        items = pd.Series(_cells(cells), index=cells.index, dtype=object).str.split(";").explode().str.strip()
        items = items[(items != "") & (items.str.lower() != "none")]
        unknown = items[~items.isin(keys)]
        if len(unknown):
            raise unknown_value("Frame", unknown.iloc[0], keys,
                                f"(row {df.index[unknown.index[0]]!r} of the {table}; fix the label or the codebook).")
        vals = out.to_numpy(copy=True)
        vals[items.index.to_numpy(dtype=int), [keys.index(k) for k in items]] = 1
        out = pd.DataFrame(vals, index=out.index, columns=cols)
    return out


def stance_labels(df: pd.DataFrame, codebook, *, table: str = "labels table") -> pd.DataFrame:
    """``stance_<target>`` columns with values favor/against/none, or "" where uncoded.

    Missing target columns come back all "" (uncoded). Values are lower-cased
    and checked against the codebook's labels.
    """
    valid = list(codebook.labels)
    out = {}
    for t in codebook.targets:
        col = f"stance_{t}"
        if col not in df.columns:
            out[col] = pd.Series("", index=df.index, dtype=object)
            continue
        vals = pd.Series([v.lower() for v in _cells(df[col])], index=df.index, dtype=object)
        bad = sorted(set(vals) - set(valid) - {""})
        if bad:
            row = vals.index[vals == bad[0]][0]
            raise unknown_value(f"Stance label in column {col!r} (row {row!r}) of the {table}:", bad[0], valid,
                                "Fix the label, or leave the cell empty if the statement was not coded.")
        out[col] = vals.astype(object)
    extra = sorted(c for c in df.columns if str(c).startswith("stance_") and not str(c).endswith("_p")
                   and str(c)[len("stance_"):] not in codebook.targets)
    if extra:
        raise unknown_value("Stance column", extra[0], [f"stance_{t}" for t in codebook.targets],
                            f"Rename or remove it; the codebook is {codebook.name} {codebook.version}.")
    return pd.DataFrame(out, index=df.index)


def is_blank_label(v) -> bool:
    """True for a label cell a coder left empty (missing, or only spaces)."""
    return not label_cell(v)


def coded_mask(df: pd.DataFrame, codebook) -> pd.Series:
    """True for rows that carry at least one label (frame or stance)."""
    cols = [c for c in [*codebook.frame_columns, *codebook.stance_columns, "frames"] if c in df.columns]
    if not cols:
        raise StancemapError(
            f"The labels table has no label columns. Add 'frames' or {', '.join(codebook.frame_columns)}, "
            f"and {', '.join(codebook.stance_columns)}.")
    if "frames" in cols and not any(c in df.columns for c in codebook.stance_columns):
        return pd.Series(True, index=df.index)  # frames-only table: empty frames = no frame
    blank = np.column_stack([[not v for v in _cells(df[c])] for c in cols])
    return pd.Series(~blank.all(axis=1), index=df.index)


def coded_rows(df: pd.DataFrame, codebook, table: str) -> pd.DataFrame:
    """The rows of ``df`` that carry a label (:func:`coded_mask`); warns with the count of the others."""
    mask = coded_mask(df, codebook)
    if not mask.all():
        warnings.warn(f"{int((~mask).sum())} of {len(df)} rows of the {table} have no label at all; "
                      "skipped as not coded.", LossyStepWarning, stacklevel=3)
    return df[mask]


def standard_labels(df: pd.DataFrame, codebook, table: str = "labels table") -> pd.DataFrame:
    """A labels table in one shape: ``text``, ``frame_<key>`` (0/1), ``stance_<target>``
    (label or "" when not coded) and ``origin`` when present; rows with no label are
    skipped (warning). Use it before concatenating tables that code frames differently."""
    df = coded_rows(df, codebook, table)
    out = pd.DataFrame({"text": label_table_texts(df, table)}, index=df.index)
    if "origin" in df.columns:
        out["origin"] = pd.Series(_cells(df["origin"]), index=df.index)
    out = pd.concat([out, frame_labels(df, codebook, table=table), stance_labels(df, codebook, table=table)],
                    axis=1)
    return out.reset_index(drop=True)


def label_table_texts(df: pd.DataFrame, table: str) -> list[str]:
    """The ``text`` column of a labels table as a list of strings (missing → "")."""
    if "text" not in df.columns:
        raise StancemapError(f"The {table} has no 'text' column. Columns are: {', '.join(map(str, df.columns))}. "
                             "Add the statement text (e.g. merge with the statements table on statement_id).")
    return text_list(df["text"])


def has_frame_labels(df: pd.DataFrame, codebook) -> bool:
    """True when ``df`` codes frames (a ``frames`` column or any ``frame_<key>`` column)."""
    return "frames" in df.columns or any(c in df.columns for c in codebook.frame_columns)


__all__ = ["STANCE_LABELS", "coded_mask", "coded_rows", "frame_labels", "has_frame_labels", "is_blank_label",
           "label_cell", "label_table_texts", "stance_labels", "standard_labels"]

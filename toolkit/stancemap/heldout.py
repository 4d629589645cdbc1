"""The bundled held-out sets: the seed article's gold labels and the real-text evaluation set."""
from __future__ import annotations

import warnings

import pandas as pd

from .errors import StancemapError
from .schema import require_columns


def seed_gold(codebook=None) -> pd.DataFrame | None:
    """The seed article's gold labels joined to their statement text, or None if absent.

    Reads ``corpora/ceasefire-2025-03/annotations/labels.csv`` (``gold_id`` + label
    columns) and ``statements.csv`` (``gold_id``, ``text``, …).
    """
    from .paths import bundled

    folder = bundled("ceasefire-2025-03", "annotations")
    lab, st = folder / "labels.csv", folder / "statements.csv"
    if not (lab.is_file() and st.is_file()):
        return None
    labels = pd.read_csv(lab, dtype=str, keep_default_na=False)
    stm = pd.read_csv(st, dtype=str, keep_default_na=False)
    require_columns(labels, ["gold_id"], f"gold labels {lab.name}")
    keep = [c for c in ("gold_id", "actor", "speaker", "text") if c in stm.columns]
    extra = [c for c in keep if c in labels.columns and c != "gold_id"]
    out = labels.drop(columns=extra).merge(stm[keep], on="gold_id", how="left", validate="one_to_one")
    if out["text"].isna().any():
        missing = out.loc[out["text"].isna(), "gold_id"].tolist()
        raise StancemapError(f"Gold label(s) {missing[:5]} have no statement in {st}. Fix the gold_id.")
    return out


def real_eval(codebook=None, split: str | None = "test") -> pd.DataFrame | None:
    """The real-text labelled set (``stancemap.real_eval``) when its data is present, else None.

    ``split`` keeps one part of the document-level split (``"test"``, the default: the part
    kept for the model card; ``"dev"``, ``"train"``), or None for every row."""
    try:
        from .real_eval import load_real_eval
    except ImportError:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            df = load_real_eval()
    except (StancemapError, FileNotFoundError, OSError):
        return None
    if df is None or not len(df) or "text" not in df.columns:
        return None
    if split is not None and "split" in df.columns:
        df = df[df["split"] == split].reset_index(drop=True)
    return df if len(df) else None


__all__ = ["real_eval", "seed_gold"]

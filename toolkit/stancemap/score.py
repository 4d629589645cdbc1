"""Score statements: frames, stance per target, tone and cue counts.

``score(statements)`` takes any table with a ``text`` column and returns a new
table with every input column carried through (``statement_id`` included) and,
after them, in this order::

    frame_<frame> …          probability the frame is present (codebook order)
    frames                   frames with probability ≥ the model's threshold, ";"-joined
    stance_<target>          favor | against | none   ┐ per target,
    stance_<target>_p        probability of that label ┘ codebook order
    tone                     VADER compound in [-1, 1]
    cue_<frame> …            number of the frame's codebook cue terms in the text

Rows with empty text are kept: their probabilities are NaN, ``frames`` is "",
stance is ``none`` and a warning gives the count.
"""
from __future__ import annotations

import os
import warnings

import numpy as np
import pandas as pd

from .errors import StancemapError
from .lexicon import cue_counts, tone as _tone
from .models import StanceMapModel, load_model
from .schema import require_columns


def _resolve_model(model) -> StanceMapModel:
    if model is None or isinstance(model, (str, os.PathLike)):
        return load_model(model)
    if isinstance(model, StanceMapModel):
        return model
    raise StancemapError(f"model must be a StanceMapModel, a model directory or None (the default model), "
                         f"not {type(model).__name__}.")


def resolve_codebook(codebook, model: StanceMapModel):
    """The codebook to score with: the one given (a Codebook or a YAML path), else the
    model's own copy (``codebook.yaml`` in its directory), else the bundled one."""
    from .codebook import load_codebook

    if codebook is None:
        own = getattr(model, "codebook_file", None)
        codebook = load_codebook(own) if own else load_codebook()
    elif isinstance(codebook, (str, os.PathLike)):
        codebook = load_codebook(codebook)
    model.check_codebook(codebook)
    return codebook


def score_columns(model: StanceMapModel, codebook=None, *, lexicon: bool = True) -> list[str]:
    """The columns :func:`score` adds, in order."""
    cols = [f"frame_{k}" for k in model.frame_keys] + ["frames"]
    for t in model.targets:
        cols += [f"stance_{t}", f"stance_{t}_p"]
    cols.append("tone")
    if lexicon:
        cols += [f"cue_{k}" for k in model.frame_keys]
    return cols


def score(statements: pd.DataFrame, model=None, codebook=None, *, lexicon: bool = True) -> pd.DataFrame:
    """Return a new scored table (see the module docstring); ``statements`` is not changed.

    ``model`` is a :class:`~stancemap.models.StanceMapModel`, a model directory, or
    None for :func:`~stancemap.models.default_model`. ``codebook`` (object or YAML
    path) must have the model's frames and targets; it supplies the cue terms.
    ``lexicon=False`` leaves out the ``cue_<frame>`` columns.
    """
    require_columns(statements, ["text"], "statements table",
                    "Any table with the statement text in a 'text' column can be scored.")
    model = _resolve_model(model)
    codebook = resolve_codebook(codebook, model) if (lexicon or codebook is not None) else None
    added = score_columns(model, codebook, lexicon=lexicon)
    clash = [c for c in statements.columns if c in added]
    if clash:
        warnings.warn(f"The input already has column(s) {', '.join(clash)}; they are replaced by the new scores.",
                      stacklevel=2)
    base = statements.drop(columns=clash).copy()
    texts = ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
             for v in statements["text"].tolist()]
    empty = np.array([not t.strip() for t in texts], dtype=bool)
    pred = model.predict([t for t, e in zip(texts, empty) if not e])
    full = pd.DataFrame(index=range(len(texts)), columns=pred.columns)
    for c in pred.columns:
        if c.startswith("frame_") or c.endswith("_p"):
            col = np.full(len(texts), np.nan)
        elif c == "frames":
            col = np.array([""] * len(texts), dtype=object)
        else:
            col = np.array(["none"] * len(texts), dtype=object)
        col[~empty] = pred[c].to_numpy()
        full[c] = col
    if empty.any():
        warnings.warn(f"{int(empty.sum())} of {len(texts)} statements have empty text; kept with frames '', "
                      "stance 'none' and NaN probabilities.", stacklevel=2)
    full["tone"] = _tone(texts).to_numpy()
    if lexicon:
        cues = cue_counts(texts, codebook)
        for c in cues.columns:
            full[c] = cues[c].to_numpy()
    full.index = statements.index
    for c in full.columns:
        if c.startswith("frame_") or c.endswith("_p") or c == "tone":
            full[c] = full[c].astype("float64")
        elif c.startswith("cue_"):
            full[c] = full[c].astype("int64")
        else:
            full[c] = full[c].astype(object)
    return pd.concat([base, full[added]], axis=1)


def read_table(path, what: str = "table") -> pd.DataFrame:
    """Read a CSV as text (ids, dates and empty cells kept exactly as written)."""
    from pathlib import Path

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


__all__ = ["read_table", "score", "score_columns", "write_table"]


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "score")

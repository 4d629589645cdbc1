"""The scoring kernel (pandas, this machine): frames, stance per target, tone and cue counts.

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

The public verb ``stancemap.score`` (module :mod:`stancemap.score`) adds the
choice of engine; the Dask engine maps this kernel over partitions.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .codebook import count_matches, normalise_cues
from .errors import LossyStepWarning, StancemapError, StancemapWarning
from .lexicon import tone as _tone
from .modelfile import StanceMapModel
from .modelstore import resolve_codebook, resolve_model
from .runtime import check_jobs, paused_gc
from .schema import require_columns, text_values


def _cue_columns(texts, empty, codebook, model, model_cues) -> dict[str, np.ndarray]:
    """Codebook cue counts per frame; taken from the model's own cue features when the
    model was trained with the same cue terms (the same regex: no second pass)."""
    trained = model.cue_terms
    out = {}
    for k, frame in codebook.frames.items():
        name = f"frame:{k}"
        if name in model_cues and normalise_cues(trained.get(name, ())) == normalise_cues(frame.cues):
            col = np.zeros(len(texts), dtype="int64")
            col[~empty] = model_cues[name]
            out[k] = col
        else:
            out[k] = count_matches(codebook.cue_pattern(k, "frame"), texts)
    return out


def score_columns(model: StanceMapModel, codebook=None, *, lexicon: bool = True) -> list[str]:
    """The columns :func:`score` adds, in order."""
    cols = [f"frame_{k}" for k in model.frame_keys] + ["frames"]
    for t in model.targets:
        cols += [f"stance_{t}", f"stance_{t}_p"]
    cols.append("tone")
    if lexicon:
        cols += [f"cue_{k}" for k in model.frame_keys]
    return cols


#: Statements scored at a time: memory stays bounded (≈0.5 GB per process) on any corpus
#: size, and the numbers do not depend on it (every statement is scored on its own).
CHUNK_SIZE = 5_000


def _score_block(texts: list[str], model: StanceMapModel, codebook, lexicon: bool) -> dict[str, np.ndarray]:
    """The added columns for one block of texts (empty texts get NaN / "" / "none" / 0)."""
    with paused_gc():  # the model's features and the tone's tokens: many small objects, no cycles
        return _block_columns(texts, model, codebook, lexicon)


def _block_columns(texts: list[str], model: StanceMapModel, codebook, lexicon: bool) -> dict[str, np.ndarray]:
    empty = np.array([not t.strip() for t in texts], dtype=bool)
    pred, model_cues = model.predict_with_cues([t for t, e in zip(texts, empty) if not e])
    out: dict[str, np.ndarray] = {}
    for c in pred.columns:
        if c.startswith("frame_") or c.endswith("_p"):
            col = np.full(len(texts), np.nan)
        elif c == "frames":
            col = np.array([""] * len(texts), dtype=object)
        else:
            col = np.array(["none"] * len(texts), dtype=object)
        col[~empty] = pred[c].to_numpy()
        out[c] = col
    out["tone"] = _tone(texts).to_numpy()
    if lexicon:
        for k, counts in _cue_columns(texts, empty, codebook, model, model_cues).items():
            out[f"cue_{k}"] = counts
    return out


def _check_chunk_size(chunk_size) -> int:
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise StancemapError(f"chunk_size must be a positive number of statements, not {chunk_size!r}. "
                             f"The default is {CHUNK_SIZE}.")
    return int(chunk_size)


def score(statements, model=None, codebook=None, *, lexicon: bool = True, n_jobs: int = 1,
          chunk_size: int = CHUNK_SIZE) -> pd.DataFrame:
    """Return a new scored table (see the module docstring); ``statements`` is not changed.

    ``model`` is a :class:`~stancemap.models.StanceMapModel`, a model directory, or
    None for :func:`~stancemap.models.default_model`. ``codebook`` (object or YAML
    path) must have the model's frames and targets; it supplies the cue terms.
    ``lexicon=False`` leaves out the ``cue_<frame>`` columns.

    Statements are scored ``chunk_size`` at a time (bounded memory), in ``n_jobs``
    processes (joblib; -1 = every CPU) when there is more than one chunk; neither
    changes a number.
    """
    require_columns(statements, ["text"], "statements table",
                    "Any table with the statement text in a 'text' column can be scored.")
    n_jobs, chunk_size = check_jobs(n_jobs), _check_chunk_size(chunk_size)
    model = resolve_model(model)
    codebook = resolve_codebook(codebook, model) if (lexicon or codebook is not None) else None
    added = score_columns(model, codebook, lexicon=lexicon)
    clash = [c for c in statements.columns if c in added]
    if clash:
        warnings.warn(f"The input already has column(s) {', '.join(clash)}; they are replaced by the new scores.", StancemapWarning,
                      stacklevel=2)
    base = statements.drop(columns=clash).copy()
    texts = text_values(statements["text"].tolist())
    n_empty = sum(1 for t in texts if not t.strip())
    if n_empty:
        warnings.warn(f"{n_empty} of {len(texts)} statements have empty text; kept with frames '', "
                      "stance 'none' and NaN probabilities.", LossyStepWarning, stacklevel=2)
    chunks = [texts[i:i + chunk_size] for i in range(0, len(texts), chunk_size)] or [[]]
    if n_jobs > 1 and len(chunks) > 1:
        from joblib import Parallel, delayed

        blocks = Parallel(n_jobs=min(n_jobs, len(chunks)))(
            delayed(_score_block)(chunk, model, codebook, lexicon) for chunk in chunks)
    else:
        blocks = [_score_block(chunk, model, codebook, lexicon) for chunk in chunks]
    full = {}
    for c in added:
        col = np.concatenate([b[c] for b in blocks])
        if c.startswith("frame_") or c.endswith("_p") or c == "tone":
            full[c] = pd.Series(col, index=statements.index, dtype="float64")
        elif c.startswith("cue_"):
            full[c] = pd.Series(col, index=statements.index, dtype="int64")
        else:
            full[c] = pd.Series(col, index=statements.index, dtype=object)
    return pd.concat([base, pd.DataFrame(full, index=statements.index)], axis=1)


__all__ = ["CHUNK_SIZE", "resolve_codebook", "resolve_model", "score", "score_columns"]

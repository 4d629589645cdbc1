"""Cross-validation of the frame and stance classifiers: stratified k-fold, seeded.

Each fold trains fresh classifiers with the training code and parameters of
:func:`~stancemap.training.train_model`; the out-of-fold predictions are scored
with :func:`~stancemap.evaluate.compare_labels`.
"""
from __future__ import annotations

import warnings
from collections import Counter

import numpy as np
import pandas as pd

from .errors import StancemapError
from .evaluate import compare_labels
from .labels import coded_rows, frame_labels, stance_labels
from .estimators import FrameClassifier, StanceClassifier, text_list
from .schema import require_columns
from .training import estimator_params


def frame_strata(F: np.ndarray, folds: int) -> np.ndarray:
    """Stratify multi-label rows by their rarest frame (a cheap stand-in for iterative
    stratification, Sechidis et al. 2011); rare keys are pooled."""
    freq = F.sum(axis=0)
    keys = []
    for row in F:
        on = np.flatnonzero(row)
        keys.append(str(on[np.argmin(freq[on])]) if len(on) else "none")
    counts = Counter(keys)
    return np.array([k if counts[k] >= folds else "rare" for k in keys])


def check_cv(counts: dict, folds: int, what: str) -> None:
    """Raise unless every label that occurs has at least ``folds`` examples."""
    short = {k: v for k, v in counts.items() if 0 < v < folds}
    if short:
        lab, n = sorted(short.items(), key=lambda kv: (kv[1], kv[0]))[0]
        raise StancemapError(
            f"Too few examples to cross-validate {what}: label {lab!r} has {n}; {folds}-fold cross-validation "
            f"needs at least {folds} examples of every label that occurs "
            f"({', '.join(f'{k}={v}' for k, v in sorted(short.items()))} are short). Label more examples, "
            f"or use fewer folds (at least 2, and at most {min(short.values()) if min(short.values()) >= 2 else 2}).")


def check_cross_validation(labels: pd.DataFrame, codebook, folds: int):
    """Raise a :class:`StancemapError` unless ``labels`` can be cross-validated with
    ``folds`` folds; returns the coded rows and their frame and stance labels."""
    if not isinstance(folds, (int, np.integer)) or isinstance(folds, bool) or folds < 2:
        raise StancemapError(f"folds must be a whole number ≥ 2, got {folds!r}.")
    require_columns(labels, ["text"], "labels table")
    df = coded_rows(labels, codebook, "labels table").reset_index(drop=True)
    F = frame_labels(df, codebook)
    S = stance_labels(df, codebook)
    check_cv({k: int(F[f"frame_{k}"].sum()) for k in codebook.frames}, folds, "the frames")
    for t in codebook.targets:
        y = S[f"stance_{t}"][S[f"stance_{t}"] != ""]
        if not len(y):
            continue
        check_cv(dict(Counter(y)), folds, f"stance toward {t!r}")
        if y.nunique() < 2:
            raise StancemapError(f"Target {t!r} has only the label {y.iloc[0]!r}; cannot cross-validate. "
                                 "Code examples of at least one other label.")
    return df, F, S


def cross_validate(labels: pd.DataFrame, codebook, *, folds: int = 5, random_state: int = 0,
                   params: dict | None = None, with_predictions: bool = False):
    """Stratified ``folds``-fold cross-validation of the frame and stance classifiers.

    Each fold trains fresh classifiers (same code and parameters as
    :func:`~stancemap.training.train_model`) and predicts the held-out rows;
    the out-of-fold predictions are scored with :func:`compare_labels`.
    Stance folds are stratified by label (per target, over the rows coded for
    it); frame folds by each row's rarest frame. Raises when a label has fewer
    examples than folds. Returns an :class:`Evaluation` (and the out-of-fold
    predictions with ``with_predictions=True``).
    """
    from sklearn.model_selection import StratifiedKFold

    fp, sp = estimator_params(params, codebook)
    df, F, S = check_cross_validation(labels, codebook, folds)
    texts = np.array(text_list(df["text"]), dtype=object)
    pred = pd.DataFrame({**{c: 0 for c in F.columns}, **{c: "" for c in S.columns}}, index=df.index)
    Fm = F.to_numpy()
    strata = frame_strata(Fm, folds)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        skf = StratifiedKFold(folds, shuffle=True, random_state=random_state)
        for tr, te in skf.split(texts, strata):
            clf = FrameClassifier(labels=list(codebook.frames), random_state=random_state, **fp)
            clf.fit(list(texts[tr]), Fm[tr])
            pred.iloc[te, :Fm.shape[1]] = clf.predict(list(texts[te]))
        for t in codebook.targets:
            col = f"stance_{t}"
            mask = (S[col] != "").to_numpy()
            y = S[col].to_numpy()[mask]
            if not len(y):
                continue
            idx = np.flatnonzero(mask)
            out = np.empty(len(idx), dtype=object)
            for tr, te in StratifiedKFold(folds, shuffle=True, random_state=random_state).split(idx, y):
                clf = StanceClassifier(random_state=random_state, **sp).fit(list(texts[idx[tr]]), y[tr])
                out[te] = clf.predict(list(texts[idx[te]]))
            pred.loc[idx, col] = out
    ev = compare_labels(df, pred, codebook)
    return (ev, pred) if with_predictions else ev


__all__ = ["check_cross_validation", "check_cv", "cross_validate", "frame_strata"]

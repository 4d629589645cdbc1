"""Cross-validation of the frame and stance classifiers: stratified or document-grouped k-fold, seeded.

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
from .estimators import FrameClassifier, make_features, text_list
from .schema import require_columns
from .training import estimator_params, fit_stance, train_model

#: The keywords of :func:`~stancemap.estimators.make_features` among the classifier parameters.
FEATURE_KEYS = ("word_ngrams", "char_ngrams", "min_df", "max_features", "cues")


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
    it); frame folds by each row's rarest frame. ``params`` as for ``train_model``,
    the target-specific block (``extra``) and ``none_weight`` included. Raises when a label has fewer
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
                train_texts = list(texts[idx[tr]])
                features = make_features(**{k: sp[k] for k in FEATURE_KEYS if k in sp}).fit(train_texts)
                clf = fit_stance(features, features.transform(train_texts), train_texts, y[tr], t, codebook,
                                 params, random_state)
                out[te] = clf.predict(list(texts[idx[te]]))
            pred.loc[idx, col] = out
    ev = compare_labels(df, pred, codebook)
    return (ev, pred) if with_predictions else ev


def grouped_oof(data: pd.DataFrame, codebook, *, scored, groups, strata, folds: int = 5,
                random_state: int = 0, params: dict | None = None, clusters=None) -> pd.DataFrame:
    """Out-of-fold probabilities of the rows ``scored`` (a boolean mask), folds grouped by
    ``groups`` (documents) and stratified by ``strata`` (``StratifiedGroupKFold``, seeded);
    the rows not scored (the constructed examples) are in training in every fold. Each
    fold trains a whole model with :func:`~stancemap.training.train_model` (with ``clusters``, the
    word-cluster table the parameters may ask for: learned from unlabelled text, so every fold shares it).

    Returns one row per scored row (``data``'s index): ``fold``, ``frame_<key>``
    (probability) and ``p_<target>_<label>`` per stance label, so thresholds and ``none``
    weights can be chosen afterwards on the same predictions."""
    from sklearn.model_selection import StratifiedGroupKFold

    scored = np.asarray(scored, dtype=bool)
    idx = np.flatnonzero(scored)
    always = np.flatnonzero(~scored)
    cols: dict[str, np.ndarray] = {"fold": np.zeros(len(idx), dtype=int)}
    split = StratifiedGroupKFold(folds, shuffle=True, random_state=random_state).split(
        np.zeros(len(idx)), np.asarray(strata)[idx], np.asarray(groups)[idx])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        for k, (tr, te) in enumerate(split):
            model = train_model(data.iloc[np.concatenate([always, idx[tr]])], codebook, params=params,
                                random_state=random_state, table="training folds", clusters=clusters)
            cols["fold"][te] = k
            for name, p in model_probabilities(model, text_list(data["text"].iloc[idx[te]])).items():
                cols.setdefault(name, np.zeros(len(idx)))[te] = p
    return pd.DataFrame(cols, index=data.index[idx])


def model_probabilities(model, texts: list[str]) -> dict[str, np.ndarray]:
    """``model``'s probabilities for ``texts``: ``frame_<key>`` per frame, then ``p_<target>_<label>``
    per stance target and label (the columns :func:`grouped_oof` returns, without ``fold``)."""
    out: dict[str, np.ndarray] = {}
    P = model.frames.predict_proba(texts)
    for j, key in enumerate(model.frame_keys):
        out[f"frame_{key}"] = P[:, j]
    for t, clf in model.stance.items():
        Pt = clf.predict_proba(texts)
        for j, lab in enumerate(clf.classes_):
            out[f"p_{t}_{lab}"] = Pt[:, j]
    return out


def oof_labels(oof: pd.DataFrame, codebook, threshold: float) -> pd.DataFrame:
    """Labels from :func:`grouped_oof` probabilities: ``frame_<key>`` 0/1 at ``threshold``
    and ``stance_<target>``, the most probable label (the ``none`` weight is already in the
    probabilities)."""
    out = pd.DataFrame(index=oof.index)
    for k in codebook.frames:
        out[f"frame_{k}"] = (oof[f"frame_{k}"] >= threshold).astype(int)
    for t in codebook.targets:
        cols = [c for c in oof.columns if c.startswith(f"p_{t}_")]
        labs = np.asarray([c[len(f"p_{t}_"):] for c in cols], dtype=object)
        out[f"stance_{t}"] = labs[np.argmax(oof[cols].to_numpy(), axis=1)]
    return out


__all__ = ["FEATURE_KEYS", "check_cross_validation", "check_cv", "cross_validate", "frame_strata", "grouped_oof", "model_probabilities", "oof_labels"]

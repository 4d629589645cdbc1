"""Explanations: the n-grams that pushed a prediction, as coefficient × feature value.

Both classifiers are linear, so a prediction's decision score is the intercept
plus the sum over the text's features of coefficient × value; :func:`explain`
lists the largest terms for the predicted frames and stance labels. The features
are hashed (no vocabulary is stored); a column is named by re-hashing the
statement's own n-grams (:meth:`~stancemap.estimators.HashedFeatures.names_in`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import StancemapError, unknown_value
from .modelfile import StanceMapModel
from .modelstore import default_model

#: The kinds of feature an explanation names (``kind`` of :func:`explain`).
FEATURE_KINDS = ("word", "char", "cluster", "cue", "extra")


def explain(text: str, model: StanceMapModel | None = None, target: str | None = None,
            top: int = 10, kind: str | None = None) -> pd.DataFrame:
    """The n-grams that pushed the prediction for ``text``, as coefficient × feature value.

    ``target`` is a stance target (explains its predicted label), ``"frames"``
    (explains every predicted frame, or the most probable one if none passes the
    threshold) or ``None`` (frames, then every target whose prediction is not
    ``none``). ``kind`` keeps only ``word`` or ``char`` n-grams, ``cue`` (codebook cue counts),
    ``cluster`` (word clusters: the cluster's number and the text's stems in it) or ``extra`` (a
    target-specific block). Returns the ``top``
    features per explained label, columns ``task, label, predicted, probability,
    feature, kind, value, weight, contribution, rank``.
    """
    if model is None:
        model = default_model()
    if not isinstance(text, str):
        raise StancemapError("explain() takes one text (a string).")
    if kind not in (None, *FEATURE_KINDS):
        raise unknown_value("Feature kind", kind, list(FEATURE_KINDS))
    valid = ["frames", *model.targets]
    if target is not None and target not in valid:
        raise unknown_value("Target", target, valid)
    parts = []

    def add(task, label, predicted, df):
        if kind:
            df = df[df["kind"] == kind]
        df = df.head(top).copy()
        df.insert(0, "probability", df.attrs.get("probability", np.nan))
        df.insert(0, "predicted", predicted)
        df.insert(0, "label", label)
        df.insert(0, "task", task)
        df["rank"] = np.arange(1, len(df) + 1)
        parts.append(df)

    if target in (None, "frames"):
        p = model.frames.predict_proba([text])[0]
        chosen = [k for j, k in enumerate(model.frame_keys) if p[j] >= model.frames.threshold]
        if not chosen and target == "frames":
            chosen = [model.frame_keys[int(np.argmax(p))]]
        for k in chosen:
            add("frame", k, "yes" if p[model.frame_keys.index(k)] >= model.frames.threshold else "no",
                model.frames.explain(text, k))
    for t in ([target] if target not in (None, "frames") else model.targets if target is None else []):
        clf = model.stance[t]
        pred = str(clf.predict([text])[0])
        if target is None and pred == "none":
            continue
        add("stance", t, pred, clf.explain(text, pred))
    cols = ["task", "label", "predicted", "probability", "feature", "kind", "value", "weight",
            "contribution", "rank"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    return pd.concat(parts, ignore_index=True)[cols]


__all__ = ["FEATURE_KINDS", "explain"]

"""Precision, recall, F1 and F_avg: the one definition behind every score stancemap reports.

Precision, recall and support come from scikit-learn
(:func:`sklearn.metrics.precision_recall_fscore_support`); confusion counts from
:func:`sklearn.metrics.confusion_matrix`. The rules, written once:

* **Zero division** (:data:`ZERO_DIVISION` = 0): precision with nothing predicted,
  recall with nothing in the gold labels, and F1 when precision + recall = 0 are 0
  — scikit-learn's ``zero_division=0`` and the SemEval-2016 ``eval.pl`` rule.
* **Undefined labels**: a label that is neither in the gold labels nor predicted
  has no score (NaN) and is left out of macro-F1 and F_avg, as scikit-learn's
  averages leave out labels absent from both (its default label set).
* **F1** is the harmonic mean of that precision and recall, 2PR / (P + R)
  (van Rijsbergen 1979). scikit-learn computes the same number from counts,
  2TP / (2TP + FP + FN), which can differ in the last binary digit; the harmonic
  mean keeps the scores saved with the default model byte-identical.
* **F_avg** (SemEval-2016 Task 6, Mohammad et al. 2016) is the mean of F1(favor)
  and F1(against) over all items together; ``none`` counts only through the
  errors it causes.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import StancemapError

#: The value of a precision, recall or F1 whose denominator is 0.
ZERO_DIVISION = 0.0
#: The labels whose F1 F_avg averages.
F_AVG_LABELS = ("favor", "against")
#: Columns of :func:`label_scores`.
SCORE_COLUMNS = ["label", "precision", "recall", "f1", "support", "predicted"]


def ratio(num, den) -> float:
    """``num / den``, or :data:`ZERO_DIVISION` when ``den`` is 0 (precision or recall from counts)."""
    return num / den if den else ZERO_DIVISION


def harmonic_f1(precision: float, recall: float) -> float:
    """F1 = 2PR / (P + R), :data:`ZERO_DIVISION` when P + R = 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else ZERO_DIVISION


def _codes(gold, pred, labels: list) -> tuple[np.ndarray, np.ndarray]:
    """Gold and predicted labels as integers: ``labels[i]`` → i, any other value → a code
    ≥ ``len(labels)``. scikit-learn counts integers much faster than strings; the counts
    are the same."""
    g = gold.tolist() if hasattr(gold, "tolist") else list(gold)
    p = pred.tolist() if hasattr(pred, "tolist") else list(pred)
    if len(g) != len(p):
        raise StancemapError(f"Got {len(g)} gold labels but {len(p)} predictions; they must pair up.")
    codes, _ = pd.factorize(pd.Series([*labels, *g, *p], dtype=object), use_na_sentinel=False)
    k, n = len(labels), len(g)
    return codes[k:k + n].astype(np.int64), codes[k + n:].astype(np.int64)


def label_scores(gold: Sequence, pred: Sequence, labels: Sequence) -> pd.DataFrame:
    """Precision, recall, F1, support (gold count) and predicted count of each label.

    One row per label of ``labels`` (columns :data:`SCORE_COLUMNS`); a label neither
    in ``gold`` nor in ``pred`` gets NaN scores (undefined, see the module docstring).
    """
    from sklearn.metrics import precision_recall_fscore_support

    labels = list(labels)
    g, p = _codes(gold, pred, labels)
    ids = list(range(len(labels)))
    predicted = np.bincount(p, minlength=len(labels))[:len(labels)]
    if len(g):
        prec, rec, _, support = precision_recall_fscore_support(g, p, labels=ids, average=None,
                                                                zero_division=ZERO_DIVISION)
        support = np.asarray(support, dtype=int)
    else:
        prec = rec = np.zeros(len(labels))
        support = np.zeros(len(labels), dtype=int)
    rows = []
    for j, lab in enumerate(labels):
        if support[j] or predicted[j]:
            pr, rc = float(prec[j]), float(rec[j])
            rows.append((lab, pr, rc, harmonic_f1(pr, rc), int(support[j]), int(predicted[j])))
        else:
            rows.append((lab, np.nan, np.nan, np.nan, 0, 0))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def binary_scores(gold, pred) -> tuple[dict, tuple[int, int, int, int]]:
    """Scores of the positive class 1 of 0/1 ``gold`` and ``pred`` (the row of
    :func:`label_scores` as a dict) and the confusion counts ``(tp, fn, fp, tn)``."""
    from sklearn.metrics import confusion_matrix

    g = np.asarray(gold).astype(int)
    p = np.asarray(pred).astype(int)
    row = label_scores(g, p, [1]).to_dict("records")[0]
    if len(g):
        tn, fp, fn, tp = (int(x) for x in confusion_matrix(g, p, labels=[0, 1]).ravel())
    else:
        tn = fp = fn = tp = 0
    return row, (tp, fn, fp, tn)


def micro_scores(gold, pred) -> tuple[float, float, float]:
    """Micro-averaged ``(precision, recall, F1)`` of 0/1 indicator matrices (rows × labels):
    every (row, label) cell counts once."""
    from sklearn.metrics import precision_recall_fscore_support

    g = np.asarray(gold).astype(int).ravel()
    p = np.asarray(pred).astype(int).ravel()
    if not len(g):
        return ZERO_DIVISION, ZERO_DIVISION, ZERO_DIVISION
    prec, rec, _, _ = precision_recall_fscore_support(g, p, labels=[1], average=None,
                                                      zero_division=ZERO_DIVISION)
    pr, rc = float(prec[0]), float(rec[0])
    return pr, rc, harmonic_f1(pr, rc)


def macro_f1(f1s) -> float:
    """The mean F1 over the labels whose F1 is defined (NaN when none is)."""
    defined = [float(f) for f in f1s if not np.isnan(f)]
    return float(np.mean(defined)) if defined else np.nan


def f_avg_of(f1: Mapping) -> float:
    """F_avg from per-label F1 (``{"favor": …, "against": …, …}``): the mean of the defined
    F1 of favor and against (NaN when neither is defined)."""
    return macro_f1([f1.get(lab, np.nan) for lab in F_AVG_LABELS])


def f_avg(gold: Sequence, pred: Sequence) -> float:
    """F_avg = (F1(favor) + F1(against)) / 2 over all items (SemEval-2016 Task 6, Mohammad et al. 2016)."""
    s = label_scores(gold, pred, F_AVG_LABELS)
    return f_avg_of(dict(zip(s["label"], s["f1"])))


def accuracy(gold: Sequence, pred: Sequence) -> float:
    """Share of items whose prediction equals the gold label (NaN for no items)."""
    from sklearn.metrics import accuracy_score

    g, p = _codes(gold, pred, [])
    return float(accuracy_score(g, p)) if len(g) else np.nan


def confusion_counts(gold: Sequence, pred: Sequence, labels: Sequence) -> np.ndarray:
    """``counts[i, j]`` = items with gold ``labels[i]`` predicted as ``labels[j]``."""
    from sklearn.metrics import confusion_matrix

    labels = list(labels)
    g, p = _codes(gold, pred, labels)
    if not (g < len(labels)).any():  # scikit-learn refuses labels none of which is in gold
        return np.zeros((len(labels), len(labels)), dtype=int)
    return confusion_matrix(g, p, labels=list(range(len(labels)))).astype(int)


__all__ = ["F_AVG_LABELS", "SCORE_COLUMNS", "ZERO_DIVISION", "accuracy", "binary_scores", "confusion_counts",
           "f_avg", "f_avg_of", "harmonic_f1", "label_scores", "macro_f1", "micro_scores", "ratio"]

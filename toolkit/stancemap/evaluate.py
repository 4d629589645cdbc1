"""Scores of predicted labels against gold labels: per-class precision, recall and F1,
confusion matrices, macro-F1 (and micro-F1 for frames; F_avg, the mean F1 of favor
and against, for stance as in SemEval-2016 Task 6, Mohammad et al. 2016).

:func:`compare_labels` scores two labels tables; :func:`evaluate` scores a model
on a labels table with text; :func:`lexicon_baseline` scores the cue-term
baseline. Every number follows the rules of :mod:`stancemap.metrics`.
(Statement *extraction* is scored by span overlap in :mod:`stancemap.span_matching`.)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import StancemapError
from .labels import coded_rows, frame_labels, has_frame_labels, stance_labels
from .lexicon import lexicon_frames
from .metrics import (accuracy, binary_scores, confusion_counts, f_avg_of, label_scores, macro_f1,
                      micro_scores)
from .estimators import text_list
from .modelstore import resolve_codebook, resolve_model
from .schema import require_columns


@dataclass
class Evaluation:
    """Per-class scores, confusion counts and a summary per task (``frames`` or a target).

    * ``per_class``: task, label, precision, recall, f1, support (gold), predicted
    * ``confusion``: task, gold, predicted, n — stance: every (gold, predicted)
      pair of labels; frames: per frame, gold/predicted ``yes``/``no``
    * ``summary``: task, n, macro_f1, micro_f1 (frames), f_avg and accuracy (stance)

    Macro averages run over the labels that occur in the gold labels or the
    predictions (as scikit-learn does by default), so a label that never occurs
    and is never predicted does not count as F1 = 0.
    """

    per_class: pd.DataFrame
    confusion: pd.DataFrame
    summary: pd.DataFrame

    def to_dict(self) -> dict:
        def rec(df):
            return [{k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in r.items()}
                    for r in df.to_dict("records")]
        return {"per_class": rec(self.per_class), "confusion": rec(self.confusion), "summary": rec(self.summary)}

    @classmethod
    def from_dict(cls, d: dict) -> Evaluation:
        return cls(pd.DataFrame(d["per_class"]), pd.DataFrame(d["confusion"]), pd.DataFrame(d["summary"]))

    def macro_f1(self, task: str) -> float:
        row = self.summary[self.summary["task"] == task]
        return float(row["macro_f1"].iloc[0]) if len(row) else float("nan")


def frame_metrics(gold: pd.DataFrame, pred: pd.DataFrame, keys) -> tuple[list, list, dict]:
    """Per-frame P/R/F1 and yes/no confusion from 0/1 tables with ``frame_<key>`` columns,
    macro- and micro-F1 over frames (:mod:`stancemap.metrics`: a frame never in the gold
    labels and never predicted has NaN scores and is left out of macro-F1)."""
    keys = list(keys)
    per, conf = [], []
    for k in keys:
        s, (tp, fn, fp, tn) = binary_scores(gold[f"frame_{k}"].to_numpy(), pred[f"frame_{k}"].to_numpy())
        per.append(("frames", k, s["precision"], s["recall"], s["f1"], s["support"], s["predicted"]))
        conf += [("frames", f"{k}:yes", f"{k}:yes", tp), ("frames", f"{k}:yes", f"{k}:no", fn),
                 ("frames", f"{k}:no", f"{k}:yes", fp), ("frames", f"{k}:no", f"{k}:no", tn)]
    cols = [f"frame_{k}" for k in keys]
    micro = micro_scores(gold[cols].to_numpy(), pred[cols].to_numpy())[2]
    return per, conf, {"task": "frames", "n": len(gold), "macro_f1": macro_f1([r[4] for r in per]),
                       "micro_f1": micro, "f_avg": np.nan, "accuracy": np.nan}


def stance_metrics(task: str, gold, pred, labels) -> tuple[list, list, dict]:
    """Per-label P/R/F1 and the full confusion matrix for one stance target, macro-F1,
    F_avg (the mean F1 of favor and against) and accuracy (:mod:`stancemap.metrics`).

    A label that is neither in the gold labels nor predicted gets NaN scores and
    is left out of macro-F1 and F_avg.
    """
    gold, pred, labels = list(gold), list(pred), list(labels)
    s = label_scores(gold, pred, labels)
    per = [(task, *r) for r in s.itertuples(index=False, name=None)]
    counts = confusion_counts(gold, pred, labels)
    conf = [(task, a, b, int(counts[i, j])) for i, a in enumerate(labels) for j, b in enumerate(labels)]
    return per, conf, {"task": task, "n": len(gold), "macro_f1": macro_f1(s["f1"]), "micro_f1": np.nan,
                       "f_avg": f_avg_of(dict(zip(s["label"], s["f1"]))), "accuracy": accuracy(gold, pred)}


def evaluation_from(parts) -> Evaluation:
    per, conf, summ = [], [], []
    for pc, cf, sm in parts:
        per += pc
        conf += cf
        summ.append(sm)
    return Evaluation(
        pd.DataFrame(per, columns=["task", "label", "precision", "recall", "f1", "support", "predicted"]),
        pd.DataFrame(conf, columns=["task", "gold", "predicted", "n"]),
        pd.DataFrame(summ, columns=["task", "n", "macro_f1", "micro_f1", "f_avg", "accuracy"]))


def compare_labels(gold: pd.DataFrame, predicted: pd.DataFrame, codebook, *, frames: bool = True,
                   stance: bool = True) -> Evaluation:
    """Score predicted labels against gold labels (both labels tables, same index)."""
    parts = []
    if frames:
        gF = frame_labels(gold, codebook, table="gold labels")
        pF = frame_labels(predicted, codebook, table="predicted labels")
        parts.append(frame_metrics(gF, pF, codebook.frames))
    gS = stance_labels(gold, codebook, table="gold labels")
    pS = stance_labels(predicted, codebook, table="predicted labels")
    for t in (codebook.targets if stance else []):
        col = f"stance_{t}"
        m = (gS[col] != "").to_numpy()
        if m.any():
            parts.append(stance_metrics(t, gS[col][m], pS[col][m], list(codebook.labels)))
    if not parts:
        raise StancemapError("Nothing to evaluate: the gold labels have no frame or stance labels.")
    return evaluation_from(parts)


def evaluate(labels: pd.DataFrame, model=None, codebook=None) -> Evaluation:
    """Evaluate ``model`` (default: the default model) on a labels table with ``text``.

    Rows with no label are skipped (warning); stance cells left empty are not
    scored for that target; frames are scored when the table has frame labels.
    """
    model = resolve_model(model)
    codebook = resolve_codebook(codebook, model)
    require_columns(labels, ["text"], "labels table",
                    "Add the statement text (e.g. merge the labels with the statements table on statement_id).")
    df = coded_rows(labels, codebook, "labels table")
    if df.empty:
        raise StancemapError("The labels table has no labelled rows to evaluate.")
    pred = model.predict(text_list(df["text"]))
    pred.index = df.index
    pred = pred.assign(**{f"frame_{k}": (pred[f"frame_{k}"] >= model.frames.threshold).astype(int)
                          for k in model.frame_keys})
    return compare_labels(df, pred, codebook, frames=has_frame_labels(df, codebook))


def lexicon_baseline(labels: pd.DataFrame, codebook, min_count: int = 1) -> Evaluation:
    """Frame scores of the cue-term baseline (:func:`stancemap.lexicon.lexicon_frames`):
    a frame is predicted when ``min_count`` of its codebook cues occur."""
    require_columns(labels, ["text"], "labels table")
    pred = lexicon_frames(pd.Series(text_list(labels["text"]), index=labels.index), codebook, min_count)
    return compare_labels(labels, pred, codebook, stance=False)


__all__ = ["Evaluation", "compare_labels", "evaluate", "evaluation_from", "frame_metrics", "lexicon_baseline",
           "stance_metrics"]

"""Frames on SemEval-2023 Task 3 subtask 2 with stancemap's frame classifier; print one JSON line.

SemEval-2023 Task 3 subtask 2 (Piskorski, Stefanovitch, Da San Martino & Nakov,
"SemEval-2023 Task 3: Detecting the Category, the Framing, and the Persuasion
Techniques in Online News in a Multi-lingual Setup", SemEval 2023): news
articles (incl. the Russia–Ukraine war) labelled with any of the 14 frames of
the Policy Frames Codebook (Boydstun et al. 2014). Not redistributable; point
``--data`` at the language folder (e.g. ``data/en``) holding
``train-articles-subtask-2/article<ID>.txt`` and ``train-labels-subtask-2.txt``::

    python benchmarks/frames_semeval2023.py --data DIR [--folds 5] [--inner-folds 3] [--seed 0]
           [--config JSON | --grid JSON] [--jobs N] [--encoding auto]

Protocol: ``--folds``-fold cross-validation over the labelled articles (folds
stratified by each article's rarest frame, seeded); the score is micro-F1 over
all out-of-fold (article, frame) decisions — the task's official metric — and
macro-F1 over frames. The model is the shipped
``stancemap.models.FrameClassifier`` (one calibrated linear SVM per frame over
``make_features``: stemmed, negation-marked word 1–2-grams and character
n-grams) on title + body. Configuration for long articles: character 3–5-grams
(not 2–5) and ``min_df`` 2, which roughly halve the feature count and the
time; codebook cues off. The decision threshold and C are chosen *inside* each
training fold by an inner ``--inner-folds`` cross-validation (nested; the test
fold is never used to choose them); every article gets at least its most
probable frame. ``--config`` fixes all parameters instead (no inner loop).
For comparison, a plain one-vs-rest linear SVM (C=1, sign of the decision
function) on the same features and folds is reported as
``baseline_ovr_linear_svm`` (about 0.67 micro-F1 is reported for that
kind of model), and ``floor_every_frame_micro_f1`` is the micro-F1 of the
trivial rule "every article has every frame" (2p / (1 + p), p = share of
positive (article, frame) cells): a model must beat it to have learned anything.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

#: Fixed parameters of the frame benchmark (FrameClassifier keywords + ``at_least_one``).
BASE_CONFIG = {"estimator": "svm", "C": 0.3, "class_weight": "balanced", "word_ngrams": (1, 2),
               "char_ngrams": (3, 5), "min_df": 2, "max_features": None, "calibration_cv": 3,
               "threshold": 0.3, "at_least_one": True}
#: Chosen in each training fold by inner cross-validation (thresholds cost no extra training).
GRID = {"C": [0.1, 0.5], "threshold": [round(0.1 + 0.05 * i, 2) for i in range(11)]}
REFERENCE = {"plain_ovr_linear_svm_micro_f1": 0.67, "goal_micro_f1": 0.70}
_FEATURE_KEYS = ("word_ngrams", "char_ngrams", "min_df", "max_features")
_FIT_KEYS = ("estimator", "C", "class_weight", "calibration_cv")


def config_with(values: dict | None) -> dict:
    from stancemap.errors import StancemapError, did_you_mean

    cfg = dict(BASE_CONFIG)
    for k, v in (values or {}).items():
        if k not in cfg:
            raise StancemapError(f"Unknown frame configuration key {k!r}. Valid: {', '.join(cfg)}."
                                 f"{did_you_mean(k, cfg)}")
        cfg[k] = tuple(v) if isinstance(v, list) else v
    return cfg


def decide(proba: np.ndarray, threshold: float, at_least_one: bool) -> np.ndarray:
    """0/1 frames: probability ≥ threshold, plus the most probable frame of an article with none."""
    pred = (proba >= threshold).astype(int)
    if at_least_one and len(pred):
        empty = pred.sum(axis=1) == 0
        pred[np.flatnonzero(empty), np.argmax(proba[empty], axis=1)] = 1
    return pred


def micro_f1(Y: np.ndarray, P: np.ndarray) -> float:
    """Micro-F1 over every (article, frame) cell (:func:`stancemap.metrics.micro_scores`)."""
    from stancemap.metrics import micro_scores

    return micro_scores(Y, P)[2]


def fit_predict(texts, Y, tr, te, configs, labels, seed, baseline: bool = False):
    """P(frame) on ``te`` for each configuration, trained on ``tr`` with the shipped pipeline
    (configurations sharing a feature set share its vocabulary); with ``baseline`` also the
    plain one-vs-rest SVM's 0/1 predictions on the first configuration's features."""
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.svm import LinearSVC

    from stancemap.models import FrameClassifier, make_features

    out, base = [None] * len(configs), None
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(configs):
        groups.setdefault(tuple(c[k] for k in _FEATURE_KEYS), []).append(i)
    tr_texts, te_texts = [texts[i] for i in tr], [texts[i] for i in te]
    for key, members in groups.items():
        features = make_features(*key, cues=None)
        Xtr = features.fit_transform(tr_texts)  # = fit(...).transform(...), in one pass
        Xte = features.transform(te_texts)
        fitted = {}
        for i in members:
            fk = tuple(configs[i][k] for k in _FIT_KEYS)
            if fk not in fitted:
                clf = FrameClassifier(labels=labels, random_state=seed, cues=None,
                                      **dict(zip(_FIT_KEYS, fk)), **dict(zip(_FEATURE_KEYS, key)))
                fitted[fk] = clf.fit_transformed(features, Xtr, Y[tr]).proba_transformed(Xte)
            out[i] = fitted[fk]
        if baseline and base is None and 0 in members:
            ovr = OneVsRestClassifier(LinearSVC(C=1.0, random_state=seed)).fit(Xtr, Y[tr])
            base = np.asarray(ovr.predict(Xte)).astype(int)
    return out, base


def run_fold(texts, Y, tr, te, setup: dict):
    """One outer fold: choose the configuration by inner cross-validation on ``tr`` (unless
    ``setup["chosen"]`` fixes it), train on ``tr``, decide on ``te``. Returns
    ``(0/1 predictions, baseline predictions, chosen configuration, inner micro-F1)``."""
    from sklearn.model_selection import StratifiedKFold

    from stancemap.crossval import frame_strata as _frame_strata

    labels, seed = setup["labels"], setup["seed"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        chosen, inner_score = setup["chosen"], None
        if chosen is None:
            cands, k = setup["candidates"], setup["inner_folds"]
            inner_p = [np.zeros((len(tr), len(labels))) for _ in cands]
            inner = StratifiedKFold(k, shuffle=True, random_state=seed)
            for itr, ite in inner.split(tr, _frame_strata(Y[tr], k)):
                probs, _ = fit_predict(texts, Y, tr[itr], tr[ite], cands, labels, seed)
                for i, p in enumerate(probs):
                    inner_p[i][ite] = p
            best = None
            for i, c in enumerate(cands):
                for thr in setup["thresholds"]:
                    for one in setup["at_least"]:
                        s = micro_f1(Y[tr], decide(inner_p[i], thr, one))
                        if best is None or s > best[0]:
                            best = (s, {**c, "threshold": thr, "at_least_one": one})
            inner_score, chosen = best
        probs, base_pred = fit_predict(texts, Y, tr, te, [chosen], labels, seed, baseline=True)
    return decide(probs[0], chosen["threshold"], chosen["at_least_one"]), base_pred, chosen, inner_score


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--data", required=True, help="language folder with train-articles-subtask-2/ and the labels")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--inner-folds", type=int, default=3, help="folds of the inner selection (default 3)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--config", default=None, help="JSON parameters to use as is (no inner selection)")
    ap.add_argument("--grid", default=None, help="JSON grid {key: [values]} for the inner selection")
    ap.add_argument("--articles", default="train-articles-subtask-2", help="articles folder name")
    ap.add_argument("--labels", default="train-labels-subtask-2.txt", help="labels file name")
    ap.add_argument("--jobs", type=int, default=2, help="run the outer folds in N processes (default 2)")
    ap.add_argument("--encoding", default="auto")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()

    from joblib import Parallel, delayed
    from sklearn.model_selection import StratifiedKFold

    from stancemap import __version__
    from stancemap.errors import StancemapError
    from stancemap.benchmarking import json_option
    from stancemap.crossval import frame_strata as _frame_strata
    from stancemap.evaluate import frame_metrics
    from stancemap.readers import FRAMES_2023, frame_indicators, load_semeval2023_frames

    try:
        fixed, grid = json_option(args.config, "config"), json_option(args.grid, "grid")
        for name, v in (("folds", args.folds), ("inner-folds", args.inner_folds)):
            if v < 2:
                raise StancemapError(f"--{name} must be at least 2, got {v}.")
        base = config_with(fixed)
        grid = {k: list(v) for k, v in (GRID if grid is None else grid).items()}
        config_with({k: v[0] for k, v in grid.items()})  # unknown keys raise
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            data = load_semeval2023_frames(args.data, articles=args.articles, labels=args.labels,
                                           encoding=args.encoding)
        if len(data) < args.folds:
            raise StancemapError(f"{len(data)} labelled article(s) cannot be split into {args.folds} folds; "
                                 "use --folds 2 or more data.")
    except StancemapError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for w in caught:
        if issubclass(w.category, UserWarning):
            print(f"warning: {w.message}", file=sys.stderr)

    labels = list(FRAMES_2023)
    texts = data["text"].tolist()
    Y = frame_indicators(data["frames"], labels)
    fit_keys = [k for k in grid if k not in ("threshold", "at_least_one")]
    candidates = ([config_with({**(fixed or {}), **dict(zip(fit_keys, vals))})
                   for vals in itertools.product(*(grid[k] for k in fit_keys))] if fixed is None else [base])
    thresholds = grid.get("threshold", [base["threshold"]]) if fixed is None else [base["threshold"]]
    at_least = grid.get("at_least_one", [base["at_least_one"]]) if fixed is None else [base["at_least_one"]]
    oof = np.zeros_like(Y)
    oof_base = np.zeros_like(Y)
    per_fold = []
    outer = StratifiedKFold(args.folds, shuffle=True, random_state=args.seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a rare stratum smaller than the folds
        splits = list(outer.split(texts, _frame_strata(Y, args.folds)))
    setup = {"candidates": candidates, "thresholds": thresholds, "at_least": at_least,
             "chosen": base if fixed is not None else None, "inner_folds": args.inner_folds,
             "labels": labels, "seed": args.seed}
    runs = Parallel(n_jobs=args.jobs)(delayed(run_fold)(texts, Y, tr, te, setup) for tr, te in splits)
    for k, ((tr, te), (pred, base_pred, chosen, inner_score)) in enumerate(zip(splits, runs), start=1):
        oof[te], oof_base[te] = pred, base_pred
        per_fold.append({"fold": k, "n_train": len(tr), "n_test": len(te),
                         "micro_f1": round(micro_f1(Y[te], pred), 4),
                         "baseline_micro_f1": round(micro_f1(Y[te], base_pred), 4),
                         **{key: chosen[key] for key in (*fit_keys, "threshold", "at_least_one")},
                         "inner_micro_f1": None if inner_score is None else round(inner_score, 4)})

    def scores(P):
        import pandas as pd

        cols = [f"frame_{f}" for f in labels]
        per, _, summary = frame_metrics(pd.DataFrame(Y, columns=cols), pd.DataFrame(P, columns=cols), labels)
        tp = int((Y & P).sum())
        return ({"micro_f1": round(summary["micro_f1"], 4), "macro_f1": round(summary["macro_f1"], 4),
                 "micro_precision": round(tp / P.sum(), 4) if P.sum() else 0.0,
                 "micro_recall": round(tp / Y.sum(), 4) if Y.sum() else 0.0,
                 "label_cardinality_predicted": round(float(P.sum(axis=1).mean()), 3)},
                {lab: {"precision": None if pr != pr else round(pr, 4), "recall": None if rc != rc else round(rc, 4),
                       "f1": None if f1 != f1 else round(f1, 4), "support": sup, "predicted": npred}
                 for _, lab, pr, rc, f1, sup, npred in per})

    metrics, per_frame = scores(oof)
    base_metrics, _ = scores(oof_base)
    cfg = {k: (list(v) if isinstance(v, tuple) else v) for k, v in base.items()}
    if fixed is None:
        for key in (*fit_keys, "threshold", "at_least_one"):
            cfg[key] = "chosen in each fold (per_fold)"
    out = {
        "benchmark": "frames_semeval2023",
        "data": str(Path(args.data)),
        "n": {"articles": len(data), "frames": len(labels), "label_cardinality": round(float(Y.sum(axis=1).mean()), 3),
              "frame_counts": {f: int(Y[:, j].sum()) for j, f in enumerate(labels)},
              "mean_characters": int(data["text"].str.len().mean())},
        "folds": args.folds,
        "seed": args.seed,
        "metrics": metrics,
        "per_frame": per_frame,
        "per_fold": per_fold,
        "configuration": {**cfg, "cues": None, "text": "title + blank line + body",
                          "selected_in_each_fold": None if fixed is not None else
                          {"keys": [*fit_keys, "threshold", "at_least_one"], "grid": grid,
                           "method": f"{args.inner_folds}-fold inner cross-validation on the training fold, "
                                     "best micro-F1"}},
        "baseline_ovr_linear_svm": {**base_metrics, "model": "OneVsRestClassifier(LinearSVC(C=1)) on the same "
                                                             "features and folds, decision > 0"},
        "floor_every_frame_micro_f1": round(micro_f1(Y, np.ones_like(Y)), 4),
        "reference": REFERENCE,
        "aim": {"micro_f1": 0.72, "met": bool(metrics.get("micro_f1") is not None and metrics["micro_f1"] >= 0.72)},
        "pipeline": "stancemap.models.make_features + FrameClassifier (calibrated linear SVM per frame)",
        "stancemap_version": __version__,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Stance on real sentences: document-grouped cross-validation of three settings; print one JSON line.

Data: the TRAIN part of the double-coded real sentences (``corpora/real-labels``,
split by document; ``--part dev`` or ``--part train+dev`` to widen it; the test part
is never read here), hydrated from the data directory by
``stancemap.real_eval.load_real_eval``, plus the constructed training examples
(``corpora/training/*.csv``), which are always in the training part and never
scored::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py [--folds 5] [--seed 0] [--C 0.5]
           [--target-weight 0.1]

Folds: ``StratifiedGroupKFold`` over the real sentences, grouped by document
(every sentence of a press item or a UN speech in one fold), stratified by
whether the sentence takes a side on any target, seeded. Per codebook target,
three scikit-learn pipelines, each with ``LinearSVC(C, class_weight="balanced")``:

1. ``text``: the shipped text features (``stancemap.models.make_features``: word
   and character TF-IDF) — favor / against / none in one model;
2. ``text+target``: the same plus ``stancemap.target_features.target_features``
   for that target;
3. ``two_step``: with the features of 2, first "does the sentence take a side on
   the target?" (favor or against vs none), then favor vs against, trained on the
   sentences that take a side only.

Score: F_avg = (F1 favor + F1 against) / 2 (SemEval-2016 Task 6) over the
out-of-fold predictions of the real sentences, per target, pooled over targets
(micro, as the task's script) and per actor group (pooled over targets).
Nothing here changes the default model.

``--grid`` instead chooses the default model's settings (``stancemap.training.BUNDLED_PARAMS``)
with the shipped training code: for each setting of a small grid (C, target-feature
weight), :func:`stancemap.crossval.grouped_oof` trains whole models on the constructed
examples + four folds of the real train part (folds grouped by document) and predicts the
fifth; pooled stance F_avg (micro over targets) and frames micro-F1 are computed on the
out-of-fold predictions, then a ``none`` weight per target and a frames threshold are chosen
on the same predictions for the best setting. The chosen and the previous settings are then
trained on constructed + the whole train part and scored once on the DEV part::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --grid

``--compare`` sets the default model's settings before and after a change side by side:
:data:`PREVIOUS_PARAMS` (the settings shipped before issue #12's second round) and a candidate
(``stancemap.training.BUNDLED_PARAMS`` with ``none_weight`` 1 and the default frames threshold),
each cross-validated as ``--grid`` does; the candidate's ``none`` weights and frames threshold are
then chosen on its out-of-fold predictions (the same grids), and both settings are trained on
constructed + the whole train part and scored on the DEV part: stance F_avg pooled, per target and
per actor group; frames micro-F1 pooled, per frame and per actor group::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --compare

``--round-compare N`` measures what labelling round N adds: the shipped settings trained on the
constructed examples and the train part with and without round N's sentences, each scored once on
the whole DEV part (stance F_avg and frames micro-F1, pooled, per target and per actor group); ``N``
may list several rounds, ``8,9``, to measure what they add together::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --round-compare 6

``--learning-curve`` measures how dev quality grows with the real training sentences: the
shipped settings trained on the constructed examples and a random share of the train part's
DOCUMENTS (1/8, 1/4, 1/2, 3/4, three draws each, and all of it), each scored once on the whole DEV
part; then a least-squares line of each score against log2(real sentences) over the shares' means,
and the number of real training sentences at which that line would reach the aims (stance F_avg
0.75, frames micro-F1 0.80), an extrapolation, not a measurement (None when the line does not rise)::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --learning-curve

``--frame-thresholds`` sets one frames threshold per frame beside the shipped single one: the
shipped settings' out-of-fold frame probabilities on the train part (grouped 5-fold, as ``--grid``),
a threshold per frame chosen on them by coordinate ascent on micro-F1 (:data:`THRESHOLDS` widened
to 0.10–0.60), and both read once on the DEV part by a model trained on the whole train part::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --frame-thresholds

``--none-weights`` chooses the ``none`` weights and the frames threshold again on the current train part:
the shipped settings' grouped out-of-fold probabilities with ``none`` weight 1, a weight per target chosen
from :data:`FINE_NONE_WEIGHTS` by that target's out-of-fold F_avg (ties: nearest 1), the threshold from
:data:`THRESHOLDS`; the shipped and the chosen values then read once each on the DEV probabilities of one
model trained on the whole train part::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --none-weights

``--c-compare C[,C...]`` sets the shipped settings with other values of the SVMs' ``C`` beside the shipped one
(chosen in stop 24 on 2,262 train sentences): grouped out-of-fold probabilities on the train part and one model
on the whole train part read on DEV, each with the shipped ``none`` weights and frames threshold::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --c-compare 0.125,0.5

``--estimator-compare C`` sets a logistic regression with ``C`` (Platt-calibrated like the SVM) in place of
the shipped linear SVM, every other setting shipped: grouped out-of-fold probabilities on the train part,
scored with ``none`` weight 1, with the shipped weights, and with weights chosen on the same predictions::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --estimator-compare 4

``--nb-compare`` sets frames on naive-Bayes-scaled features (NBSVM, Wang & Manning 2012; ``nb_alpha`` of
:data:`NB_ALPHAS`) beside frames without: grouped CV on train (the threshold chosen out of fold) and one dev
read each; stance is the same in every setting::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --nb-compare

``--clusters-compare`` tries distributional word clusters from the unlabelled texts of the six
datasets as stance features (a classical semi-supervised representation; Turian, Ratinov & Bengio
2010): positive PMI of word pairs within 3 words (the 30,000 most frequent words, context
distribution smoothed by 0.75), a 100-dimensional truncated SVD (Levy, Goldberg & Dagan 2015), k-means
into 256 clusters (seed 0); each sentence's bag of clusters, l2-normed and times a weight (3 or 10), is
added to the shipped ``target_rules`` block. Grouped CV on train and one dev read each, beside the
shipped settings::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --clusters-compare

``--word-clusters-compare`` measures the shipped word-cluster block (:mod:`stancemap.word_clusters`: the
clusters of ``--clusters-compare`` learned by the toolkit from the six datasets' documents, each stem taking
its words' main cluster; in the frames only, weight 2) beside the same settings without it, at weights 1
and 3, and in the stance classifiers too: whole models by ``train_model``, grouped CV on train and one dev
read each::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --word-clusters-compare

``--frame-clusters-compare`` adds the same clusters to the frames instead (not to stance): each
sentence's l2-normed bag of clusters, times a weight (:data:`FRAME_CLUSTER_WEIGHTS`), beside the shipped
frame features; frames only, on the folds of ``grouped_oof`` (micro-F1 at several thresholds) and one dev
read each (at the shipped threshold)::

    STANCEMAP_DATA=/path/to/datasets python benchmarks/stance_real_cv.py --frame-clusters-compare
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import warnings

import numpy as np


def _pipelines(target, codebook, C, weight=1.0):
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.svm import LinearSVC

    from stancemap.models import make_features
    from stancemap.target_features import target_features

    def svm():
        return LinearSVC(C=C, class_weight="balanced", random_state=0)

    def with_target():
        tf = FunctionTransformer(target_features, kw_args={"target": target, "codebook": codebook},
                                 accept_sparse=True, validate=False)
        return FeatureUnion([("text", make_features()), ("target", tf)],
                            transformer_weights={"text": 1.0, "target": weight})

    return {"text": lambda: Pipeline([("features", make_features()), ("svm", svm())]),
            "text+target": lambda: Pipeline([("features", with_target()), ("svm", svm())])}


def _fit_predict(setting, make, train_x, train_y, test_x):
    """Predictions of one setting for ``test_x`` (a one-label training set predicts that label)."""
    train_y = np.asarray(train_y, dtype=object)
    if setting != "two_step":
        if len(set(train_y)) < 2:
            return np.full(len(test_x), train_y[0], dtype=object)
        return np.asarray(make().fit(train_x, train_y).predict(test_x), dtype=object)
    side = train_y != "none"
    out = np.full(len(test_x), "none", dtype=object)
    if side.all() or not side.any():
        return _fit_predict("text+target", make, train_x, train_y, test_x)
    takes = make().fit(train_x, side.astype(int)).predict(test_x).astype(bool)
    sided_y = train_y[side]
    if not takes.any():
        return out
    if len(set(sided_y)) < 2:
        out[takes] = sided_y[0]
        return out
    sided_x = [x for x, s in zip(train_x, side) if s]
    out[takes] = make().fit(sided_x, sided_y).predict([x for x, t in zip(test_x, takes) if t])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--data", default=None, help="data directory (default $STANCEMAP_DATA, else ../shared/datasets)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--part", default="train", choices=["train", "dev", "train+dev"],
                    help="which part of corpora/real-labels to cross-validate on (the test part is never read)")
    ap.add_argument("--C", type=float, default=0.5, help="LinearSVC C of every setting (default 0.5, as shipped)")
    ap.add_argument("--target-weight", type=float, default=0.1,
                    help="weight of the target features beside the TF-IDF blocks (default 0.1)")
    ap.add_argument("--grid", action="store_true",
                    help="choose the default model's settings (grouped CV on train, confirmed on dev)")
    ap.add_argument("--extra-compare", default=None, metavar="BLOCK",
                    help="CV and dev of BUNDLED_PARAMS beside the same settings with the feature block BLOCK")
    ap.add_argument("--two-step-compare", action="store_true",
                    help="the shipped joint stance classifier beside a two-step one (addresses the target? then "
                         "favor vs against), grouped CV on train")
    ap.add_argument("--compare", action="store_true",
                    help="the previous and the current default settings: grouped CV on train, then dev")
    ap.add_argument("--round-compare", default=None, metavar="N",
                    help="what labelling round N (or rounds N,M,...) adds: BUNDLED_PARAMS trained on the train "
                         "part with and without those rounds' sentences, each scored once on the whole DEV part")
    ap.add_argument("--learning-curve", action="store_true",
                    help="dev quality of BUNDLED_PARAMS trained on shares of the train part's documents, and "
                         "the log-linear trend's extrapolation to the aims")
    ap.add_argument("--clusters-compare", action="store_true",
                    help="word clusters from the datasets' unlabelled texts added to the stance features, beside "
                         "the shipped settings (grouped CV on train, one dev read)")
    ap.add_argument("--word-clusters-compare", action="store_true",
                    help="the toolkit's word-cluster block (stancemap.word_clusters) in frames and stance, or in the "
                         "frames only, beside the shipped settings: grouped CV on train and one dev read each")
    ap.add_argument("--frame-clusters-compare", action="store_true",
                    help="word clusters from the datasets' unlabelled texts added to the frame features: frames "
                         "only, grouped CV on train and one dev read per weight")
    ap.add_argument("--estimator-compare", type=float, default=None, metavar="C",
                    help="logistic regression with this C in place of the shipped linear SVM, both out of fold on "
                         "train (none weights 1, the shipped ones, and ones tuned there)")
    ap.add_argument("--nb-compare", action="store_true",
                    help="frames with naive-Bayes-scaled features (NBSVM) beside the frames without: grouped CV "
                         "on train, one dev read each")
    ap.add_argument("--none-weights", action="store_true",
                    help="the shipped none weights beside ones chosen again (finer grid) on the out-of-fold "
                         "predictions of the current train part, and the frames threshold likewise; one dev read each")
    ap.add_argument("--c-compare", default=None, metavar="C[,C...]",
                    help="the shipped settings with each of these C values beside the shipped C: grouped CV on train "
                         "(the shipped none weights and threshold) and one dev read each")
    ap.add_argument("--frame-thresholds", action="store_true",
                    help="one frames threshold per frame (chosen out of fold on train) beside the shipped single "
                         "one, both read on dev")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    for flag, run in (("clusters_compare", clusters_compare), ("frame_clusters_compare", frame_clusters_compare),
                      ("word_clusters_compare", word_clusters_compare),
                      ("frame_thresholds", frame_thresholds),
                      ("learning_curve", learning_curve), ("grid", grid), ("compare", compare),
                      ("extra_compare", extra_compare), ("two_step_compare", two_step_compare),
                      ("round_compare", round_compare), ("estimator_compare", estimator_compare),
                      ("nb_compare", nb_compare), ("none_weights", none_weights), ("c_compare", c_compare)):
        if getattr(args, flag) not in (None, False):  # one study per run, the first flag given in this order
            return run(args, t0)

    from sklearn.model_selection import StratifiedGroupKFold

    from stancemap import __version__
    from stancemap.benchmarking import semeval_f_avg
    from stancemap.codebook import load_codebook, load_training
    from stancemap.errors import StancemapError
    from stancemap.real_eval import load_real_eval

    try:
        codebook = load_codebook()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            real = load_real_eval(args.data)
        if "split" in real.columns:  # the test part is kept for the model card
            real = real[real["split"].isin(args.part.split("+"))].reset_index(drop=True)
        constructed = load_training(codebook=codebook)
    except StancemapError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    targets = codebook.target_keys
    docs = (real["dataset"] + "|" + real["file"] + "|" + real["doc_key"]).to_numpy()
    sided = np.array([any(real[f"stance_{t}"].iloc[i] != "none" for t in targets) for i in range(len(real))])
    splits = list(StratifiedGroupKFold(args.folds, shuffle=True, random_state=args.seed)
                  .split(np.zeros(len(real)), sided.astype(int), docs))
    real_x, con_x = real["text"].tolist(), constructed["text"].tolist()
    settings = ("text", "text+target", "two_step")
    pred = {s: {t: np.full(len(real), "none", dtype=object) for t in targets} for s in settings}
    seconds = dict.fromkeys(settings, 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for t in targets:
            pipes = _pipelines(t, codebook, args.C, args.target_weight)
            y_real = real[f"stance_{t}"].to_numpy(dtype=object)
            y_con = constructed[f"stance_{t}"].tolist()
            for tr, te in splits:
                train_x = con_x + [real_x[i] for i in tr]
                train_y = y_con + [y_real[i] for i in tr]
                test_x = [real_x[i] for i in te]
                for s in settings:
                    s0 = time.perf_counter()
                    make = pipes["text" if s == "text" else "text+target"]
                    pred[s][t][te] = _fit_predict(s, make, train_x, train_y, test_x)
                    seconds[s] += time.perf_counter() - s0

    def score(gold, p):
        fa = semeval_f_avg(list(gold), list(p))
        return {k: (None if v is None or (isinstance(v, float) and np.isnan(v)) else round(float(v), 4))
                for k, v in fa.items() if k in ("f_avg", "f_favor", "f_against", "n")}

    gold_all = np.concatenate([real[f"stance_{t}"].to_numpy(dtype=object) for t in targets])
    actor_all = np.concatenate([real["actor"].to_numpy(dtype=object) for _ in targets])
    results = {}
    for s in settings:
        p_all = np.concatenate([pred[s][t] for t in targets])
        per_target = {}
        for t in targets:
            g = real[f"stance_{t}"].to_numpy(dtype=object)
            per_target[t] = {**score(g, pred[s][t]), "gold_favor": int((g == "favor").sum()),
                             "gold_against": int((g == "against").sum()),
                             "predicted_side": int((pred[s][t] != "none").sum())}
        results[s] = {"f_avg": score(gold_all, p_all)["f_avg"], **{k: v for k, v in score(gold_all, p_all).items()
                                                                   if k != "f_avg"},
                      "per_target": per_target,
                      "per_actor": {a: score(gold_all[actor_all == a], p_all[actor_all == a])
                                    for a in sorted(set(actor_all))},
                      "seconds": round(seconds[s], 1)}
    best = max(settings, key=lambda s: (results[s]["f_avg"] or 0.0, -settings.index(s)))
    out = {
        "benchmark": "stance_real_cv",
        "n": {"real": len(real), "real_documents": int(len(set(docs))), "constructed_training": len(constructed),
              "folds": args.folds},
        "protocol": f"{args.folds}-fold StratifiedGroupKFold over the real sentences (groups = documents, strata = "
                    "takes a side on any target), seed "
                    f"{args.seed}; constructed examples always in training; LinearSVC(C={args.C}, balanced); "
                    f"target features weighted {args.target_weight}",
        "metric": "F_avg = (F1 favor + F1 against) / 2 (SemEval-2016 Task 6), out-of-fold, real sentences only; "
                  "pooled = micro over targets",
        "settings": results,
        "best": best,
        "stancemap_version": __version__,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    print(json.dumps(out))
    return 0


NONE_WEIGHTS = (0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
#: (C, extra, extra_weight): the grid, kept small (two shared cores), around the shipped block
#: (``target_rules`` at 0.1, real rows counted twice). Until 4 Dec 2026 it was the first round's grid
#: ((0.5, None, 1.0), (0.5, "target", 0.03 / 0.1 / 0.3), (0.25 and 1.0, "target", 0.1), real rows once).
GRID = ((0.5, "target_rules", 0.1), (0.25, "target_rules", 0.1), (1.0, "target_rules", 0.1),
        (0.5, "target_rules", 0.05), (0.5, "target_rules", 0.2))


def _stance_preds(P: dict, t: str, w: float) -> np.ndarray:
    """Labels from the probability columns ``P[label]`` with ``none`` weighted ``w``."""
    labs = sorted(P)
    M = np.column_stack([P[lab] * (w if lab == "none" else 1.0) for lab in labs])
    return np.asarray(labs, dtype=object)[np.argmax(M, axis=1)]


def _scores(gold: "pd.DataFrame", probs: "pd.DataFrame", codebook, none_weight, threshold,
            detail: bool = False) -> dict:
    from stancemap.benchmarking import semeval_f_avg
    from stancemap.metrics import micro_scores

    targets = codebook.target_keys
    g_all, p_all, per = [], [], {}
    for t in targets:
        P = {c[len(f"p_{t}_"):]: probs[c].to_numpy() for c in probs.columns if c.startswith(f"p_{t}_")}
        w = none_weight.get(t, 1.0) if isinstance(none_weight, dict) else none_weight
        pred = _stance_preds(P, t, w)
        gold_t = gold[f"stance_{t}"].to_numpy(dtype=object)
        g_all.append(gold_t)
        p_all.append(pred)
        per[t] = round(float(np.nan_to_num(semeval_f_avg(gold_t, pred)["f_avg"])), 4)
    g_all, p_all = np.concatenate(g_all), np.concatenate(p_all)
    F = gold[[f"frame_{k}" for k in codebook.frame_keys]].to_numpy()
    Pf = probs[[f"frame_{k}" for k in codebook.frame_keys]].to_numpy() >= threshold
    actors = np.concatenate([gold["actor"].to_numpy(dtype=object)] * len(targets))
    out = {"stance_f_avg": round(float(semeval_f_avg(g_all, p_all)["f_avg"]), 4),
           "frames_micro_f1": round(micro_scores(F, Pf)[2], 4), "per_target": per,
           "per_actor": {a: round(float(np.nan_to_num(semeval_f_avg(g_all[actors == a], p_all[actors == a])["f_avg"])), 4)
                         for a in sorted(set(actors))}}
    if detail:
        row_actor = gold["actor"].to_numpy(dtype=object)
        out["frames_per_frame"] = {k: round(micro_scores(F[:, j], Pf[:, j])[2], 4)
                                   for j, k in enumerate(codebook.frame_keys)}
        out["frames_per_actor"] = {a: round(micro_scores(F[row_actor == a], Pf[row_actor == a])[2], 4)
                                   for a in sorted(set(row_actor))}
    return out


def _training_and_dev(args):
    """(training table, codebook, dev part, targets, real mask, takes-a-side strata, real rows), or
    None after printing the error when the real sentences cannot be read."""
    from stancemap.errors import StancemapError
    from stancemap.training import TUNING_PART, bundled_training, real_training

    try:  # settings are chosen on the train part only (the shipped model then learns from train + dev)
        data, cb = bundled_training(real=True, data_dir=args.data, part=TUNING_PART)
        dev = real_training(cb, args.data, part="dev")
    except StancemapError as e:
        print(f"error: {e}", file=sys.stderr)
        return None
    targets = cb.target_keys
    real = (data["origin"] == "real").to_numpy()
    sided = np.array([any(data[f"stance_{t}"].iloc[i] not in ("none", "") for t in targets)
                      for i in range(len(data))]).astype(int)
    return data, cb, dev, targets, real, sided, data[real]


def grid(args, t0) -> int:
    from stancemap import __version__
    from stancemap.crossval import grouped_oof
    from stancemap.training import BUNDLED_PARAMS, DEFAULT_PARAMS

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, targets, real, sided, gold = loaded
    rows, oofs = [], {}
    base = {**DEFAULT_PARAMS, "real_weight": BUNDLED_PARAMS.get("real_weight", 1)}
    for C, extra, weight in GRID:
        params = {**base, "C": C, "extra": extra, "extra_weight": weight}
        s0 = time.perf_counter()
        oof = grouped_oof(data, cb, scored=real, groups=data["group"].to_numpy(), strata=sided, folds=args.folds,
                          random_state=args.seed, params=params, clusters=_clusters_for(params))
        oofs[(C, extra, weight)] = oof
        rows.append({"C": C, "extra": extra, "extra_weight": weight,
                     **_scores(gold, oof, cb, 1.0, DEFAULT_PARAMS["threshold"]),
                     "seconds": round(time.perf_counter() - s0, 1)})
        print(json.dumps(rows[-1]), file=sys.stderr)
    best = max(rows, key=lambda r: (r["stance_f_avg"], r["frames_micro_f1"]))
    key = (best["C"], best["extra"], best["extra_weight"])
    oof = oofs[key]
    none_weight = choose_none_weights(gold, oof, cb, NONE_WEIGHTS)[0]
    thr = _choose_threshold(gold, oof, cb)
    tuned = _scores(gold, oof, cb, none_weight, thr)
    chosen = {**base, "C": key[0], "extra": key[1], "extra_weight": key[2],
              "none_weight": none_weight, "threshold": thr}

    def dev_scores(params, rows=None):
        return _dev_scores(data if rows is None else data[rows], dev, cb, params, args.seed, detail=False)

    out = {"benchmark": "stance_real_cv --grid",
           "n": {"constructed": int((~real).sum()), "real_train": int(real.sum()),
                 "real_train_documents": int(gold["group"].nunique()), "real_dev": len(dev), "folds": args.folds},
           "protocol": f"{args.folds}-fold StratifiedGroupKFold over the real train part (groups = documents, "
                       f"strata = takes a side on any target), seed {args.seed}; constructed examples in every "
                       "training fold; whole models trained by stancemap.training.train_model; F_avg pooled "
                       "over targets (micro), frames micro-F1 at the threshold",
           "cv": rows, "best": {"C": key[0], "extra": key[1], "extra_weight": key[2]},
           "none_weight": none_weight, "threshold": thr, "cv_tuned": tuned,
           "dev": {"constructed_only (the model in main)": dev_scores(dict(DEFAULT_PARAMS), ~real),
                   "previous_defaults": dev_scores(dict(DEFAULT_PARAMS)),
                   "chosen": dev_scores(chosen), "shipped (BUNDLED_PARAMS)": dev_scores(BUNDLED_PARAMS)},
           "stancemap_version": __version__, "seconds": round(time.perf_counter() - t0, 1)}
    print(json.dumps(out, default=str))
    return 0


#: The default model's settings before issue #12's second round (``--compare`` sets them beside
#: the current ``stancemap.training.BUNDLED_PARAMS``).
PREVIOUS_PARAMS: dict = {"estimator": "svm", "C": 0.5, "word_ngrams": (1, 2), "char_ngrams": (2, 5), "min_df": 1,
                         "cues": True, "calibration_cv": 3, "threshold": 0.35, "extra": "target",
                         "extra_weight": 0.1, "none_weight": {"full_ceasefire": 0.5, "energy_truce": 1.5,
                                                              "military_aid": 1.5, "sanctions": 0.75,
                                                              "territorial_concessions": 1.0}}


#: The finer grid of ``--none-weights``: NONE_WEIGHTS with 0.4, 0.6, 0.9 and 1.25; 0.2, 0.25 and 0.3 since stop 39
#: (three targets had chosen the old edge, 0.4).
FINE_NONE_WEIGHTS = (0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0, 3.0)


def choose_none_weights(gold, oof, cb, weights=FINE_NONE_WEIGHTS) -> tuple[dict, dict]:
    """Per target, the ``none`` weight of ``weights`` with the best out-of-fold F_avg of that target (ties: the
    weight nearest 1), and every weight's F_avg per target."""
    chosen, table = {}, {}
    for t in cb.target_keys:
        cand = [(_scores(gold, oof, cb, {t: w}, 0.3)["per_target"][t], -abs(np.log(w)), w) for w in weights]
        table[t] = {str(w): f for f, _, w in cand}
        chosen[t] = max(cand)[2]
    return chosen, table


def _choose_threshold(gold, oof, cb) -> float:
    """The frames threshold of :data:`THRESHOLDS` with the best out-of-fold micro-F1 (ties: nearest 0.3)."""
    return max(THRESHOLDS, key=lambda th: (_scores(gold, oof, cb, 1.0, th)["frames_micro_f1"], -abs(th - 0.3)))


def none_weights(args, t0) -> int:
    """``--none-weights``: out-of-fold probabilities of BUNDLED_PARAMS with ``none`` weight 1 on the train part;
    the shipped weights beside ones chosen again there (:func:`choose_none_weights`), the frames threshold
    likewise; then one model on constructed + the whole train part, its DEV probabilities read with each."""
    import pandas as pd

    from stancemap import __version__
    from stancemap.crossval import grouped_oof, model_probabilities
    from stancemap.training import BUNDLED_PARAMS, train_model

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, targets, real, sided, gold = loaded
    params = {**BUNDLED_PARAMS, "none_weight": 1.0}
    out = _grouped_header("--none-weights", args, real, dev,
                          "whole models by stancemap.training.train_model with none weight 1; none weights per "
                          f"target chosen from {list(FINE_NONE_WEIGHTS)} and the frames threshold from "
                          f"{list(THRESHOLDS)} on the out-of-fold predictions; dev = one model trained on "
                          "constructed + the whole train part, its DEV probabilities read with each choice")
    oof = grouped_oof(data, cb, scored=real, groups=data["group"].to_numpy(), strata=sided, folds=args.folds,
                      random_state=args.seed, params=params, clusters=_clusters_for(params))
    shipped, shipped_thr = BUNDLED_PARAMS["none_weight"], BUNDLED_PARAMS["threshold"]
    chosen, table = choose_none_weights(gold, oof, cb)
    thr = _choose_threshold(gold, oof, cb)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = train_model(data, cb, params=params, random_state=args.seed, clusters=_clusters_for(params))
    probs = pd.DataFrame(model_probabilities(model, dev["text"].tolist()))
    out.update({"shipped": {"none_weight": shipped, "threshold": shipped_thr},
                "chosen": {"none_weight": chosen, "threshold": thr}, "cv_f_avg_per_weight": table,
                "cv_shipped": _scores(gold, oof, cb, shipped, shipped_thr, detail=True),
                "cv_chosen": _scores(gold, oof, cb, chosen, thr, detail=True),
                "dev_shipped": _scores(dev, probs, cb, shipped, shipped_thr, detail=True),
                "dev_chosen": _scores(dev, probs, cb, chosen, thr, detail=True),
                "stancemap_version": __version__, "seconds": round(time.perf_counter() - t0, 1)})
    print(json.dumps(out, default=str))
    return 0


def c_compare(args, t0) -> int:
    """``--c-compare C,...``: BUNDLED_PARAMS with each C (the shipped one first), grouped out-of-fold probabilities
    on the train part read with the shipped ``none`` weights and frames threshold, then one model per C on
    constructed + the whole train part read once on DEV the same way."""
    import pandas as pd

    from stancemap import __version__
    from stancemap.crossval import grouped_oof, model_probabilities
    from stancemap.training import BUNDLED_PARAMS, train_model

    try:
        values = [float(c) for c in str(args.c_compare).split(",")]
    except ValueError:
        print(f"error: --c-compare {args.c_compare!r}: give numbers separated by commas, e.g. --c-compare 0.125,0.5",
              file=sys.stderr)
        return 2
    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, targets, real, sided, gold = loaded
    weights, thr = BUNDLED_PARAMS["none_weight"], BUNDLED_PARAMS["threshold"]
    out = _grouped_header("--c-compare", args, real, dev,
                          "whole models by stancemap.training.train_model with BUNDLED_PARAMS but C; out-of-fold and "
                          "dev probabilities read with the shipped none weights and frames threshold")
    rows = []
    for C in dict.fromkeys([BUNDLED_PARAMS["C"], *values]):
        params = {**BUNDLED_PARAMS, "none_weight": 1.0, "C": C}
        s0 = time.perf_counter()
        oof = grouped_oof(data, cb, scored=real, groups=data["group"].to_numpy(), strata=sided, folds=args.folds,
                          random_state=args.seed, params=params, clusters=_clusters_for(params))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = train_model(data, cb, params=params, random_state=args.seed, clusters=_clusters_for(params))
        probs = pd.DataFrame(model_probabilities(model, dev["text"].tolist()))
        rows.append({"C": C, "shipped": C == BUNDLED_PARAMS["C"],
                     "cv": _scores(gold, oof, cb, weights, thr, detail=True),
                     "dev": _scores(dev, probs, cb, weights, thr, detail=True),
                     "seconds": round(time.perf_counter() - s0, 1)})
        print(json.dumps(rows[-1]), file=sys.stderr)
    out.update({"settings": rows, "stancemap_version": __version__, "seconds": round(time.perf_counter() - t0, 1)})
    print(json.dumps(out, default=str))
    return 0


def _tune(gold, oof, cb) -> tuple[dict, float]:
    """``none`` weight per target and the frames threshold that maximise the out-of-fold scores
    (ties: the weight nearest 1, the threshold nearest 0.3)."""
    return choose_none_weights(gold, oof, cb, NONE_WEIGHTS)[0], _choose_threshold(gold, oof, cb)


def _clusters_for(params):
    """The pinned word-cluster table when ``params`` ask for word clusters (``cluster_weight``, as the
    shipped settings do), else None: every mode trains as ``make model`` does."""
    from stancemap.training import bundled_clusters

    return bundled_clusters() if params.get("cluster_weight") else None


def _dev_scores(data, dev, cb, params, seed, detail: bool = True, clusters=None) -> dict:
    """Trained on ``data`` (with ``clusters``, else :func:`_clusters_for` the parameters), scored once on ``dev``."""
    import pandas as pd

    from stancemap.crossval import model_probabilities
    from stancemap.training import train_model

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = train_model(data, cb, params=params, random_state=seed,
                            clusters=clusters if clusters is not None else _clusters_for(params))
    probs = model_probabilities(model, dev["text"].tolist())
    return _scores(dev, pd.DataFrame(probs), cb, 1.0, model.frames.threshold, detail=detail)


def _grouped_header(flag: str, args, real: np.ndarray, dev, rest: str) -> dict:
    """The opening of a study's JSON line: its name, the sentence counts and the grouped-CV protocol, then
    ``rest`` (what the study varies and how it reads dev)."""
    return {"benchmark": f"stance_real_cv {flag}",
            "n": {"constructed": int((~real).sum()), "real_train": int(real.sum()), "real_dev": len(dev),
                  "folds": args.folds},
            "protocol": f"{args.folds}-fold StratifiedGroupKFold over the real train part (groups = documents, "
                        f"strata = takes a side on any target), seed {args.seed}; constructed examples in every "
                        f"training fold; {rest}"}


def compare(args, t0) -> int:
    from stancemap import __version__
    from stancemap.crossval import grouped_oof
    from stancemap.training import BUNDLED_PARAMS

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, targets, real, sided, gold = loaded
    candidate = {**BUNDLED_PARAMS, "none_weight": 1.0, "threshold": 0.3}
    out = _grouped_header("--compare", args, real, dev,
                          "whole models by stancemap.training.train_model; the candidate's none weights and "
                          "frames threshold chosen on its out-of-fold predictions; dev = trained on constructed + "
                          "the whole train part, scored once on the DEV part")
    for name, params in (("previous", PREVIOUS_PARAMS), ("current", candidate)):
        s0, c0 = time.perf_counter(), time.process_time()
        oof = grouped_oof(data, cb, scored=real, groups=data["group"].to_numpy(), strata=sided, folds=args.folds,
                          random_state=args.seed, params=params, clusters=_clusters_for(params))
        if name == "current":
            nw, thr = _tune(gold, oof, cb)
            params = {**params, "none_weight": nw, "threshold": thr}
            out["chosen"] = {"none_weight": nw, "threshold": thr,
                             "same_as_BUNDLED_PARAMS": nw == BUNDLED_PARAMS["none_weight"]
                             and thr == BUNDLED_PARAMS["threshold"]}
        # the none weights are applied to the probabilities here (grouped_oof trained with them already
        # for "previous"; the candidate's were trained with 1.0)
        cv = _scores(gold, oof, cb, params["none_weight"] if name == "current" else 1.0, params["threshold"],
                     detail=True)
        out[name] = {"params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items()},
                     "cv": cv, "dev": _dev_scores(data, dev, cb, params, args.seed),
                     "seconds": round(time.perf_counter() - s0, 1), "cpu_seconds": round(time.process_time() - c0, 1)}
        print(json.dumps({name: out[name]["cv"]["stance_f_avg"]}), file=sys.stderr)
    out["delta"] = {f"{part}_{k}": round(out["current"][part][k] - out["previous"][part][k], 4)
                    for part in ("cv", "dev") for k in ("stance_f_avg", "frames_micro_f1")}
    out["stancemap_version"] = __version__
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, default=str))
    return 0


#: Multipliers of the shipped ``none`` weights tried for the first step of the two-step model.
TWO_STEP_NONE_SCALES = (0.6, 1.0, 1.6)


def two_step_labels(p_side: np.ndarray, p_favor: np.ndarray) -> np.ndarray:
    """The most probable of against / favor / none with ``P(favor) = P(side) · P(favor | side)``,
    ``P(against) = P(side) · (1 − P(favor | side))``, ``P(none) = 1 − P(side)`` (ties: that order)."""
    P = np.column_stack([p_side * (1 - p_favor), p_side * p_favor, 1 - p_side])
    return np.asarray(["against", "favor", "none"], dtype=object)[np.argmax(P, axis=1)]


def two_step_compare(args, t0) -> int:
    """The shipped joint classifier (favor / against / none in one model) beside a two-step one:
    per target, "does the sentence take a side?" (the shipped settings and ``none`` weights, times each
    of :data:`TWO_STEP_NONE_SCALES`), then favor vs against fitted on the sentences that take a side;
    ``P(favor) = P(side) · P(favor | side)``. Both with the shipped features (the ``target_rules`` block
    included) on the same grouped folds of the train part, every real row counted ``real_weight`` times
    and the constructed examples in every training fold; stance F_avg pooled over targets and per target,
    out of fold."""
    from sklearn.model_selection import StratifiedGroupKFold

    from stancemap import __version__
    from stancemap.estimators import FrameClassifier
    from stancemap.metrics import f_avg
    from stancemap.training import BUNDLED_PARAMS, estimator_params, fit_stance

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, _dev, targets, real, sided, gold = loaded
    params = dict(BUNDLED_PARAMS)
    none_weight = params["none_weight"]
    fp, _ = estimator_params(params, cb)
    texts = data["text"].tolist()
    idx, always = np.flatnonzero(real), np.flatnonzero(~real)
    folds = StratifiedGroupKFold(args.folds, shuffle=True, random_state=args.seed).split(
        np.zeros(len(idx)), sided[idx], data["group"].to_numpy()[idx])
    names = ["joint"] + [f"two_step_none_x{s:g}" for s in TWO_STEP_NONE_SCALES]
    pred = {v: {t: np.empty(len(idx), dtype=object) for t in targets} for v in names}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for tr, te in folds:
            rows = np.concatenate([always, idx[tr]] + [idx[tr]] * (int(params.get("real_weight", 1)) - 1))
            features = FrameClassifier(labels=list(cb.frames), random_state=args.seed, **fp)._features().fit(
                [texts[i] for i in np.concatenate([always, idx[tr]])])  # as train_model: distinct texts
            X = features.transform(texts)
            held = [texts[i] for i in idx[te]]
            for t in targets:
                y = data[f"stance_{t}"].to_numpy()
                r = rows[y[rows] != ""]
                yr, rt = y[r], [texts[i] for i in r]
                joint = fit_stance(features, X[r], rt, yr.tolist(), t, cb, params, args.seed)
                pred["joint"][t][te] = joint.predict(held)
                side = yr != "none"
                pol = fit_stance(features, X[r[side]], [texts[i] for i in r[side]], yr[side].tolist(), t, cb,
                                 {**params, "none_weight": 1.0}, args.seed)
                pf = pol.predict_proba(held)[:, list(pol.classes_).index("favor")]
                for scale, name in zip(TWO_STEP_NONE_SCALES, names[1:]):
                    step = fit_stance(features, X[r], rt, np.where(side, "side", "none").tolist(), t, cb,
                                      {**params, "none_weight": {k: v * scale for k, v in none_weight.items()}},
                                      args.seed)
                    pa = step.predict_proba(held)[:, list(step.classes_).index("side")]
                    pred[name][t][te] = two_step_labels(pa, pf)
    out = {"benchmark": "stance_real_cv --two-step-compare",
           "n": {"constructed": int((~real).sum()), "real_train": int(real.sum()), "folds": args.folds},
           "protocol": f"{args.folds}-fold StratifiedGroupKFold over the real train part (groups = documents, "
                       f"strata = takes a side on any target), seed {args.seed}; constructed examples in every "
                       "training fold; BUNDLED_PARAMS features and weights; out-of-fold stance F_avg"}
    for name in names:
        g, p, per = [], [], {}
        for t in targets:
            gy = gold[f"stance_{t}"].to_numpy()
            m = gy != ""
            g += gy[m].tolist()
            p += pred[name][t][m].tolist()
            per[t] = round(f_avg(gy[m].tolist(), pred[name][t][m].tolist()), 4)
        out[name] = {"stance_f_avg": round(f_avg(g, p), 4), "per_target": per}
    out["stancemap_version"] = __version__
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out))
    return 0


def extra_compare(args, t0) -> int:
    """The shipped settings beside the same settings with another feature block (``--extra-compare``):
    out-of-fold scores on the train part and one dev score each, with the shipped none weights and
    frames threshold (nothing re-tuned)."""
    from stancemap import __version__
    from stancemap.crossval import grouped_oof
    from stancemap.training import BUNDLED_PARAMS

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, targets, real, sided, gold = loaded
    out = {"benchmark": "stance_real_cv --extra-compare",
           "n": {"constructed": int((~real).sum()), "real_train": int(real.sum()), "real_dev": len(dev),
                 "folds": args.folds},
           "protocol": f"{args.folds}-fold StratifiedGroupKFold over the real train part (groups = documents, "
                       f"strata = takes a side on any target), seed {args.seed}; constructed examples in every "
                       "training fold; whole models by stancemap.training.train_model with BUNDLED_PARAMS (none "
                       "weights applied in training, as shipped) and only the feature block changed; dev = "
                       "trained on constructed + the whole train part, scored once on the DEV part"}
    for name, params in (("shipped", dict(BUNDLED_PARAMS)), (args.extra_compare,
                                                              {**BUNDLED_PARAMS, "extra": args.extra_compare})):
        s0 = time.perf_counter()
        oof = grouped_oof(data, cb, scored=real, groups=data["group"].to_numpy(), strata=sided, folds=args.folds,
                          random_state=args.seed, params=params, clusters=_clusters_for(params))
        out[name] = {"extra": params["extra"],
                     "cv": _scores(gold, oof, cb, 1.0, params["threshold"], detail=True),
                     "dev": _dev_scores(data, dev, cb, params, args.seed),
                     "seconds": round(time.perf_counter() - s0, 1)}
        print(json.dumps({name: out[name]["cv"]["stance_f_avg"], "dev": out[name]["dev"]["stance_f_avg"]}),
              file=sys.stderr)
    out["delta"] = {f"{part}_{k}": round(out[args.extra_compare][part][k] - out["shipped"][part][k], 4)
                    for part in ("cv", "dev") for k in ("stance_f_avg", "frames_micro_f1")}
    out["stancemap_version"] = __version__
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, default=str))
    return 0


def estimator_compare(args, t0) -> int:
    """The shipped linear SVM beside a logistic regression (``--estimator-compare C``; Platt-calibrated
    like the SVM, every other setting shipped): grouped out-of-fold probabilities on the train part with
    ``none`` weight 1 in training, scored with weight 1, with the shipped ``none`` weights, and with
    weights chosen on the same predictions (:func:`_tune`; optimistic). No dev read."""
    from stancemap import __version__
    from stancemap.crossval import grouped_oof
    from stancemap.training import BUNDLED_PARAMS

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, _dev, _targets, real, sided, gold = loaded
    out = {"benchmark": "stance_real_cv --estimator-compare",
           "n": {"constructed": int((~real).sum()), "real_train": int(real.sum()), "folds": args.folds},
           "protocol": f"{args.folds}-fold StratifiedGroupKFold over the real train part (groups = documents, "
                       f"strata = takes a side on any target), seed {args.seed}; BUNDLED_PARAMS with none weight "
                       "1 in training; only the estimator and C changed"}
    settings = (("svm", {**BUNDLED_PARAMS, "none_weight": 1.0}),
                ("logreg", {**BUNDLED_PARAMS, "none_weight": 1.0, "estimator": "logreg", "C": args.estimator_compare}))
    for name, params in settings:
        s0 = time.perf_counter()
        oof = grouped_oof(data, cb, scored=real, groups=data["group"].to_numpy(), strata=sided, folds=args.folds,
                          random_state=args.seed, params=params, clusters=_clusters_for(params))
        tuned, _thr = _tune(gold, oof, cb)
        thr = BUNDLED_PARAMS["threshold"]
        out[name] = {"C": params["C"], "none_weight_1": _scores(gold, oof, cb, 1.0, thr),
                     "shipped_none_weights": _scores(gold, oof, cb, BUNDLED_PARAMS["none_weight"], thr),
                     "tuned_none_weights": {"weights": tuned, **_scores(gold, oof, cb, tuned, thr)},
                     "seconds": round(time.perf_counter() - s0, 1)}
        print(json.dumps({name: out[name]["shipped_none_weights"]["stance_f_avg"]}), file=sys.stderr)
    out["stancemap_version"] = __version__
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, default=str))
    return 0


#: Smoothing of the naive-Bayes ratios tried by ``--nb-compare`` (Wang & Manning 2012 use 1).
NB_ALPHAS = (0.25, 1.0, 4.0)


def nb_compare(args, t0) -> int:
    """Frames with NB-scaled features (NBSVM, Wang & Manning 2012; ``nb_alpha`` of
    :class:`stancemap.models.FrameClassifier`) beside the frames without (``--nb-compare``): the same
    settings otherwise (those of ``BUNDLED_PARAMS`` except ``nb_alpha``); grouped out-of-fold frame
    probabilities on the train part, micro-F1 at the shipped threshold and at the threshold chosen on
    them; then each trained on constructed + the whole train part and read once on the DEV part at its
    chosen threshold (one JSON line). Stance does not use ``nb_alpha``; its figures are unchanged."""
    from stancemap import __version__
    from stancemap.crossval import grouped_oof
    from stancemap.training import BUNDLED_PARAMS

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, _targets, real, sided, gold = loaded
    base = {k: v for k, v in BUNDLED_PARAMS.items() if k != "nb_alpha"}
    out = _grouped_header("--nb-compare", args, real, dev,
                          "BUNDLED_PARAMS without and with nb_alpha (frames only); frames threshold chosen on the "
                          "out-of-fold predictions (THRESHOLDS); dev = trained on constructed + the whole train "
                          "part, read once at that threshold")
    settings = [("no_nb", base)] + [(f"nb_alpha_{a:g}", {**base, "nb_alpha": a}) for a in NB_ALPHAS]
    for name, params in settings:
        s0 = time.perf_counter()
        oof = grouped_oof(data, cb, scored=real, groups=data["group"].to_numpy(), strata=sided, folds=args.folds,
                          random_state=args.seed, params=params, clusters=_clusters_for(params))
        thr = _choose_threshold(gold, oof, cb)
        shipped = _scores(gold, oof, cb, 1.0, BUNDLED_PARAMS["threshold"], detail=True)
        dev_s = _dev_scores(data, dev, cb, {**params, "threshold": thr}, args.seed)
        out[name] = {"cv_at_shipped_threshold": {k: shipped[k] for k in ("frames_micro_f1", "frames_per_frame",
                                                                          "frames_per_actor")},
                     "threshold": thr, "cv": _scores(gold, oof, cb, 1.0, thr)["frames_micro_f1"],
                     "dev": {k: dev_s[k] for k in ("frames_micro_f1", "frames_per_frame", "frames_per_actor",
                                                   "stance_f_avg")},
                     "seconds": round(time.perf_counter() - s0, 1)}
        print(json.dumps({name: [out[name]["cv"], out[name]["dev"]["frames_micro_f1"]]}), file=sys.stderr)
    out["stancemap_version"] = __version__
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, default=str))
    return 0


def round_compare(args, t0) -> int:
    """BUNDLED_PARAMS trained on constructed + the train part, with and without labelling round
    ``args.round_compare``'s real sentences, each scored once on the whole dev part (one JSON line)."""
    import pandas as pd

    from stancemap import __version__
    from stancemap.datasets.labelrefs import labels_path
    from stancemap.training import BUNDLED_PARAMS

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, targets, real, sided, gold = loaded
    rounds = pd.read_csv(labels_path(), dtype=str, keep_default_na=False).set_index("ref_id")["round"]
    asked = [r.strip() for r in str(args.round_compare).split(",") if r.strip()]
    missing = [r for r in asked if r not in set(rounds)]
    if missing or not asked:
        print(f"error: labelling round {(missing or [args.round_compare])[0]!r} is not in {labels_path()} (rounds: "
              f"{', '.join(sorted(set(rounds), key=lambda r: (len(r), r)))}); pass --round-compare with one or "
              "more of them, joined by commas", file=sys.stderr)
        return 2
    new = set(rounds.index[rounds.isin(asked)])
    without = data[~data["ref_id"].isin(new)]
    out = {"benchmark": "stance_real_cv --round-compare", "round": ",".join(asked),
           "n": {"real_train_with": int(real.sum()), "real_train_without": int((without["origin"] == "real").sum()),
                 "real_dev": len(dev), "real_dev_of_round": int(dev["ref_id"].isin(new).sum())},
           "protocol": "stancemap.training.train_model with BUNDLED_PARAMS on constructed + the real train part, "
                       "with and without the round's sentences; each model scored once on the whole DEV part"}
    for name, rows in (("without", without), ("with", data)):
        out[name] = _dev_scores(rows, dev, cb, dict(BUNDLED_PARAMS), args.seed)
        print(json.dumps({name: out[name]["stance_f_avg"]}), file=sys.stderr)
    out["delta"] = {k: round(out["with"][k] - out["without"][k], 4) for k in ("stance_f_avg", "frames_micro_f1")}
    if args.folds > 1:  # the same question on the earlier rounds' train sentences, out of fold
        out["cv_on_earlier_rounds"] = _round_cv(data, cb, data["ref_id"].isin(new).to_numpy(), sided, args)
    out["stancemap_version"] = __version__
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, default=str))
    return 0


def round_fold_rows(real: np.ndarray, new: np.ndarray, groups: np.ndarray, old: np.ndarray, tr: np.ndarray,
                    te: np.ndarray) -> np.ndarray:
    """Training rows of one ``--round-compare`` CV fold: every row that is not real (constructed), the
    earlier rounds' rows ``old[tr]``, and the ``new`` rows whose document (``groups``) is not among the
    held-out rows' ``old[te]`` documents."""
    held = set(groups[old[te]].tolist())
    extra = [i for i in np.flatnonzero(new) if groups[i] not in held]
    return np.concatenate([np.flatnonzero(~real), old[tr], np.asarray(extra, dtype=np.int64)])


def _round_cv(data, cb, new: np.ndarray, sided: np.ndarray, args) -> dict:
    """Out-of-fold scores on the real train sentences of the EARLIER rounds, the models trained with
    and without the new rounds' sentences: folds are StratifiedGroupKFold over the earlier sentences
    (grouped by document, stratified by taking a side, seeded); a new sentence joins a fold's training
    unless its document is in that fold's held-out part. Constructed examples always train; ``sided`` (one
    0/1 per row of ``data``: takes a side on some target) stratifies the folds."""
    import pandas as pd
    from sklearn.model_selection import StratifiedGroupKFold

    from stancemap.crossval import model_probabilities
    from stancemap.estimators import text_list
    from stancemap.training import BUNDLED_PARAMS, train_model

    real = (data["origin"] == "real").to_numpy()
    old, groups = np.flatnonzero(real & ~new), data["group"].to_numpy()
    folds = list(StratifiedGroupKFold(args.folds, shuffle=True, random_state=args.seed).split(
        np.zeros(len(old)), sided[old], groups[old]))
    out = {"n_scored": len(old), "n_new": int(new.sum())}
    for name, use_new in (("without", False), ("with", True)):
        cols: dict = {}
        for tr, te in folds:
            rows = round_fold_rows(real, new if use_new else np.zeros_like(new), groups, old, tr, te)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model = train_model(data.iloc[rows], cb, params=dict(BUNDLED_PARAMS), random_state=args.seed,
                                    table="training folds", clusters=_clusters_for(BUNDLED_PARAMS))
            for col, p in model_probabilities(model, text_list(data["text"].iloc[old[te]])).items():
                cols.setdefault(col, np.zeros(len(old)))[te] = p
        out[name] = _scores(data.iloc[old], pd.DataFrame(cols, index=data.index[old]), cb, 1.0,
                            model.frames.threshold, detail=True)
        print(json.dumps({f"cv_{name}": out[name]["stance_f_avg"]}), file=sys.stderr)
    out["delta"] = {k: round(out["with"][k] - out["without"][k], 4) for k in ("stance_f_avg", "frames_micro_f1")}
    return out


#: Shares of the train part's documents a ``--learning-curve`` model learns from, and the random
#: draws of each share below 1.
CURVE_SHARES = (0.125, 0.25, 0.5, 0.75, 1.0)
CURVE_DRAWS = 3
#: The issue's aims on the real test part, which the curve's trend is extrapolated to.
CURVE_AIMS = {"stance_f_avg": 0.75, "frames_micro_f1": 0.80}


def document_share(groups: np.ndarray, share: float, seed: int) -> np.ndarray:
    """Mask of the rows of a random ``share`` of the distinct ``groups`` (documents), at least one;
    the same for the same groups, share and seed."""
    docs = np.array(sorted(set(groups.tolist())), dtype=object)
    pick = np.random.default_rng(seed).permutation(len(docs))[:max(1, round(share * len(docs)))]
    return np.isin(groups, docs[pick])


def log_trend(n: list[float], score: list[float], aim: float) -> dict:
    """Least-squares ``score = a + b·log2(n)``, and the ``n`` at which the line reaches ``aim``
    (None when the slope is not positive)."""
    x = np.log2(np.asarray(n, dtype=float))
    b, a = np.polyfit(x, np.asarray(score, dtype=float), 1)
    return {"intercept": round(float(a), 4), "per_doubling": round(float(b), 4),
            "n_for_aim": int(round(2 ** ((aim - a) / b))) if b > 0 else None}


def learning_curve(args, t0) -> int:
    """BUNDLED_PARAMS trained on constructed + shares of the train part's documents, each scored once on
    the whole DEV part; the trend per doubling and its extrapolation to the aims (one JSON line)."""
    from stancemap import __version__
    from stancemap.training import BUNDLED_PARAMS

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, targets, real, sided, gold = loaded
    groups = data["group"].astype(str).to_numpy()
    runs = []
    for share in CURVE_SHARES:
        for draw in (range(CURVE_DRAWS) if share < 1 else (0,)):
            pick = np.zeros(len(data), dtype=bool)
            pick[real] = document_share(groups[real], share, args.seed + draw) if share < 1 else True
            keep = ~real | pick
            sc = _dev_scores(data[keep], dev, cb, dict(BUNDLED_PARAMS), args.seed, detail=False)
            runs.append({"share": share, "draw": draw, "real_train": int((keep & real).sum()),
                         "real_train_documents": int(len(set(groups[keep & real].tolist()))), **sc})
            print(json.dumps({k: runs[-1][k] for k in ("share", "draw", "real_train", "stance_f_avg",
                                                       "frames_micro_f1")}), file=sys.stderr)
    means = []
    for share in CURVE_SHARES:
        got = [r for r in runs if r["share"] == share]
        means.append({"share": share, "real_train": round(float(np.mean([r["real_train"] for r in got])), 1),
                      **{k: round(float(np.mean([r[k] for r in got])), 4) for k in CURVE_AIMS},
                      "stance_f_avg_range": [min(r["stance_f_avg"] for r in got), max(r["stance_f_avg"] for r in got)],
                      "per_target": {t: round(float(np.mean([r["per_target"][t] for r in got])), 4) for t in targets}})
    n = [m["real_train"] for m in means]
    out = {"benchmark": "stance_real_cv --learning-curve",
           "n": {"constructed": int((~real).sum()), "real_train": int(real.sum()),
                 "real_train_documents": int(gold["group"].nunique()), "real_dev": len(dev)},
           "protocol": "stancemap.training.train_model with BUNDLED_PARAMS on the constructed examples and a random "
                       f"share of the real train part's documents ({CURVE_DRAWS} draws per share below 1, seeds "
                       f"{args.seed}..{args.seed + CURVE_DRAWS - 1}); each model scored once on the whole DEV part; "
                       "trend: least squares of the shares' means against log2(real training sentences); n_for_aim "
                       "extrapolates that line (settings were chosen on the whole train part)",
           "runs": runs, "means": means,
           "trend": {k: log_trend(n, [m[k] for m in means], aim) for k, aim in CURVE_AIMS.items()},
           "trend_per_target": {t: log_trend(n, [m["per_target"][t] for m in means], CURVE_AIMS["stance_f_avg"])
                                for t in targets},
           "stancemap_version": __version__, "seconds": round(time.perf_counter() - t0, 1)}
    print(json.dumps(out, default=str))
    return 0


#: The per-frame thresholds ``--frame-thresholds`` tries.
FRAME_THRESHOLDS = tuple(round(0.10 + 0.05 * i, 2) for i in range(11))


def per_frame_thresholds(gold: np.ndarray, probs: np.ndarray, start: float, rounds: int = 3) -> np.ndarray:
    """A threshold per column of ``probs`` that maximises micro-F1 against the 0/1 ``gold`` matrix:
    coordinate ascent from ``start`` for every column, ``rounds`` passes over :data:`FRAME_THRESHOLDS`
    (ties: the value nearest ``start``)."""
    from stancemap.metrics import micro_scores

    thr = np.full(probs.shape[1], float(start))
    for _ in range(rounds):
        for j in range(probs.shape[1]):
            def f1(t, j=j):
                trial = thr.copy()
                trial[j] = t
                return micro_scores(gold, probs >= trial)[2], -abs(t - start)
            thr[j] = max(FRAME_THRESHOLDS, key=f1)
    return thr


def frame_thresholds(args, t0) -> int:
    """The shipped single frames threshold beside one per frame chosen out of fold on train; both on dev."""
    from stancemap import __version__
    from stancemap.crossval import grouped_oof
    from stancemap.metrics import micro_scores
    from stancemap.training import BUNDLED_PARAMS, train_model

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, targets, real, sided, gold = loaded
    keys = cb.frame_keys
    cols = [f"frame_{k}" for k in keys]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        oof = grouped_oof(data, cb, scored=real, groups=data["group"].to_numpy(), strata=sided, folds=args.folds,
                          random_state=args.seed, params=dict(BUNDLED_PARAMS),
                          clusters=_clusters_for(BUNDLED_PARAMS))
        model = train_model(data, cb, params=dict(BUNDLED_PARAMS), random_state=args.seed,
                            clusters=_clusters_for(BUNDLED_PARAMS))
    G, P = gold[cols].to_numpy().astype(int), oof[cols].to_numpy()
    single = float(BUNDLED_PARAMS["threshold"])
    thr = per_frame_thresholds(G, P, single)
    Gd, Pd = dev[cols].to_numpy().astype(int), model.frames.predict_proba(dev["text"].tolist())

    def read(g, p, t):
        return {"micro_f1": round(micro_scores(g, p >= t)[2], 4),
                "per_frame": {k: round(micro_scores(g[:, j], p[:, j] >= np.broadcast_to(t, (len(keys),))[j])[2], 4)
                              for j, k in enumerate(keys)}}

    out = {"benchmark": "stance_real_cv --frame-thresholds",
           "n": {"real_train": int(real.sum()), "real_dev": len(dev), "folds": args.folds},
           "protocol": "BUNDLED_PARAMS; out-of-fold frame probabilities on the real train part (StratifiedGroupKFold by "
                       "document, seed as given); per-frame thresholds by coordinate ascent on out-of-fold micro-F1; a "
                       "model trained on constructed + the whole train part read once on DEV with each",
           "per_frame_thresholds": {k: float(t) for k, t in zip(keys, thr)},
           "cv": {"single": read(G, P, single)["micro_f1"], "per_frame (chosen on these)": read(G, P, thr)["micro_f1"]},
           "dev": {"single": read(Gd, Pd, single), "per_frame": read(Gd, Pd, thr)},
           "stancemap_version": __version__, "seconds": round(time.perf_counter() - t0, 1)}
    print(json.dumps(out, default=str))
    return 0


#: The datasets whose texts ``--clusters-compare`` learns its word clusters from (load options).
CLUSTER_SOURCES = (("ungdc-2014-2024", {"all_countries": True}), ("kremlin-kyiv-press-2021-2022", {}),
                   ("whitehouse-2021-2026", {}), ("uk-pm-commons-2019-2026", {}), ("zelensky-speeches-2022", {}),
                   ("zelensky-speeches-2022-2023", {}))
CLUSTER_WEIGHTS = (3.0, 10.0)


def word_clusters(texts: list[str], k: int = 256, vocabulary: int = 30_000, dims: int = 100, window: int = 3,
                  seed: int = 0) -> dict[str, int]:
    """Word → cluster number (:func:`stancemap.word_clusters.word_cluster_labels`: positive PMI of the words
    within ``window`` of each other, context distribution smoothed by 0.75, truncated SVD to ``dims``, rows
    l2-normed, k-means into ``k`` clusters, seeded; words seen fewer than 5 times left out). Until stop 31 this
    script had its own copy, without the rounding of the SVD rows to 6 decimals."""
    from stancemap.word_clusters import word_cluster_labels

    vocab, labels, _ = word_cluster_labels(texts, k, vocabulary, 5, dims, window, seed)
    return dict(zip(vocab, labels.tolist()))


def cluster_bag(texts: list[str], clusters: dict[str, int], k: int):
    """``(len(texts), k)`` CSR: each text's words counted by cluster (words without one left out), rows l2-normed."""
    import scipy.sparse as sp

    from stancemap.text import words

    rows, cols = [], []
    for i, t in enumerate(texts):
        for w in words(t):
            c = clusters.get(w.lower())
            if c is not None:
                rows.append(i)
                cols.append(c)
    M = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), k))
    norm = np.sqrt(np.asarray(M.multiply(M).sum(1)).ravel())
    norm[norm == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norm) @ M)


#: Weights of the cluster bag beside the frame features (``--frame-clusters-compare``); 0 is the shipped model.
FRAME_CLUSTER_WEIGHTS = (0.0, 1.0, 3.0, 5.0)
#: Frames thresholds ``--frame-clusters-compare`` reports out of fold.
FRAME_CLUSTER_THRESHOLDS = (0.25, 0.3, 0.35, 0.4)


def _unlabelled_clusters(args) -> tuple[dict[str, int], int, int, float]:
    """(word → cluster, number of clusters, documents read, seconds) from the datasets of :data:`CLUSTER_SOURCES`."""
    from stancemap.datasets import load_dataset

    texts = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, options in CLUSTER_SOURCES:
            texts += load_dataset(name, args.data, verify=False, **options)["text"].fillna("").tolist()
    s0 = time.perf_counter()
    clusters = word_clusters(texts, seed=args.seed)
    return clusters, max(clusters.values()) + 1, len(texts), round(time.perf_counter() - s0, 1)


def frame_clusters_compare(args, t0) -> int:
    """Frames with a word-cluster bag beside the shipped features, per weight: out-of-fold micro-F1 on
    the folds of ``grouped_oof`` and one dev read (one JSON line)."""
    import scipy.sparse as sp
    from sklearn.model_selection import StratifiedGroupKFold

    from stancemap import __version__
    from stancemap.estimators import FrameClassifier, text_list
    from stancemap.labels import frame_labels
    from stancemap.metrics import micro_scores
    from stancemap.training import BUNDLED_PARAMS, estimator_params

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, targets, real, sided, gold = loaded
    clusters, k, n_docs, seconds = _unlabelled_clusters(args)
    fp, _ = estimator_params(BUNDLED_PARAMS, cb)
    rw = int(BUNDLED_PARAMS.get("real_weight", 1))
    keys = list(cb.frames)
    texts = text_list(data["text"])
    F = frame_labels(data, cb, table="training data").rename(columns=lambda c: c[len("frame_"):])
    dev_texts = text_list(dev["text"])
    Fdev = frame_labels(dev, cb, table="dev part").rename(columns=lambda c: c[len("frame_"):])[keys].to_numpy()
    bags = cluster_bag(texts, clusters, k)
    dev_bags = cluster_bag(dev_texts, clusters, k)

    def fit_predict(rows, test_texts, test_bags, weight):
        """Frames fitted on ``rows`` (real rows ``real_weight`` times) with the bag times ``weight``."""
        rows = np.concatenate([rows] + [rows[real[rows]]] * (rw - 1))
        fc = FrameClassifier(labels=keys, random_state=args.seed, **fp)
        features = fc._features().fit([texts[i] for i in np.unique(rows)])
        X = features.transform([texts[i] for i in rows])
        Xt = features.transform(test_texts)
        if weight:
            X = sp.hstack([X, bags[rows] * weight], format="csr")
            Xt = sp.hstack([Xt, test_bags * weight], format="csr")
        fc.fit_transformed(features, X, F.iloc[rows].reset_index(drop=True))
        return fc.proba_transformed(Xt)

    def micro(P, Y, threshold):
        return round(micro_scores(Y, P >= threshold)[2], 4)

    idx, always = np.flatnonzero(real), np.flatnonzero(~real)
    folds = list(StratifiedGroupKFold(args.folds, shuffle=True, random_state=args.seed).split(
        np.zeros(len(idx)), np.asarray(sided)[idx], data["group"].to_numpy()[idx]))
    Y = F[keys].to_numpy()[idx]
    thr = float(BUNDLED_PARAMS["threshold"])
    out = {"benchmark": "stance_real_cv --frame-clusters-compare",
           "n": {"unlabelled_documents": n_docs, "clustered_words": len(clusters), "clusters": k,
                 "real_train": int(real.sum()), "real_dev": len(dev), "folds": args.folds},
           "clusters_seconds": seconds,
           "protocol": "frames only; out of fold: the folds of grouped_oof (StratifiedGroupKFold over the real "
                       "train sentences, groups = documents), constructed examples in every training fold; dev: "
                       "trained on constructed + the whole train part, read once at the shipped threshold",
           "settings": {}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for weight in FRAME_CLUSTER_WEIGHTS:
            P = np.zeros((len(idx), len(keys)))
            for tr, te in folds:
                P[te] = fit_predict(np.concatenate([always, idx[tr]]), [texts[i] for i in idx[te]], bags[idx[te]],
                                    weight)
            Pdev = fit_predict(np.arange(len(texts)), dev_texts, dev_bags, weight)
            name = "shipped" if not weight else f"clusters x{weight:g}"
            out["settings"][name] = {"cv": {f"{t:g}": micro(P, Y, t) for t in FRAME_CLUSTER_THRESHOLDS},
                                     "dev": micro(Pdev, Fdev, thr),
                                     "dev_per_frame": {key: micro(Pdev[:, [j]], Fdev[:, [j]], thr)
                                                       for j, key in enumerate(keys)}}
            print(json.dumps({name: out["settings"][name]["cv"], "dev": out["settings"][name]["dev"]}),
                  file=sys.stderr)
    out["stancemap_version"] = __version__
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, default=str))
    return 0


#: ``--word-clusters-compare``: (name, parameters beside the shipped ones).
#: The shipped model has the block in the frames only, weight 2 (chosen on CV: stance lost 0.016 with
#: the block at weight 1, 0.034 at 3, with an earlier table of stems).
WORD_CLUSTER_SETTINGS = (("no clusters", {"cluster_weight": 0.0}), ("frames, x1", {"cluster_weight": 1.0}),
                         ("frames, x2 (shipped)", {}), ("frames, x3", {"cluster_weight": 3.0}),
                         ("frames and stance, x2", {"cluster_stance": True}))


def word_clusters_compare(args, t0) -> int:
    """The shipped settings (the word-cluster block of :mod:`stancemap.word_clusters` in the frames, weight 2;
    the table of :func:`stancemap.training.bundled_clusters`) beside the same without the block, with other
    weights and with the block in stance too: whole models by ``train_model``, out of fold on the train part
    and one dev read each, nothing re-tuned (one JSON line)."""
    from stancemap import __version__
    from stancemap.crossval import grouped_oof
    from stancemap.training import BUNDLED_PARAMS, bundled_clusters

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, targets, real, sided, gold = loaded
    s0 = time.perf_counter()
    clusters = bundled_clusters()  # the pinned table the default model uses
    out = _grouped_header("--word-clusters-compare", args, real, dev,
                          "whole models by stancemap.training.train_model with BUNDLED_PARAMS and the word-cluster "
                          "parameters of each setting (none weights and threshold as shipped); dev = trained on "
                          "constructed + the whole train part, scored once on the DEV part")
    out["clusters"] = {**clusters.settings(), "seconds": round(time.perf_counter() - s0, 1)}
    out["settings"] = {}
    for name, extra in WORD_CLUSTER_SETTINGS:
        params = {**BUNDLED_PARAMS, **extra}
        s0 = time.perf_counter()
        oof = grouped_oof(data, cb, scored=real, groups=data["group"].to_numpy(), strata=sided, folds=args.folds,
                          random_state=args.seed, params=params, clusters=clusters)
        out["settings"][name] = {"params": extra, "cv": _scores(gold, oof, cb, 1.0, params["threshold"], detail=True),
                                 "dev": _dev_scores(data, dev, cb, params, args.seed, clusters=clusters),
                                 "seconds": round(time.perf_counter() - s0, 1)}
        got = out["settings"][name]
        print(json.dumps({name: [got["cv"]["stance_f_avg"], got["cv"]["frames_micro_f1"]],
                          "dev": [got["dev"]["stance_f_avg"], got["dev"]["frames_micro_f1"]]}), file=sys.stderr)
    out["stancemap_version"] = __version__
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, default=str))
    return 0


def clusters_compare(args, t0) -> int:
    """The shipped settings beside the same with word-cluster bags in the stance block (one JSON line)."""
    import scipy.sparse as sp

    import stancemap.estimators as est
    from stancemap import __version__
    from stancemap.crossval import grouped_oof
    from stancemap.rule_features import target_rule_feature_names, target_rule_features
    from stancemap.training import BUNDLED_PARAMS

    loaded = _training_and_dev(args)
    if loaded is None:
        return 2
    data, cb, dev, targets, real, sided, gold = loaded
    clusters, k, n_docs, seconds = _unlabelled_clusters(args)
    out = {"benchmark": "stance_real_cv --clusters-compare",
           "n": {"unlabelled_documents": n_docs, "clustered_words": len(clusters), "clusters": k,
                 "real_train": int(real.sum()), "real_dev": len(dev), "folds": args.folds},
           "clusters_seconds": seconds,
           "protocol": "grouped CV on the real train part as --extra-compare (none weights applied once, by the model); "
                       "dev: trained on constructed + the whole train part, read once",
           "settings": {}}
    cache: dict = {}

    def bag(batch):
        key = tuple(batch)
        if key not in cache:
            cache.clear()
            cache[key] = cluster_bag(list(batch), clusters, k)
        return cache[key]

    for weight in (0.0, *CLUSTER_WEIGHTS):
        name = "shipped" if not weight else f"clusters x{weight:g}"
        params = dict(BUNDLED_PARAMS)
        if weight:
            block = f"target_rules_clusters_{weight:g}"
            est.EXTRA_BLOCKS[block] = (
                lambda b, t, c, w=weight: sp.hstack([target_rule_features(b, t, c), bag(b) * w], format="csr"),
                lambda t, c: target_rule_feature_names(t, c) + [f"cl__{j}" for j in range(k)])
            params["extra"] = block
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            oof = grouped_oof(data, cb, scored=real, groups=data["group"].to_numpy(), strata=sided, folds=args.folds,
                              random_state=args.seed, params=params, clusters=_clusters_for(params))
        out["settings"][name] = {"cv": _scores(gold, oof, cb, 1.0, params["threshold"]),
                                 "dev": _dev_scores(data, dev, cb, params, args.seed, detail=False)}
        print(json.dumps({name: out["settings"][name]["cv"]["stance_f_avg"],
                          "dev": out["settings"][name]["dev"]["stance_f_avg"]}), file=sys.stderr)
    out["stancemap_version"] = __version__
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark harness for stance on external corpora: configurations, a seeded grid
search by cross-validation on the training data only, and the scores.

The stance helpers (:func:`stance_probabilities`, :func:`select_stance_config`,
:func:`stance_benchmark`) train the shipped :class:`~stancemap.models.StanceClassifier`
on the shipped features (:func:`~stancemap.models.make_features`); only the
configuration (per-target or joint model, C, class weights, n-gram ranges and a
decision weight for ``none``) differs from the shipped model. Scores follow
:mod:`stancemap.metrics` (F_avg of SemEval-2016 Task 6, Mohammad et al. 2016).
The corpora are read by :mod:`stancemap.readers`.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import StancemapError, did_you_mean
from .evaluate import stance_metrics
from .metrics import F_AVG_LABELS, f_avg_of, label_scores
from .estimators import StanceClassifier, make_features

#: The order of stance probabilities returned by :func:`stance_probabilities`.
STANCE_ORDER = ("favor", "against", "none")


# --------------------------------------------------------------------------- stance metrics

def semeval_f_avg(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """The official SemEval-2016 Task 6 score: F_avg = (F1_favor + F1_against) / 2.

    Precision, recall and F1 of ``favor`` and of ``against`` are counted over all
    items together (micro across targets, as the task's ``eval.pl`` does), by the
    rules of :mod:`stancemap.metrics`: an empty denominator gives 0, and a label
    neither in ``gold`` nor in ``pred`` is undefined (NaN) and left out of F_avg.
    ``none`` counts only through the errors it causes. Returns ``f_avg``,
    ``f_favor``, ``f_against``, ``p_*``, ``r_*`` and ``n``.
    """
    s = label_scores([str(x) for x in gold], [str(x) for x in pred], F_AVG_LABELS)
    out = {"n": len(gold)}
    for lab, prec, rec, f in zip(s["label"], s["precision"], s["recall"], s["f1"]):
        out.update({f"p_{lab}": float(prec), f"r_{lab}": float(rec), f"f_{lab}": float(f)})
    out["f_avg"] = f_avg_of(dict(zip(s["label"], s["f1"])))
    return out


def stance_scores(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """F_avg (:func:`semeval_f_avg`), macro-F1 over favor/against/none and accuracy,
    with per-label precision/recall/F1/support (:func:`stancemap.evaluate.stance_metrics`)."""
    per, _, summary = stance_metrics("stance", list(gold), list(pred), list(STANCE_ORDER))
    fa = semeval_f_avg(gold, pred)
    r4 = _r4
    return {"n": fa["n"], "f_avg": r4(fa["f_avg"]), "f_favor": r4(fa["f_favor"]), "f_against": r4(fa["f_against"]),
            "macro_f1": r4(summary["macro_f1"]), "accuracy": r4(summary["accuracy"]),
            "per_label": {lab: {"precision": r4(pr), "recall": r4(rc), "f1": r4(f1), "support": sup,
                                "predicted": npred}
                          for _, lab, pr, rc, f1, sup, npred in per}}


def _json_cell(v):
    """A table cell for JSON: ``None`` when missing (None, NaN, pd.NA), else the value itself."""
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    return v


def _r4(x):
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else round(float(x), 4)


# --------------------------------------------------------------------------- stance models

#: Configuration of a stance benchmark model (see :func:`stance_probabilities`).
#: ``mode``: ``per_target`` (one classifier per target, the organisers' baseline)
#: or ``joint`` (one classifier for all targets, the target as a token in the text);
#: ``none_weight`` multiplies P(none) before the arg-max (a decision threshold; below
#: 1 favours favor/against, which F_avg rewards). The rest are
#: :class:`~stancemap.models.StanceClassifier` parameters; codebook cues are off
#: (they belong to the ceasefire codebook).
STANCE_BASE_CONFIG = {"mode": "per_target", "estimator": "svm", "C": 0.5, "class_weight": "balanced",
                      "word_ngrams": (1, 2), "char_ngrams": (2, 5), "min_df": 1, "max_features": None,
                      "calibration_cv": 3, "none_weight": 1.0}
#: The configurations :func:`select_stance_config` compares by cross-validation on the
#: training data (all combinations; ``none_weight`` is applied to the same out-of-fold
#: probabilities, so it costs no extra training).
#: Per-target models only: a joint model sees the same tweet under both targets with only a
#: target token to tell them apart, which a linear model cannot combine with the words (#12).
#: Three trained candidates (balanced class weights, as the shipped model: RUW's classes are
#: skewed), so each external benchmark stays under five minutes on a busy two-core machine.
STANCE_GRID = {"mode": ["per_target"], "C": [0.1, 0.3, 1.0], "class_weight": ["balanced"],
               "none_weight": [1.0, 0.9, 0.8, 0.7]}
_FEATURE_KEYS = ("mode", "word_ngrams", "char_ngrams", "min_df", "max_features")
_CLF_KEYS = ("estimator", "C", "class_weight", "calibration_cv")


def stance_config(config: Mapping | None = None) -> dict:
    """:data:`STANCE_BASE_CONFIG` updated with ``config`` (lists → tuples); unknown keys raise."""
    cfg = dict(STANCE_BASE_CONFIG)
    for k, v in (config or {}).items():
        if k not in cfg:
            raise StancemapError(f"Unknown stance configuration key {k!r}. Valid: {', '.join(cfg)}."
                                 f"{did_you_mean(k, cfg)}")
        cfg[k] = tuple(v) if isinstance(v, list) else v
    if cfg["mode"] not in ("per_target", "joint"):
        raise StancemapError(f"Unknown mode {cfg['mode']!r}. Valid: per_target, joint.")
    if not float(cfg["none_weight"]) > 0:
        raise StancemapError(f"none_weight must be > 0, got {cfg['none_weight']!r}.")
    return cfg


def target_marker(target: str) -> str:
    """The token that names ``target`` in a joint model's text (``zztarget<letters>``)."""
    return "zztarget" + (re.sub(r"[^a-z0-9]+", "", unicodedata.normalize("NFKD", target).casefold()) or "x")


def _units(train: pd.DataFrame, test: pd.DataFrame, mode: str):
    """(train texts, train labels, test positions, test texts) per model."""
    if mode == "joint":
        def mark(df):
            return [f"{target_marker(t)} {x}" for t, x in zip(df["target"], df["text"])]
        yield "all", mark(train), train["stance"].tolist(), np.arange(len(test)), mark(test)
        return
    trained = set(train["target"])
    unseen = sorted(set(test["target"]) - trained)
    if unseen:
        raise StancemapError(f"Target(s) {', '.join(map(repr, unseen))} have no training tweet; a per-target model "
                             f"cannot score them. Training targets: {', '.join(sorted(trained))}.")
    for t in sorted(set(test["target"])):
        tr = train[train["target"] == t]
        pos = np.flatnonzero((test["target"] == t).to_numpy())
        yield t, tr["text"].tolist(), tr["stance"].tolist(), pos, test["text"].iloc[pos].tolist()


def stance_probabilities(train: pd.DataFrame, test: pd.DataFrame, configs: Sequence[Mapping],
                         random_state: int = 0) -> list[np.ndarray]:
    """P(favor, against, none) for every ``test`` row under each configuration.

    ``train`` and ``test`` need ``target``, ``text`` and ``stance`` (train only).
    The shipped pipeline: features from :func:`~stancemap.models.make_features`
    fitted on the training texts of each model, a
    :class:`~stancemap.models.StanceClassifier` fitted on them
    (``fit_transformed``, what ``StanceClassifier.fit`` does). Configurations
    that share a feature set share one fitted vocabulary. Returns one
    ``(len(test), 3)`` array per configuration, columns :data:`STANCE_ORDER`
    (a label absent from a target's training data gets probability 0).
    """
    cfgs = [stance_config(c) for c in configs]
    out = [np.zeros((len(test), len(STANCE_ORDER))) for _ in cfgs]
    test = test.reset_index(drop=True)
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(cfgs):
        groups.setdefault(tuple(c[k] for k in _FEATURE_KEYS), []).append(i)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        for key, members in groups.items():
            fk = dict(zip(_FEATURE_KEYS, key))
            for _, texts, y, pos, test_texts in _units(train, test, fk["mode"]):
                if not len(pos):
                    continue
                features = make_features(fk["word_ngrams"], fk["char_ngrams"], fk["min_df"],
                                         fk["max_features"], None)
                Xtr = features.fit_transform(texts)  # = fit(texts).transform(texts), in one pass
                Xte = features.transform(test_texts)
                for i in members:
                    if len(set(y)) < 2:  # one label only: predict it
                        out[i][np.ix_(pos, [STANCE_ORDER.index(y[0])])] = 1.0
                        continue
                    clf = StanceClassifier(random_state=random_state, cues=None,
                                           **{k: cfgs[i][k] for k in _CLF_KEYS}).fit_transformed(features, Xtr, y)
                    proba = clf.proba_transformed(Xte)
                    for j, lab in enumerate(clf.classes_):
                        out[i][pos, STANCE_ORDER.index(str(lab))] = proba[:, j]
    return out


def decide(proba: np.ndarray, none_weight: float = 1.0) -> np.ndarray:
    """Labels from :data:`STANCE_ORDER` probabilities, P(none) multiplied by ``none_weight``."""
    w = np.ones(len(STANCE_ORDER))
    w[STANCE_ORDER.index("none")] = none_weight
    return np.asarray(STANCE_ORDER, dtype=object)[np.argmax(np.asarray(proba) * w, axis=1)]


def _grid(grid: Mapping) -> list[dict]:
    keys = list(grid)
    return [dict(zip(keys, vals)) for vals in itertools.product(*(grid[k] for k in keys))]


_URL = re.compile(r"https?://\S+|www\.\S+")
_RT = re.compile(r"^\s*rt\s+@\w+:?\s*")


def text_key(text: str) -> str:
    """A tweet's text for grouping: case-folded, URLs, a leading ``RT @user:`` and every
    non-alphanumeric character dropped, so a retweet or a re-posted tweet groups with its source."""
    s = _RT.sub("", unicodedata.normalize("NFKC", str(text)).casefold())
    return re.sub(r"[\W_]+", " ", _URL.sub(" ", s)).strip()


def text_groups(df: pd.DataFrame) -> np.ndarray:
    """A group number per row of ``df``: rows whose :func:`text_key` is the same share one
    (both targets of one tweet, and its duplicates)."""
    keys = [text_key(t) for t in df["text"]]
    ids: dict[str, int] = {}
    return np.array([ids.setdefault(k, len(ids)) for k in keys], dtype=int)


def stance_folds(df: pd.DataFrame, folds: int, random_state: int = 0,
                 groups: Sequence[int] | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified ``folds``-fold splits of a stance table by (target, stance), seeded.

    With ``groups`` (e.g. :func:`text_groups`) the rows of one group stay in one fold
    (``StratifiedGroupKFold``): the two targets of a tweet, or a tweet and its retweets,
    are never split between training and held-out parts.
    """
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    if not isinstance(folds, (int, np.integer)) or folds < 2:
        raise StancemapError(f"folds must be a whole number ≥ 2, got {folds!r}.")
    strata = (df["target"].astype(str) + "|" + df["stance"].astype(str)).to_numpy()
    counts = Counter(strata)
    if min(counts.values()) < folds:  # pool rare (target, stance) cells by stance
        strata = np.array([s if counts[s] >= folds else "rare|" + s.split("|")[1] for s in strata])
    small = {k: v for k, v in Counter(strata).items() if v < folds}
    if small:
        k, v = min(small.items(), key=lambda kv: kv[1])
        raise StancemapError(f"Too few training tweets to cross-validate with {folds} folds: stance "
                             f"{k.split('|')[1]!r} has {v}. Use --folds {max(2, v)} or fewer.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        if groups is None:
            return list(StratifiedKFold(folds, shuffle=True, random_state=random_state).split(strata, strata))
        groups = np.asarray(groups)
        if len(set(groups.tolist())) < folds:
            raise StancemapError(f"Too few distinct tweets to cross-validate with {folds} folds: "
                                 f"{len(set(groups.tolist()))}. Use --folds {max(2, len(set(groups.tolist())))} or fewer.")
        return list(StratifiedGroupKFold(folds, shuffle=True, random_state=random_state).split(strata, strata, groups))


def overlap_counts(train: pd.DataFrame, test: pd.DataFrame, folds: int = 5, random_state: int = 0) -> dict:
    """How much the same tweet text is shared between rows, between training and test, and
    between the training and held-out parts of plain stratified folds versus folds grouped
    by tweet (:func:`text_groups`): the evidence that ungrouped cross-validation leaks."""
    ktr = [text_key(t) for t in train["text"]]
    kte = [text_key(t) for t in test["text"]]
    c = Counter(ktr)
    targets: dict[str, set] = {}
    for k, t in zip(ktr, train["target"]):
        targets.setdefault(k, set()).add(t)
    trs = set(ktr)
    out = {"train_rows": len(ktr), "train_texts": len(c),
           "train_rows_whose_text_has_another_row": int(sum(v for v in c.values() if v > 1)),
           "train_texts_under_several_targets": int(sum(len(v) > 1 for v in targets.values())),
           "train_texts_repeated_under_one_target": int(sum(
               v > len(targets[k]) for k, v in c.items())),
           "test_rows": len(kte), "test_rows_whose_text_is_in_train": int(sum(k in trs for k in kte))}
    arr = np.asarray(ktr, dtype=object)
    train = train.reset_index(drop=True)
    for name, groups in (("stratified", None), ("grouped_by_tweet", text_groups(train))):
        try:
            splits = stance_folds(train, folds, random_state, groups)
        except StancemapError:
            continue
        out[f"cv_heldout_rows_whose_text_is_in_training_folds_{name}"] = int(sum(
            np.isin(arr[te], arr[tr]).sum() for tr, te in splits))
    return out


def tfidf_svm_baseline(train: pd.DataFrame, test: pd.DataFrame) -> tuple[dict, dict, np.ndarray]:
    """A plain yardstick on the same split: per target, ``TfidfVectorizer`` (word 1–2-grams,
    sublinear tf) + ``LinearSVC(C=1)`` (scikit-learn defaults otherwise).
    Returns (overall scores, per-target scores, predictions)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    test = test.reset_index(drop=True)
    pred = np.full(len(test), "none", dtype=object)
    for t in sorted(set(test["target"])):
        tr = train[train["target"] == t]
        m = (test["target"] == t).to_numpy()
        if tr["stance"].nunique() < 2:
            pred[m] = tr["stance"].iloc[0] if len(tr) else "none"
            continue
        pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LinearSVC(C=1.0))
        pred[m] = pipe.fit(tr["text"].tolist(), tr["stance"].astype(str).tolist()).predict(test["text"][m].tolist())
    gold = test["stance"].tolist()
    per = {t: stance_scores([g for g, k in zip(gold, (test["target"] == t)) if k], pred[(test["target"] == t).to_numpy()])
           for t in sorted(set(test["target"]))}
    return stance_scores(gold, pred), per, pred


def select_stance_config(train: pd.DataFrame, grid: Mapping | None = None, *, folds: int = 5,
                         random_state: int = 0, jobs: int = 1, grouped: bool = True) -> tuple[dict, pd.DataFrame]:
    """Pick the configuration with the best cross-validated F_avg on ``train``.

    Every combination of ``grid`` (default :data:`STANCE_GRID`; keys of
    :data:`STANCE_BASE_CONFIG`) is trained on the same stratified folds
    (:func:`stance_folds`, grouped by tweet text unless ``grouped`` is false) and
    scored by the official F_avg over all out-of-fold predictions (micro across targets). Only ``train`` is used — never a test
    file. Ties go to the earlier combination. Returns the best configuration and
    a table of all candidates (``cv_f_avg``, ``cv_macro_f1``, the grid keys),
    best first. ``jobs`` > 1 trains the folds in parallel processes (same result).
    """
    from joblib import Parallel, delayed

    grid = dict(STANCE_GRID if grid is None else grid)
    weights = [float(w) for w in grid.pop("none_weight", [STANCE_BASE_CONFIG["none_weight"]])]
    if not grid:
        grid = {"mode": [STANCE_BASE_CONFIG["mode"]]}
    cands = [stance_config(c) for c in _grid(grid)]
    train = train.reset_index(drop=True)
    oof = [np.zeros((len(train), len(STANCE_ORDER))) for _ in cands]
    splits = stance_folds(train, folds, random_state, text_groups(train) if grouped else None)
    fold_probs = Parallel(n_jobs=jobs)(delayed(stance_probabilities)(train.iloc[tr], train.iloc[te], cands,
                                                                     random_state) for tr, te in splits)
    for (_, te), probs in zip(splits, fold_probs):
        for i, p in enumerate(probs):
            oof[i][te] = p
    gold = train["stance"].tolist()
    rows, picks = [], []
    for i, c in enumerate(cands):
        for w in weights:
            pred = decide(oof[i], w)
            fa = semeval_f_avg(gold, pred)["f_avg"]
            macro = stance_metrics("cv", gold, list(pred), list(STANCE_ORDER))[2]["macro_f1"]
            rows.append({**jsonable_config({**c, "none_weight": w}), "cv_f_avg": fa, "cv_macro_f1": macro})
            picks.append({**c, "none_weight": w})
    order = sorted(range(len(rows)), key=lambda j: (-rows[j]["cv_f_avg"], j))
    table = pd.DataFrame([rows[j] for j in order])
    return picks[order[0]], table


def stance_benchmark(train: pd.DataFrame, test: pd.DataFrame, *, config: Mapping | None = None,
                     grid: Mapping | None = None, folds: int = 5, random_state: int = 0,
                     top: int = 5, jobs: int = 1) -> dict:
    """Train on ``train``, score ``test``: the shared body of the stance benchmarks.

    With ``config`` that configuration is used as given; otherwise
    :func:`select_stance_config` picks one from ``grid`` by ``folds``-fold
    cross-validation on ``train`` alone. The chosen configuration is then fitted
    on all of ``train`` (:func:`stance_probabilities`) and ``test`` is scored with
    :func:`stance_scores` overall (F_avg micro across targets, as the official
    script) and per target, next to :func:`tfidf_svm_baseline` on the same split.
    Returns a JSON-ready dict: ``metrics``, ``per_target``, ``configuration``,
    ``selection``, ``label_counts``, ``baseline_tfidf_linear_svc``, ``overlap``
    (:func:`overlap_counts`), ``seconds``.
    """
    import time

    for name, df in (("training", train), ("test", test)):
        if df.empty:
            raise StancemapError(f"The {name} data are empty.")
    t0 = time.perf_counter()
    if config is not None:
        best = stance_config(config)
        selection = {"method": "fixed (--config); no selection", "folds": None}
    else:
        best, table = select_stance_config(train, grid, folds=folds, random_state=random_state, jobs=jobs)
        keys = [c for c in table.columns if c not in ("cv_f_avg", "cv_macro_f1")]
        selection = {
            "method": f"{folds}-fold stratified cross-validation on the training data only (never the test "
                      "file), folds grouped by tweet text (both targets of a tweet and its repeats in one fold), "
                      "official F_avg over all out-of-fold predictions; ties to the earlier candidate",
            "folds": folds, "seed": random_state, "candidates": len(table),
            "grid": {k: [list(v) if isinstance(v, tuple) else v for v in vals]
                     for k, vals in (STANCE_GRID if grid is None else grid).items()},
            "cv_f_avg": _r4(table["cv_f_avg"].iloc[0]), "cv_macro_f1": _r4(table["cv_macro_f1"].iloc[0]),
            "top": [{**{k: _json_cell(r[k]) for k in keys}, "cv_f_avg": _r4(r["cv_f_avg"]),
                     "cv_macro_f1": _r4(r["cv_macro_f1"])} for r in table.head(top).to_dict("records")],
        }
    t1 = time.perf_counter()
    test = test.reset_index(drop=True)
    proba = stance_probabilities(train, test, [best], random_state)[0]
    pred = decide(proba, float(best["none_weight"]))
    t2 = time.perf_counter()
    gold = test["stance"].tolist()
    per_target = {}
    for t in sorted(set(test["target"])):
        m = (test["target"] == t).to_numpy()
        per_target[t] = {"n_train": int((train["target"] == t).sum()),
                         **stance_scores([g for g, k in zip(gold, m) if k], pred[m])}
    t3 = time.perf_counter()
    base, base_per, _ = tfidf_svm_baseline(train, test)
    t4 = time.perf_counter()
    for t in per_target:
        per_target[t]["baseline_tfidf_linear_svc"] = base_per[t]
    counts = {name: {t: {lab: int(((df["target"] == t) & (df["stance"] == lab)).sum()) for lab in STANCE_ORDER}
                     for t in sorted(set(df["target"]))}
              for name, df in (("train", train), ("test", test))}
    return {"metrics": stance_scores(gold, pred), "per_target": per_target,
            "configuration": jsonable_config(best), "selection": selection, "label_counts": counts,
            "predictions": pred,
            "baseline_tfidf_linear_svc": {**base, "model": "per target: TfidfVectorizer(word 1-2-grams, sublinear tf) "
                                                   "+ LinearSVC(C=1), same split"},
            "overlap": overlap_counts(train, test, folds or 5, random_state),
            "seconds": {"selection": round(t1 - t0, 1), "train_and_predict": round(t2 - t1, 1),
                        "baseline": round(t4 - t3, 1)}}


# --------------------------------------------------------------------------- one decoding for every file

def decode_lines_alike(data: bytes) -> tuple[str, dict]:
    """Decode ``data`` by one rule per line, the same in every file of a corpus.

    A file that is valid UTF-8 (or has a BOM) is read by
    :func:`stancemap.readers.decode_bytes` as a whole. Otherwise each line that is
    not UTF-8 is decoded on its own by ``decode_bytes(line)``: GB 18030 when it reads
    as punctuation and Latin letters, else UTF-8 with Windows-1252 for the bad bytes.
    The per-file rule of ``decode_bytes`` chooses one legacy encoding per file, so a
    training file and a test file holding the same byte quirk could be read
    differently (#12). ``info``: that of ``decode_bytes`` (``legacy`` is the file rule's
    choice) with ``rule``, ``legacy_lines`` (lines per legacy encoding actually used)
    and ``lines_read_differently_by_the_file_rule``.
    """
    from .readers import decode_bytes

    whole, info = decode_bytes(data)
    if info["legacy"] is None:
        return whole, {**info, "rule": "whole file", "legacy_lines": {}, "lines_read_differently_by_the_file_rule": 0}
    body = data[len(b"\xef\xbb\xbf"):] if data.startswith(b"\xef\xbb\xbf") else data
    out, legacy, differ = [], Counter(), 0
    for line in body.splitlines(keepends=True):
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        text, li = decode_bytes(line)
        legacy[li["legacy"]] += 1
        differ += text != _file_rule(line, info["legacy"])
        out.append(text)
    info = {**info, "rule": "per line", "legacy_lines": dict(sorted(legacy.items())),
            "lines_read_differently_by_the_file_rule": differ}
    return "".join(out), info


def _file_rule(line: bytes, legacy: str) -> str:
    """How :func:`stancemap.readers.decode_bytes` reads a non-UTF-8 line under the file's ``legacy`` choice."""
    if legacy == "gb18030":
        try:
            return line.decode("gb18030")
        except UnicodeDecodeError:
            pass
    return line.decode("utf-8", errors="stancemap-cp1252")


def load_decoded_alike(loader, data_dir, files: Sequence[str], encoding: str = "auto"):
    """``loader(folder, encoding=...)`` on copies of ``files`` decoded by :func:`decode_lines_alike`
    (``encoding="auto"``), so training and test files are read by one rule; any other
    ``encoding`` is passed to the loader as is. ``.attrs["decoding"]`` maps file → info."""
    import tempfile
    from pathlib import Path

    d = Path(data_dir)
    if encoding != "auto" or not d.is_dir() or not all((d / f).is_file() for f in files):
        return loader(data_dir, encoding=encoding)  # the loader names what is missing
    infos, texts = {}, {}
    for f in files:
        texts[f], infos[f] = decode_lines_alike((d / f).read_bytes())
    with tempfile.TemporaryDirectory() as tmp:
        for f, text in texts.items():
            (Path(tmp) / f).write_bytes(text.encode("utf-8"))
        df = loader(tmp, encoding="utf-8")
    for f, info in df.attrs.get("decoding", {}).items():
        infos[f] = {**info, **infos.get(f, {}), "file": f}
    df.attrs["decoding"] = infos
    return df


def json_option(value: str | None, what: str) -> dict | None:
    """A JSON object given on the command line (``--config``, ``--grid``), or None."""
    import json

    if value is None:
        return None
    try:
        out = json.loads(value)
    except json.JSONDecodeError as e:
        raise StancemapError(f"--{what} is not valid JSON ({e.msg}): {value!r}. Example: "
                             "'{\"C\": 0.3, \"mode\": \"joint\"}'.") from None
    if not isinstance(out, dict):
        raise StancemapError(f"--{what} must be a JSON object, e.g. '{{\"C\": 0.3}}', not {value!r}.")
    return out


def jsonable_config(cfg: Mapping) -> dict:
    """A configuration with tuples as lists and numpy scalars as Python numbers, for JSON."""
    out = {}
    for k, v in cfg.items():
        if isinstance(v, tuple):
            v = list(v)
        elif isinstance(v, np.generic):
            v = v.item()
        out[k] = v
    return out


__all__ = ["STANCE_BASE_CONFIG", "STANCE_GRID", "STANCE_ORDER", "decide", "decode_lines_alike", "json_option",
           "jsonable_config", "load_decoded_alike", "overlap_counts", "select_stance_config", "semeval_f_avg",
           "stance_benchmark", "stance_config", "stance_folds", "stance_probabilities", "stance_scores",
           "target_marker", "text_groups", "text_key", "tfidf_svm_baseline"]

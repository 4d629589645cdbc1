"""Training: a :class:`~stancemap.modelfile.StanceMapModel` from a labels table and a codebook.

One feature space (:func:`~stancemap.models.make_features`: hashed n-grams, the
columns seen in the training texts, their IDF, cue counts) is fitted on all the
training texts and shared by the frame classifier and every stance classifier; a
stance classifier may add a target-specific block (``params["extra"]``, a name in
:data:`~stancemap.estimators.EXTRA_BLOCKS`). The model's metadata records what
determines it (:func:`training_fingerprint`).
"""
from __future__ import annotations

import hashlib
import json
import platform
import warnings
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import StancemapError, StancemapWarning, unknown_value
from .labels import coded_rows, frame_labels, label_table_texts, stance_labels, standard_labels
from .modelfile import MODEL_FORMAT, StanceMapModel
from .estimators import EXTRA_BLOCKS, ExtraBlock, FrameClassifier, StanceClassifier, codebook_cues

#: Default classifier settings of the shipped model (benchmarks/models_crossval.py measures them).
#: ``cues: True`` means "the codebook's cue terms" (see :func:`estimator_params`). The frame
#: ``threshold`` 0.3 maximised out-of-fold micro- and macro-F1 of 5-fold cross-validation on the
#: bundled training data (0.2–0.5 tried; 0.5 gives 0.797/0.766, 0.3 gives 0.803/0.780).
DEFAULT_PARAMS: dict = {"estimator": "svm", "C": 0.5, "word_ngrams": (1, 2), "char_ngrams": (2, 5),
                        "min_df": 1, "cues": True, "calibration_cv": 3, "threshold": 0.3, "extra": None,
                        "extra_weight": 1.0, "none_weight": 1.0}

#: Keys of ``params`` that :func:`train_model` applies itself (not classifier keywords): the
#: target-specific block (``extra``, a name in :data:`~stancemap.estimators.EXTRA_BLOCKS`), its
#: scale (``extra_weight``), ``none_weight`` — a number, or ``{target: number}`` — that
#: multiplies the probability of ``none`` before the labels are compared (a prior shift), and
#: ``lexicons`` (True: the frame lexicons of :mod:`stancemap.frame_lexicons` join the cue block) and
#: ``real_weight`` (a whole number k ≥ 1: every row whose ``origin`` is ``real`` counts k times in
#: the classifiers' training — repeated rows, the features fitted once on the distinct rows).
#: ``cluster_weight`` (a number ≥ 0; > 0: the word-cluster block of :mod:`stancemap.word_clusters`, its
#: bag times this weight, joins the shared features; :func:`train_model` then needs ``clusters``) and
#: ``cluster_stance`` (False: the stance classifiers learn without that block, the frames with it) and
#: ``cue_stance`` (False: the stance classifiers learn without the cue block, the log-counts of the
#: codebook's cue lists; the frames with it; or ``{target: bool}``, True for a target not named).
TRAINING_KEYS = ("extra", "extra_weight", "none_weight", "lexicons", "real_weight", "cluster_weight", "cluster_stance",
                 "cue_stance")


def estimator_params(params: Mapping | None, codebook) -> tuple[dict, dict]:
    """Keyword arguments ``(for FrameClassifier, for StanceClassifier)``: :data:`DEFAULT_PARAMS`
    updated with ``params``, ``cues=True`` replaced by the codebook's cue terms (``False`` → none).
    The :data:`TRAINING_KEYS` are checked here and applied by :func:`train_model` (and
    :func:`fit_stance`); they are not among the returned keywords, except ``lexicons``, which
    adds :func:`~stancemap.frame_lexicons.lexicon_cues` to ``cues``."""
    p = {**DEFAULT_PARAMS, **(params or {})}
    lexicons = bool(p.get("lexicons"))
    extra = p.get("extra")
    if extra is not None and extra not in EXTRA_BLOCKS:
        raise unknown_value("Extra feature block", extra, sorted(EXTRA_BLOCKS))
    rw = p.get("real_weight", 1)
    if isinstance(rw, bool) or not isinstance(rw, (int, np.integer)) or rw < 1:
        raise StancemapError(f"real_weight must be a whole number ≥ 1 (how many times a real row counts), "
                             f"got {rw!r}.")
    cw = p.get("cluster_weight", 0.0)
    if isinstance(cw, bool) or not isinstance(cw, (int, float, np.integer, np.floating)) or not np.isfinite(cw) or cw < 0:
        raise StancemapError(f"cluster_weight must be a number ≥ 0 (0: no word-cluster block), got {cw!r}.")
    nw = p.get("none_weight")
    if isinstance(nw, Mapping):
        bad = sorted(set(nw) - set(codebook.targets))
        if bad:
            raise unknown_value("Target in none_weight", bad[0], list(codebook.targets))
    cs = p.get("cue_stance", True)
    if isinstance(cs, Mapping):
        bad = sorted(set(cs) - set(codebook.targets))
        if bad:
            raise unknown_value("Target in cue_stance", bad[0], list(codebook.targets))
    if not all(isinstance(v, (bool, np.bool_)) for v in (cs.values() if isinstance(cs, Mapping) else [cs])):
        raise StancemapError(f"cue_stance must be True, False or {{target: True/False}}, got {cs!r}.")
    for k in TRAINING_KEYS:
        p.pop(k, None)
    frame_keys = set(FrameClassifier().get_params()) - {"labels", "random_state"}
    stance_keys = set(StanceClassifier().get_params()) - {"random_state", "extra"}
    unknown = sorted(set(p) - frame_keys - stance_keys)
    if unknown:
        raise unknown_value("Classifier parameter", unknown[0], sorted(frame_keys | stance_keys))
    if p.get("cues") is True:
        p["cues"] = codebook_cues(codebook)
    elif not p.get("cues"):
        p["cues"] = None
    if lexicons:
        from .frame_lexicons import lexicon_cues

        p["cues"] = {**(p["cues"] or {}), **lexicon_cues(codebook)}
    return ({k: v for k, v in p.items() if k in frame_keys},
            {k: v for k, v in p.items() if k in stance_keys})


def training_fingerprint(labels: pd.DataFrame, codebook, params: Mapping, random_state,
                         sources: Mapping | None = None) -> str:
    """A short hash of what determines a trained model: texts and labels, codebook
    frames/targets/version, parameters, seed and the saved-model format; ``sources``
    adds data named by reference (the default model: the sha256 of the real labels file
    and the part used, so a stale model is told apart without reading the datasets)."""
    cols = [c for c in labels.columns if c in ("text", "frames") or str(c).startswith(("frame_", "stance_"))]
    h = hashlib.sha256()
    spec = {"codebook": [codebook.name, str(codebook.version), list(codebook.frames), list(codebook.targets),
                         codebook_cues(codebook)],
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(params.items())},
            "random_state": random_state, "format": MODEL_FORMAT, "columns": cols}
    if params.get("lexicons"):
        from .frame_lexicons import lexicon_cues

        spec["lexicons"] = lexicon_cues(codebook)
    if sources:
        spec["sources"] = dict(sorted(sources.items()))
    h.update(json.dumps(spec, sort_keys=True, default=str).encode())
    h.update(pd.util.hash_pandas_object(labels[cols].reset_index(drop=True).astype(str), index=False)
             .to_numpy().tobytes())
    return h.hexdigest()[:16]


def _zeroed(width: int, start: int, n: int):
    """The diagonal matrix that zeroes columns ``start … start + n`` of a ``width``-column matrix (a
    block the stance classifiers leave out: they then weigh it 0)."""
    from scipy import sparse

    keep = np.ones(width)
    keep[start:start + n] = 0.0
    return sparse.diags(keep, format="csr")


def stance_uses_cues(params: Mapping, target: str) -> bool:
    """Whether ``target``'s stance classifier weighs the cue block (``cue_stance`` of ``params``:
    a bool, or ``{target: bool}`` with True for a target not named)."""
    cs = params.get("cue_stance", True)
    return bool(cs.get(target, True) if isinstance(cs, Mapping) else cs)


def fit_stance(features, Xf, texts: list[str], y, target: str, codebook, params: Mapping | None = None,
               random_state: int = 0) -> StanceClassifier:
    """One target's :class:`StanceClassifier` on already transformed shared features ``Xf``
    (rows of ``texts``), with the target-specific block, its weight, the ``none`` weight and,
    with ``cue_stance`` False, without the cue block, of ``params`` (:data:`TRAINING_KEYS`).
    :func:`train_model` and the cross-validation use it."""
    from scipy import sparse

    given = {**DEFAULT_PARAMS, **(params or {})}
    _, sp = estimator_params(params, codebook)
    if not stance_uses_cues(given, target) and features.cue_names_:
        # zero columns: the classifier weighs them 0, so scoring (one shared transform) needs no change
        Xf = Xf @ _zeroed(Xf.shape[1], features.n_features_out_ - len(features.cue_names_), len(features.cue_names_))
    block = None
    if given.get("extra") is not None:
        block = ExtraBlock(given["extra"], target, codebook, float(given.get("extra_weight", 1.0)))
        Xf = sparse.hstack([Xf, block.transform(list(texts))], format="csr")
    clf = StanceClassifier(random_state=random_state, extra=block, **sp).fit_transformed(features, Xf, y)
    nw = given.get("none_weight", 1.0)
    w = float(nw.get(target, 1.0) if isinstance(nw, Mapping) else nw)
    if w != 1.0 and "none" in list(clf.classes_):
        clf.classifier_.weights = np.where(np.asarray(clf.classes_) == "none", w, 1.0).astype(np.float64)
    return clf


def train_model(labels: pd.DataFrame, codebook, *, params: Mapping | None = None, random_state: int = 0,
                table: str = "labels table", sources: Mapping | None = None, clusters=None) -> StanceMapModel:
    """Train frames and one stance classifier per target from a labels table.

    ``labels`` needs ``text``, frame labels (``frames`` or ``frame_<key>``) and
    ``stance_<target>`` columns; an empty stance cell means "not coded" and the row
    is left out of that target's training. Raises :class:`StancemapError` for
    labels outside the codebook or a target with fewer than two labels; warns for
    codebook labels that never occur (the model can then never predict them).
    ``sources`` names data the table came from by reference (see
    :func:`training_fingerprint`); the fingerprint then hashes them instead of the
    rows they hydrated, which ``origin`` marks ``real``. ``clusters`` (a
    :class:`~stancemap.word_clusters.WordClusters`) is the word-cluster table the
    ``cluster_weight`` parameter asks for (the default model's: :func:`bundled_clusters`).
    """
    given = {**DEFAULT_PARAMS, **(params or {})}
    fp, _ = estimator_params(params, codebook)
    cw = float(given.get("cluster_weight", 0.0))
    if cw and clusters is None:
        raise StancemapError(f"The parameters ask for word clusters (cluster_weight={cw:g}) but none were given: "
                             "pass clusters=stancemap.word_clusters.learn_clusters(unlabelled_texts) (the default "
                             "model's: stancemap.training.bundled_clusters()), or set cluster_weight to 0.")
    labels = coded_rows(labels, codebook, table)
    texts = label_table_texts(labels, table)
    if not texts:
        raise StancemapError(f"The {table} is empty.")
    F = frame_labels(labels, codebook, table=table)
    S = stance_labels(labels, codebook, table=table)
    frames = FrameClassifier(labels=list(codebook.frames), random_state=random_state, **fp)
    features = frames._features().fit(texts)  # one feature space shared by all classifiers
    if cw:
        features.with_clusters(clusters, cw)
    Xf = features.transform(texts)
    # rows the classifiers learn from: every row once, real rows ``real_weight`` times in all
    rw = int(given.get("real_weight", 1))
    rows_all = np.arange(len(texts))
    if rw > 1 and "origin" in labels.columns:
        real_rows = np.flatnonzero((labels["origin"] == "real").to_numpy())
        rows_all = np.concatenate([rows_all] + [real_rows] * (rw - 1))
    frames.fit_transformed(features, Xf[rows_all],
                           F.iloc[rows_all].reset_index(drop=True).rename(columns=lambda c: c[len("frame_"):]))
    Xs = Xf
    if cw and not given.get("cluster_stance", True):  # zero columns: the stance models weigh them 0
        Xs = Xf @ _zeroed(Xf.shape[1], len(features.word_columns_) + len(features.char_columns_), features.n_clusters_)
    stance, counts = {}, {}
    for t in codebook.targets:
        col = S[f"stance_{t}"]
        mask = (col != "").to_numpy()
        y = col[mask]
        c = Counter(y)  # distinct rows (the counts the model reports)
        counts[t] = {lab: int(c.get(lab, 0)) for lab in codebook.labels}
        if len(c) < 2:
            raise StancemapError(
                f"Target {t!r} has {'no coded examples' if not c else 'only the label ' + repr(next(iter(c)))} "
                f"in the {table}; a classifier needs at least two of {', '.join(codebook.labels)}. "
                f"Code more statements for stance_{t}.")
        absent = [lab for lab in codebook.labels if not c.get(lab)]
        if absent:
            warnings.warn(f"Target {t!r}: no training example labelled {', '.join(absent)}; the model "
                          "will never predict it.", StancemapWarning, stacklevel=2)
        rows = rows_all[mask[rows_all]]
        stance[t] = fit_stance(features, Xs[rows], [texts[i] for i in rows], col.to_numpy()[rows].tolist(), t,
                               codebook, params, random_state)
    by_reference = bool(sources)
    if cw and not (sources and "word_clusters" in sources):  # a table given by value: hash it
        digest = hashlib.sha256()
        for a in clusters.arrays().values():
            digest.update(np.ascontiguousarray(a).tobytes())
        sources = {**(sources or {}), "word_clusters": {"sha256": digest.hexdigest(), **clusters.settings()}}
    if by_reference:
        own = labels[labels["origin"] != "real"] if "origin" in labels.columns else labels
        fingerprint = training_fingerprint(own, codebook, given, random_state, sources)
    else:
        fingerprint = training_fingerprint(labels, codebook, given, random_state, sources)
    import sklearn

    meta = {
        "n_examples": len(texts),
        "data_fingerprint": fingerprint,
        "frame_counts": {k: int(F[f"frame_{k}"].sum()) for k in codebook.frames},
        "frames_none": int((F.sum(axis=1) == 0).sum()),
        "stance_counts": counts,
        "origin_counts": ({str(k): int(v) for k, v in labels["origin"].fillna("").value_counts().sort_index().items()}
                          if "origin" in labels.columns else {}),
        "params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in given.items()},
        "random_state": random_state,
        "versions": {"stancemap": _stancemap_version(), "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__, "pystemmer": _dist_version("pystemmer"), "mmh3": _dist_version("mmh3"),
                     "python": platform.python_version()},
    }
    if sources:
        meta["sources"] = dict(sorted(sources.items()))
    src = getattr(codebook, "source", None) or getattr(codebook, "path", None)
    return StanceMapModel(frames=frames, stance=stance, codebook_name=codebook.name,
                          codebook_version=str(codebook.version), metadata=meta,
                          codebook_file=str(src) if src and Path(src).is_file() else None)


def _dist_version(name: str) -> str:
    """The installed version of distribution ``name`` ("?" when not found)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def _stancemap_version() -> str:
    from . import __version__

    return __version__


#: The real labelled sentences the default model learns from (``corpora/real-labels``, by reference):
#: the train and dev parts. Its settings are chosen by cross-validation on the train part and checked
#: once on the dev part (below); the shipped model is then fitted on both, 2,699 sentences instead of
#: 2,027 (in document-grouped CV on the train part, fitting on half or three quarters of the train
#: documents scored stance F_avg about 0.565, all of them 0.614: more real sentences still help).
#: The test part stays out, for the model card.
REAL_PART = "train+dev"
#: The part the settings are chosen on (``benchmarks/stance_real_cv.py``).
TUNING_PART = "train"


def part_phrase(part: str, upper: bool = False) -> str:
    """A part of the real labels in words: ``train+dev`` → "train and dev parts" ("TRAIN and DEV
    parts" with ``upper``), ``train`` → "train part"."""
    names = [p.upper() if upper else p for p in str(part).split("+")]
    return f"{' and '.join(names)} part{'s' if len(names) > 1 else ''}"

#: The default model's settings (``make model``), chosen by document-grouped 5-fold
#: cross-validation on the real TRAIN part (constructed examples always in training) and
#: confirmed on the DEV part: ``benchmarks/stance_real_cv.py --grid`` prints the figures.
#: Grid (5-fold grouped CV, pooled stance F_avg / frames micro-F1): C 0.5 without the target block
#: 0.611 / 0.744; with it, weight 0.03 0.612, 0.1 0.626, 0.3 0.578; C 0.25 and 1.0 (weight 0.1)
#: 0.622 / 0.740 and 0.623 / 0.740; then ``none`` weights (0.5–3) per target and the frames
#: threshold (0.2–0.5) on the same out-of-fold predictions: 0.629 / 0.746. On DEV: 0.641 / 0.762
#: (the same data without the target block: 0.651 / 0.755 — no gain confirmed there; the constructed
#: examples alone: 0.392 / 0.644). Second round (``stance_real_cv.py --compare``): every real row
#: counted twice (``real_weight`` 2) and the ``none`` weights re-chosen on its out-of-fold
#: predictions (sanctions 0.75 → 0.5): CV 0.642 / 0.746, DEV 0.653 / 0.765. Tried and not kept:
#: frame lexicons (``lexicons``; CV 0.628 / 0.748, DEV 0.657 / 0.766 with real_weight 2), the voice
#: block (``extra="target_voice"``; CV 0.626, DEV 0.658 with real_weight 2), real rows alone (CV 0.584).
#: Third round (labelling round 5 in the train part, 2,027 real sentences; ``stance_real_cv.py
#: --extra-compare target_rules``): the decision-rule phrases of :mod:`stancemap.rule_features` after
#: the target block (``extra="target_rules"``, their weight chosen on CV): CV 0.589 → 0.614, DEV
#: 0.639 → 0.662 stance F_avg; frames unchanged (CV 0.762, DEV 0.774). Not kept: a two-step stance
#: classifier ("takes a side?" then favor vs against; ``stance_real_cv.py --two-step-compare``): CV
#: 0.597 / 0.593 / 0.580 with the first step's ``none`` weights × 0.6 / 1 / 1.6, against 0.614 joint
#: (better for the ceasefire, 0.47–0.48 against 0.41; worse for every other target). Also not kept
#: (the same CV; 0.6137 stance / 0.762 frames): an ``other_sanctions`` rule phrase (sanctions on Iran,
#: Belarus, Cuba …; 11 train sentences) 0.6136; logistic regression (C 2) 0.595 / 0.761; ``real_weight`` 3
#: 0.606 / 0.761. Kept (stop 22): two more rule phrases in ``target_rules``, a request for weapons and
#: aid called "pumping" weapons (codebook military-aid rules): CV stance F_avg 0.6137 → 0.617
#: (military aid 0.418 → 0.480, ceasefire 0.411 → 0.402, sanctions 0.647 → 0.653), DEV 0.662 → 0.670
#: (military aid 0.572); frames unchanged (CV 0.762, DEV 0.774).
#: Re-tuned in stop 24 (``stance_real_cv.py --grid`` around the shipped block, real rows twice, on the
#: train part after labelling round 6, 2,262 sentences, with PyStemmer's stems): C 0.5 0.617 / 0.762,
#: C 0.25 0.622 / 0.763, C 1.0 0.616 / 0.759, block weight 0.05 0.619 and 0.2 0.618 (C 0.5); for C 0.25
#: the ``none`` weights and frames threshold chosen on its out-of-fold predictions: CV 0.630 / 0.764
#: (the previous settings: 0.615 / 0.764); DEV 0.657 / 0.781 (the previous settings: 0.655 / 0.777).
#: Kept (stop 25, train part after round 7, 2,374 sentences; ideas from the out-of-fold errors on train):
#: two sanctions rule phrases, Moscow's words for sanctions it attacks ("anti-Russia sanctions",
#: "sanctions fever", "backfired") and the effects of sanctions described ("the impact of sanctions"):
#: CV 0.620 → 0.632 (sanctions 0.617 → 0.665, Russia 0.440 → 0.477), DEV 0.660 → 0.672 (sanctions 0.647
#: → 0.687). Not kept: "sanctions pressure" among the first (CV 0.630, DEV 0.683, but Kyiv asks for more
#: "sanctions pressure": Ukraine's sanctions statements read as against), an ``arms_supply`` phrase
#: (weapons being supplied, received, "military support for Ukraine"): CV 0.629, DEV military aid 0.549 →
#: 0.489.
#: Kept (stop 29, train part after round 9, 2,620 sentences; ``stance_real_cv.py --nb-compare``): the
#: frames learn on NB-scaled features (NBSVM, Wang & Manning 2012; ``nb_alpha`` 1, threshold 0.3 chosen
#: on CV): frames micro-F1 CV 0.767 → 0.782 (every frame and every actor group up); alpha 0.25 / 4: 0.775 /
#: 0.782; C 0.1 / 0.5 / 1: 0.779 / 0.780 / 0.776. The same scaling for stance (one-vs-rest per label,
#: a temporary option, removed): CV stance F_avg 0.626 → 0.589, not kept.
#: Kept (stop 34, the same train part; scratch scripts on the folds of ``stance_real_cv.py --extra-compare``):
#: the stance classifiers learn without the cue block (``cue_stance``; the frames keep it), except energy
#: truce's. The cue lists' counts say a sentence is on a topic, and on territory or sanctions that reads as
#: the side most of its labelled sentences take ("frame:sovereignty" pushed Putin's demand that Kyiv cede
#: land to `against`). Stance F_avg out of fold / dev with the shipped none weights: with the cue block 0.626
#: / 0.645; without the frame cue lists 0.616 / 0.635; without the target cue lists 0.634 / 0.659; without
#: both 0.633 / 0.660 (Russia 0.457 → 0.487 out of fold), where energy truce falls from 0.364 to 0 out of
#: fold (11 real `favor` sentences: its cue terms carry it), so it keeps the block (a choice per target, by
#: each target's out-of-fold F_avg, as the none weights; full ceasefire 0.416 without, 0.375 with). The none
#: weights then chosen again on the out-of-fold predictions (military aid 2 → 1.5): 0.637 / 0.665. C 0.5
#: (no cue block at all): 0.636 / 0.652. The direction columns of the target block times 4: 0.618 / 0.641.
#: Re-chosen (stop 38, train part after labelling round 16, 6,275 sentences; ``stance_real_cv.py
#: --none-weights``): the none weights and frames threshold on the shipped settings' out-of-fold predictions
#: (weights 0.4–3 per target, threshold 0.2–0.5): military aid 1.5 → 0.4, sanctions 0.75 → 0.4, territorial
#: concessions 0.75 → 0.4, energy truce 1 → 1.5 (11 real `favor` sentences), full ceasefire 0.5 kept, threshold
#: 0.3 → 0.25. Stance F_avg out of fold 0.628 → 0.642 (Russia 0.388 → 0.396), dev 0.681 → 0.681 (Russia 0.397
#: → 0.428, territorial 0.476 → 0.522, military aid 0.511 → 0.485); frames 0.781 → 0.783 and 0.782 → 0.783. Three
#: weights lie at the grid's lower edge.
BUNDLED_PARAMS: dict = {**DEFAULT_PARAMS, "C": 0.25, "extra": "target_rules", "extra_weight": 0.1, "threshold": 0.25,
                        "nb_alpha": 1.0, "real_weight": 2, "cluster_weight": 2.0, "cluster_stance": False,
                        "cue_stance": {"full_ceasefire": False, "energy_truce": True, "military_aid": False,
                                       "sanctions": False, "territorial_concessions": False},
                        "none_weight": {"full_ceasefire": 0.5, "energy_truce": 1.5, "military_aid": 0.4,
                                        "sanctions": 0.4, "territorial_concessions": 0.4}}


def real_labels_sha256(path=None) -> str:
    """The sha256 of the real labels file (``corpora/real-labels/labels.csv``): what the
    default model's fingerprint records of the real sentences (nothing is hydrated)."""
    from . import paths  # not the dataset loaders: default_model() reads this on every load

    p = Path(path) if path is not None else paths.real_labels_file()
    return hashlib.sha256(p.read_bytes()).hexdigest()


def real_training(codebook, data_dir=None, part: str | None = REAL_PART) -> pd.DataFrame:
    """The real labelled sentences of ``part`` (``train``, ``dev``, ``test`` or several joined by
    ``+``, e.g. ``train+dev``; None: every part) as a labels table:
    ``text``, ``origin`` = ``real``, ``frame_<key>``, ``stance_<target>``, plus ``ref_id``,
    ``actor`` and ``group`` (the document: sentences of one document stay in one fold).
    Hydrated from the data directory (:func:`stancemap.datasets.labelrefs.load_real_eval`);
    raises :class:`StancemapError` naming ``STANCEMAP_DATA`` when it is absent."""
    from .datasets.labelrefs import load_real_eval

    real = load_real_eval(data_dir)
    if part is not None:
        parts = str(part).split("+")
        known = sorted(set(real["split"]))
        bad = [x for x in parts if x not in known]
        if bad:
            raise unknown_value("Part of the real labels", bad[0], known, "Use one of them, or several joined by "
                                "'+' (e.g. train+dev).")
        real = real[real["split"].isin(parts)].reset_index(drop=True)
    out = standard_labels(real.assign(origin="real"), codebook, "real labels")
    out["ref_id"] = real["ref_id"].to_numpy()
    out["actor"] = real["actor"].to_numpy()
    out["group"] = (real["dataset"] + "|" + real["file"] + "|" + real["doc_key"]).to_numpy()
    return out


def bundled_training(codebook=None, *, real: bool = False, data_dir=None,
                     part: str = REAL_PART) -> tuple[pd.DataFrame, object]:
    """The bundled training data and codebook (``corpora/``): the constructed examples and,
    with ``real``, the real sentences of ``part`` of ``corpora/real-labels`` after them (default
    :data:`REAL_PART`, the train and dev parts; hydrated from the data directory; a
    :class:`StancemapError` naming ``STANCEMAP_DATA`` when it is absent)."""
    from .codebook import load_codebook, load_training

    cb = codebook if codebook is not None else load_codebook()
    constructed = load_training(codebook=cb)
    if not real:
        return constructed, cb
    try:
        rows = real_training(cb, data_dir, part=part)
    except StancemapError as e:
        raise StancemapError(f"The default model learns from the real sentences of corpora/real-labels, read "
                             f"from the public datasets, which were not found: {e} Set STANCEMAP_DATA to the "
                             "data directory (e.g. STANCEMAP_DATA=../shared/datasets make model), or fetch the "
                             "datasets with `stancemap datasets fetch`.") from None
    con = standard_labels(constructed, cb, "bundled training data")
    con["ref_id"] = constructed["example_id"].to_numpy()
    con["actor"] = ""
    con["group"] = ""
    return pd.concat([con, rows], ignore_index=True), cb


#: The datasets (and loader options) whose documents the default model's word clusters are learned
#: from (:func:`learn_bundled_clusters`): every document of the six, labelled or not; no labels are read.
CLUSTER_SOURCES: tuple[tuple[str, dict], ...] = (
    ("ungdc-2014-2024", {"all_countries": True}), ("kremlin-kyiv-press-2021-2022", {}), ("whitehouse-2021-2026", {}),
    ("uk-pm-commons-2019-2026", {}), ("zelensky-speeches-2022", {}), ("zelensky-speeches-2022-2023", {}))


def cluster_texts(data_dir=None) -> list[str]:
    """The texts of every document of :data:`CLUSTER_SOURCES`, in a fixed order (files checked
    against their sha256; a :class:`StancemapError` naming ``STANCEMAP_DATA`` when absent). The
    folder is found as the real labels' is (:func:`stancemap.paths.data_dir`: ``data_dir``, else
    ``$STANCEMAP_DATA``, else ``../shared/datasets`` beside the checkout, else the user cache)."""
    from . import paths
    from .datasets import load_dataset

    root = paths.data_dir(data_dir)
    texts: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, options in CLUSTER_SOURCES:
            texts += load_dataset(name, root, **options)["text"].fillna("").astype(str).tolist()
    return texts


def cluster_datasets() -> list[list]:
    """:data:`CLUSTER_SOURCES` as JSON-ready ``[[name, options], …]`` (options sorted by key)."""
    return [[name, dict(sorted(o.items()))] for name, o in CLUSTER_SOURCES]


def cluster_source() -> dict:
    """What the default model's fingerprint records of its word clusters: the datasets and settings
    they were learned from (the datasets are pinned by sha256 in ``corpora/datasets.yaml``) and the
    sha256 of the pinned table file (:func:`stancemap.paths.word_clusters_file`); no data are read."""
    from . import paths
    from .word_clusters import CLUSTER_SETTINGS

    table = paths.word_clusters_file()
    if not table.is_file():
        raise StancemapError(_no_table(table))
    return {"datasets": cluster_datasets(), **CLUSTER_SETTINGS,
            "table_sha256": hashlib.sha256(table.read_bytes()).hexdigest()}


def _no_table(path) -> str:
    return (f"No word-cluster table at {path}. Restore it from the repository (git checkout -- {path}), "
            "or learn one with `stancemap model clusters`.")


def learn_bundled_clusters(data_dir=None):
    """Learn the default model's word clusters again (:func:`stancemap.word_clusters.learn_clusters`
    with :data:`~stancemap.word_clusters.CLUSTER_SETTINGS`) from :func:`cluster_texts`. The SVD's
    last digits depend on the BLAS's kernels and number of threads, and k-means turns some of
    those differences into other clusters (757 of the table's 37,777 columns with one OpenBLAS
    thread instead of two; 1,036 of the 30,000 words with OpenBLAS's generic kernel), so the
    default model reads the pinned table (:func:`bundled_clusters`) instead; ``stancemap model
    clusters`` writes a new one."""
    from .word_clusters import CLUSTER_SETTINGS, learn_clusters

    return learn_clusters(cluster_texts(data_dir), **CLUSTER_SETTINGS)


def save_cluster_table(clusters, path=None, about: Mapping | None = None) -> Path:
    """Write a word-cluster table as ``.npz`` (integer arrays only, byte-stable) with a ``.json``
    beside it (``about``: how it was learned), each atomically. Default: the pinned table."""
    from . import paths
    from .atomic import write_text
    from .modelfile import write_npz

    p = Path(path) if path is not None else paths.word_clusters_file()
    p.parent.mkdir(parents=True, exist_ok=True)
    arrays = {**clusters.arrays(), "k": np.asarray([clusters.k], dtype=np.int32),
              "n_word": np.asarray([clusters.n_word], dtype=np.int32)}
    write_npz(p, arrays)
    write_text(p.with_suffix(".json"), json.dumps(dict(about or {}), indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return p


def load_cluster_table(path=None):
    """The word-cluster table of a file :func:`save_cluster_table` wrote (default: the pinned one),
    read without executing code (``allow_pickle=False``)."""
    import zipfile

    from . import paths
    from .word_clusters import WordClusters

    p = Path(path) if path is not None else paths.word_clusters_file()
    if not p.is_file():
        raise StancemapError(_no_table(p))
    try:
        z = np.load(p, allow_pickle=False)
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as e:
        raise StancemapError(f"{p} is not a word-cluster table ({e}). "
                             "Write one with `stancemap model clusters`.") from None
    if not hasattr(z, "files"):
        raise StancemapError(f"{p} is not a word-cluster table (one array, not an .npz). "
                             "Write one with `stancemap model clusters`.")
    with z:
        missing = sorted({"cluster_columns", "cluster_ids", "k", "n_word"} - set(z.files))
        if missing:
            raise StancemapError(f"{p} is not a word-cluster table: it lacks {', '.join(missing)}. "
                                 "Write one with `stancemap model clusters`.")
        return WordClusters(z["cluster_columns"], z["cluster_ids"], int(z["k"].ravel()[0]),
                           int(z["n_word"].ravel()[0]))


def bundled_clusters():
    """The default model's word clusters: the pinned table (:func:`load_cluster_table`), learned once
    by :func:`learn_bundled_clusters` and kept in the repository so that `make model` gives the same
    model on every machine."""
    return load_cluster_table()


def bundled_params(real: bool = True) -> dict:
    """:data:`BUNDLED_PARAMS`; without the real sentences (``real=False``: no data directory) the same
    with ``cluster_weight`` 0, as before the cluster table was pinned (it was learned from the data)."""
    return dict(BUNDLED_PARAMS) if real else {**BUNDLED_PARAMS, "cluster_weight": 0.0}


def bundled_sources(part: str = REAL_PART) -> dict:
    """What the default model's fingerprint records of the real sentences: the labels
    file's sha256 and the part used, and of its word clusters (when :data:`BUNDLED_PARAMS`
    asks for them) :func:`cluster_source`."""
    out = {"real_labels_sha256": real_labels_sha256(), "real_part": part}
    if BUNDLED_PARAMS.get("cluster_weight"):
        out["word_clusters"] = cluster_source()
    return out


def bundled_fingerprint(codebook=None, params: Mapping | None = None, random_state: int = 0,
                        real: bool = True) -> str:
    """The fingerprint :func:`train_model` records for the default model, computed without
    reading the datasets: the constructed examples, the codebook, the parameters and (with
    ``real``) :func:`bundled_sources`."""
    from .codebook import load_codebook, load_training

    cb = codebook if codebook is not None else load_codebook()
    constructed = load_training(codebook=cb)
    params = {**DEFAULT_PARAMS, **(params if params is not None else bundled_params(real))}
    if not real:
        return training_fingerprint(constructed, cb, params, random_state)
    own = standard_labels(constructed, cb, "bundled training data")
    return training_fingerprint(own, cb, params, random_state, bundled_sources())


__all__ = ["BUNDLED_PARAMS", "CLUSTER_SOURCES", "DEFAULT_PARAMS", "REAL_PART", "TRAINING_KEYS", "TUNING_PART",
           "bundled_clusters", "bundled_fingerprint", "bundled_params", "cluster_datasets", "cluster_source", "cluster_texts",
           "learn_bundled_clusters", "load_cluster_table", "part_phrase", "save_cluster_table",
           "bundled_sources",
           "bundled_training", "estimator_params", "fit_stance", "real_labels_sha256", "real_training",
           "stance_uses_cues", "train_model",
           "training_fingerprint"]

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
import sklearn

from .errors import StancemapError, StancemapWarning, unknown_value
from .labels import coded_rows, frame_labels, label_table_texts, stance_labels
from .modelfile import MODEL_FORMAT, StanceMapModel
from .estimators import EXTRA_BLOCKS, ExtraBlock, FrameClassifier, StanceClassifier, codebook_cues

#: Default classifier settings of the shipped model (benchmarks/models_crossval.py measures them).
#: ``cues: True`` means "the codebook's cue terms" (see :func:`estimator_params`). The frame
#: ``threshold`` 0.3 maximised out-of-fold micro- and macro-F1 of 5-fold cross-validation on the
#: bundled training data (0.2–0.5 tried; 0.5 gives 0.797/0.766, 0.3 gives 0.803/0.780).
DEFAULT_PARAMS: dict = {"estimator": "svm", "C": 0.5, "word_ngrams": (1, 2), "char_ngrams": (2, 5),
                        "min_df": 1, "cues": True, "calibration_cv": 3, "threshold": 0.3, "extra": None}


def estimator_params(params: Mapping | None, codebook) -> tuple[dict, dict]:
    """Keyword arguments ``(for FrameClassifier, for StanceClassifier)``: :data:`DEFAULT_PARAMS`
    updated with ``params``, ``cues=True`` replaced by the codebook's cue terms (``False`` → none).
    ``extra`` (the name of a target-specific block) is checked here and applied by
    :func:`train_model`; it is not among the returned keywords."""
    p = {**DEFAULT_PARAMS, **(params or {})}
    extra = p.pop("extra", None)
    if extra is not None and extra not in EXTRA_BLOCKS:
        raise unknown_value("Extra feature block", extra, sorted(EXTRA_BLOCKS))
    frame_keys = set(FrameClassifier().get_params()) - {"labels", "random_state"}
    stance_keys = set(StanceClassifier().get_params()) - {"random_state", "extra"}
    unknown = sorted(set(p) - frame_keys - stance_keys)
    if unknown:
        raise unknown_value("Classifier parameter", unknown[0], sorted(frame_keys | stance_keys))
    if p.get("cues") is True:
        p["cues"] = codebook_cues(codebook)
    elif not p.get("cues"):
        p["cues"] = None
    return ({k: v for k, v in p.items() if k in frame_keys},
            {k: v for k, v in p.items() if k in stance_keys})


def training_fingerprint(labels: pd.DataFrame, codebook, params: Mapping, random_state) -> str:
    """A short hash of what determines a trained model: texts and labels, codebook
    frames/targets/version, parameters, seed and the saved-model format."""
    cols = [c for c in labels.columns if c in ("text", "frames") or str(c).startswith(("frame_", "stance_"))]
    h = hashlib.sha256()
    spec = {"codebook": [codebook.name, str(codebook.version), list(codebook.frames), list(codebook.targets),
                         codebook_cues(codebook)],
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(params.items())},
            "random_state": random_state, "format": MODEL_FORMAT, "columns": cols}
    h.update(json.dumps(spec, sort_keys=True, default=str).encode())
    h.update(pd.util.hash_pandas_object(labels[cols].reset_index(drop=True).astype(str), index=False)
             .to_numpy().tobytes())
    return h.hexdigest()[:16]


def train_model(labels: pd.DataFrame, codebook, *, params: Mapping | None = None, random_state: int = 0,
                table: str = "labels table") -> StanceMapModel:
    """Train frames and one stance classifier per target from a labels table.

    ``labels`` needs ``text``, frame labels (``frames`` or ``frame_<key>``) and
    ``stance_<target>`` columns; an empty stance cell means "not coded" and the row
    is left out of that target's training. Raises :class:`StancemapError` for
    labels outside the codebook or a target with fewer than two labels; warns for
    codebook labels that never occur (the model can then never predict them).
    """
    given = {**DEFAULT_PARAMS, **(params or {})}
    fp, sp = estimator_params(params, codebook)
    labels = coded_rows(labels, codebook, table)
    texts = label_table_texts(labels, table)
    if not texts:
        raise StancemapError(f"The {table} is empty.")
    F = frame_labels(labels, codebook, table=table)
    S = stance_labels(labels, codebook, table=table)
    frames = FrameClassifier(labels=list(codebook.frames), random_state=random_state, **fp)
    features = frames._features().fit(texts)  # one feature space shared by all classifiers
    Xf = features.transform(texts)
    extra = given.get("extra")
    frames.fit_transformed(features, Xf, F.rename(columns=lambda c: c[len("frame_"):]))
    stance, counts = {}, {}
    for t in codebook.targets:
        col = S[f"stance_{t}"]
        mask = (col != "").to_numpy()
        y = col[mask]
        c = Counter(y)
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
        rows = np.flatnonzero(mask)
        Xt = Xf[rows]
        block = None
        if extra is not None:
            from scipy import sparse

            block = ExtraBlock(extra, t, codebook)
            Xt = sparse.hstack([Xt, block.transform([texts[i] for i in rows])], format="csr")
        stance[t] = StanceClassifier(random_state=random_state, extra=block, **sp).fit_transformed(
            features, Xt, y.tolist())
    meta = {
        "n_examples": len(texts),
        "data_fingerprint": training_fingerprint(labels, codebook, given, random_state),
        "frame_counts": {k: int(F[f"frame_{k}"].sum()) for k in codebook.frames},
        "frames_none": int((F.sum(axis=1) == 0).sum()),
        "stance_counts": counts,
        "origin_counts": ({str(k): int(v) for k, v in labels["origin"].fillna("").value_counts().sort_index().items()}
                          if "origin" in labels.columns else {}),
        "params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in given.items()},
        "random_state": random_state,
        "versions": {"stancemap": _stancemap_version(), "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__, "python": platform.python_version()},
    }
    src = getattr(codebook, "source", None) or getattr(codebook, "path", None)
    return StanceMapModel(frames=frames, stance=stance, codebook_name=codebook.name,
                          codebook_version=str(codebook.version), metadata=meta,
                          codebook_file=str(src) if src and Path(src).is_file() else None)


def _stancemap_version() -> str:
    from . import __version__

    return __version__


def bundled_training(codebook=None) -> tuple[pd.DataFrame, object]:
    """The bundled constructed training data and codebook (``corpora/``)."""
    from .codebook import load_codebook, load_training

    cb = codebook if codebook is not None else load_codebook()
    return load_training(codebook=cb), cb


__all__ = ["DEFAULT_PARAMS", "bundled_training", "estimator_params", "train_model", "training_fingerprint"]

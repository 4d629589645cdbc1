"""Frame and stance classifiers: classical, transparent, scikit-learn estimators.

Features are TF-IDF word n-grams over Snowball stems with negation marking
(Das & Chen 2001; ``stancemap.text.stems(..., negation=True)``) joined with
TF-IDF character n-grams inside word boundaries — the feature set of the
SemEval-2016 stance organisers' SVM baseline (Mohammad et al. 2016) — and, by
default, the log-counts of each codebook cue list (:class:`CueFeatures`), which
carry the codebook's vocabulary to real text the constructed examples never
phrase that way. A linear SVM (or logistic regression) sits on top; its scores
are turned into probabilities with Platt's sigmoid (Platt 1999) fitted by
cross-validation (``CalibratedClassifierCV``) whenever every class has at least
two examples.

* :class:`FrameClassifier` — multi-label, one binary classifier per frame
  (one-vs-rest) over one shared feature space.
* :class:`StanceClassifier` — one target, classes ``favor``/``against``/``none``.
* :class:`StanceMapModel` — the bundle a scored table comes from: the frame
  classifier, one stance classifier per codebook target, the codebook's name and
  version and training metadata; saved and loaded with skops, never pickle.

Because both classifiers are linear, every prediction decomposes into
coefficient × feature value per n-gram: :func:`explain` lists them.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import platform
import shutil
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from .errors import StancemapError, unknown_value
from . import _features
from .codebook import count_matches
from .text import stems

#: Stance labels, in the order used for probabilities and reports.
STANCE_LABELS = ("favor", "against", "none")
#: Base learners that :class:`FrameClassifier` and :class:`StanceClassifier` accept.
ESTIMATORS = ("svm", "logreg")
#: Format version of a saved model directory.
MODEL_FORMAT = 1


# --------------------------------------------------------------------------- features

@lru_cache(maxsize=200_000)
def _stem_tuple(text: str) -> tuple[str, ...]:
    return tuple(stems(text, negation=True))


def word_tokens(text: str) -> list[str]:
    """Snowball stems with ``_NEG`` after a negation: the word-feature tokenizer.

    >>> word_tokens("We will not accept it")
    ['we', 'will', 'not', 'accept_NEG', 'it_NEG']
    """
    return list(_stem_tuple(text))


@lru_cache(maxsize=256)
def _cue_regex(cues: tuple[str, ...]):
    from .codebook import compile_cues

    return compile_cues(cues)


class CueFeatures(TransformerMixin, BaseEstimator):
    """Codebook cue terms as features: ``log(1 + number of matches)`` per frame or target.

    ``cues`` maps a name (``frame:diplomacy``, ``target:sanctions``) to cue terms
    in the codebook's syntax (``negotiat*``, multiword phrases). The codebook's
    expert vocabulary covers words the training examples may never use, which
    helps on real text; the features appear in explanations as ``cue__<name>``.
    """

    def __init__(self, cues: Mapping[str, Sequence[str]] | None = None):
        self.cues = cues

    def fit(self, X, y=None):
        self.names_ = list(self.cues or {})
        return self

    def transform(self, X):
        from scipy import sparse

        check_is_fitted(self, "names_")
        texts = _texts(X)
        out = np.zeros((len(texts), len(self.names_)))
        for j, name in enumerate(self.names_):
            out[:, j] = count_matches(_cue_regex(tuple(self.cues[name])), texts)
        return sparse.csr_matrix(np.log1p(out))

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "names_")
        return np.asarray(self.names_, dtype=object)


def _cue_part(features: FeatureUnion | None) -> CueFeatures | None:
    """The union's :class:`CueFeatures` when it is the last, unweighted part (its columns
    are then the last ones of the transformed matrix, unscaled)."""
    if features is None or not features.transformer_list:
        return None
    name, cue = features.transformer_list[-1]
    if not isinstance(cue, CueFeatures) or (features.transformer_weights or {}).get(name, 1) != 1:
        return None
    return cue


def _cue_block(features: FeatureUnion | None, Xf) -> dict[str, np.ndarray]:
    """Counts per cue name from the last block of a transformed matrix (``log1p`` inverted,
    exact integers), when the union ends with unweighted :class:`CueFeatures`."""
    cue = _cue_part(features)
    if cue is None or Xf is None:
        return {}
    names = list(cue.names_)
    block = Xf.tocsr()[:, Xf.shape[1] - len(names):].toarray()
    counts = np.rint(np.expm1(block)).astype("int64")
    return {n: counts[:, j] for j, n in enumerate(names)}


def codebook_cues(codebook) -> dict[str, list[str]]:
    """The cue terms of every frame and target of ``codebook``, for :class:`CueFeatures`."""
    out = {f"frame:{k}": list(f.cues) for k, f in codebook.frames.items()}
    out.update({f"target:{k}": list(t.cues) for k, t in codebook.targets.items()})
    return out


def make_features(word_ngrams: tuple[int, int] = (1, 2), char_ngrams: tuple[int, int] = (2, 5),
                  min_df: int = 1, max_features: int | None = None,
                  cues: Mapping[str, Sequence[str]] | None = None) -> FeatureUnion:
    """The feature union: TF-IDF over stemmed, negation-marked word n-grams ``word__…``,
    over character n-grams within word boundaries ``char__…`` (sublinear tf), and,
    with ``cues``, codebook cue counts ``cue__…`` (:class:`CueFeatures`)."""
    word = TfidfVectorizer(tokenizer=word_tokens, token_pattern=None, lowercase=False,
                           ngram_range=tuple(word_ngrams), min_df=min_df, sublinear_tf=True,
                           max_features=max_features, dtype=np.float64)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(char_ngrams), lowercase=True,
                           min_df=min_df, sublinear_tf=True, max_features=max_features,
                           dtype=np.float64)
    parts = [("word", word), ("char", char)]
    if cues:
        parts.append(("cue", CueFeatures({k: list(v) for k, v in cues.items()})))
    return FeatureUnion(parts)


def _slim(features: FeatureUnion) -> FeatureUnion:
    """Drop what a saved model does not need and what would make its bytes vary:
    ``stop_words_`` (the pruned vocabulary, documented as safe to delete) and
    ``_stop_words_id`` (an ``id()`` that caches a stop-word check, rebuilt on use)."""
    for _, vec in features.transformer_list:
        for attr in ("stop_words_", "_stop_words_id"):
            vec.__dict__.pop(attr, None)
    return features


def _texts(X, what: str = "X") -> list[str]:
    """A list of strings from a Series, list or array of texts (missing → "")."""
    if isinstance(X, str):
        raise StancemapError(f"{what} must be a list or column of texts, not a single string. "
                             "Wrap it in a list: [text].")
    if isinstance(X, pd.DataFrame):
        if "text" not in X.columns:
            raise StancemapError(f"{what} is a table without a 'text' column. Pass the column of texts, "
                                 "e.g. df['text'].")
        X = X["text"]
    out = []
    for v in (X.tolist() if hasattr(X, "tolist") else list(X)):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            out.append("")
        else:
            out.append(str(v))
    return out


def _linear(estimator: str, C: float, class_weight, random_state):
    if estimator == "svm":
        return LinearSVC(C=C, class_weight=class_weight, random_state=random_state)
    if estimator == "logreg":
        return LogisticRegression(C=C, class_weight=class_weight, max_iter=5000, random_state=random_state)
    raise unknown_value("Estimator", estimator, ESTIMATORS)


def _fit_probabilistic(X, y, *, estimator: str, C: float, class_weight, calibration_cv: int,
                       random_state) -> tuple[object, str]:
    """Fit a linear model with probabilities; returns (fitted, how the probabilities are made).

    Platt scaling is fitted on ``calibration_cv``-fold out-of-fold scores (fewer folds
    when the smallest class is small). With a class of one example there is nothing
    to calibrate on, so a logistic regression (whose outputs are probabilities) is
    used instead — its note says so.
    """
    smallest = int(min(Counter(y).values()))
    folds = min(int(calibration_cv or 0), smallest)
    if folds >= 2:
        cal = CalibratedClassifierCV(
            _linear(estimator, C, class_weight, random_state), method="sigmoid",
            cv=StratifiedKFold(folds, shuffle=True, random_state=random_state), ensemble=False)
        return cal.fit(X, y), f"{estimator} + sigmoid calibration ({folds}-fold)"
    lr = _linear("logreg", C, class_weight, random_state).fit(X, y)
    why = "calibration switched off" if not calibration_cv else f"smallest class has {smallest} example(s)"
    return lr, f"logistic regression probabilities, uncalibrated ({why})"


def linear_parts(clf) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(coef, intercept, classes)`` of the linear model inside a fitted classifier.

    For a calibrated classifier (fitted with ``ensemble=False``) this is the one
    base estimator fitted on all the data; its decision function is what the
    sigmoid maps to probabilities.
    """
    base = clf.calibrated_classifiers_[0].estimator if isinstance(clf, CalibratedClassifierCV) else clf
    return np.asarray(base.coef_), np.asarray(base.intercept_), np.asarray(base.classes_)


def _contributions(features: FeatureUnion, clf, text: str, label) -> tuple[pd.DataFrame, float, float]:
    """Per-feature contribution (coef × tf-idf value) toward ``label``; also intercept and decision."""
    coef, intercept, classes = linear_parts(clf)
    x = features.transform([text]).tocsr()
    idx = list(classes).index(label)
    if coef.shape[0] == 1:  # binary: one row, positive = classes[1]
        sign = 1.0 if idx == 1 else -1.0
        w, b = sign * coef[0], sign * float(intercept[0])
    else:
        w, b = coef[idx], float(intercept[idx])
    names = features.get_feature_names_out()
    cols, vals = x.indices, x.data
    contrib = w[cols] * vals
    kinds, grams = zip(*(n.split("__", 1) for n in names[cols])) if len(cols) else ((), ())
    df = pd.DataFrame({"feature": list(grams), "kind": list(kinds), "value": vals,
                       "weight": w[cols], "contribution": contrib})
    df = (df.assign(_abs=df["contribution"].abs())
            .sort_values(["_abs", "feature"], ascending=[False, True], kind="stable")
            .drop(columns="_abs"))
    return df.reset_index(drop=True), b, float(contrib.sum() + b)


class _TextModel(BaseEstimator):
    """Shared parameters of the two text classifiers (see :func:`make_features`)."""

    def _features(self) -> FeatureUnion:
        return make_features(self.word_ngrams, self.char_ngrams, self.min_df, self.max_features, self.cues)

    def _check_params(self) -> None:
        if self.estimator not in ESTIMATORS:
            raise unknown_value("Estimator", self.estimator, ESTIMATORS)


class StanceClassifier(ClassifierMixin, _TextModel):
    """Stance toward one target from a statement's text: ``favor``/``against``/``none``.

    Any set of at least two string labels works; probabilities are calibrated
    (see :func:`_fit_probabilistic`) and :meth:`predict` returns the most probable
    label, so a label and its probability always agree.

    >>> clf = StanceClassifier(random_state=0).fit(texts, labels)   # doctest: +SKIP
    >>> clf.predict(["We reject the truce."])                       # doctest: +SKIP
    """

    def __init__(self, estimator: str = "svm", C: float = 0.5, class_weight="balanced",
                 word_ngrams: tuple[int, int] = (1, 2), char_ngrams: tuple[int, int] = (2, 5),
                 min_df: int = 1, max_features: int | None = None, cues: Mapping | None = None,
                 calibration_cv: int = 3, random_state=0):
        self.estimator = estimator
        self.C = C
        self.class_weight = class_weight
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.cues = cues
        self.calibration_cv = calibration_cv
        self.random_state = random_state

    def fit(self, X, y):
        self._check_params()
        texts = _texts(X)
        features = _slim(self._features().fit(texts))
        return self.fit_transformed(features, features.transform(texts), y)

    def fit_transformed(self, features: FeatureUnion, Xf, y):
        """Fit on ``Xf = features.transform(texts)`` with an already fitted feature union.

        :class:`StanceMapModel` uses this to share one vocabulary between the
        frame and stance classifiers (one transform per text when scoring, one
        vocabulary in the saved files); :meth:`fit` calls it with its own.
        """
        self._check_params()
        y = np.asarray([str(v) for v in (y.tolist() if hasattr(y, "tolist") else y)], dtype=object)
        if Xf.shape[0] != len(y):
            raise StancemapError(f"Got {Xf.shape[0]} texts but {len(y)} labels; they must be the same length.")
        labels = sorted(set(y))
        if len(labels) < 2:
            raise StancemapError(
                f"Cannot train a stance classifier: every example has the label {labels[0] if labels else '(none)'!r}. "
                "Add examples of at least one other label.")
        self.features_ = features
        self.classifier_, self.probability_method_ = _fit_probabilistic(
            Xf, y, estimator=self.estimator, C=self.C, class_weight=self.class_weight,
            calibration_cv=self.calibration_cv, random_state=self.random_state)
        self.classes_ = np.asarray(self.classifier_.classes_, dtype=object)
        self.class_counts_ = {str(k): int(v) for k, v in sorted(Counter(y).items())}
        return self

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "classifier_")
        return self.proba_transformed(self.features_.transform(_texts(X)))

    def proba_transformed(self, Xf) -> np.ndarray:
        """:meth:`predict_proba` on already transformed features."""
        check_is_fitted(self, "classifier_")
        return self.classifier_.predict_proba(Xf)

    def predict(self, X) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    def decision_function(self, X) -> np.ndarray:
        """Scores of the underlying linear model (before calibration)."""
        check_is_fitted(self, "classifier_")
        coef, intercept, _ = linear_parts(self.classifier_)
        return np.asarray(self.features_.transform(_texts(X)) @ coef.T + intercept)

    def explain(self, text: str, label: str | None = None) -> pd.DataFrame:
        """The n-grams that pushed ``text`` toward ``label`` (default: the predicted label).

        Columns ``feature, kind (word|char), value (tf-idf), weight (coefficient),
        contribution (weight × value)``, largest |contribution| first;
        ``.attrs`` holds ``label``, ``intercept``, ``decision`` (intercept + sum of
        contributions, the linear score) and ``probability``.
        """
        check_is_fitted(self, "classifier_")
        proba = self.predict_proba([text])[0]
        if label is None:
            label = str(self.classes_[int(np.argmax(proba))])
        if label not in list(self.classes_):
            raise unknown_value("Label", label, self.classes_)
        df, b, decision = _contributions(self.features_, self.classifier_, text, label)
        df.attrs.update(label=label, intercept=b, decision=decision,
                        probability=float(proba[list(self.classes_).index(label)]))
        return df


class FrameClassifier(ClassifierMixin, _TextModel):
    """Multi-label frames: one calibrated binary classifier per frame (one-vs-rest)
    over one shared feature space.

    ``y`` is a 0/1 table (a DataFrame whose columns name the frames, or a 2-D
    array with ``labels``) or a sequence of label collections (``["diplomacy",
    "security"]`` or ``"diplomacy;security"``) with ``labels`` listing the frames.
    :meth:`predict_proba` returns one column per frame (probability that the frame
    is present); :meth:`predict` thresholds it at ``threshold``. A frame with no
    positive (or no negative) example gets a constant probability (its training
    share) and is reported in ``constant_labels_``.
    """

    def __init__(self, labels: Sequence[str] | None = None, threshold: float = 0.5,
                 estimator: str = "svm", C: float = 0.5, class_weight="balanced",
                 word_ngrams: tuple[int, int] = (1, 2), char_ngrams: tuple[int, int] = (2, 5),
                 min_df: int = 1, max_features: int | None = None, cues: Mapping | None = None,
                 calibration_cv: int = 3, random_state=0):
        self.labels = labels
        self.threshold = threshold
        self.estimator = estimator
        self.C = C
        self.class_weight = class_weight
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.cues = cues
        self.calibration_cv = calibration_cv
        self.random_state = random_state

    def _indicator(self, y, n: int) -> tuple[np.ndarray, list[str]]:
        if isinstance(y, pd.DataFrame):
            labels = list(self.labels) if self.labels is not None else [str(c) for c in y.columns]
            missing = [lab for lab in labels if lab not in y.columns]
            if missing:
                raise unknown_value("Frame column", missing[0], y.columns)
            Y = y[labels].to_numpy()
        else:
            seq = y.tolist() if hasattr(y, "tolist") else list(y)
            numeric = (isinstance(y, np.ndarray) and y.ndim == 2) or (
                bool(seq) and isinstance(seq[0], (list, tuple)) and len(seq[0]) > 0
                and all(isinstance(v, (int, float, bool, np.integer, np.floating)) for v in seq[0]))
            if numeric:
                Y = np.asarray(seq)
                labels = (list(self.labels) if self.labels is not None
                          else [str(i) for i in range(Y.shape[1])])
            else:
                if self.labels is None:
                    raise StancemapError("Give FrameClassifier(labels=[...]) when y is a list of label sets.")
                labels = list(self.labels)
                Y = np.zeros((len(seq), len(labels)), dtype=int)
                for i, row in enumerate(seq):
                    items = [s.strip() for s in row.split(";")] if isinstance(row, str) else list(row)
                    for item in items:
                        if not item:
                            continue
                        if item not in labels:
                            raise unknown_value("Frame", item, labels)
                        Y[i, labels.index(item)] = 1
        Y = np.asarray(Y, dtype=float)
        if Y.ndim != 2 or Y.shape[0] != n or Y.shape[1] != len(labels):
            raise StancemapError(f"Frame labels have shape {Y.shape}; expected ({n}, {len(labels)}).")
        if np.isnan(Y).any() or not np.isin(Y, (0, 1)).all():
            raise StancemapError("Frame labels must be 0 or 1 for every example and frame.")
        return Y.astype(int), labels

    def fit(self, X, y):
        self._check_params()
        texts = _texts(X)
        features = _slim(self._features().fit(texts))
        return self.fit_transformed(features, features.transform(texts), y)

    def fit_transformed(self, features: FeatureUnion, Xf, y):
        """Fit on ``Xf = features.transform(texts)`` with an already fitted feature union
        (see :meth:`StanceClassifier.fit_transformed`)."""
        self._check_params()
        Y, labels = self._indicator(y, Xf.shape[0])
        self.features_ = features
        self.classes_ = np.asarray(labels, dtype=object)
        self.estimators_, self.probability_methods_, self.prior_ = [], [], Y.mean(axis=0)
        self.constant_labels_ = []
        for j, lab in enumerate(labels):
            col = Y[:, j]
            if col.min() == col.max():
                self.estimators_.append(None)
                self.probability_methods_.append("constant (only one value in training data)")
                self.constant_labels_.append(lab)
                continue
            clf, how = _fit_probabilistic(Xf, col, estimator=self.estimator, C=self.C,
                                          class_weight=self.class_weight,
                                          calibration_cv=self.calibration_cv,
                                          random_state=self.random_state)
            self.estimators_.append(clf)
            self.probability_methods_.append(how)
        if self.constant_labels_:
            warnings.warn(f"{len(self.constant_labels_)} of {len(labels)} frames have no positive or no "
                          f"negative training example ({', '.join(self.constant_labels_)}); their "
                          "probability is the constant training share.", stacklevel=2)
        self.label_counts_ = {lab: int(Y[:, j].sum()) for j, lab in enumerate(labels)}
        return self

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "estimators_")
        return self.proba_transformed(self.features_.transform(_texts(X)))

    def proba_transformed(self, Xf) -> np.ndarray:
        """:meth:`predict_proba` on already transformed features."""
        check_is_fitted(self, "estimators_")
        out = np.empty((Xf.shape[0], len(self.classes_)))
        for j, clf in enumerate(self.estimators_):
            if clf is None:
                out[:, j] = self.prior_[j]
            else:
                out[:, j] = clf.predict_proba(Xf)[:, list(clf.classes_).index(1)]
        return out

    def predict(self, X) -> np.ndarray:
        return (self.predict_proba(X) >= self.threshold).astype(int)

    def explain(self, text: str, label: str) -> pd.DataFrame:
        """The n-grams that pushed ``text`` toward frame ``label`` (see
        :meth:`StanceClassifier.explain` for the columns and ``.attrs``)."""
        check_is_fitted(self, "estimators_")
        labels = list(self.classes_)
        if label not in labels:
            raise unknown_value("Frame", label, labels)
        j = labels.index(label)
        p = float(self.predict_proba([text])[0, j])
        clf = self.estimators_[j]
        if clf is None:
            df = pd.DataFrame({"feature": [], "kind": [], "value": [], "weight": [], "contribution": []})
            df.attrs.update(label=label, intercept=float("nan"), decision=float("nan"), probability=p)
            return df
        df, b, decision = _contributions(self.features_, clf, text, 1)
        df.attrs.update(label=label, intercept=b, decision=decision, probability=p)
        return df


# --------------------------------------------------------------------------- labels tables

_TRUE = {"1", "1.0", "true", "yes", "y", "x"}
_FALSE = {"0", "0.0", "false", "no", "n", ""}


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
        return ""
    return str(v).strip()


def frame_labels(df: pd.DataFrame, codebook, *, table: str = "labels table") -> pd.DataFrame:
    """0/1 frame indicators (one ``frame_<key>`` column per codebook frame) from a labels table.

    Accepts either per-frame columns ``frame_<key>`` (1/0, yes/no, x/empty) or a
    ``frames`` column of ``;``-joined frame keys (empty = no frame). Rows whose
    frame columns are all empty *and* have no ``frames`` value are coded as "no
    frame" only when the table uses the ``frames`` column; with per-frame columns
    an empty cell means 0. Unknown frames raise a :class:`StancemapError`.
    """
    keys = list(codebook.frames)
    cols = [f"frame_{k}" for k in keys]
    out = pd.DataFrame(0, index=df.index, columns=cols, dtype="int64")
    present = [c for c in cols if c in df.columns]
    if not present and "frames" not in df.columns:
        raise StancemapError(f"The {table} has no frame labels: add a 'frames' column (';'-joined frame keys) "
                             f"or one column per frame ({', '.join(cols)}).")
    blank = pd.Series(True, index=df.index)  # rows with no per-frame cell filled in
    for c in present:
        for i, v in df[c].items():
            s = _cell(v).lower()
            if s:
                blank.at[i] = False
            if s in _TRUE:
                out.at[i, c] = 1
            elif s not in _FALSE:
                raise StancemapError(
                    f"Value {_cell(v)!r} in column {c!r} (row {i!r}) of the {table} is not a frame code. "
                    "Use 1 (frame present) or 0/empty (absent); yes/no and x also work.")
    extra = sorted(c for c in df.columns if str(c).startswith("frame_") and c not in cols) if present else []
    if extra:
        raise unknown_value("Frame column", extra[0], cols,
                            f"Rename or remove it; the codebook is {codebook.name} {codebook.version}.")
    if "frames" in df.columns:
        # rows coded only in the ``frames`` column (e.g. a per-frame table concatenated
        # with a ``frames`` table) take their labels from it
        for i, v in df["frames"].items():
            if present and not blank.at[i]:
                continue
            for item in (s.strip() for s in _cell(v).split(";")):
                if not item or item.lower() == "none":
                    continue
                if item not in keys:
                    raise unknown_value("Frame", item, keys,
                                        f"(row {i!r} of the {table}; fix the label or the codebook).")
                out.at[i, f"frame_{item}"] = 1
    return out


def stance_labels(df: pd.DataFrame, codebook, *, table: str = "labels table") -> pd.DataFrame:
    """``stance_<target>`` columns with values favor/against/none, or "" where uncoded.

    Missing target columns come back all "" (uncoded). Values are lower-cased
    and checked against the codebook's labels.
    """
    valid = list(codebook.labels)
    out = {}
    for t in codebook.targets:
        col = f"stance_{t}"
        if col not in df.columns:
            out[col] = pd.Series("", index=df.index, dtype=object)
            continue
        vals = df[col].map(lambda v: _cell(v).lower())
        bad = sorted(set(vals) - set(valid) - {""})
        if bad:
            row = vals.index[vals == bad[0]][0]
            raise unknown_value(f"Stance label in column {col!r} (row {row!r}) of the {table}:", bad[0], valid,
                                "Fix the label, or leave the cell empty if the statement was not coded.")
        out[col] = vals.astype(object)
    extra = sorted(c for c in df.columns if str(c).startswith("stance_") and not str(c).endswith("_p")
                   and str(c)[len("stance_"):] not in codebook.targets)
    if extra:
        raise unknown_value("Stance column", extra[0], [f"stance_{t}" for t in codebook.targets],
                            f"Rename or remove it; the codebook is {codebook.name} {codebook.version}.")
    return pd.DataFrame(out, index=df.index)


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() == ""


def coded_mask(df: pd.DataFrame, codebook) -> pd.Series:
    """True for rows that carry at least one label (frame or stance)."""
    cols = [c for c in [*codebook.frame_columns, *codebook.stance_columns, "frames"] if c in df.columns]
    if not cols:
        raise StancemapError(
            f"The labels table has no label columns. Add 'frames' or {', '.join(codebook.frame_columns)}, "
            f"and {', '.join(codebook.stance_columns)}.")
    if "frames" in cols and not any(c in df.columns for c in codebook.stance_columns):
        return pd.Series(True, index=df.index)  # frames-only table: empty frames = no frame
    return ~df[cols].map(_blank).all(axis=1)


def _coded(df: pd.DataFrame, codebook, table: str) -> pd.DataFrame:
    mask = coded_mask(df, codebook)
    if not mask.all():
        warnings.warn(f"{int((~mask).sum())} of {len(df)} rows of the {table} have no label at all; "
                      "skipped as not coded.", stacklevel=3)
    return df[mask]


def standard_labels(df: pd.DataFrame, codebook, table: str = "labels table") -> pd.DataFrame:
    """A labels table in one shape: ``text``, ``frame_<key>`` (0/1), ``stance_<target>``
    (label or "" when not coded) and ``origin`` when present; rows with no label are
    skipped (warning). Use it before concatenating tables that code frames differently."""
    df = _coded(df, codebook, table)
    out = pd.DataFrame({"text": _label_table_texts(df, table)}, index=df.index)
    if "origin" in df.columns:
        out["origin"] = df["origin"].map(_cell)
    out = pd.concat([out, frame_labels(df, codebook, table=table), stance_labels(df, codebook, table=table)],
                    axis=1)
    return out.reset_index(drop=True)


def _label_table_texts(df: pd.DataFrame, table: str) -> list[str]:
    if "text" not in df.columns:
        raise StancemapError(f"The {table} has no 'text' column. Columns are: {', '.join(map(str, df.columns))}. "
                             "Add the statement text (e.g. merge with the statements table on statement_id).")
    return _texts(df["text"])


# --------------------------------------------------------------------------- the bundle

@dataclass
class StanceMapModel:
    """Frames + a stance classifier per target, for one codebook.

    ``metadata`` records how it was trained (data fingerprint, counts, parameters,
    versions, seconds, cross-validation results when computed).
    """

    frames: FrameClassifier
    stance: dict[str, StanceClassifier]
    codebook_name: str
    codebook_version: str
    metadata: dict = field(default_factory=dict)
    #: YAML file of the codebook; saved as ``codebook.yaml`` beside the model.
    codebook_file: str | None = None

    @property
    def frame_keys(self) -> list[str]:
        return [str(c) for c in self.frames.classes_]

    @property
    def targets(self) -> list[str]:
        return list(self.stance)

    @property
    def shared_features(self) -> FeatureUnion | None:
        """The feature union when every classifier uses the same one (as :func:`train_model` builds it)."""
        f = getattr(self.frames, "features_", None)
        if f is not None and all(getattr(c, "features_", None) is f for c in self.stance.values()):
            return f
        return None

    @property
    def cue_terms(self) -> dict[str, list[str]]:
        """The cue terms of the shared cue features (``{"frame:diplomacy": [...], …}``; empty
        when there are none): the counts :meth:`predict_with_cues` returns are of these."""
        cue = _cue_part(self.shared_features)
        return {k: list(v) for k, v in (cue.cues or {}).items()} if cue is not None else {}

    def predict(self, texts) -> pd.DataFrame:
        """Model columns for ``texts``: ``frame_<f>`` probabilities, ``frames``
        (``;``-joined, codebook order), ``stance_<t>`` and ``stance_<t>_p``."""
        return self.predict_with_cues(texts)[0]

    def predict_with_cues(self, texts) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
        """:meth:`predict`, plus the cue-term counts the model's cue features found:
        ``{"frame:diplomacy": counts, …}`` (empty when the model has no cue features)."""
        texts = _texts(texts, "texts")
        out: dict[str, object] = {}
        shared = self.shared_features
        Xf = _features.transform(shared, texts) if (shared is not None and texts) else None

        def proba(clf):
            return clf.proba_transformed(Xf) if Xf is not None else clf.predict_proba(texts)

        P = proba(self.frames) if texts else np.empty((0, len(self.frame_keys)))
        for j, k in enumerate(self.frame_keys):
            out[f"frame_{k}"] = P[:, j]
        thr = self.frames.threshold
        out["frames"] = [";".join(k for j, k in enumerate(self.frame_keys) if row[j] >= thr) for row in P]
        for t, clf in self.stance.items():
            if texts:
                pr = proba(clf)
                best = np.argmax(pr, axis=1)
                out[f"stance_{t}"] = [str(clf.classes_[b]) for b in best]
                out[f"stance_{t}_p"] = pr[np.arange(len(texts)), best]
            else:
                out[f"stance_{t}"] = []
                out[f"stance_{t}_p"] = np.empty(0)
        return pd.DataFrame(out), _cue_block(shared, Xf)

    def check_codebook(self, codebook) -> None:
        """Raise if ``codebook`` does not have exactly this model's frames and targets."""
        want_f, want_t = list(codebook.frames), list(codebook.targets)
        if set(want_f) != set(self.frame_keys) or set(want_t) != set(self.targets):
            raise StancemapError(
                f"The model was trained for codebook {self.codebook_name} {self.codebook_version} "
                f"(frames: {', '.join(self.frame_keys)}; targets: {', '.join(self.targets)}) but the codebook "
                f"given is {codebook.name} {codebook.version} (frames: {', '.join(want_f)}; targets: "
                f"{', '.join(want_t)}). Retrain with `stancemap train LABELS.csv --codebook FILE --out DIR` "
                "or pass the matching codebook.")
        if str(codebook.version) != str(self.codebook_version) or codebook.name != self.codebook_name:
            warnings.warn(f"Model trained with codebook {self.codebook_name} {self.codebook_version}; "
                          f"scoring with {codebook.name} {codebook.version} (same frames and targets).",
                          stacklevel=2)

    # ---- persistence (skops) -------------------------------------------------

    def save(self, directory: str | os.PathLike) -> Path:
        """Write the model into ``directory`` with skops (never pickle).

        Files: ``features.skops`` (the shared vocabulary, when the classifiers share
        one), ``frames.skops``, ``stance_<target>.skops``, ``model.json`` (codebook,
        metadata) and ``codebook.yaml`` (a copy of the codebook, when known).
        """
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        shared = self.shared_features
        files = {}

        for clf in (self.frames, *self.stance.values()):
            _slim(clf.features_)

        def dump(name: str, obj) -> None:
            if shared is not None and obj is not shared:
                obj = copy.copy(obj)  # the shared vocabulary is stored once, in features.skops
                obj.features_ = None
            _dump_skops(obj, d / f"{name}.skops")
            files[name] = f"{name}.skops"

        if shared is not None:
            dump("features", shared)
        dump("frames", self.frames)
        for t, clf in self.stance.items():
            dump(f"stance_{t}", clf)
        if self.codebook_file and Path(self.codebook_file).is_file():
            src = Path(self.codebook_file).resolve()
            if src != (d / "codebook.yaml").resolve():
                shutil.copyfile(src, d / "codebook.yaml")
            files["codebook"] = "codebook.yaml"
        info = {"format": MODEL_FORMAT, "codebook": {"name": self.codebook_name,
                                                     "version": str(self.codebook_version)},
                "frames": self.frame_keys, "targets": self.targets, "files": files,
                "shared_features": shared is not None, "metadata": self.metadata}
        (d / "model.json").write_text(json.dumps(info, indent=2, default=_jsonable) + "\n",
                                      encoding="utf-8")
        return d

    @classmethod
    def load(cls, directory: str | os.PathLike) -> StanceMapModel:
        """Load a model saved by :meth:`save`; only the types in :data:`TRUSTED_TYPES` are accepted."""
        d = Path(directory)
        meta = d / "model.json"
        if not meta.is_file():
            raise StancemapError(f"No model found in {str(d)!r}: model.json is missing. Build one with "
                                 "`stancemap train LABELS.csv --out DIR` or `stancemap model build`.")
        info = json.loads(meta.read_text(encoding="utf-8"))
        if info.get("format") != MODEL_FORMAT:
            raise StancemapError(f"Model in {str(d)!r} has format {info.get('format')!r}; this stancemap reads "
                                 f"format {MODEL_FORMAT}. Rebuild it with `stancemap train` or "
                                 "`stancemap model build`.")
        files = info["files"]
        frames = _load_skops(d / files["frames"])
        stance = {t: _load_skops(d / files[f"stance_{t}"]) for t in info["targets"]}
        if info.get("shared_features"):
            features = _load_skops(d / files["features"])
            for clf in (frames, *stance.values()):
                clf.features_ = features
        own = d / "codebook.yaml"
        return cls(frames=frames, stance=stance, codebook_name=info["codebook"]["name"],
                   codebook_version=info["codebook"]["version"], metadata=info.get("metadata", {}),
                   codebook_file=str(own) if own.is_file() else None)


def _dump_skops(obj, path: Path) -> None:
    """``skops.io.dump``, then made byte-reproducible: skops names nodes and array files
    after ``id()`` (memory addresses) and stamps zip members with the current time, so the
    same model would give different bytes on every save. Ids are renumbered in order of
    appearance (a bijection, so shared references stay shared) and times fixed."""
    import io
    import zipfile

    import skops.io as sio

    buf = io.BytesIO()
    sio.dump(obj, buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin:
        members = {name: zin.read(name) for name in zin.namelist()}
    schema = json.loads(members.pop("schema.json"))
    ids: dict[int, int] = {}

    def walk(node):
        if isinstance(node, dict):
            if "__id__" in node:
                node["__id__"] = ids.setdefault(node["__id__"], len(ids) + 1)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    renamed = {}

    def files(node):
        if isinstance(node, dict):
            f = node.get("file")
            if isinstance(f, str) and f in members:
                stem, ext = f.rsplit(".", 1)
                new = f"{ids.get(int(stem), stem) if stem.isdigit() else stem}.{ext}"
                renamed[f] = new
                node["file"] = new
            for v in node.values():
                files(v)
        elif isinstance(node, list):
            for v in node:
                files(v)

    files(schema)
    out = {"schema.json": json.dumps(schema, indent=2).encode("utf-8")}
    out.update({renamed.get(name, name): data for name, data in members.items()})
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for name in sorted(out):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, out[name], compresslevel=9)


def _jsonable(o):
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)


#: The only types a saved model may contain (skops refuses anything else).
TRUSTED_TYPES = sorted({
    "stancemap.models.CueFeatures",
    "stancemap.models.FrameClassifier",
    "stancemap.models.StanceClassifier",
    "stancemap.models.word_tokens",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.model_selection._split.StratifiedKFold",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.svm._classes.LinearSVC",
    "numpy.float64",
    "numpy.int64",
    "builtins.dict",
    "builtins.list",
    "builtins.tuple",
    "builtins.int",
    "builtins.float",
    "builtins.str",
    "builtins.bool",
    "builtins.NoneType",
})


def _load_skops(path: Path):
    import skops.io as sio

    if not path.is_file():
        raise StancemapError(f"Model file {str(path)!r} is missing. Rebuild the model directory.")
    untrusted = sio.get_untrusted_types(file=path)
    unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unexpected:
        raise StancemapError(f"Refusing to load {str(path)!r}: it contains types stancemap does not trust "
                             f"({', '.join(unexpected)}). Only load models built by stancemap.")
    return sio.load(path, trusted=[t for t in untrusted if t in TRUSTED_TYPES])


# --------------------------------------------------------------------------- training

#: Default classifier settings of the shipped model (benchmarks/models_crossval.py measures them).
#: ``cues: True`` means "the codebook's cue terms" (see :func:`estimator_params`). The frame
#: ``threshold`` 0.3 maximised out-of-fold micro- and macro-F1 of 5-fold cross-validation on the
#: bundled training data (0.2–0.5 tried; 0.5 gives 0.797/0.766, 0.3 gives 0.803/0.780).
DEFAULT_PARAMS: dict = {"estimator": "svm", "C": 0.5, "word_ngrams": (1, 2), "char_ngrams": (2, 5),
                        "min_df": 1, "cues": True, "calibration_cv": 3, "threshold": 0.3}


def estimator_params(params: Mapping | None, codebook) -> tuple[dict, dict]:
    """Keyword arguments ``(for FrameClassifier, for StanceClassifier)``: :data:`DEFAULT_PARAMS`
    updated with ``params``, ``cues=True`` replaced by the codebook's cue terms (``False`` → none)."""
    p = {**DEFAULT_PARAMS, **(params or {})}
    frame_keys = set(FrameClassifier().get_params()) - {"labels", "random_state"}
    stance_keys = set(StanceClassifier().get_params()) - {"random_state"}
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
    labels = _coded(labels, codebook, table)
    texts = _label_table_texts(labels, table)
    if not texts:
        raise StancemapError(f"The {table} is empty.")
    F = frame_labels(labels, codebook, table=table)
    S = stance_labels(labels, codebook, table=table)
    frames = FrameClassifier(labels=list(codebook.frames), random_state=random_state, **fp)
    features = _slim(frames._features().fit(texts))  # one vocabulary shared by all classifiers
    Xf = features.transform(texts)
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
                          "will never predict it.", stacklevel=2)
        stance[t] = StanceClassifier(random_state=random_state, **sp).fit_transformed(
            features, Xf[np.flatnonzero(mask)], y.tolist())
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


# --------------------------------------------------------------------------- explanations

def explain(text: str, model: StanceMapModel | None = None, target: str | None = None,
            top: int = 10, kind: str | None = None) -> pd.DataFrame:
    """The n-grams that pushed the prediction for ``text``, as coefficient × tf-idf value.

    ``target`` is a stance target (explains its predicted label), ``"frames"``
    (explains every predicted frame, or the most probable one if none passes the
    threshold) or ``None`` (frames, then every target whose prediction is not
    ``none``). ``kind`` keeps only ``word`` or ``char`` n-grams or ``cue`` (codebook cue counts). Returns the ``top``
    features per explained label, columns ``task, label, predicted, probability,
    feature, kind, value, weight, contribution, rank``.
    """
    if model is None:
        model = default_model()
    if not isinstance(text, str):
        raise StancemapError("explain() takes one text (a string).")
    if kind not in (None, "word", "char", "cue"):
        raise unknown_value("Feature kind", kind, ["word", "char", "cue"])
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


# --------------------------------------------------------------------------- the default model

def repo_models_dir() -> Path:
    """``models/`` at the top of the checkout (``STANCEMAP_MODELS`` overrides it)."""
    env = os.environ.get("STANCEMAP_MODELS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models"


def cache_dir() -> Path:
    """Where models trained on first use are cached (``STANCEMAP_CACHE`` or ``~/.cache/stancemap``)."""
    env = os.environ.get("STANCEMAP_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "stancemap"


def bundled_training(codebook=None) -> tuple[pd.DataFrame, object]:
    """The bundled constructed training data and codebook (``corpora/``)."""
    from .codebook import load_codebook, load_training

    cb = codebook if codebook is not None else load_codebook()
    return load_training(codebook=cb), cb


def build_default_model(directory: str | os.PathLike | None = None, *, cv: int | None = 5,
                        random_state: int = 0) -> tuple[StanceMapModel, Path]:
    """Train the default model from the bundled data, cross-validate it and save it
    (default ``models/default``). Deterministic: same files + seed → same model."""
    from .validate import cross_validate

    data, cb = bundled_training()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model = train_model(data, cb, random_state=random_state, table="bundled training data")
    if cv:
        model.metadata["crossval"] = cross_validate(data, cb, folds=cv, random_state=random_state).to_dict()
    d = Path(directory) if directory is not None else repo_models_dir() / "default"
    model.save(d)
    return model, d


_DEFAULT: dict[str, StanceMapModel] = {}


def default_model() -> StanceMapModel:
    """The default model: ``models/default`` when it matches the bundled training data
    and this scikit-learn, else trained once from the bundled files and cached
    under :func:`cache_dir` (a warning says so). Reproducible offline."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        data, cb = bundled_training()
    fp = training_fingerprint(data, cb, DEFAULT_PARAMS, 0)
    if fp in _DEFAULT:
        return _DEFAULT[fp]
    shipped = repo_models_dir() / "default"
    model = None
    if (shipped / "model.json").is_file():
        info = json.loads((shipped / "model.json").read_text(encoding="utf-8"))
        meta = info.get("metadata", {})
        if (meta.get("data_fingerprint") == fp
                and meta.get("versions", {}).get("scikit-learn") == sklearn.__version__):
            model = StanceMapModel.load(shipped)
        else:
            warnings.warn(f"The shipped model in {shipped} was built from other training data or another "
                          "scikit-learn; training a fresh default model from the bundled files (run "
                          "`stancemap model build` to update the shipped one).", stacklevel=2)
    if model is None:
        cached = cache_dir() / "models" / f"default-{fp}-sklearn{sklearn.__version__}"
        if (cached / "model.json").is_file():
            model = StanceMapModel.load(cached)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                model = train_model(data, cb, table="bundled training data")
            try:
                model.save(cached)
            except OSError as e:  # read-only home: keep it in memory
                warnings.warn(f"Could not cache the default model in {cached}: {e}", stacklevel=2)
    _DEFAULT[fp] = model
    return model


def load_model(directory: str | os.PathLike | None = None) -> StanceMapModel:
    """:func:`default_model` when ``directory`` is None, else :meth:`StanceMapModel.load`."""
    return default_model() if directory is None else StanceMapModel.load(directory)


__all__ = ["DEFAULT_PARAMS", "ESTIMATORS", "STANCE_LABELS", "TRUSTED_TYPES", "CueFeatures", "FrameClassifier",
           "StanceClassifier", "StanceMapModel", "build_default_model", "codebook_cues", "coded_mask",
           "default_model", "estimator_params", "explain", "frame_labels", "load_model", "make_features",
           "stance_labels", "standard_labels", "train_model", "training_fingerprint", "word_tokens"]

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

Because both classifiers are linear, every prediction decomposes into
coefficient × feature value per n-gram (their ``explain`` methods).

Saved models name :class:`CueFeatures`, :class:`FrameClassifier`,
:class:`StanceClassifier` and :func:`word_tokens` by their public path
``stancemap.models.<name>`` (the module :mod:`stancemap.models` re-exports
them): :data:`PUBLIC_MODULE` is set as their ``__module__`` below, so skops files
keep naming them there (``make model`` stays byte-identical) while the code lives
in this module, which imports nothing above it. The rest of the modelling layer
builds on them: :mod:`~stancemap.labels` (labels tables),
:mod:`~stancemap.modelfile` (the ``StanceMapModel`` bundle, saved with skops),
:mod:`~stancemap.training`, :mod:`~stancemap.modelstore` (the default model,
``load_model``) and :mod:`~stancemap.explanations`.
"""
from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from .codebook import count_matches
from .errors import LossyStepWarning, StancemapError, unknown_value
from .schema import text_values
from .text import stems

#: Base learners that :class:`FrameClassifier` and :class:`StanceClassifier` accept.
ESTIMATORS = ("svm", "logreg")


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
        texts = text_list(X)
        out = np.zeros((len(texts), len(self.names_)))
        for j, name in enumerate(self.names_):
            out[:, j] = count_matches(_cue_regex(tuple(self.cues[name])), texts)
        return sparse.csr_matrix(np.log1p(out))

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "names_")
        return np.asarray(self.names_, dtype=object)


def trailing_cue_features(features: FeatureUnion | None) -> CueFeatures | None:
    """The union's :class:`CueFeatures` when it is the last, unweighted part (its columns
    are then the last ones of the transformed matrix, unscaled)."""
    if features is None or not features.transformer_list:
        return None
    name, cue = features.transformer_list[-1]
    if not isinstance(cue, CueFeatures) or (features.transformer_weights or {}).get(name, 1) != 1:
        return None
    return cue


def cue_block_counts(features: FeatureUnion | None, Xf) -> dict[str, np.ndarray]:
    """Counts per cue name from the last block of a transformed matrix (``log1p`` inverted,
    exact integers), when the union ends with unweighted :class:`CueFeatures`."""
    cue = trailing_cue_features(features)
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


def slim_features(features: FeatureUnion) -> FeatureUnion:
    """Drop what a saved model does not need and what would make its bytes vary:
    ``stop_words_`` (the pruned vocabulary, documented as safe to delete) and
    ``_stop_words_id`` (an ``id()`` that caches a stop-word check, rebuilt on use)."""
    for _, vec in features.transformer_list:
        for attr in ("stop_words_", "_stop_words_id"):
            vec.__dict__.pop(attr, None)
    return features


def text_list(X, what: str = "X") -> list[str]:
    """A list of strings from a Series, list or array of texts (missing → "",
    :func:`stancemap.schema.text_value`)."""
    if isinstance(X, str):
        raise StancemapError(f"{what} must be a list or column of texts, not a single string. "
                             "Wrap it in a list: [text].")
    if isinstance(X, pd.DataFrame):
        if "text" not in X.columns:
            raise StancemapError(f"{what} is a table without a 'text' column. Pass the column of texts, "
                                 "e.g. df['text'].")
        X = X["text"]
    return text_values(X.tolist() if hasattr(X, "tolist") else list(X))


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
        texts = text_list(X)
        features = slim_features(self._features().fit(texts))
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
        return self.proba_transformed(self.features_.transform(text_list(X)))

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
        return np.asarray(self.features_.transform(text_list(X)) @ coef.T + intercept)

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
        texts = text_list(X)
        features = slim_features(self._features().fit(texts))
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
                          "probability is the constant training share.", LossyStepWarning, stacklevel=2)
        self.label_counts_ = {lab: int(Y[:, j].sum()) for j, lab in enumerate(labels)}
        return self

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "estimators_")
        return self.proba_transformed(self.features_.transform(text_list(X)))

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


# --------------------------------------------------------------------------- the saved-model path

#: The module saved models name these classes by (it re-exports them; see the module docstring).
PUBLIC_MODULE = "stancemap.models"
for _saved in (CueFeatures, StanceClassifier, FrameClassifier, word_tokens):
    _saved.__module__ = PUBLIC_MODULE
del _saved

__all__ = ["ESTIMATORS", "PUBLIC_MODULE", "CueFeatures", "FrameClassifier", "StanceClassifier", "codebook_cues",
           "cue_block_counts", "linear_parts", "make_features", "slim_features", "text_list",
           "trailing_cue_features", "word_tokens"]

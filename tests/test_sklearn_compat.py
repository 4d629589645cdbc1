"""The classifiers keep scikit-learn's estimator conventions without inheriting from sklearn.base."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from sklearn.base import clone, is_classifier
from sklearn.exceptions import NotFittedError
from sklearn.utils import get_tags

from stancemap.models import CueFeatures, FrameClassifier, HashedFeatures, StanceClassifier
from stancemap.sklearn_compat import Params, check_fitted

TEXTS = ["We back the truce.", "We reject the truce.", "The truce talks go on.", "No truce with them.",
         "A truce now.", "Talks about a truce."]
LABELS = ["favor", "against", "none", "against", "favor", "none"]


def test_params_round_trip_and_nested_keys():
    clf = StanceClassifier(C=2.0, char_ngrams=(3, 4))
    params = clf.get_params()
    assert params["C"] == 2.0 and params["char_ngrams"] == (3, 4) and set(params) >= {"estimator", "extra", "cues"}
    assert clf.set_params(C=0.1, min_df=2) is clf and (clf.C, clf.min_df) == (0.1, 2)


def test_set_params_names_the_bad_key_and_lists_the_valid_ones():
    with pytest.raises(ValueError, match=r"Invalid parameter 'bogus' for estimator StanceClassifier.*'C'"):
        StanceClassifier().set_params(bogus=1)


def test_nested_estimator_params():
    class Outer(Params):
        def __init__(self, inner=None, k=1):
            self.inner = inner
            self.k = k

    o = Outer(inner=CueFeatures(cues={"x": ["a"]}))
    assert o.get_params()["inner__cues"] == {"x": ["a"]}
    o.set_params(inner__cues={"y": ["b"]}, k=3)
    assert o.inner.cues == {"y": ["b"]} and o.k == 3
    assert "inner__cues" not in o.get_params(deep=False)


def test_sklearn_clone_tags_and_score():
    clf = StanceClassifier(C=2.0, random_state=3).fit(TEXTS, LABELS)
    twin = clone(clf)
    assert twin.get_params() == clf.get_params() and not hasattr(twin, "classifier_")
    assert is_classifier(clf) and is_classifier(FrameClassifier())
    assert get_tags(clf).estimator_type == "classifier" and get_tags(clf).target_tags.required
    assert get_tags(HashedFeatures()).transformer_tags is not None
    assert clf.score(TEXTS, LABELS) == pytest.approx(sum(clf.predict(TEXTS) == LABELS) / len(TEXTS))


def test_repr_shows_the_changed_params():
    assert repr(StanceClassifier(C=2.0)) == "StanceClassifier(C=2.0)"
    assert repr(HashedFeatures()) == "HashedFeatures()"


def test_not_fitted_is_sklearns_error_and_names_the_fix():
    with pytest.raises(NotFittedError, match="fit it on texts and labels first"):
        check_fitted(StanceClassifier(), "classifier_")


def test_fit_transform_is_fit_then_transform():
    a = HashedFeatures().fit_transform(TEXTS)
    b = HashedFeatures().fit(TEXTS).transform(TEXTS)
    assert (a != b).nnz == 0


def test_scoring_with_the_saved_model_imports_neither_sklearn_nor_nltk():
    """scikit-learn and nltk each cost most of a second of imports (scipy.stats), scipy.special 0.1 s: the
    report's path (load the default model, score, count words for keyness) needs none of them."""
    code = ("import sys, stancemap as sm, pandas as pd; from stancemap.modelstore import load_model; "
            "from stancemap.keyness import term_counts; "
            "m = load_model(None); m.predict(['We will not lift the sanctions.', 'Talks go on.']); "
            "term_counts(pd.DataFrame({'actor': ['a', 'b'], 'text': ['No truce.', 'Aid now.']})); "
            "print(sorted(k for k in ('sklearn', 'nltk', 'scipy.stats', 'scipy.special') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_probabilities_are_the_numbers_scipy_special_gives():
    """LinearProba computes expit and softmax with numpy (no scipy.special import): the same numbers, to a few
    units in the last place (found in stop 38: on another CPU, numpy's vectorised exp and scipy's expit differed
    by 1 ulp on 372 of 20,010 values, so bit equality held on one machine only)."""
    from scipy.special import expit, softmax

    from stancemap.estimators import LinearProba

    rng = np.random.default_rng(0)
    x = np.concatenate([rng.normal(0, 5, 20_000), [0.0, -0.0, 30.0, -30.0, 709.0, -709.0, 745.0, -745.0, 1e4, -1e4]])
    D = rng.normal(0, 3, (5_000, 3))
    two = LinearProba(coef=np.zeros((1, 2)), intercept=np.zeros(1), classes=np.array(["a", "b"]), method="logistic")
    three = LinearProba(coef=np.zeros((3, 2)), intercept=np.zeros(3), classes=np.array(["a", "b", "c"]),
                        method="logistic")
    np.testing.assert_array_max_ulp(two.proba_from_decision(x[:, None])[:, 1], expit(x), maxulp=4)
    np.testing.assert_array_max_ulp(three.proba_from_decision(D), softmax(D, axis=1), maxulp=4)
    sig = LinearProba(coef=np.zeros((1, 2)), intercept=np.zeros(1), classes=np.array(["a", "b"]), method="sigmoid",
                      a=np.array([-1.7]), b=np.array([0.3]))
    np.testing.assert_array_max_ulp(sig.proba_from_decision(x[:, None])[:, 1], expit(-(-1.7 * x + 0.3)), maxulp=4)

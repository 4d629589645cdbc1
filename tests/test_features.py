"""sparse_features.transform: the feature matrix scikit-learn gives, element for element, faster."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from stancemap import sparse_features
from stancemap.codebook import load_codebook
from stancemap.models import CueFeatures, codebook_cues, make_features

TRAIN = ["We welcome the truce and will sign it.", "Stop the aid now!", "No talks, no truce.",
         "Shelling near the ford;  the toll\ncosts trade.", "Ceasefire talks in Riyadh — a first step?",
         "Sanctions must stay until the invaders leave.", "İstanbul talks: ß, ǅ and café"]


def _same(a, b):
    assert type(a) is type(b) and a.shape == b.shape and a.dtype == b.dtype
    for attr in ("indptr", "indices", "data"):
        x, y = getattr(a, attr), getattr(b, attr)
        assert x.dtype == y.dtype and np.array_equal(x, y), attr


@pytest.fixture(scope="module")
def union():
    cb = load_codebook()
    return make_features(cues=codebook_cues(cb)).fit(TRAIN)


_PIECES = ["truce", "Truce", "talks", "no", "not", "aid", "the", " ", "  ", "\n", "\t", ",", ".", "!", "?",
           "ceasefire", "cease-fire", "café", "İ", "ß", "\u00a0", "'", "’", "“", "x", "Riyadh", "—", "sanctions"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), min_size=1, max_size=12))
def test_transform_equals_scikit_learn(union, texts):
    _same(union.transform(texts), sparse_features.transform(union, texts))


def test_bundled_texts_and_repeated_calls(union):
    texts = TRAIN * 3 + ["", "   "]
    first = sparse_features.transform(union, texts)
    _same(union.transform(texts), first)
    _same(first, sparse_features.transform(union, texts))  # the word cache serves the second call


def test_the_default_model_features(root):
    from stancemap.modelstore import load_model

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        features = load_model().shared_features
    st_ = pd.read_csv(root / "corpora" / "ceasefire-2025-03" / "annotations" / "statements.csv", dtype=str,
                      keep_default_na=False)
    texts = st_["text"].tolist() + [st_["text"].str.cat(sep=" ")]
    _same(features.transform(texts), sparse_features.transform(features, texts))


@pytest.mark.parametrize("vec", [
    TfidfVectorizer(analyzer="char", ngram_range=(1, 3)),
    TfidfVectorizer(analyzer="char_wb", strip_accents="unicode"),
    TfidfVectorizer(binary=True),
    TfidfVectorizer(preprocessor=str.upper),
])
def test_unusual_vectorizers_fall_back_to_scikit_learn(vec):
    fu = FeatureUnion([("v", vec), ("cue", CueFeatures({"a": ["truce"]}))]).fit(TRAIN)
    assert not sparse_features._plain_vectorizer(fu.transformer_list[0][1])
    _same(fu.transform(TRAIN), sparse_features.transform(fu, TRAIN))


def test_weighted_union_falls_back(union):
    fu = FeatureUnion(union.transformer_list, transformer_weights={"word": 2.0})
    _same(fu.transform(TRAIN), sparse_features.transform(fu, TRAIN))


def test_word_cache_is_shared_by_equal_vectorizers_only(union):
    import pickle

    char = union.transformer_list[1][1]
    copy = pickle.loads(pickle.dumps(char))
    assert sparse_features._word_cache(char) is sparse_features._word_cache(copy)  # an unpickled copy finds it
    other = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).fit(TRAIN[:3])
    assert sparse_features._word_cache(other) is not sparse_features._word_cache(char)


def test_scikit_learn_internals_moving_falls_back(union, monkeypatch):
    """If a private scikit-learn attribute the fast path uses disappears, the result is still right."""
    monkeypatch.setattr(FeatureUnion, "_hstack", property(lambda self: (_ for _ in ()).throw(AttributeError("gone"))))
    monkeypatch.setattr(FeatureUnion, "transform", lambda self, X: "scikit-learn's own")
    assert sparse_features.transform(union, TRAIN) == "scikit-learn's own"

"""Voice features (stancemap.voice_features): constructed sentences, fictional places and speakers."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from stancemap.codebook import load_codebook
from stancemap.target_features import target_feature_names, target_features
from stancemap.voice_features import CROSSED, VOICE_TERMS, voice_counts, voice_feature_names, voice_features


@pytest.fixture(scope="module")
def cb():
    return load_codebook()


def own(text, target, cb):
    """The non-zero ``vf__`` features of one text."""
    X = voice_features([text], target, cb)
    names = voice_feature_names(target, cb)
    return {names[i][4:]: float(v) for i, v in zip(X.indices, X.data) if names[i].startswith("vf__")}


def test_block_is_the_target_features_then_fixed_voice_columns(cb):
    texts = ["Northland will lift the sanctions.", "", None, "The harvest in Dorvale was good."]
    X = voice_features(texts, "sanctions", cb)
    names = voice_feature_names(texts and "sanctions", cb)
    base = target_feature_names("sanctions", cb)
    assert sp.isspmatrix_csr(X) and X.dtype == np.float64 and X.shape == (4, len(names))
    assert names[:len(base)] == base and len(set(names)) == len(names)
    assert len(names) == len(base) + len(VOICE_TERMS) * (1 + len(CROSSED))
    assert (X[:, :len(base)] != target_features(texts, "sanctions", cb)).nnz == 0
    assert (X != voice_features(texts, "sanctions", cb)).nnz == 0  # deterministic


def test_lifting_sanctions_is_an_against_signal_in_any_voice(cb):
    X = voice_features(["Northland will lift the sanctions."], "sanctions", cb)
    names = voice_feature_names("sanctions", cb)
    f = {names[i]: v for i, v in zip(X.indices, X.data)}
    assert f["tf__against_verb"] == 1 and f["tf__net_direction"] == -1
    assert not any(n.startswith("vf__") for n in f)  # no side's wording: no voice column


def test_moscow_wording_is_crossed_with_the_mention_and_the_victim_frame(cb):
    f = own("The so-called partners in Westmark keep their illegal sanctions against us, "
            "a product of Russophobia.", "sanctions", cb)
    assert f["moscow"] == pytest.approx(np.log1p(2)) and "kyiv" not in f
    assert f["moscow_x_mention"] == 1 and f["moscow_x_victim_frame"] == 1
    assert not any(k.startswith("kyiv") for k in f)


def test_kyiv_wording_is_crossed_with_the_direction(cb):
    f = own("Ada Quill said the aggressor state must face tougher sanctions, and we must tighten them.",
            "sanctions", cb)
    assert f["kyiv"] > 0 and f["kyiv_x_mention"] == 1 and f["kyiv_x_net_direction"] == 1
    assert not any(k.startswith("moscow") for k in f)


def test_voice_counts_match_two_word_and_prefix_terms():
    c = voice_counts(["The Kiev regime and the collective West.", "Occupiers shelled Ostrel; terror again.", "Calm."])
    moscow, kyiv = list(VOICE_TERMS).index("moscow"), list(VOICE_TERMS).index("kyiv")
    assert c[0, moscow] == 2  # "kiev" (also opening "kiev regime") and "collective west": one per word that opens a term
    assert c[1, kyiv] == 2 and c[1, moscow] == 0
    assert c[2].sum() == 0


def test_a_model_trains_and_scores_with_the_voice_block(cb):
    from stancemap.estimators import ExtraBlock, StanceClassifier

    texts = ["Northland will lift the sanctions.", "Southland will tighten the sanctions.",
             "We must impose sanctions on the aggressor.", "Nobody likes the illegal sanctions of the Kiev regime.",
             "The harvest in Dorvale was good.", "Ada Quill opened the bridge."] * 3
    y = ["against", "favor", "favor", "against", "none", "none"] * 3
    clf = StanceClassifier(random_state=0, extra=ExtraBlock("target_voice", "sanctions", cb, 0.3)).fit(texts, y)
    assert clf.predict(["Southland will tighten the sanctions."])[0] == "favor"
    assert clf.transform(texts[:2]).shape[1] == clf.features_.n_features_out_ + len(voice_feature_names("sanctions", cb))

"""Frame and stance classifiers: sklearn API, determinism, arrays + JSON round trip, explanations, errors."""
from __future__ import annotations

import json
import textwrap
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from stancemap.codebook import load_codebook, load_training
from stancemap.errors import StancemapError
from stancemap.explanations import explain
from stancemap.labels import frame_labels, stance_labels
from stancemap.modelfile import StanceMapModel
from stancemap.models import FrameClassifier, StanceClassifier, word_tokens
from stancemap.training import train_model

FIXTURES = Path(__file__).parent / "fixtures" / "models"


@pytest.fixture(scope="module")
def cb():
    return load_codebook(FIXTURES / "codebook.yaml")


@pytest.fixture(scope="module")
def data(cb):
    return load_training(FIXTURES / "training.csv", codebook=cb)


@pytest.fixture(scope="module")
def tiny_model(cb, data):
    return train_model(data, cb)


def test_word_tokens_stem_and_mark_negation():
    assert word_tokens("We will not accept the truces") == ["we", "will", "not", "accept_NEG", "the_NEG", "truce_NEG"]


@pytest.mark.parametrize("cls", [StanceClassifier, FrameClassifier])
def test_unfitted_raises_not_fitted(cls):
    with pytest.raises(NotFittedError):
        cls().predict_proba(["a truce"])
    with pytest.raises(NotFittedError):
        cls().predict(["a truce"])


def test_clone_keeps_params_and_drops_fit(data):
    clf = StanceClassifier(C=2.0, char_ngrams=(3, 4), random_state=7).fit(data["text"], data["stance_truce"])
    twin = clone(clf)
    assert twin.get_params() == clf.get_params()
    assert not hasattr(twin, "classifier_")
    fc = clone(FrameClassifier(labels=["talks", "money"], threshold=0.3))
    assert fc.get_params()["labels"] == ["talks", "money"] and fc.threshold == 0.3


def test_same_seed_gives_identical_probabilities(data):
    a = StanceClassifier(random_state=3).fit(data["text"], data["stance_truce"])
    b = StanceClassifier(random_state=3).fit(data["text"], data["stance_truce"])
    texts = ["We reject the truce.", "Keep the League aid flowing.", "The weather is fine."]
    assert np.array_equal(a.predict_proba(texts), b.predict_proba(texts))
    keys = ["talks", "fighting", "money"]
    f1 = FrameClassifier(labels=keys, random_state=3).fit(data["text"], data["frames"])
    f2 = FrameClassifier(labels=keys, random_state=3).fit(data["text"], data["frames"])
    assert np.array_equal(f1.predict_proba(texts), f2.predict_proba(texts))


def test_stance_predict_is_argmax_of_calibrated_proba(data):
    clf = StanceClassifier().fit(data["text"], data["stance_truce"])
    assert list(clf.classes_) == ["against", "favor", "none"]
    assert clf.probability_method_ == "svm + sigmoid calibration (3-fold)"
    texts = data["text"].tolist()
    p = clf.predict_proba(texts)
    assert p.shape == (len(texts), 3) and np.allclose(p.sum(axis=1), 1)
    assert list(clf.predict(texts)) == list(clf.classes_[p.argmax(axis=1)])
    # it learned something: training accuracy well above the majority share
    assert clf.score(texts, data["stance_truce"]) > (data["stance_truce"] == "none").mean()


def test_frame_classifier_multilabel_outputs(data):
    keys = ["talks", "fighting", "money"]
    fc = FrameClassifier(labels=keys).fit(data["text"], data["frames"])
    p = fc.predict_proba(data["text"])
    assert p.shape == (len(data), 3) and ((0 <= p) & (p <= 1)).all()
    assert set(np.unique(fc.predict(data["text"]))) <= {0, 1}
    assert np.array_equal(fc.predict(data["text"]), (p >= 0.5).astype(int))
    # the three ways of giving y agree
    ind = data[[f"frame_{k}" for k in keys]].rename(columns=lambda c: c[6:])
    fc2 = FrameClassifier().fit(data["text"], ind)
    fc3 = FrameClassifier(labels=keys).fit(data["text"], ind.to_numpy())
    assert list(fc2.classes_) == keys
    assert np.array_equal(fc2.predict_proba(data["text"]), p)
    assert np.array_equal(fc3.predict_proba(data["text"]), p)


def test_tiny_classes_fall_back_to_logistic_regression():
    texts = ["yes truce", "no truce ever", "truce now please", "weather report", "rain again", "sunny day"]
    y = ["favor", "against", "favor", "none", "none", "none"]  # 'against' has one example
    clf = StanceClassifier().fit(texts, y)
    assert "logistic regression" in clf.probability_method_ and "1 example" in clf.probability_method_
    assert clf.predict_proba(["truce"]).shape == (1, 3)


def test_frame_without_positives_is_constant_with_warning():
    texts = ["talks today", "more talks", "the weather", "rain"]
    with pytest.warns(UserWarning, match="money"):
        fc = FrameClassifier(labels=["talks", "money"]).fit(texts, [["talks"], ["talks"], [], []])
    assert fc.constant_labels_ == ["money"]
    assert np.all(fc.predict_proba(["anything"])[:, 1] == 0.0)


def test_clear_errors_for_bad_input(data):
    with pytest.raises(StancemapError, match="only the label|every example has the label 'none'"):
        StanceClassifier().fit(["a", "b", "c"], ["none", "none", "none"])
    with pytest.raises(StancemapError, match="single string"):
        StanceClassifier().fit("one text", ["none"])
    with pytest.raises(StancemapError, match="Frame 'weather' not found. Valid: talks, money"):
        FrameClassifier(labels=["talks", "money"]).fit(["x", "y"], ["talks", "weather"])
    with pytest.raises(StancemapError, match="Estimator 'forest' not found. Valid: svm, logreg"):
        StanceClassifier(estimator="forest").fit(data["text"], data["stance_truce"])


def test_label_tables_accept_both_frame_formats_and_name_bad_labels(cb):
    a = pd.DataFrame({"text": ["x", "y"], "frames": ["talks;money", ""]})
    b = pd.DataFrame({"text": ["x", "y"], "frame_talks": ["1", ""], "frame_fighting": ["0", "no"],
                      "frame_money": ["yes", "0"]})
    assert frame_labels(a, cb).equals(frame_labels(b, cb))
    with pytest.raises(StancemapError,
                       match=r"Frame 'mony' not found. Valid: talks, fighting, money. Did you mean 'money'\?"):
        frame_labels(pd.DataFrame({"frames": ["mony"]}), cb)
    with pytest.raises(StancemapError, match=r"'maybe' not found. Valid: favor, against, none"):
        stance_labels(pd.DataFrame({"stance_truce": ["maybe"]}), cb)
    s = stance_labels(pd.DataFrame({"stance_truce": ["Favor", ""]}), cb)
    assert s["stance_truce"].tolist() == ["favor", ""] and s["stance_aid"].tolist() == ["", ""]


def test_train_model_errors(cb, data):
    bad = data.copy()
    bad.loc[3, "stance_aid"] = "neutral"
    with pytest.raises(StancemapError, match=r"'neutral' not found. Valid: favor, against, none"):
        train_model(bad, cb)
    one = data.copy()
    one["stance_aid"] = "none"
    with pytest.raises(StancemapError, match="Target 'aid' has only the label 'none'"):
        train_model(one, cb)
    some = data.copy()
    some.loc[some["stance_aid"] == "favor", "stance_aid"] = "none"
    with pytest.warns(UserWarning, match="no training example labelled favor"):
        train_model(some, cb)


def test_bundle_predicts_model_columns(tiny_model, data):
    out = tiny_model.predict(["We accept the truce.", "Stop the League aid."])
    assert list(out.columns) == ["frame_talks", "frame_fighting", "frame_money", "frames",
                                 "stance_truce", "stance_truce_p", "stance_aid", "stance_aid_p"]
    assert tiny_model.shared_features is not None  # one feature space for all classifiers
    # the bundle's shared-transform path equals each classifier's own predict_proba
    p = tiny_model.stance["aid"].predict_proba(["Stop the League aid."])[0]
    assert out["stance_aid_p"].iloc[1] == pytest.approx(p.max())
    assert out["stance_aid"].iloc[1] == tiny_model.stance["aid"].classes_[p.argmax()]
    assert tiny_model.metadata["stance_counts"]["truce"] == {"favor": 7, "against": 6, "none": 23}
    assert tiny_model.metadata["origin_counts"] == {"constructed": 36}


def test_saved_model_round_trip_is_arrays_and_json(tmp_path, tiny_model, data):
    d = tiny_model.save(tmp_path / "m")
    names = sorted(p.name for p in d.iterdir())
    assert names == ["codebook.yaml", "model.json", "model.npz"]
    assert sum(p.stat().st_size for p in d.iterdir()) < 5_000_000
    loaded = StanceMapModel.load(d)
    assert loaded.codebook_name == "tiny-test-codebook" and loaded.codebook_version == "0.1"
    assert loaded.shared_features is not None
    pd.testing.assert_frame_equal(loaded.predict(data["text"]), tiny_model.predict(data["text"]))
    for t in tiny_model.targets:  # each classifier's own path agrees after loading, too
        assert np.array_equal(loaded.stance[t].predict_proba(data["text"]),
                              tiny_model.stance[t].predict_proba(data["text"]))
    assert json.loads((d / "model.json").read_text())["metadata"] == json.loads(
        json.dumps(tiny_model.metadata, default=str))
    # saving is byte-reproducible: sorted members, fixed zip times
    again = loaded.save(tmp_path / "again")
    for name in names:
        assert (d / name).read_bytes() == (again / name).read_bytes(), name
    with zipfile.ZipFile(d / "model.npz") as z:
        infos = z.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    with np.load(d / "model.npz", allow_pickle=False) as z:  # numbers only: no object arrays
        assert all(z[k].dtype != object for k in z.files)


def test_load_never_runs_code_from_the_files(tmp_path, tiny_model):
    """An object array (what pickle would carry) is refused by numpy.load(allow_pickle=False)."""
    d = tiny_model.save(tmp_path / "m")
    with np.load(d / "model.npz", allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["frames.talks.coef"] = np.array([textwrap.dedent], dtype=object)
    np.savez(d / "model.npz", **arrays)
    with pytest.raises(ValueError, match="allow_pickle"):
        StanceMapModel.load(d)
    with pytest.raises(StancemapError, match="model.json is missing"):
        StanceMapModel.load(tmp_path / "nothing")
    with pytest.raises(StancemapError, match="holds Python objects"):
        from stancemap.modelfile import write_npz

        write_npz(tmp_path / "x.npz", {"a": np.array([None], dtype=object)})


def test_old_skops_model_gives_an_error_that_names_the_fix(tmp_path):
    d = tmp_path / "old"
    d.mkdir()
    (d / "model.json").write_text(json.dumps({"format": 1, "files": {"frames": "frames.skops"}}))
    with pytest.raises(StancemapError, match=r"format 1 \(skops.*make model.*stancemap train"):
        StanceMapModel.load(d)


def test_linear_numbers_give_scikit_learns_probabilities(data):
    """LinearProba reproduces CalibratedClassifierCV (sigmoid, ensemble=False) and logistic regression."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.svm import LinearSVC

    from stancemap.estimators import LinearProba, make_features

    f = make_features().fit(data["text"])
    X = f.transform(data["text"])
    for y in (data["stance_truce"].to_numpy(), (data["stance_truce"] == "favor").astype(int).to_numpy()):
        cal = CalibratedClassifierCV(LinearSVC(C=0.5, random_state=0), method="sigmoid",
                                     cv=StratifiedKFold(3, shuffle=True, random_state=0), ensemble=False).fit(X, y)
        np.testing.assert_allclose(LinearProba.from_sklearn(cal).predict_proba(X), cal.predict_proba(X),
                                   rtol=0, atol=1e-12)
        lr = LogisticRegression(max_iter=2000).fit(X, y)
        np.testing.assert_allclose(LinearProba.from_sklearn(lr).predict_proba(X), lr.predict_proba(X),
                                   rtol=0, atol=1e-12)


def test_stance_models_take_a_target_specific_block(monkeypatch, cb, data, tmp_path):
    """The extension point: a stateless function named in EXTRA_BLOCKS adds columns after
    the shared ones for every stance classifier; saved by name, resolved on load."""
    from scipy import sparse

    from stancemap import estimators
    from stancemap.training import estimator_params

    calls = []

    def mentions(texts, target, codebook):
        calls.append(target)
        words = {"truce": "truce", "aid": "aid"}[target]
        return sparse.csr_matrix(np.array([[float(words in t.lower()), 1.0] for t in texts]))

    def mention_names(target, codebook):
        return [f"mentions {target}", "bias"]

    monkeypatch.setitem(estimators.EXTRA_BLOCKS, "mentions", (mentions, mention_names))
    with pytest.raises(StancemapError, match="Extra feature block"):
        estimator_params({"extra": "nope"}, cb)
    m = train_model(data, cb, params={"extra": "mentions"})
    d_shared = m.shared_features.n_features_out_
    clf = m.stance["aid"]
    assert clf.classifier_.coef.shape[1] == d_shared + 2 and set(calls) == {"truce", "aid"}
    out = m.predict(data["text"])
    np.testing.assert_allclose(out["stance_aid_p"].to_numpy(), clf.predict_proba(data["text"]).max(axis=1),
                               rtol=0, atol=1e-12)  # the stacked product sums in another order
    ex = clf.explain("Stop the League aid.", "against")
    assert "mentions aid" in set(ex.loc[ex["kind"] == "extra", "feature"])
    assert ex["contribution"].sum() + ex.attrs["intercept"] == pytest.approx(ex.attrs["decision"])
    d = m.save(tmp_path / "m")
    assert json.loads((d / "model.json").read_text())["stance_classifiers"]["aid"]["extra"] == "mentions"
    pd.testing.assert_frame_equal(StanceMapModel.load(d).predict(data["text"]), out)
    monkeypatch.delitem(estimators.EXTRA_BLOCKS, "mentions")
    with pytest.raises(StancemapError, match="Extra feature block.*mentions.*stancemap model build"):
        StanceMapModel.load(d)


def test_scoring_is_identical_between_runs_and_block_sizes(tiny_model, data):
    texts = list(data["text"]) * 3
    whole = tiny_model.predict(texts)
    parts = pd.concat([tiny_model.predict(texts[i:i + 7]) for i in range(0, len(texts), 7)], ignore_index=True)
    pd.testing.assert_frame_equal(whole, parts, check_exact=True)
    pd.testing.assert_frame_equal(whole, tiny_model.predict(texts), check_exact=True)


def test_frames_column_joins_the_frames_above_the_threshold(tiny_model, data):
    out = tiny_model.predict(list(data["text"]) + ["", "talks talks money fighting"])
    keys = tiny_model.frame_keys
    want = [";".join(k for k in keys if row[f"frame_{k}"] >= tiny_model.frames.threshold) for _, row in out.iterrows()]
    assert out["frames"].tolist() == want
    assert len(set(want)) > 2  # several distinct sets, each joined in codebook order


def test_scoring_switches_the_collector_back_on(tiny_model, data):
    import gc

    assert gc.isenabled()
    tiny_model.predict(list(data["text"]))
    assert gc.isenabled()  # predict pauses it (runtime.paused_gc) and restores it


def test_check_codebook_mismatch(tiny_model):
    bundled = load_codebook()
    with pytest.raises(StancemapError, match="trained for codebook tiny-test-codebook"):
        tiny_model.check_codebook(bundled)


def test_explain_contributions_add_up_to_the_decision(tiny_model):
    text = "We will not sign the truce while their soldiers keep raiding."
    clf = tiny_model.stance["truce"]
    ex = clf.explain(text)
    label = ex.attrs["label"]
    assert label == clf.predict([text])[0]
    k = list(clf.classes_).index(label)
    decision = clf.decision_function([text])[0, k]
    assert ex["contribution"].sum() + ex.attrs["intercept"] == pytest.approx(decision)
    assert ex.attrs["decision"] == pytest.approx(decision)
    assert np.allclose(ex["contribution"], ex["weight"] * ex["value"])
    assert (ex["contribution"].abs().diff().dropna() <= 1e-12).all()  # largest first
    assert {"word", "char", "cue"} == set(ex["kind"])  # 'truce', 'soldiers', 'raiding' are codebook cues
    # removing the top positive word feature from the text lowers the score toward the label
    top = ex[(ex["kind"] == "word") & (ex["contribution"] > 0)].iloc[0]["feature"]
    assert top  # a word n-gram did push toward the predicted label


def test_explain_frame_matches_binary_decision(tiny_model):
    fc = tiny_model.frames
    text = "The toll costs hurt trade."
    ex = fc.explain(text, "money")
    from stancemap.models import linear_parts
    coef, intercept, _ = linear_parts(fc.estimators_[2])
    x = fc.features_.transform([text])
    assert ex.attrs["decision"] == pytest.approx(float((x @ coef.T)[0, 0] + intercept[0]))
    # the money cue words are among the drivers
    assert ex[ex["kind"] == "word"]["feature"].str.contains("toll|cost|trade").any()


def test_explain_api(tiny_model):
    text = "We reject the truce, and the League aid must end."
    df = explain(text, tiny_model, target="aid", top=5)
    assert list(df.columns) == ["task", "label", "predicted", "probability", "feature", "kind", "value",
                                "weight", "contribution", "rank"]
    assert set(df["task"]) == {"stance"} and set(df["label"]) == {"aid"} and len(df) == 5
    assert df["predicted"].iloc[0] == tiny_model.stance["aid"].predict([text])[0]
    words = explain(text, tiny_model, target="frames", kind="word")
    assert set(words["kind"]) == {"word"} and set(words["task"]) == {"frame"}
    allx = explain(text, tiny_model)
    assert {"frame", "stance"} >= set(allx["task"])
    with pytest.raises(StancemapError, match=r"Target 'aide' not found. Valid: frames, truce, aid"):
        explain(text, tiny_model, target="aide")


def test_default_model_is_deterministic_from_repo_files(tmp_path, monkeypatch):
    """Two trainings from the bundled files give the same probabilities."""
    from stancemap.training import DEFAULT_PARAMS, bundled_training, training_fingerprint

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data, cb = bundled_training()
    sub = data.iloc[::4].reset_index(drop=True)  # a quarter keeps the test fast
    a = train_model(sub, cb)
    b = train_model(sub, cb)
    texts = sub["text"].head(20).tolist()
    pd.testing.assert_frame_equal(a.predict(texts), b.predict(texts))
    assert a.metadata["data_fingerprint"] == training_fingerprint(sub, cb, DEFAULT_PARAMS, 0)


def test_cue_features_are_log_counts_of_codebook_cues(cb):
    from stancemap.models import CueFeatures, codebook_cues

    cues = codebook_cues(cb)
    assert list(cues)[:3] == ["frame:talks", "frame:fighting", "frame:money"] and "target:aid" in cues
    cf = CueFeatures(cues).fit(["x"])
    X = cf.transform(["Talks and negotiations on tolls", "nothing"]).toarray()
    names = list(cf.get_feature_names_out())
    assert X[0, names.index("frame:talks")] == pytest.approx(np.log1p(2))
    assert X[0, names.index("frame:money")] == pytest.approx(np.log1p(1))
    assert X[1].sum() == 0
    assert clone(cf).get_params() == {"cues": cues}


def test_standard_labels_unifies_formats_and_skips_uncoded(cb, data):
    from stancemap.labels import standard_labels

    sample_style = pd.DataFrame({"statement_id": ["a", "b"], "text": ["We accept the truce.", "Not coded yet."],
                                 "frame_talks": ["1", ""], "frame_fighting": ["", ""], "frame_money": ["", ""],
                                 "stance_truce": ["favor", ""], "stance_aid": ["none", ""], "coder": ["ann", ""]})
    with pytest.warns(UserWarning, match="1 of 2 rows .* have no label at all"):
        a = standard_labels(sample_style, cb)
    b = standard_labels(data.head(2), cb)
    assert list(a.columns) == ["text", "frame_talks", "frame_fighting", "frame_money", "stance_truce", "stance_aid"]
    assert list(b.columns) == ["text", "origin", *a.columns[1:]]
    assert a.iloc[0, 1:].tolist() == [1, 0, 0, "favor", "none"]
    both = pd.concat([a, b], ignore_index=True)
    assert frame_labels(both, cb)["frame_talks"].tolist() == [1, 1, 1]


def test_frame_labels_mixed_columns_fall_back_to_frames_column():
    """A per-frame table concatenated with a `frames` table keeps both rows' labels (bug fix)."""
    import pandas as pd

    from stancemap.codebook import load_codebook
    from stancemap.labels import frame_labels

    cb = load_codebook()
    df = pd.DataFrame({"frame_security": ["1", ""], "frames": ["", "diplomacy;blame"]})
    out = frame_labels(df, cb)
    assert out.loc[0, "frame_security"] == 1 and out.loc[0, "frame_diplomacy"] == 0
    assert out.loc[1, "frame_diplomacy"] == 1 and out.loc[1, "frame_blame"] == 1 and out.loc[1, "frame_security"] == 0


def test_packed_arrays_load_bit_for_bit_and_format_2_still_loads(tmp_path, tiny_model, data):
    """Format 3 stores large float arrays as distinct values + indices (lossless: -0.0 and NaN
    kept); a format-2 directory (dense arrays) still loads, an unknown format is refused clearly."""
    from stancemap.modelfile import pack_arrays, unpack_arrays, write_npz

    arrays = {"x": np.array([0.0, -0.0, np.nan, 1.5, -2.25] * 400).reshape(40, 50), "small": np.array([0.5, -0.0]),
              "ints": np.arange(3000, dtype=np.int32)}
    packed = pack_arrays(arrays)
    assert set(packed) == {"x.values", "x.index", "small", "ints"}
    assert packed["x.values"].shape == (8, 5)  # 0.0 and -0.0 are two bit patterns and packed["x.index"].dtype == np.uint16
    back = unpack_arrays(packed)
    assert set(back) == set(arrays)
    for k, a in arrays.items():
        assert back[k].dtype == a.dtype and back[k].shape == a.shape and back[k].tobytes() == a.tobytes()
    d = tiny_model.save(tmp_path / "m")
    with np.load(d / "model.npz", allow_pickle=False) as z:
        assert any(k.endswith(".index") for k in z.files)
        dense = unpack_arrays({k: z[k] for k in z.files})
    write_npz(d / "model.npz", dense)
    info = json.loads((d / "model.json").read_text(encoding="utf-8"))
    info["format"] = 2
    (d / "model.json").write_text(json.dumps(info), encoding="utf-8")
    pd.testing.assert_frame_equal(StanceMapModel.load(d).predict(data["text"]), tiny_model.predict(data["text"]))
    info["format"] = 99
    (d / "model.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(StancemapError, match="reads formats 2, 3"):
        StanceMapModel.load(d)


def test_a_cached_default_model_is_not_reused_by_other_feature_code(tmp_path, monkeypatch, tiny_model):
    """The cache key holds a digest of the feature code: after an upgrade that changes how texts become
    numbers, the same training data trains again instead of loading a model the code no longer matches."""
    from stancemap import modelstore

    monkeypatch.setenv("STANCEMAP_DATA", str(tmp_path / "no-such-folder"))
    monkeypatch.setenv("STANCEMAP_MODELS", str(tmp_path / "models"))  # no shipped model
    monkeypatch.setenv("STANCEMAP_CACHE", str(tmp_path / "cache"))
    trained = []
    monkeypatch.setattr(modelstore, "train_model", lambda *a, **k: trained.append(1) or tiny_model)
    digest = modelstore.model_code_digest()
    assert len(digest) == 12 and digest == modelstore.model_code_digest()
    for code in ("aaa", "aaa", "bbb"):
        monkeypatch.setattr(modelstore, "_DEFAULT", {})
        monkeypatch.setattr(modelstore, "model_code_digest", lambda: code)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            modelstore.default_model()
    assert len(trained) == 2      # "aaa" trained once, then loaded from the cache; "bbb" trained again
    assert sorted(p.name.split("-")[2] for p in (tmp_path / "cache" / "models").iterdir()) == ["codeaaa", "codebbb"]


def test_nb_ratios_are_smoothed_log_count_ratios():
    """nb_ratios follows Wang & Manning (2012): binarised counts per class, alpha-smoothed, l1-normed, log ratio."""
    from scipy import sparse

    from stancemap.estimators import nb_ratios

    X = sparse.csr_matrix(np.array([[0.5, 0.0, 2.0], [0.1, 0.0, 0.0], [0.0, 0.3, 0.0]]))
    r = nb_ratios(X, np.array([True, True, False]), 1.0)
    p, q = np.array([1 + 2, 1 + 0, 1 + 1]), np.array([1 + 0, 1 + 1, 1 + 0])
    np.testing.assert_allclose(r, np.log(p / p.sum()) - np.log(q / q.sum()))
    assert X.toarray()[0, 0] == 0.5  # the input is not changed


def test_nb_scaled_frames_act_on_unscaled_features(data):
    """With nb_alpha the frame coefficients are the fitted ones times the NB ratios: the decision on the
    unscaled features equals the fitted model's decision on the scaled ones, so scoring, saving and
    explanations need nothing more; the result is deterministic."""
    from scipy import sparse
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.model_selection import StratifiedKFold
    from sklearn.svm import LinearSVC

    from stancemap.estimators import LinearProba, make_features, nb_ratios

    texts = data["text"].tolist()
    f = make_features().fit(texts)
    X = f.transform(texts)
    y = data["frames"].fillna("").str.contains("money").astype(int).to_numpy()
    fc = FrameClassifier(labels=["money"], nb_alpha=1.0, random_state=0).fit(texts, [[v] for v in y])
    again = FrameClassifier(labels=["money"], nb_alpha=1.0, random_state=0).fit(texts, [[v] for v in y])
    plain = FrameClassifier(labels=["money"], random_state=0).fit(texts, [[v] for v in y])
    r = nb_ratios(X, y == 1, 1.0)
    cal = CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced", random_state=0), method="sigmoid",
                                 cv=StratifiedKFold(3, shuffle=True, random_state=0), ensemble=False)
    cal.fit((X @ sparse.diags(r)).tocsr(), y)
    want = LinearProba.from_sklearn(cal).predict_proba((X @ sparse.diags(r)).tocsr())[:, 1]
    np.testing.assert_allclose(fc.predict_proba(texts)[:, 0], want, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(fc.predict_proba(texts), again.predict_proba(texts))
    assert not np.allclose(fc.predict_proba(texts), plain.predict_proba(texts))
    assert fc.probability_methods_[0].startswith("NB-scaled features, svm + sigmoid")
    ex = fc.explain("The toll costs hurt trade.", "money")
    x = fc.features_.transform(["The toll costs hurt trade."])
    assert ex.attrs["decision"] == pytest.approx(float(fc.estimators_[0].decision(x)[0, 0]))



@pytest.mark.parametrize("alpha", [0, -1.0, "1", True, float("nan")])
def test_a_bad_nb_alpha_is_named(data, alpha):
    with pytest.raises(StancemapError, match=r"nb_alpha .* a number > 0 .* got"):
        FrameClassifier(labels=["money"], nb_alpha=alpha).fit(data["text"].tolist(), [[0]] * (len(data) - 1) + [[1]])

"""Training the default model: constructed examples + the real train part, its fingerprint,
the target-aware block, ``none`` weights, and what happens without the data directory."""
from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stancemap import training
from stancemap.codebook import load_codebook
from stancemap.errors import StancemapError, StancemapWarning
from stancemap.modelfile import StanceMapModel

FIXTURES = Path(__file__).parent / "fixtures" / "models"


@pytest.fixture(scope="module")
def fx():
    cb = load_codebook(FIXTURES / "codebook.yaml")
    data = pd.read_csv(FIXTURES / "training.csv", dtype=str, keep_default_na=False)
    return data, cb


def test_target_block_is_registered_and_params_accept_it(fx):
    from stancemap.estimators import EXTRA_BLOCKS

    data, cb = fx
    assert EXTRA_BLOCKS["target"][0] == "stancemap.target_features:target_features"
    frame_kw, stance_kw = training.estimator_params({"extra": "target", "extra_weight": 0.1,
                                                     "none_weight": {"aid": 2.0}}, cb)
    assert not set(training.TRAINING_KEYS) & (set(frame_kw) | set(stance_kw))
    with pytest.raises(StancemapError, match=r"Target in none_weight 'aide' not found"):
        training.estimator_params({"none_weight": {"aide": 2.0}}, cb)
    with pytest.raises(StancemapError, match=r"Extra feature block 'targt' not found"):
        training.estimator_params({"extra": "targt"}, cb)


def test_target_block_weight_none_weight_save_and_explain(fx, tmp_path):
    """The block is scaled by extra_weight; none_weight shifts probabilities toward none (label and
    probability agree); both survive save/load; explain shows the target features (kind extra)."""
    from stancemap.explanations import explain

    data, cb = fx
    base = training.train_model(data, cb, params={"extra": "target", "extra_weight": 0.5})
    heavy = training.train_model(data, cb, params={"extra": "target", "extra_weight": 0.5, "none_weight": 5.0})
    texts = data["text"].tolist()
    clf = base.stance["aid"]
    assert clf.extra_.weight == 0.5
    X = clf.transform(texts[:3]).toarray()
    raw = clf.extra_.__class__(clf.extra_.name, "aid", cb).transform(texts[:3]).toarray()
    np.testing.assert_allclose(X[:, -raw.shape[1]:], 0.5 * raw)
    pb, ph = base.predict(texts), heavy.predict(texts)
    assert (ph["stance_aid"] == "none").sum() >= (pb["stance_aid"] == "none").sum()
    P = heavy.stance["aid"].predict_proba(texts)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    assert list(heavy.stance["aid"].classes_[P.argmax(axis=1)]) == list(ph["stance_aid"])
    heavy.save(tmp_path / "m")
    back = StanceMapModel.load(tmp_path / "m")
    pd.testing.assert_frame_equal(back.predict(texts), ph)
    assert back.stance["aid"].extra_.weight == 0.5
    text = "We will not stop the League aid."
    ex = explain(text, back, target="aid")
    extra = ex[ex["kind"] == "extra"]
    assert len(extra) and extra["feature"].str.startswith("tf__").all()
    assert "tf__mention" in set(extra["feature"])
    only = explain(text, back, target="aid", kind="extra")
    assert len(only) and set(only["kind"]) == {"extra"}


def test_crossval_uses_the_extra_block(fx, monkeypatch):
    """cross_validate used to drop params["extra"]: it now trains with the block."""
    from stancemap import crossval, estimators

    data, cb = fx
    calls = []
    real = estimators.ExtraBlock.transform
    monkeypatch.setattr(estimators.ExtraBlock, "transform", lambda self, texts: calls.append(self.target)
                        or real(self, texts))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        crossval.cross_validate(data, cb, folds=2, params={"extra": "target"})
    assert set(calls) == set(cb.targets)


def test_grouped_oof_keeps_documents_together_and_always_trains_on_the_unscored(fx):
    from stancemap.crossval import grouped_oof, oof_labels

    data, cb = fx
    data = data.reset_index(drop=True)
    scored = np.arange(len(data)) % 2 == 0
    groups = np.arange(len(data)) // 4
    oof = grouped_oof(data, cb, scored=scored, groups=groups, strata=np.zeros(len(data), int), folds=2)
    assert list(oof.index) == list(np.flatnonzero(scored))
    folds = pd.Series(oof["fold"].to_numpy(), index=groups[scored])
    assert folds.groupby(level=0).nunique().max() == 1  # one document, one fold
    lab = oof_labels(oof, cb, 0.3)
    assert set(lab.columns) == {*(f"frame_{k}" for k in cb.frames), *(f"stance_{t}" for t in cb.targets)}
    # the probability columns are model_probabilities' (frames, then each target's labels), after fold
    assert list(oof.columns)[0] == "fold" and list(oof.columns)[1:] == [
        *(f"frame_{k}" for k in cb.frames), *(c for c in oof.columns if c.startswith("p_"))]
    for t in cb.targets:
        cols = [c for c in oof.columns if c.startswith(f"p_{t}_")]
        assert np.allclose(oof[cols].sum(axis=1), 1.0), t


def test_fingerprint_covers_the_real_labels_file_without_reading_the_datasets(tmp_path, monkeypatch):
    """A changed labels.csv changes the default model's fingerprint; no data directory is needed."""
    from stancemap import paths
    from stancemap.datasets import labelrefs

    monkeypatch.setenv("STANCEMAP_DATA", str(tmp_path / "no-such-folder"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = training.bundled_fingerprint()
        copy = tmp_path / "labels.csv"
        shutil.copy(labelrefs.labels_path(), copy)
        copy.write_bytes(copy.read_bytes() + b"\n")
        monkeypatch.setattr(paths, "real_labels_file", lambda: copy)
        assert labelrefs.labels_path() == copy
        b = training.bundled_fingerprint()
        c = training.bundled_fingerprint(real=False)
    assert a != b and c not in (a, b)
    assert training.bundled_sources()["real_labels_sha256"] == training.real_labels_sha256(copy)


def test_without_the_data_directory_training_data_error_names_stancemap_data(tmp_path, monkeypatch):
    monkeypatch.setenv("STANCEMAP_DATA", str(tmp_path / "no-such-folder"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(StancemapError, match="STANCEMAP_DATA"):
            training.bundled_training(real=True)


def test_make_model_without_data_fails_naming_stancemap_data(tmp_path, monkeypatch, capfd):
    from stancemap.cli import main

    monkeypatch.setenv("STANCEMAP_DATA", str(tmp_path / "no-such-folder"))
    assert main(["model", "build", "--out", str(tmp_path / "m")]) != 0   # in a process with pinned numerics
    assert "STANCEMAP_DATA" in capfd.readouterr().err
    assert not (tmp_path / "m" / "model.json").exists()


@pytest.mark.slow
def test_default_model_without_data_warns_and_trains_on_constructed_only(tmp_path, monkeypatch):
    from stancemap import modelstore

    monkeypatch.setenv("STANCEMAP_DATA", str(tmp_path / "no-such-folder"))
    monkeypatch.setenv("STANCEMAP_MODELS", str(tmp_path / "models"))  # no shipped model
    monkeypatch.setenv("STANCEMAP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(modelstore, "_DEFAULT", {})
    with pytest.warns(StancemapWarning, match="constructed examples ONLY"):
        m = modelstore.default_model()
    assert set(m.metadata["origin_counts"]) == {"constructed"}
    assert m.metadata["data_fingerprint"] == training.bundled_fingerprint(real=False)
    assert m.stance["sanctions"].extra_ is not None


def _part_size(parts: str) -> int:
    import pandas as pd

    from stancemap.datasets.labelrefs import labels_path

    split = pd.read_csv(labels_path(), dtype=str, keep_default_na=False)["split"]
    return int(split.isin(parts.split("+")).sum())


#: every row of the parts of corpora/real-labels the default model learns from (read from labels.csv)
N_REAL_TRAIN = _part_size(training.REAL_PART)


@pytest.mark.slow
@pytest.mark.data
def test_bundled_training_adds_the_real_train_and_dev_parts(datasets_dir, monkeypatch):
    """The default model learns from train + dev (never test); the settings are tuned on train alone."""
    monkeypatch.setenv("STANCEMAP_DATA", str(datasets_dir))
    assert training.REAL_PART == "train+dev" and training.TUNING_PART == "train"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data, cb = training.bundled_training(real=True)
        tuning, _ = training.bundled_training(real=True, part=training.TUNING_PART)
    real = data[data["origin"] == "real"]
    assert len(real) == N_REAL_TRAIN and (data["origin"] == "constructed").sum() > 1000
    assert (tuning["origin"] == "real").sum() == _part_size("train") < N_REAL_TRAIN
    from stancemap.datasets.labelrefs import labels_path

    test_ids = set(pd.read_csv(labels_path(), dtype=str, keep_default_na=False).query("split == 'test'")["ref_id"])
    assert not test_ids & set(real["ref_id"])
    assert real["group"].str.count(r"\|").eq(2).all() and (real["group"] != "").all()
    # the four sides, and people outside the registry (real-labels rounds 26-27: a governor's turn stored as Putin's)
    assert set(real["actor"]) == {"us", "europe", "russia", "ukraine", "unattributed"}


@pytest.mark.slow
@pytest.mark.data
def test_build_is_byte_identical_and_matches_the_fingerprint(datasets_dir, tmp_path):
    """A build from the repository and the data directory gives the shipped model's bytes (so two
    builds agree), and the fingerprint default_model() checks (without reading the datasets) is
    the one recorded."""
    import hashlib
    import json
    import os
    import subprocess
    import sys

    from stancemap.build import pinned_numerics
    from stancemap.modelstore import repo_models_dir

    # the build's last digits moved with the machine and the number of threads: it runs as `stancemap model
    # build` does, in a process with pinned numerics (stop 44: CI on another machine got other bytes)
    d = tmp_path / "a"
    code = "import sys, warnings; warnings.simplefilter('ignore'); from stancemap.build import build_default_model; " \
           "build_default_model(sys.argv[1], cv=None)"
    env = {**os.environ, "STANCEMAP_DATA": str(datasets_dir), **pinned_numerics()}
    r = subprocess.run([sys.executable, "-c", code, str(d)], env=env, capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stderr[-3000:]
    digest = hashlib.sha256((d / "model.npz").read_bytes()).hexdigest()
    shipped = hashlib.sha256((repo_models_dir() / "default" / "model.npz").read_bytes()).hexdigest()
    assert digest == shipped, "models/default is stale or the build is not deterministic: run `make model`"
    meta = json.loads((tmp_path / "a" / "model.json").read_text(encoding="utf-8"))["metadata"]
    assert meta["data_fingerprint"] == training.bundled_fingerprint()
    assert meta["origin_counts"] == {"constructed": meta["n_examples"] - N_REAL_TRAIN, "real": N_REAL_TRAIN}


def test_real_weight_repeats_real_rows_in_training_only(fx):
    """real_weight k: rows of origin 'real' count k times; features and reported counts see each row once."""
    data, cb = fx
    marked = data.assign(origin=["real" if i % 3 == 0 else "constructed" for i in range(len(data))])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        once = training.train_model(marked, cb)
        twice = training.train_model(marked, cb, params={"real_weight": 2})
        same = training.train_model(data, cb, params={"real_weight": 2})  # no origin column: nothing repeated
    n_real = int((marked["origin"] == "real").sum())
    assert twice.metadata["n_examples"] == once.metadata["n_examples"] == len(data)
    assert twice.metadata["stance_counts"] == once.metadata["stance_counts"]
    assert sum(twice.frames.label_counts_.values()) > sum(once.frames.label_counts_.values())
    assert sum(twice.stance["aid"].class_counts_.values()) == sum(once.stance["aid"].class_counts_.values()) + sum(
        1 for i in range(len(data)) if i % 3 == 0 and marked["stance_aid"].iloc[i] != "")
    assert n_real and twice.metadata["data_fingerprint"] != once.metadata["data_fingerprint"]
    texts = data["text"].tolist()
    pd.testing.assert_frame_equal(same.predict(texts), training.train_model(data, cb).predict(texts))
    for bad in (0, 1.5, True, "2"):
        with pytest.raises(StancemapError, match="real_weight must be a whole number"):
            training.estimator_params({"real_weight": bad}, cb)


@pytest.mark.data
def test_real_training_parts_are_named_and_checked(datasets_dir):
    cb = load_codebook()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both = training.real_training(cb, datasets_dir, part="train+dev")
        dev = training.real_training(cb, datasets_dir, part="dev")
        with pytest.raises(StancemapError, match=r"'tset' not found\. Valid: dev, test, train\. Did you mean 'test'"):
            training.real_training(cb, datasets_dir, part="train+tset")
    assert len(both) == _part_size("train+dev") and len(dev) == _part_size("dev")
    assert set(dev["ref_id"]) <= set(both["ref_id"])


def test_cue_stance_false_trains_the_stance_classifiers_without_the_cue_block(fx, tmp_path):
    """``cue_stance`` False (shipped since stop 34): every stance classifier weighs the cue columns 0, the
    frames still weigh them; the same model after save/load; cross_validate trains stance the same way."""
    from stancemap.crossval import cross_validate

    data, cb = fx
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = training.train_model(data, cb, params={"extra": "target", "extra_weight": 0.1, "cue_stance": False})
        full = training.train_model(data, cb, params={"extra": "target", "extra_weight": 0.1})
    f = m.shared_features
    cues = slice(f.n_features_out_ - len(f.cue_names_), f.n_features_out_)
    assert f.cue_names_
    for clf, other in zip(m.stance.values(), full.stance.values()):
        assert not np.any(clf.classifier_.coef[:, cues])
        assert np.any(other.classifier_.coef[:, cues])           # with the block they are used
    assert any(np.any(e.coef[:, cues]) for e in m.frames.estimators_ if e is not None)
    texts = data["text"].tolist()
    before = m.predict(texts)
    m.save(tmp_path / "m")
    pd.testing.assert_frame_equal(StanceMapModel.load(tmp_path / "m").predict(texts), before)
    assert m.metadata["params"]["cue_stance"] is False
    assert m.metadata["data_fingerprint"] != full.metadata["data_fingerprint"]
    seen = []
    original = training.StanceClassifier.fit_transformed

    def spy(self, features, Xf, y):
        seen.append(Xf[:, features.n_features_out_ - len(features.cue_names_):features.n_features_out_].nnz)
        return original(self, features, Xf, y)

    with pytest.MonkeyPatch.context() as mp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mp.setattr(training.StanceClassifier, "fit_transformed", spy)
        cross_validate(data, cb, folds=2, params={"cue_stance": False})
    assert seen and not any(seen)


def test_cue_stance_per_target_and_its_checks(fx):
    data, cb = fx
    target = cb.target_keys[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = training.train_model(data, cb, params={"cue_stance": {t: t == target for t in cb.target_keys}})
    f = m.shared_features
    cues = slice(f.n_features_out_ - len(f.cue_names_), f.n_features_out_)
    for t, clf in m.stance.items():
        assert bool(np.any(clf.classifier_.coef[:, cues])) == (t == target), t
    with pytest.raises(StancemapError, match=r"Target in cue_stance 'aide' not found"):
        training.estimator_params({"cue_stance": {"aide": False}}, cb)
    with pytest.raises(StancemapError, match=r"cue_stance must be True, False or \{target: True/False\}, got 'no'"):
        training.estimator_params({"cue_stance": "no"}, cb)


def test_the_shipped_stance_classifiers_weigh_the_cue_block_only_where_chosen():
    from stancemap.modelstore import default_model

    m = default_model()
    f = m.shared_features
    chosen = training.BUNDLED_PARAMS["cue_stance"]
    assert m.metadata["params"]["cue_stance"] == chosen
    cues = slice(f.n_features_out_ - len(f.cue_names_), f.n_features_out_)
    for t, c in m.stance.items():
        assert bool(np.any(c.classifier_.coef[:, cues])) == chosen.get(t, True), t
    assert all(np.any(e.coef[:, cues]) for e in m.frames.estimators_ if e is not None)

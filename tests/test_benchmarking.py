"""The stance benchmark harness fixes of #12 (stancemap.benchmarking): folds grouped by tweet,
one decoding rule for training and test files, per-target models, overlap counts and a plain
TF-IDF + LinearSVC baseline. Fixtures in tests/fixtures/external are constructed text."""
from __future__ import annotations

import importlib.util
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stancemap.benchmarking import (STANCE_GRID, decode_lines_alike, load_decoded_alike, overlap_counts,
                                    stance_benchmark, stance_folds, text_groups, text_key, tfidf_svm_baseline)
from stancemap.readers import RUW_FILES, decode_bytes, load_ruw

ROOT = Path(__file__).resolve().parents[1]
RUW = ROOT / "tests" / "fixtures" / "external" / "ruw"


def quiet(fn, *a, **k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*a, **k)


@pytest.fixture(scope="module")
def ruw():
    return quiet(load_ruw, RUW)


def test_text_key_groups_a_tweet_with_its_retweets_and_copies():
    a = text_key("Glory to the defenders, Ukraine will prevail! https://t.co/xyz")
    assert a == text_key("RT @someone: glory to the defenders — Ukraine will prevail!!")
    assert a != text_key("Glory to the defenders, Ukraine will not prevail!")
    df = pd.DataFrame({"text": ["A b c", "a, b c!", "d e"]})
    assert text_groups(df).tolist() == [0, 0, 1]


def test_grouped_folds_never_split_a_tweet_and_ungrouped_folds_do(ruw):
    train = ruw[ruw["split"] != "test"].reset_index(drop=True)
    groups = text_groups(train)
    for tr, te in stance_folds(train, 2, 0, groups):
        assert not set(groups[tr]) & set(groups[te])
        assert sorted([*tr, *te]) == list(range(len(train)))
    counts = overlap_counts(train, ruw[ruw["split"] == "test"], folds=2)
    # the bug of #12: each two-target tweet is two rows, and plain folds put them on both sides
    assert counts["train_texts_under_several_targets"] > 0
    assert counts["cv_heldout_rows_whose_text_is_in_training_folds_stratified"] > 0
    assert counts["cv_heldout_rows_whose_text_is_in_training_folds_grouped_by_tweet"] == 0


def test_the_default_grid_trains_one_model_per_target():
    assert STANCE_GRID["mode"] == ["per_target"]


def test_lines_are_decoded_by_one_rule_whatever_the_rest_of_the_file_holds():
    gbk = "Ukraine\u2019s army \u2026 holds\n".encode("gbk")
    latin = "Caf\u00e9 in Kyiv reopened\n".encode("latin-1")
    test_file = gbk + latin + gbk  # 2 of 3 legacy lines are GB 18030: the file rule falls back to cp1252
    train_file = gbk * 9 + latin   # 9 of 10: the file rule chooses GB 18030
    old_test, old_train = decode_bytes(test_file)[0], decode_bytes(train_file)[0]
    assert "\u2019" in old_train and "\u2019" not in old_test  # the same bytes, two readings
    new_test, info = decode_lines_alike(test_file)
    new_train, _ = decode_lines_alike(train_file)
    assert new_test.splitlines()[0] == new_train.splitlines()[0] == "Ukraine\u2019s army \u2026 holds"
    assert new_test.splitlines()[1] == "Caf\u00e9 in Kyiv reopened"
    assert info["legacy_lines"] == {"cp1252": 1, "gb18030": 2} and info["lines_read_differently_by_the_file_rule"] == 2
    text, info = decode_lines_alike("plain UTF-8 \u2019\n".encode("utf-8"))
    assert text == "plain UTF-8 \u2019\n" and info["rule"] == "whole file"


def test_load_decoded_alike_reads_the_ruw_fixture_like_the_loader(ruw, tmp_path):
    got = quiet(load_decoded_alike, load_ruw, RUW, list(RUW_FILES.values()))
    pd.testing.assert_frame_equal(got.drop(columns="file"), ruw.drop(columns="file"))
    assert set(got.attrs["decoding"]) == set(RUW_FILES.values())
    assert got.attrs["decoding"]["raw_test_Russia_Ukraine.csv"]["legacy_lines"] == {"gb18030": 3}
    # a missing file is the loader's error, which names it
    shutil.copytree(RUW, tmp_path / "ruw")
    (tmp_path / "ruw" / RUW_FILES["val"]).unlink()
    with pytest.raises(Exception, match="raw_val_Russia_Ukraine.csv"):
        load_decoded_alike(load_ruw, tmp_path / "ruw", list(RUW_FILES.values()))


def test_baseline_and_overlap_are_reported_beside_the_model(ruw):
    train, test = ruw[ruw["split"] != "test"], ruw[ruw["split"] == "test"]
    overall, per, pred = tfidf_svm_baseline(train, test)
    assert len(pred) == len(test) and set(per) == {"Russia", "Ukraine"} and 0 <= overall["macro_f1"] <= 1
    r = quiet(stance_benchmark, train, test, config={"C": 0.3})
    assert r["baseline_tfidf_linear_svc"]["macro_f1"] == overall["macro_f1"]
    assert r["per_target"]["Russia"]["baseline_tfidf_linear_svc"] == per["Russia"]
    assert r["overlap"]["test_rows"] == len(test) and "baseline" in r["seconds"]


def test_real_cv_two_step_predicts_none_unless_a_side_is_taken():
    spec = importlib.util.spec_from_file_location("bench_real_cv", ROOT / "benchmarks" / "stance_real_cv.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    from sklearn.dummy import DummyClassifier

    class Const:
        """A stand-in pipeline: step 1 says 'takes a side' for texts with 'yes'; step 2 says favor."""

        def fit(self, x, y):
            self.binary = set(np.asarray(y).tolist()) <= {0, 1}
            return self

        def predict(self, x):
            if self.binary:
                return np.array([int("yes" in t) for t in x])
            return np.array(["favor"] * len(x), dtype=object)

    got = mod._fit_predict("two_step", Const, ["a", "b", "c"], ["none", "favor", "against"], ["yes x", "no"])
    assert got.tolist() == ["favor", "none"]
    got = mod._fit_predict("text", lambda: DummyClassifier(strategy="most_frequent"), ["a", "b"], ["none", "none"],
                           ["z"])
    assert got.tolist() == ["none"]


def test_stance_real_cv_two_step_combines_the_two_probabilities(tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_real_cv2", ROOT / "benchmarks" / "stance_real_cv.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    got = mod.two_step_labels(np.array([0.6, 0.6, 0.9, 0.2]), np.array([0.9, 0.5, 0.1, 1.0]))
    assert got.tolist() == ["favor", "none", "against", "none"]  # 0.54 > 0.4; 0.3, 0.3 < 0.4; 0.81; 0.8
    # without the data directory: a clear error, exit status 2
    assert mod.main(["--two-step-compare", "--data", str(tmp_path / "absent")]) == 2
    assert "STANCEMAP_DATA" in capsys.readouterr().err


def test_stance_real_cv_round_compare_names_a_missing_round_or_missing_data(tmp_path, capsys, monkeypatch):
    """--round-compare N: without the data directory a clear error (exit 2); an unknown round lists the
    rounds labels.csv holds, before any model is trained."""
    spec = importlib.util.spec_from_file_location("bench_real_cv3", ROOT / "benchmarks" / "stance_real_cv.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--round-compare", "6", "--data", str(tmp_path / "absent")]) == 2
    assert "STANCEMAP_DATA" in capsys.readouterr().err
    data = pd.DataFrame({"ref_id": ["s1", "s2"], "origin": ["real", "real"]})
    monkeypatch.setattr(mod, "_training_and_dev", lambda args: (data, None, data, [], np.array([True, True]), None, data))
    monkeypatch.setattr(mod, "_dev_scores", lambda *a, **k: pytest.fail("trained a model for an unknown round"))
    assert mod.main(["--round-compare", "99"]) == 2
    err = capsys.readouterr().err
    assert "'99' is not in" in err and "rounds: 1, 2, 3, 4, 5, 6" in err and "--round-compare" in err
    assert mod.main(["--round-compare", "6,99"]) == 2  # a list: the round missing is the one named
    assert "'99' is not in" in capsys.readouterr().err


def test_round_compare_cv_keeps_a_held_out_document_out_of_training():
    """--round-compare's CV: a new round's sentence trains a fold only when its document is not held out
    in that fold; constructed rows always train; earlier rows train only in their own training folds."""
    mod = _real_cv_module("bench_real_cv_rounds")
    real = np.array([False, True, True, True, True, True])
    new = np.array([False, False, False, False, True, True])
    groups = np.array(["c", "d1", "d2", "d3", "d1", "d4"], dtype=object)
    old = np.array([1, 2, 3])
    rows = mod.round_fold_rows(real, new, groups, old, tr=np.array([1, 2]), te=np.array([0]))  # d1 held out
    assert rows.tolist() == [0, 2, 3, 5]  # row 4 (new, of d1) stays out; row 5 (new, d4) trains
    rows = mod.round_fold_rows(real, np.zeros_like(new), groups, old, tr=np.array([0, 1]), te=np.array([2]))
    assert rows.tolist() == [0, 1, 2]  # without the new rounds: constructed + the fold's earlier rows


def _real_cv_module(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "stance_real_cv.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_learning_curve_draws_whole_documents_and_extrapolates_a_log_line(tmp_path, capsys):
    """--learning-curve: a share of the documents takes every sentence of each document drawn (the
    same draw for the same seed); the trend is a line in log2(n), and it names no n when it does not rise."""
    mod = _real_cv_module("bench_real_cv_curve")
    groups = np.array(["d1", "d1", "d2", "d3", "d3", "d3", "d4", "d5"], dtype=object)
    got = mod.document_share(groups, 0.4, seed=1)
    drawn = set(groups[got].tolist())
    assert len(drawn) == 2 and got.tolist() == [g in drawn for g in groups]
    assert mod.document_share(groups, 0.4, seed=1).tolist() == got.tolist()
    assert mod.document_share(groups, 0.01, seed=0).sum() >= 1  # at least one document
    # 0.5 at 100, 0.6 at 200, 0.7 at 400: 0.1 per doubling; 0.8 is reached at 800
    trend = mod.log_trend([100, 200, 400], [0.5, 0.6, 0.7], aim=0.8)
    assert trend["per_doubling"] == pytest.approx(0.1) and trend["n_for_aim"] == 800
    assert mod.log_trend([100, 200, 400], [0.6, 0.6, 0.59], aim=0.8)["n_for_aim"] is None
    # without the data directory: a clear error, exit status 2, before any model is trained
    assert mod.main(["--learning-curve", "--data", str(tmp_path / "absent")]) == 2
    assert "STANCEMAP_DATA" in capsys.readouterr().err


def test_per_frame_thresholds_raise_micro_f1_where_one_threshold_cannot(tmp_path, capsys):
    """--frame-thresholds: frame 0 is right above 0.5, frame 1 above 0.2; one threshold gets one of them
    wrong, a threshold each gets both right."""
    mod = _real_cv_module("bench_real_cv_thr")
    gold = np.array([[1, 0], [0, 0], [1, 1], [0, 1]])
    probs = np.array([[0.6, 0.1], [0.3, 0.1], [0.7, 0.25], [0.3, 0.3]])
    thr = mod.per_frame_thresholds(gold, probs, start=0.25)
    assert ((probs >= thr).astype(int) == gold).all()
    assert thr[1] == pytest.approx(0.25)  # already right: the start value is kept
    assert mod.main(["--frame-thresholds", "--data", str(tmp_path / "absent")]) == 2
    assert "STANCEMAP_DATA" in capsys.readouterr().err


def test_cluster_bags_count_words_by_cluster_and_l2_norm_each_row(tmp_path, capsys):
    """--clusters-compare: a sentence's words counted by their cluster (words without one left out),
    each row of unit length; without the data directory a clear error, exit status 2."""
    mod = _real_cv_module("bench_real_cv_clusters")
    clusters = {"sanctions": 0, "embargo": 0, "weapons": 1, "tanks": 1, "peace": 2}
    M = mod.cluster_bag(["Sanctions and an embargo.", "Tanks, weapons, peace!", "Nothing here."], clusters, 3).toarray()
    assert M[0].tolist() == [1.0, 0.0, 0.0]
    assert M[1] == pytest.approx(np.array([0.0, 2.0, 1.0]) / np.sqrt(5))
    assert M[2].tolist() == [0.0, 0.0, 0.0]
    assert mod.main(["--clusters-compare", "--data", str(tmp_path / "absent")]) == 2
    assert "STANCEMAP_DATA" in capsys.readouterr().err


def test_frame_clusters_compare_needs_the_data_directory(tmp_path, capsys):
    """--frame-clusters-compare: without the data directory a clear error, exit status 2, before any work;
    its weights start with 0 (the shipped frames) and its thresholds hold the shipped one."""
    from stancemap.training import BUNDLED_PARAMS

    mod = _real_cv_module("bench_real_cv_frame_clusters")
    assert mod.FRAME_CLUSTER_WEIGHTS[0] == 0.0 and BUNDLED_PARAMS["threshold"] in mod.FRAME_CLUSTER_THRESHOLDS
    assert mod.main(["--frame-clusters-compare", "--data", str(tmp_path / "absent")]) == 2
    assert "STANCEMAP_DATA" in capsys.readouterr().err


def test_stance_real_cv_trains_every_mode_with_the_shipped_word_clusters():
    """Since the shipped settings ask for word clusters (``cluster_weight``), --grid, --compare,
    --extra-compare and the other modes that train with them failed ("The parameters ask for word
    clusters … but none were given", 5 Dec 2026): every training call now passes the pinned table."""
    import ast

    from stancemap.training import BUNDLED_PARAMS, bundled_clusters

    mod = _real_cv_module("bench_real_cv_clusters")
    assert BUNDLED_PARAMS.get("cluster_weight")
    got, pinned = mod._clusters_for(BUNDLED_PARAMS), bundled_clusters()
    assert np.array_equal(got.columns, pinned.columns) and np.array_equal(got.ids, pinned.ids)
    assert mod._clusters_for({**BUNDLED_PARAMS, "cluster_weight": 0}) is None
    tree = ast.parse((ROOT / "benchmarks" / "stance_real_cv.py").read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") in
             ("grouped_oof", "train_model")]
    assert len(calls) >= 8
    assert all("clusters" in {k.arg for k in c.keywords} for c in calls), [c.lineno for c in calls]


def test_none_weights_are_chosen_per_target_on_out_of_fold_f_avg(tmp_path, capsys):
    """--none-weights: a target whose `favor` rows carry P(favor) 0.4 against P(none) 0.6 needs a none weight
    below 2/3 to be read; the weight chosen is the best one, nearest 1 among ties; the shipped weights are
    in the grid's range; without the data directory a clear error, exit status 2, before any model is trained."""
    import pandas as pd
    from stancemap.codebook import load_codebook

    mod = _real_cv_module("bench_real_cv_none_weights")
    cb = load_codebook()
    n = 6
    gold = pd.DataFrame({"actor": ["us"] * n, **{f"frame_{k}": [0] * n for k in cb.frame_keys},
                         **{f"stance_{t}": ["favor", "favor", "against", "none", "none", "none"]
                            for t in cb.target_keys}})
    oof = {f"frame_{k}": [0.0] * n for k in cb.frame_keys}
    for t in cb.target_keys:
        oof[f"p_{t}_favor"] = [0.4, 0.4, 0.0, 0.0, 0.0, 0.0]
        oof[f"p_{t}_against"] = [0.0, 0.0, 0.7, 0.0, 0.0, 0.0]
        oof[f"p_{t}_none"] = [0.6, 0.6, 0.3, 1.0, 1.0, 1.0]
    chosen, table = mod.choose_none_weights(gold, pd.DataFrame(oof), cb)
    for t in cb.target_keys:
        assert chosen[t] == 0.6  # 0.4, 0.5 and 0.6 all read both favor rows: 0.6 is nearest 1
        assert table[t]["1.0"] < table[t]["0.6"] == 1.0
    from stancemap.training import BUNDLED_PARAMS
    assert all(min(mod.FINE_NONE_WEIGHTS) <= w <= max(mod.FINE_NONE_WEIGHTS)
               for w in BUNDLED_PARAMS["none_weight"].values())
    assert mod.main(["--none-weights", "--data", str(tmp_path / "absent")]) == 2
    assert "STANCEMAP_DATA" in capsys.readouterr().err


def test_c_compare_names_a_bad_value_and_needs_the_data(tmp_path, capsys):
    """--c-compare: a value that is not a number gets a clear error naming it and the fix (exit 2), and without
    the data directory the error names STANCEMAP_DATA, both before any model is trained."""
    mod = _real_cv_module("bench_real_cv_c_compare")
    assert mod.main(["--c-compare", "0.5,big", "--data", str(tmp_path / "absent")]) == 2
    err = capsys.readouterr().err
    assert "'0.5,big'" in err and "--c-compare 0.125,0.5" in err
    assert mod.main(["--c-compare", "0.5", "--data", str(tmp_path / "absent")]) == 2
    assert "STANCEMAP_DATA" in capsys.readouterr().err

"""sample / agreement / evaluate / cross_validate, checked against hand computations."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stancemap.codebook import load_codebook, load_training
from stancemap.errors import StancemapError
from stancemap.training import train_model
from stancemap.validate import (agreement, compare_labels, cross_validate, evaluate, lexicon_baseline, sample,
                                seed_gold)

FIXTURES = Path(__file__).parent / "fixtures" / "models"


@pytest.fixture(scope="module")
def cb():
    return load_codebook(FIXTURES / "codebook.yaml")


@pytest.fixture(scope="module")
def data(cb):
    return load_training(FIXTURES / "training.csv", codebook=cb)


@pytest.fixture
def statements():
    actors = ["north"] * 12 + ["south"] * 6 + ["unattributed"] * 2
    return pd.DataFrame({"statement_id": [f"s{i:02d}" for i in range(20)], "actor": actors,
                         "text": [f"statement {i}" for i in range(20)], "frame_talks": 0.9})


# ---------------------------------------------------------------- sample

def test_sample_is_stratified_seeded_and_blank(cb, statements):
    s = sample(statements, n=10, by="actor", seed=1, codebook=cb)
    assert len(s) == 10 and s["statement_id"].is_unique
    assert s["actor"].value_counts().to_dict() == {"north": 6, "south": 3, "unattributed": 1}
    assert list(s.columns) == ["statement_id", "actor", "text", "frame_talks", "frame_fighting", "frame_money",
                               "stance_truce", "stance_aid", "coder", "note"]
    assert (s[["frame_talks", "stance_aid", "coder"]] == "").all().all()  # model scores are not shown
    pd.testing.assert_frame_equal(s, sample(statements, n=10, by="actor", seed=1, codebook=cb))
    assert set(s["statement_id"]) != set(sample(statements, n=10, by="actor", seed=2, codebook=cb)["statement_id"])
    # every stratum gets at least one place when n allows
    assert set(sample(statements, n=3, by="actor", codebook=cb)["actor"]) == {"north", "south", "unattributed"}


def test_sample_without_ids_and_too_large(cb):
    df = pd.DataFrame({"text": ["a", "b", "c"]}, index=[5, 6, 7])
    with pytest.warns(UserWarning, match="Asked for 9 statements but the table has 3"):
        s = sample(df, n=9, codebook=cb)
    assert sorted(s["unit_id"]) == ["5", "6", "7"]
    with pytest.raises(StancemapError, match=r"missing column\(s\) 'actr'.*Did you mean 'actor'"):
        sample(pd.DataFrame({"text": ["a"], "actor": ["x"]}), n=1, by="actr", codebook=cb)


# ---------------------------------------------------------------- agreement

def _coder(values, name=None):
    df = pd.DataFrame({"statement_id": ["u1", "u2", "u3", "u4", "u5"],
                       "frame_talks": values, "stance_truce": ["favor", "none", "against", "none", "none"]})
    if name:
        df["coder"] = name
    return df


def test_alpha_matches_hand_computation(cb):
    # frame_talks, units u1..u5: coder A = 0 0 1 1 (blank row u5), coder B = 0 1 1 1 0.
    # Pairable values: u1 (0,0), u2 (0,1), u3 (1,1), u4 (1,1) → n = 8, n0 = 3, n1 = 5.
    # Observed disagreement D_o = (o01 + o10) / n = 2/8; expected D_e = 2·n0·n1 / (n(n−1)) = 30/56.
    # alpha = 1 − D_o/D_e = 1 − (2/8)/(30/56) = 0.5333…
    a = _coder([0, 0, 1, 1, ""])
    a.loc[4, "stance_truce"] = ""  # u5 not coded at all by A
    b = _coder([0, 1, 1, 1, 0])
    out = agreement([a, b], cb, names=["A", "B"]).set_index("label")
    assert out.loc["frame_talks", "alpha"] == pytest.approx(1 - (2 / 8) / (30 / 56))
    assert out.loc["frame_talks", "n_units"] == 4 and out.loc["frame_talks", "n_values"] == 8
    assert out.loc["frame_talks", "agreement"] == pytest.approx(3 / 4)
    # identical stance codes: perfect agreement
    assert out.loc["stance_truce", "alpha"] == pytest.approx(1.0)
    # frame_money is 0 everywhere: alpha undefined, said so
    assert np.isnan(out.loc["frame_money", "alpha"]) and "no variation" in out.loc["frame_money", "note"]
    assert list(out.columns) == ["kind", "alpha", "n_units", "n_coders", "n_values", "agreement", "note"]


def test_alpha_three_coders_nominal_stance(cb):
    # stance_truce over 3 units, 3 coders: u1 (favor, favor, favor), u2 (none, none, against),
    # u3 (against, against, against). Values: favor 3, none 2, against 4 → n = 9.
    # Coincidences: u2 has pairs none-none 2, none-against 2, against-none 2 (each weighted 1/(3−1)):
    # o(none,against) = o(against,none) = 2·1/2 = 1. D_o = 2/9.
    # D_e = (2·3·2 + 2·3·4 + 2·2·4) / (9·8) = (12 + 24 + 16)/72 = 52/72.
    base = pd.DataFrame({"statement_id": ["u1", "u2", "u3"], "frame_talks": [1, 0, 1]})
    coders = [base.assign(stance_truce=v) for v in (["favor", "none", "against"], ["favor", "none", "against"],
                                                     ["favor", "against", "against"])]
    out = agreement(coders, cb).set_index("label")
    assert out.loc["stance_truce", "alpha"] == pytest.approx(1 - (2 / 9) / (52 / 72))
    assert out.loc["stance_truce", "n_coders"] == 3


def test_agreement_errors(cb):
    with pytest.raises(StancemapError, match="at least two coders"):
        agreement([_coder([0, 1, 0, 1, 0])], cb)
    bad = _coder([0, 1, 0, 1, 0])
    bad.loc[0, "stance_truce"] = "pro"
    with pytest.raises(StancemapError, match=r"'pro' not found. Valid: favor, against, none"):
        agreement([_coder([0, 1, 0, 1, 0]), bad], cb)
    dup = pd.concat([_coder([0, 1, 0, 1, 0], "ann"), _coder([0, 1, 0, 1, 0], "ann")])
    with pytest.raises(StancemapError, match="Coder 'ann' labelled unit 'u1' more than once"):
        agreement([dup], cb)
    with pytest.raises(StancemapError, match="share no unit id column"):
        agreement([pd.DataFrame({"x": [1]}), pd.DataFrame({"x": [1]})], cb)
    with pytest.raises(StancemapError, match="'2' in column 'frame_talks'"):
        agreement([_coder([0, 1, 0, 1, 0]), _coder([0, 2, 0, 1, 0])], cb)


def test_one_long_table_with_a_coder_column(cb):
    long = pd.concat([_coder([0, 1, 0, 1, 0], "ann"), _coder([0, 1, 0, 1, 1], "bo")])
    out = agreement(long, cb).set_index("label")
    assert out.loc["frame_talks", "n_coders"] == 2 and out.loc["frame_talks", "n_units"] == 5


# ---------------------------------------------------------------- evaluate

def test_metrics_match_a_hand_computed_confusion_matrix(cb):
    gold = pd.DataFrame({"frames": ["talks", "talks", "money", "", "talks;money"],
                         "stance_truce": ["favor", "favor", "against", "none", "none"],
                         "stance_aid": ["none", "none", "none", "none", ""]})
    pred = pd.DataFrame({"frames": ["talks", "", "money;talks", "money", "talks"],
                         "stance_truce": ["favor", "none", "against", "against", "none"],
                         "stance_aid": ["none", "none", "favor", "none", "none"]})
    ev = compare_labels(gold, pred, cb)
    conf = ev.confusion[ev.confusion.task == "truce"].pivot(index="gold", columns="predicted", values="n")
    #             predicted: against favor none
    assert conf.loc["favor"].to_dict() == {"against": 0, "favor": 1, "none": 1}
    assert conf.loc["against"].to_dict() == {"against": 1, "favor": 0, "none": 0}
    assert conf.loc["none"].to_dict() == {"against": 1, "favor": 0, "none": 1}
    pc = ev.per_class.set_index(["task", "label"])
    # favor: tp 1, fp 0, fn 1 → P 1, R 0.5, F1 2/3; against: tp 1, fp 1, fn 0 → P .5, R 1, F1 2/3;
    # none: tp 1, fp 1, fn 1 → 0.5 / 0.5 / 0.5
    assert pc.loc[("truce", "favor"), ["precision", "recall", "f1"]].tolist() == pytest.approx([1, .5, 2 / 3])
    assert pc.loc[("truce", "against"), ["precision", "recall", "f1"]].tolist() == pytest.approx([.5, 1, 2 / 3])
    summ = ev.summary.set_index("task")
    assert summ.loc["truce", "macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + .5) / 3)
    assert summ.loc["truce", "f_avg"] == pytest.approx(2 / 3)
    assert summ.loc["truce", "accuracy"] == pytest.approx(3 / 5)
    # aid: the uncoded row is not scored; 'against' never occurs nor is predicted → NaN, not in the average
    assert summ.loc["aid", "n"] == 4
    assert np.isnan(pc.loc[("aid", "against"), "f1"])
    assert summ.loc["aid", "macro_f1"] == pytest.approx((0 + 2 * 3 / 4 / (1 + 3 / 4)) / 2)
    # frames: talks tp 2 (rows 0, 4), fp 1 (row 2), fn 1 (row 1); money tp 1 (row 2), fp 1 (row 3), fn 1 (row 4)
    assert pc.loc[("frames", "talks"), ["precision", "recall"]].tolist() == pytest.approx([2 / 3, 2 / 3])
    assert pc.loc[("frames", "money"), ["precision", "recall"]].tolist() == pytest.approx([.5, .5])
    assert np.isnan(pc.loc[("frames", "fighting"), "f1"])
    assert summ.loc["frames", "micro_f1"] == pytest.approx(2 * 3 / (2 * 3 + 2 + 2))  # tp 3, fp 2, fn 2
    assert summ.loc["frames", "macro_f1"] == pytest.approx((2 / 3 + .5) / 2)
    talks = ev.confusion[(ev.confusion.task == "frames") & ev.confusion.gold.str.startswith("talks")]
    assert talks.set_index(["gold", "predicted"])["n"].to_dict() == {
        ("talks:yes", "talks:yes"): 2, ("talks:yes", "talks:no"): 1,
        ("talks:no", "talks:yes"): 1, ("talks:no", "talks:no"): 1}


def test_evaluate_a_model_on_labels(cb, data):
    model = train_model(data, cb)
    ev = evaluate(data, model, cb)
    pred = model.predict(data["text"])
    gold, got = data["stance_aid"].to_numpy(), pred["stance_aid"].to_numpy()
    truce = ev.confusion[ev.confusion.task == "aid"].set_index(["gold", "predicted"])["n"]
    for g in ("favor", "against", "none"):
        for p in ("favor", "against", "none"):
            assert truce[(g, p)] == int(((gold == g) & (got == p)).sum())
    assert set(ev.summary["task"]) == {"frames", "truce", "aid"}
    d = ev.to_dict()
    assert d["summary"][0]["task"] == "frames" and type(ev).from_dict(d).summary.shape == ev.summary.shape


def test_evaluate_skips_uncoded_rows(cb, data):
    model = train_model(data, cb)
    labels = pd.DataFrame({"text": ["We accept the truce.", "Unrelated."], "frame_talks": ["1", ""],
                           "frame_fighting": ["", ""], "frame_money": ["", ""],
                           "stance_truce": ["favor", ""], "stance_aid": ["none", ""]})
    with pytest.warns(UserWarning, match="1 of 2 rows of the labels table have no label"):
        ev = evaluate(labels, model, cb)
    assert ev.summary["n"].tolist() == [1, 1, 1]


def test_lexicon_baseline_runs_on_labels(cb, data):
    ev = lexicon_baseline(data, cb)
    assert 0 < ev.macro_f1("frames") <= 1 and list(ev.summary["task"]) == ["frames"]


# ---------------------------------------------------------------- cross-validation

def test_cross_validate_is_seeded(cb, data):
    a, pa = cross_validate(data, cb, folds=3, with_predictions=True)
    b = cross_validate(data, cb, folds=3)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    assert len(pa) == len(data) and set(pa["stance_truce"]) <= {"favor", "against", "none"}
    assert a.summary.set_index("task").loc["frames", "n"] == len(data)


def test_too_few_examples_to_cross_validate(cb, data):
    with pytest.raises(StancemapError, match=r"10-fold cross-validation needs at least 10 examples of every label"):
        cross_validate(data, cb, folds=10)
    with pytest.raises(StancemapError, match="folds must be a whole number"):
        cross_validate(data, cb, folds=1)


def test_seed_gold_is_joined_to_text():
    gold = seed_gold()
    if gold is None:
        pytest.skip("seed gold labels not present yet")
    assert gold["text"].str.len().gt(0).all() and gold["gold_id"].is_unique
    assert {"frames", "stance_full_ceasefire"} <= set(gold.columns)

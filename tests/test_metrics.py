"""stancemap.metrics: one precision/recall/F1 and one F_avg, with their zero-division rule."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import f1_score, precision_score, recall_score

from stancemap.benchmarking import semeval_f_avg
from stancemap.errors import StancemapError
from stancemap.evaluate import frame_metrics, stance_metrics
from stancemap.span_matching import precision_recall
from stancemap.metrics import (ZERO_DIVISION, accuracy, binary_scores, confusion_counts, f_avg, harmonic_f1,
                               label_scores, macro_f1, micro_scores, ratio)

LABELS = ["favor", "against", "none"]
labels = st.lists(st.sampled_from(LABELS), min_size=1, max_size=40)


def test_zero_division_is_zero_and_undefined_labels_are_nan():
    s = label_scores(["favor", "none", "none"], ["none", "none", "against"], LABELS).set_index("label")
    # favor: in gold, never predicted → P 0 (0/0), R 0, F1 0
    assert s.loc["favor", ["precision", "recall", "f1"]].tolist() == [ZERO_DIVISION] * 3
    # against: predicted, never in gold → R 0 (0/0), P 0, F1 0
    assert s.loc["against", ["precision", "recall", "f1"]].tolist() == [0.0, 0.0, 0.0]
    assert s.loc["none", "support"] == 2 and s.loc["none", "predicted"] == 2
    u = label_scores(["none", "none"], ["none", "favor"], LABELS).set_index("label")
    assert u.loc["against", ["precision", "recall", "f1"]].isna().all()  # neither in gold nor predicted
    assert u.loc["against", "support"] == 0 and u.loc["against", "predicted"] == 0
    assert macro_f1(u["f1"]) == pytest.approx(np.mean([0.0, 2 / 3]))  # against left out


def test_f_avg_is_the_mean_of_favor_and_against_and_leaves_out_undefined():
    gold = ["favor", "favor", "against", "none"]
    pred = ["favor", "none", "against", "against"]
    assert f_avg(gold, pred) == pytest.approx((2 / 3 + 2 / 3) / 2)
    assert f_avg(["favor", "none"], ["favor", "none"]) == 1.0  # against undefined: not counted as 0
    assert np.isnan(f_avg(["none"], ["none"]))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_scores_match_scikit_learn(data):
    gold = data.draw(labels)
    pred = data.draw(st.lists(st.sampled_from(LABELS), min_size=len(gold), max_size=len(gold)))
    s = label_scores(gold, pred, LABELS)
    kw = dict(labels=LABELS, average=None, zero_division=0.0)
    defined = ((s["support"] + s["predicted"]) > 0).to_numpy()
    assert np.allclose(s["precision"][defined], precision_score(gold, pred, **kw)[defined], rtol=0, atol=1e-12)
    assert np.allclose(s["recall"][defined], recall_score(gold, pred, **kw)[defined], rtol=0, atol=1e-12)
    assert np.allclose(s["f1"][defined], f1_score(gold, pred, **kw)[defined], rtol=0, atol=1e-12)
    # one F_avg: the benchmark harness and the evaluation tables give the same number
    a = semeval_f_avg(gold, pred)["f_avg"]
    b = stance_metrics("t", gold, pred, LABELS)[2]["f_avg"]
    assert (np.isnan(a) and np.isnan(b)) or a == b == f_avg(gold, pred)


def test_binary_micro_accuracy_and_confusion():
    row, (tp, fn, fp, tn) = binary_scores([1, 1, 0, 0, 1], [1, 0, 1, 0, 1])
    assert (tp, fn, fp, tn) == (2, 1, 1, 1)
    assert row["precision"] == pytest.approx(2 / 3) and row["recall"] == pytest.approx(2 / 3)
    G = np.array([[1, 0], [1, 1], [0, 0]])
    P = np.array([[1, 1], [0, 1], [0, 0]])
    p, r, f = micro_scores(G, P)
    assert (p, r) == (2 / 3, 2 / 3) and f == pytest.approx(2 / 3)
    assert micro_scores(np.zeros((0, 2)), np.zeros((0, 2))) == (0.0, 0.0, 0.0)
    assert accuracy(["a", "b"], ["a", "a"]) == 0.5 and np.isnan(accuracy([], []))
    assert confusion_counts(["favor", "none"], ["none", "none"], ["favor", "none"]).tolist() == [[0, 1], [0, 1]]
    assert confusion_counts(["x"], ["x"], ["favor", "none"]).tolist() == [[0, 0], [0, 0]]


def test_helpers_and_errors():
    assert ratio(1, 0) == ZERO_DIVISION and ratio(1, 4) == 0.25
    assert harmonic_f1(0.0, 0.0) == ZERO_DIVISION and harmonic_f1(0.5, 1.0) == pytest.approx(2 / 3)
    with pytest.raises(StancemapError, match="must pair up"):
        label_scores(["favor"], [], LABELS)
    assert label_scores([], [], ["favor"])["f1"].isna().all()


def test_every_caller_uses_the_same_rule():
    gold = pd.DataFrame({"frame_a": [1, 0, 0], "frame_b": [0, 0, 0]})
    pred = pd.DataFrame({"frame_a": [1, 1, 0], "frame_b": [0, 0, 0]})
    per, _, summary = frame_metrics(gold, pred, ["a", "b"])
    assert np.isnan(per[1][4]) and summary["macro_f1"] == pytest.approx(2 / 3)  # b undefined: left out
    spans_p = pd.DataFrame({"doc_id": ["d"], "char_start": [0], "char_end": [10]})
    spans_g = pd.DataFrame({"doc_id": ["d", "d"], "char_start": [0, 50], "char_end": [10, 60]})
    pr = precision_recall(spans_p, spans_g)
    assert pr["f1"] == harmonic_f1(pr["precision"], pr["recall"]) == pytest.approx(2 / 3)

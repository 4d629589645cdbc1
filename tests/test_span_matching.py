"""Span matching: lenient overlap, and the one-to-one pairing the attribution benchmarks use."""
from __future__ import annotations

import pandas as pd

from stancemap.span_matching import match_one_to_one, match_spans, overlap_ratio


def _spans(rows):
    return pd.DataFrame(rows, columns=["doc_id", "char_start", "char_end"])


def test_overlap_is_measured_on_the_shorter_span():
    assert overlap_ratio((0, 10), (5, 30)) == 0.5
    assert overlap_ratio((0, 10), (10, 20)) == 0.0


def test_one_prediction_over_three_gold_sentences_counts_once():
    gold = _spans([("d", 0, 40), ("d", 41, 80), ("d", 81, 120)])
    pred = _spans([("d", 0, 120)])
    assert len(match_spans(pred, gold)) == 3             # lenient: all three overlap
    pairs = match_one_to_one(pred, gold)
    assert len(pairs) == 1 and pairs.loc[0, "pred_index"] == 0


def test_the_largest_overlap_wins_and_each_side_is_used_once():
    gold = _spans([("d", 0, 50), ("d", 50, 100)])
    pred = _spans([("d", 10, 60), ("d", 45, 100), ("e", 0, 50)])
    pairs = match_one_to_one(pred, gold)
    assert pairs[["pred_index", "gold_index"]].values.tolist() == [[0, 0], [1, 1]]   # other doc never pairs


def test_no_overlap_gives_an_empty_table():
    assert match_one_to_one(_spans([("d", 0, 5)]), _spans([("d", 10, 20)])).empty

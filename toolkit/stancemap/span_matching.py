"""Span matching for evaluating statement extraction against gold annotations.

A predicted statement matches a gold one when their character spans overlap by
at least ``min_overlap`` of the shorter span (the lenient overlap criterion
used for quote extraction, e.g. Pareti 2016 on PARC 3.0).
"""
from __future__ import annotations

import pandas as pd

from .metrics import harmonic_f1, ratio
from .schema import require_columns


def overlap_ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Characters shared by spans ``a`` and ``b`` over the length of the shorter one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    if inter <= 0 or shorter <= 0:
        return 0.0
    return inter / shorter


def match_spans(pred: pd.DataFrame, gold: pd.DataFrame, *, min_overlap: float = 0.5,
                by: tuple[str, ...] = ("doc_id",)) -> pd.DataFrame:
    """All (pred, gold) pairs in the same ``by`` group whose spans overlap enough.

    Both tables need ``char_start``, ``char_end`` and the ``by`` columns. Returns
    columns ``pred_index, gold_index, overlap``, sorted; a prediction may match
    several gold statements (and vice versa).
    """
    cols = ["char_start", "char_end", *by]
    require_columns(pred, cols, "predicted statements")
    require_columns(gold, cols, "gold statements")
    rows = []
    gold_groups = {k: g for k, g in gold.groupby(list(by), sort=False)}
    for key, p in pred.groupby(list(by), sort=False):
        g = gold_groups.get(key)
        if g is None:
            continue
        for pi, ps, pe in zip(p.index, p["char_start"], p["char_end"]):
            for gi, gs, ge in zip(g.index, g["char_start"], g["char_end"]):
                r = overlap_ratio((int(ps), int(pe)), (int(gs), int(ge)))
                if r >= min_overlap:
                    rows.append((pi, gi, r))
    out = pd.DataFrame(rows, columns=["pred_index", "gold_index", "overlap"])
    return out.sort_values(["pred_index", "gold_index"], kind="stable").reset_index(drop=True)


def match_one_to_one(pred: pd.DataFrame, gold: pd.DataFrame, *, min_overlap: float = 0.5,
                     by: tuple[str, ...] = ("doc_id",)) -> pd.DataFrame:
    """One-to-one pairs of :func:`match_spans`: the pair with the largest overlap (in
    characters, then ratio) is taken first, then the next whose prediction and gold
    span are both still free — so a long prediction covering three gold sentences
    counts once, as in the quote-extraction benchmarks (e.g. Pareti 2016).

    Returns ``pred_index, gold_index, overlap`` (the ratio), sorted by gold index."""
    m = match_spans(pred, gold, min_overlap=min_overlap, by=by)
    if m.empty:
        return m
    ps, pe = pred["char_start"].to_dict(), pred["char_end"].to_dict()
    gs, ge = gold["char_start"].to_dict(), gold["char_end"].to_dict()
    chars = [min(pe[p], ge[g]) - max(ps[p], gs[g]) for p, g in zip(m["pred_index"], m["gold_index"])]
    order = m.assign(chars=chars).sort_values(["chars", "overlap", "gold_index", "pred_index"],
                                             ascending=[False, False, True, True], kind="mergesort")
    used_p, used_g, keep = set(), set(), []
    for i, p, g in zip(order.index, order["pred_index"], order["gold_index"]):
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
        keep.append(i)
    return m.loc[keep].sort_values(["gold_index", "pred_index"]).reset_index(drop=True)


def precision_recall(pred: pd.DataFrame, gold: pd.DataFrame, *, min_overlap: float = 0.5,
                     by: tuple[str, ...] = ("doc_id",)) -> dict[str, float]:
    """Precision, recall and F1 of predicted spans against gold spans.

    A prediction is correct if it matches any gold span in its ``by`` group (add
    ``"actor"`` to ``by`` to also require the right actor); a gold statement is
    found if any prediction matches it. Precision is the share of predictions that
    match, recall the share of gold statements found, F1 their harmonic mean
    (:mod:`stancemap.metrics`: an empty denominator gives 0).
    """
    m = match_spans(pred, gold, min_overlap=min_overlap, by=by)
    tp_pred = m["pred_index"].nunique()
    tp_gold = m["gold_index"].nunique()
    p = ratio(tp_pred, len(pred))
    r = ratio(tp_gold, len(gold))
    f = harmonic_f1(p, r)
    return {"precision": p, "recall": r, "f1": f, "n_pred": len(pred), "n_gold": len(gold),
            "matched_pred": int(tp_pred), "matched_gold": int(tp_gold)}

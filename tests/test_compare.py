"""stancemap.compare: bootstrap shares, differences, event windows — on synthetic, fictional data."""
from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd
import pytest

from stancemap import compare as C
from stancemap.actors import load_actors
from stancemap.errors import StancemapError

from helpers import FRAMES, TARGETS, make_scored
from helpers import fictional_registry as registry


def tiny() -> pd.DataFrame:
    """Hand-countable table: north has 4 statements, south 2."""
    return pd.DataFrame({
        "statement_id": list("abcdef"), "doc_id": ["d1", "d1", "d2", "d2", "d3", "d3"],
        "actor": ["north", "north", "north", "north", "south", "south"],
        "outlet": ["X", "X", "Y", "Y", "X", "Y"],
        "text": ["t"] * 6,
        "frame_diplomacy": [0.9, 0.8, 0.1, 0.6, 0.2, 0.3],
        "frame_blame": [0.1, 0.7, 0.9, 0.2, 0.95, 0.85],
        "frames": ["diplomacy", "diplomacy;blame", "blame", "diplomacy", "blame", "blame"],
        "stance_truce": ["favor", "favor", "against", "none", "against", "against"],
        "stance_truce_p": [0.9] * 6,
    })


# -- bootstrap core -----------------------------------------------------------

def test_all_ones_and_all_zeros_give_degenerate_intervals():
    boot = C.bootstrap_shares(np.c_[np.ones(30), np.zeros(30)], n_boot=500, rng=0)
    lo, hi = C.percentile_interval(boot)
    assert lo.tolist() == [1.0, 0.0] and hi.tolist() == [1.0, 0.0]


def test_bootstrap_matches_binomial_quantiles_by_hand():
    # Resampling n=20 statements, 10 of them framed, makes the framed count Binomial(20, 0.5).
    # P(X<=5)=0.0207 < 0.025 < P(X<=6)=0.0577 → 2.5% quantile 6/20 = 0.30; by symmetry 97.5% → 14/20 = 0.70.
    x = np.r_[np.ones(10), np.zeros(10)]
    lo, hi = C.percentile_interval(C.bootstrap_shares(x, n_boot=20000, rng=7), 0.95)
    assert (lo[0], hi[0]) == (pytest.approx(0.30), pytest.approx(0.70))
    # n=4 with 2 ones: P(X=0)=1/16=0.0625 > 0.025, so the interval is the whole [0, 1].
    lo, hi = C.percentile_interval(C.bootstrap_shares([1, 1, 0, 0], n_boot=20000, rng=7), 0.95)
    assert (lo[0], hi[0]) == (0.0, 1.0)


def test_bootstrap_is_seeded_and_ratio_uses_denominator():
    x = np.random.default_rng(0).random((50, 2)) > 0.6
    a = C.bootstrap_shares(x, n_boot=300, rng=3)
    assert np.array_equal(a, C.bootstrap_shares(x, n_boot=300, rng=3))
    assert not np.array_equal(a, C.bootstrap_shares(x, n_boot=300, rng=4))
    # with a denominator: share among valid rows only (rows 2,3 invalid)
    num = np.array([[1.0], [0.0], [0.0], [0.0]])
    den = np.array([[1.0], [1.0], [0.0], [0.0]])
    boot = C.bootstrap_shares(num, den, n_boot=2000, rng=1)
    vals = boot[~np.isnan(boot[:, 0]), 0]
    assert set(np.unique(vals)) <= {0.0, 0.5, 1.0, 1 / 3, 2 / 3, 0.25, 0.75}
    assert abs(vals.mean() - 0.5) < 0.05


def test_percentile_interval_coverage_is_near_nominal():
    rng = np.random.default_rng(11)
    hits = 0
    trials = 200
    for _ in range(trials):
        x = rng.random(120) < 0.3
        lo, hi = C.percentile_interval(C.bootstrap_shares(x, n_boot=400, rng=rng), 0.9)
        hits += lo[0] <= 0.3 <= hi[0]
    assert 0.82 <= hits / trials <= 0.97


def test_bad_level_and_resamples_are_explained():
    with pytest.raises(StancemapError, match="level"):
        C.percentile_interval(np.zeros((10, 1)), 95)
    with pytest.raises(StancemapError, match="level must be between 0 and 1"):
        C.frame_shares(tiny(), level=95)
    with pytest.raises(StancemapError, match="n_boot"):
        C.differences(tiny(), n_boot=0)


# -- frame shares ---------------------------------------------------------------

def test_frame_shares_hand_counts():
    out = C.frame_shares(tiny(), min_n=1, n_boot=200)
    assert list(out.columns) == ["group", "frame", "n", "count", "share", "ci_low", "ci_high", "small_n"]
    assert out[["group", "frame"]].values.tolist() == [["north", "diplomacy"], ["north", "blame"],
                                                       ["south", "diplomacy"], ["south", "blame"]]
    north = out[out.group == "north"].set_index("frame")
    assert north.loc["diplomacy", ["n", "count"]].tolist() == [4, 3]
    assert north.loc["diplomacy", "share"] == pytest.approx(0.75)
    assert north.loc["blame", "share"] == pytest.approx(0.5)
    south = out[out.group == "south"].set_index("frame")
    assert south.loc["blame", ["share", "ci_low", "ci_high"]].tolist() == [1.0, 1.0, 1.0]
    assert (out["ci_low"] <= out["share"]).all() and (out["share"] <= out["ci_high"]).all()


def test_frame_shares_probability_and_threshold_modes():
    df = tiny()
    prob = C.frame_shares(df, measure="probability", min_n=1, n_boot=100).set_index(["group", "frame"])
    assert prob.loc[("north", "diplomacy"), "share"] == pytest.approx((0.9 + 0.8 + 0.1 + 0.6) / 4)
    assert prob.loc[("south", "blame"), "count"] == pytest.approx(0.95 + 0.85)
    no_labels = df.drop(columns="frames")
    thr = C.frame_shares(no_labels, threshold=0.75, min_n=1, n_boot=100).set_index(["group", "frame"])
    assert thr.loc[("north", "diplomacy"), "count"] == 2  # 0.9 and 0.8 reach 0.75
    assert thr.loc[("north", "blame"), "count"] == 1


def test_frame_subset_keeps_codebook_order_and_rejects_unknown():
    df = make_scored(60)
    assert C.frame_names(df) == FRAMES and C.stance_targets(df) == TARGETS
    out = C.frame_shares(df, frames=["blame", "diplomacy"], n_boot=50)
    assert list(dict.fromkeys(out["frame"])) == ["blame", "diplomacy"]
    with pytest.raises(StancemapError, match="'diplomcy' not found.*Did you mean 'diplomacy'"):
        C.frame_shares(df, frames=["diplomcy"])


def test_group_order_follows_registry_then_alphabet_then_unattributed():
    df = make_scored(300, actors=("zeta", "unattributed", "east", "north", "alpha", "south"))
    out = C.frame_shares(df, registry=registry(), n_boot=50)
    assert list(dict.fromkeys(out["group"])) == ["north", "south", "east", "alpha", "zeta", "unattributed"]
    # without a registry: alphabetical, unattributed last
    assert C.group_order(["b", "unattributed", "a"]) == ["a", "b", "unattributed"]


def test_grouping_by_other_columns_and_clear_error():
    df = make_scored(200)
    out = C.frame_shares(df, by="outlet", n_boot=50)
    assert set(out["group"]) == {"Daily A", "Weekly B"}
    assert out.groupby("group")["n"].first().sum() == len(df)
    with pytest.raises(StancemapError) as e:
        C.frame_shares(df, by="outlett")
    msg = str(e.value)
    assert "'outlett'" in msg and "actor" in msg and "Did you mean 'outlet'" in msg


def test_missing_group_values_are_kept_and_warned():
    df = tiny()
    df.loc[0, "outlet"] = None
    with pytest.warns(UserWarning, match="1 of 6 statements have no 'outlet'"):
        out = C.frame_shares(df, by="outlet", min_n=1, n_boot=50)
    assert C.MISSING_GROUP in set(out["group"])


def test_small_groups_are_flagged_and_warned():
    df = make_scored(200)
    df = pd.concat([df, make_scored(4, actors=("tiny",), seed=9)], ignore_index=True)
    with pytest.warns(C.SmallSampleWarning, match=r"tiny: 4"):
        out = C.frame_shares(df, n_boot=100)
    assert out[out.group == "tiny"]["small_n"].all()
    assert not out[out.group != "tiny"]["small_n"].any()


def test_seeded_results_reproduce_and_do_not_depend_on_other_groups():
    df = make_scored(300)
    a = C.frame_shares(df, n_boot=300, seed=5)
    pd.testing.assert_frame_equal(a, C.frame_shares(df, n_boot=300, seed=5))
    without_east = C.frame_shares(df[df.actor != "east"], n_boot=300, seed=5)
    pd.testing.assert_frame_equal(a[a.group != "east"].reset_index(drop=True), without_east)
    assert not a.equals(C.frame_shares(df, n_boot=300, seed=6))


def test_inputs_are_not_mutated():
    df = make_scored(120)
    before = df.copy(deep=True)
    C.frame_shares(df, n_boot=20)
    C.stance_shares(df, n_boot=20)
    C.differences(df, n_boot=20)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        C.event_window(df, "2025-03-18")
        C.over_time(df, n_boot=20)
    pd.testing.assert_frame_equal(df, before)


# -- stance ------------------------------------------------------------------

def test_stance_shares_and_net_by_hand():
    out = C.stance_shares(tiny(), min_n=1, n_boot=500)
    assert list(out.columns) == ["group", "target", "stance", "n", "count", "share", "ci_low", "ci_high", "small_n"]
    north = out[out.group == "north"].set_index("stance")
    assert list(north.index) == ["favor", "against", "none", "net"]
    assert north["count"].tolist() == [2, 1, 1, 1]
    assert north.loc["net", "share"] == pytest.approx(0.5 - 0.25)
    south = out[out.group == "south"].set_index("stance")
    assert south.loc["net", ["share", "ci_low", "ci_high"]].tolist() == [-1.0, -1.0, -1.0]
    assert out["ci_low"].ge(-1).all() and out["ci_high"].le(1).all()


def test_stance_missing_labels_are_left_out_and_bad_labels_rejected():
    df = tiny()
    df.loc[0, "stance_truce"] = None
    with pytest.warns(UserWarning, match="1 of 6 statements have no stance on 'truce'"):
        out = C.stance_shares(df, min_n=1, n_boot=50)
    assert out[(out.group == "north") & (out.stance == "favor")]["n"].item() == 3
    df.loc[1, "stance_truce"] = "maybe"
    with pytest.raises(StancemapError, match="maybe"):
        C.stance_shares(df)


def test_net_stance_helper():
    out = C.net_stance(C.stance_shares(make_scored(90), n_boot=50))
    assert set(out["stance"]) == {"net"} and len(out) == 3 * len(TARGETS)


# -- differences ---------------------------------------------------------------

def test_difference_sign_and_degenerate_interval():
    df = pd.DataFrame({"actor": ["a"] * 12 + ["b"] * 12, "frame_blame": [0.9] * 12 + [0.1] * 12,
                       "frames": ["blame"] * 12 + [""] * 12})
    d = C.differences(df, pairs=[("a", "b"), ("b", "a")], n_boot=300)
    assert d["diff"].tolist() == [1.0, -1.0]
    assert d[["ci_low", "ci_high"]].values.tolist() == [[1.0, 1.0], [-1.0, -1.0]]
    assert d[["n_a", "n_b"]].values.tolist() == [[12, 12], [12, 12]]


def test_differences_all_pairs_and_one_vs_rest():
    df = make_scored(300)
    reg = registry()
    d = C.differences(df, pairs="all", n_boot=100, registry=reg)
    assert list(dict.fromkeys(zip(d.group_a, d.group_b))) == [("north", "south"), ("north", "east"), ("south", "east")]
    row = d.iloc[0]
    fs = C.frame_shares(df, n_boot=10).set_index(["group", "frame"])
    assert row["diff"] == pytest.approx(fs.loc[("north", row["frame"]), "share"] - fs.loc[("south", row["frame"]), "share"])
    r = C.differences(df, pairs="one-vs-rest", what="stance", n_boot=100, registry=reg)
    assert set(r.group_b) == {"rest"}
    north_truce = r[(r.group_a == "north") & (r.target == "truce") & (r.stance == "favor")].iloc[0]
    assert north_truce["n_a"] + north_truce["n_b"] == len(df)
    assert {"target", "stance"} <= set(r.columns) and "net" in set(r.stance)
    with pytest.raises(StancemapError, match="'west' not found"):
        C.differences(df, pairs=[("north", "west")])
    with pytest.raises(StancemapError, match="pairs"):
        C.differences(df, pairs="some")


def test_difference_detects_a_real_gap():
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"actor": ["a"] * 300 + ["b"] * 300,
                       "frame_x": np.r_[rng.random(300) < 0.6, rng.random(300) < 0.3].astype(float)})
    d = C.differences(df, n_boot=1000).iloc[0]
    assert d["ci_low"] > 0.15 and d["ci_high"] < 0.45 and d["ci_low"] < d["diff"] < d["ci_high"]


# -- event windows and time ------------------------------------------------------

def test_event_window_assigns_before_after_outside_undated():
    df = pd.DataFrame({"actor": ["a"] * 6,
                       "date": ["2025-03-10", "2025-03-17", "2025-03-18", "2025-03-19T10:00:00", "", "2025-04-30"]})
    with pytest.warns(UserWarning) as rec:
        out = C.event_window(df, "2025-03-18", before_days=7, after_days=14)
    assert out["window"].tolist() == ["outside", "before", "after", "after", "undated", "outside"]
    msgs = " ".join(str(w.message) for w in rec)
    assert "1 of 6 statements have no usable 'date'" in msgs and "2 of 6" in msgs
    assert "window" not in df.columns  # input untouched
    own = C.event_window(df.iloc[1:4], "2025-03-18", event_day="own")
    assert own["window"].tolist() == ["before", "event day", "after"]
    early = C.event_window(df.iloc[1:4], "2025-03-18", event_day="before")
    assert early["window"].tolist() == ["before", "before", "after"]
    with pytest.raises(StancemapError, match="YYYY-MM-DD"):
        C.event_window(df, "18/03/2025")


def test_shares_split_by_window_and_before_after_difference():
    df = make_scored(400)
    w = C.event_window(df, "2025-03-18")
    out = C.frame_shares(w, split="window", n_boot=50, registry=registry())
    assert list(out.columns[:3]) == ["group", "window", "frame"]
    assert list(dict.fromkeys(out["window"])) == ["before", "after"]
    n_total = out.drop_duplicates(["group", "window"])["n"].sum()
    assert n_total == len(df)
    d = C.differences(w, by="window", pairs=[("after", "before")], split="actor", n_boot=50)
    assert set(d["actor"]) == {"north", "south", "east"} and set(d.group_a) == {"after"}


def test_over_time_weeks():
    df = make_scored(300)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", C.SmallSampleWarning)  # the first, partial week is small
        out = C.over_time(df, what="stance", freq="W", n_boot=50)
    assert out["period"].is_monotonic_increasing
    assert set(pd.to_datetime(out["period"]).dt.day_of_week) == {0}  # weeks start on Monday
    net = out[(out.stance == "net") & (out.target == "truce")]
    assert net["n"].sum() == len(df)
    with pytest.raises(StancemapError, match="freq"):
        C.over_time(df, freq="Y")


# -- counts and blame --------------------------------------------------------------

def test_group_counts():
    out = C.group_counts(tiny(), registry=registry())
    assert out.values.tolist() == [["north", 4, 2, 4 / 6], ["south", 2, 1, 2 / 6]]


def test_blame_edges_use_registry_mentions():
    df = pd.DataFrame({
        "statement_id": ["1", "2", "3", "4", "5", "6"],
        "actor": ["north", "north", "south", "south", "unattributed", "east"],
        "text": ["Oduya broke the truce, and Vento helped.", "Southland lied again; Southland always lies.",
                 "Quill is to blame.", "Our own Southland forces held.", "Quill started it.", "Talks with Quill."],
        "frames": ["blame", "blame", "blame;security", "blame", "blame", "diplomacy"],
        "frame_diplomacy": [0.1, 0.1, 0.1, 0.1, 0.1, 0.9],
        "frame_security": [0.1, 0.1, 0.9, 0.1, 0.1, 0.1],
        "frame_blame": [0.9, 0.9, 0.9, 0.9, 0.9, 0.1],
    })
    e = C.blame_edges(df, registry())
    assert e[["source", "target", "count"]].values.tolist() == [["north", "south", 2], ["north", "east", 1],
                                                                ["south", "north", 1]]
    assert e.set_index(["source", "target"]).loc[("north", "south"), "statement_ids"] == "1;2"
    assert e.attrs["n_unattributed_blame"] == 1 and e.attrs["n_blame_by_source"] == {"north": 2, "south": 2}
    with_un = C.blame_edges(df, registry(), include_unattributed=True)
    assert ("unattributed", "north") in set(zip(with_un.source, with_un.target))
    with pytest.raises(StancemapError, match="'accusation' not found"):
        C.blame_edges(df, registry(), frame="accusation")


def test_nothing_is_hard_coded_to_the_bundled_actors(tiny_registry_yaml):
    reg = load_actors(tiny_registry_yaml)
    df = make_scored(80, actors=("south", "north"))
    out = C.frame_shares(df, registry=reg, n_boot=20)
    assert list(dict.fromkeys(out["group"])) == ["north", "south"]


# -- speed -----------------------------------------------------------------------

def test_bootstrap_is_fast_enough():
    df = make_scored(5000, actors=("a", "b", "c", "d"), frames=[f"f{i}" for i in range(8)])
    t = time.perf_counter()
    out = C.frame_shares(df, n_boot=2000)
    elapsed = time.perf_counter() - t
    assert len(out) == 4 * 8
    assert elapsed < 5, f"frame_shares took {elapsed:.2f}s for 5,000 statements × 2,000 resamples"


def test_bootstrap_with_few_distinct_rows_draws_multinomial_counts(monkeypatch):
    """Many statements with few distinct rows: resamples are multinomial counts of the rows —
    the same distribution as resampling statements (checked against that path), deterministic."""
    from stancemap import compare as cmp

    rng = np.random.default_rng(1)
    n = 20_000
    num = (rng.random((n, 3)) < [0.1, 0.5, 0.02]).astype(float)
    den = np.ones_like(num)
    den[:, 2] = (rng.random(n) < 0.3).astype(float)
    num[:, 2] *= den[:, 2]
    fast = cmp.bootstrap_shares(num, den, n_boot=4000, rng=7)
    assert np.array_equal(fast, cmp.bootstrap_shares(num, den, n_boot=4000, rng=7))
    share = num.sum(0) / den.sum(0)
    assert np.allclose(fast.mean(0), share, atol=0.003)
    monkeypatch.setattr(cmp, "_DISTINCT_ROWS", 0)  # force resampling statement by statement
    slow = cmp.bootstrap_shares(num, den, n_boot=4000, rng=7)
    assert np.allclose(fast.std(0), slow.std(0), rtol=0.08)
    lo_f, hi_f = cmp.percentile_interval(fast)
    lo_s, hi_s = cmp.percentile_interval(slow)
    assert np.allclose(lo_f, lo_s, atol=0.004) and np.allclose(hi_f, hi_s, atol=0.004)
    # a plain share's bootstrap SD is the binomial one
    assert np.allclose(fast[:, :2].std(0), np.sqrt(share[:2] * (1 - share[:2]) / n), rtol=0.08)

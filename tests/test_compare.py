"""stancemap.compare: bootstrap shares, differences, event windows — on synthetic, fictional data."""
from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd
import pytest

from stancemap import compare as C
from stancemap.actors import load_actors
from stancemap.errors import StancemapError, StancemapWarning

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
    assert list(out.columns) == ["group", "frame", "n", "count", "share", "ci_low", "ci_high", "ci_method",
                                 "small_n"]
    assert out[["group", "frame"]].values.tolist() == [["north", "diplomacy"], ["north", "blame"],
                                                       ["south", "diplomacy"], ["south", "blame"]]
    north = out[out.group == "north"].set_index("frame")
    assert north.loc["diplomacy", ["n", "count"]].tolist() == [4, 3]
    assert north.loc["diplomacy", "share"] == pytest.approx(0.75)
    assert north.loc["blame", "share"] == pytest.approx(0.5)
    south = out[out.group == "south"].set_index("frame")
    # 2 of 2: the share is 100 %, but the interval is not a certainty (Wilson: 34.2 % to 100 %)
    assert south.loc["blame", ["share", "ci_high"]].tolist() == [1.0, 1.0]
    assert south.loc["blame", "ci_low"] == pytest.approx(0.3424, abs=1e-4)
    assert south.loc["diplomacy", ["share", "ci_low"]].tolist() == [0.0, 0.0]
    assert south.loc["diplomacy", "ci_high"] == pytest.approx(0.6576, abs=1e-4)
    assert set(out["ci_method"]) == {"wilson"} and out.attrs["interval"] == "wilson"
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
    kw = dict(n_boot=300, interval="bootstrap")
    a = C.frame_shares(df, seed=5, **kw)
    pd.testing.assert_frame_equal(a, C.frame_shares(df, seed=5, **kw))
    without_east = C.frame_shares(df[df.actor != "east"], seed=5, **kw)
    pd.testing.assert_frame_equal(a[a.group != "east"].reset_index(drop=True), without_east)
    assert not a.equals(C.frame_shares(df, seed=6, **kw))
    # Wilson intervals need no seed at all
    pd.testing.assert_frame_equal(C.frame_shares(df, seed=5), C.frame_shares(df, seed=6))


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
    assert list(out.columns) == ["group", "target", "stance", "n", "count", "share", "ci_low", "ci_high",
                                 "ci_method", "small_n"]
    north = out[out.group == "north"].set_index("stance")
    assert list(north.index) == ["favor", "against", "none", "net"]
    assert north["count"].tolist() == [2, 1, 1, 1]
    assert north.loc["net", "share"] == pytest.approx(0.5 - 0.25)
    south = out[out.group == "south"].set_index("stance")
    # 2 of 2 against: net −100 %, but not certainly so
    assert south.loc["net", ["share", "ci_low"]].tolist() == [-1.0, -1.0]
    assert -1.0 < south.loc["net", "ci_high"] < 0
    assert south["ci_method"].tolist() == ["wilson", "wilson", "wilson", "mover-wilson"]
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
    assert set(d["ci_method"]) == {"bootstrap"}
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


# -- honest intervals for single shares and net stance -------------------------------------

# Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
# seven methods", Statistics in Medicine 17:857-872, worked examples, Wilson score method
# (without continuity correction), 95 %.
NEWCOMBE_1998_WILSON = [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605),
                        (0, 20, 0.0000, 0.1611), (1, 29, 0.0061, 0.1718)]


@pytest.mark.parametrize("x, n, lo, hi", NEWCOMBE_1998_WILSON)
def test_wilson_matches_newcombe_1998(x, n, lo, hi):
    got = C.wilson_interval(x, n, 0.95)
    assert (round(float(got[0]), 4), round(float(got[1]), 4)) == (lo, hi)


def test_wilson_at_zero_and_all_is_not_a_certainty():
    # 0 of n: upper limit z²/(n + z²) (closed form); n of n mirrors it. 0 of 3 → 0 to 56.15 %.
    z2 = 1.959963984540054 ** 2
    for n in (1, 3, 10, 50):
        lo, hi = C.wilson_interval([0, n], [n, n])
        assert lo[0] == 0.0 and hi[0] == pytest.approx(z2 / (n + z2))
        assert hi[1] == 1.0 and lo[1] == pytest.approx(n / (n + z2))
    lo, hi = C.wilson_interval(0, 3)
    assert (float(lo), round(float(hi), 4)) == (0.0, 0.5615)
    lo, hi = C.wilson_interval(0, 0)
    assert np.isnan(lo) and np.isnan(hi)
    with pytest.raises(StancemapError, match="level"):
        C.wilson_interval(1, 3, level=95)


def test_wilson_99_percent_is_wider():
    lo95, hi95 = C.wilson_interval(81, 263, 0.95)
    lo99, hi99 = C.wilson_interval(81, 263, 0.99)
    assert lo99 < lo95 and hi99 > hi95


# Newcombe (1998), "Interval estimation for the difference between independent proportions:
# comparison of eleven methods", Statistics in Medicine 17:873-890, method 10 (score, no
# continuity correction) = MOVER with Wilson limits and r = 0; examples (a)-(h).
NEWCOMBE_1998_METHOD10 = [((56, 70, 48, 80), (0.0524, 0.3339)), ((9, 10, 3, 10), (0.1705, 0.8090)),
                          ((6, 7, 2, 7), (0.0582, 0.8062)), ((5, 56, 0, 29), (-0.0381, 0.1926)),
                          ((0, 10, 0, 20), (-0.1611, 0.2775)), ((0, 10, 0, 10), (-0.2775, 0.2775)),
                          ((10, 10, 0, 20), (0.6791, 1.0000)), ((10, 10, 0, 10), (0.6075, 1.0000))]


@pytest.mark.parametrize("counts, expected", NEWCOMBE_1998_METHOD10)
def test_mover_with_wilson_limits_matches_newcombe_method_10(counts, expected):
    x1, n1, x2, n2 = counts
    (l1, u1), (l2, u2) = C.wilson_interval(x1, n1), C.wilson_interval(x2, n2)
    lo, hi = C.mover_difference(x1 / n1, l1, u1, x2 / n2, l2, u2, 0.0)
    assert (round(float(lo), 4), round(float(hi), 4)) == expected


def test_net_interval_is_honest_at_the_ends():
    # 0 in favour, 0 against, of 3: net 0, but anything from -56 % to +56 % is plausible
    lo, hi = C.net_interval(0, 0, 3)
    assert float(lo) == pytest.approx(-0.5615, abs=1e-4) and float(hi) == pytest.approx(0.5615, abs=1e-4)
    # 3 of 3 in favour: net +100 %, lower limit well below it; and the mirror image
    lo, hi = C.net_interval(3, 0, 3)
    assert float(hi) == 1.0 and 0 < float(lo) < 0.5
    lo2, hi2 = C.net_interval(0, 3, 3)
    assert (float(lo2), float(hi2)) == pytest.approx((-float(hi), -float(lo)))


def test_net_interval_agrees_with_the_bootstrap_for_large_n():
    rng = np.random.default_rng(5)
    v = rng.choice(["favor", "against", "none"], 2000, p=[0.4, 0.3, 0.3])
    f, a = (v == "favor").astype(float), (v == "against").astype(float)
    boot = C.bootstrap_shares(np.c_[f, a], n_boot=4000, rng=1)
    blo, bhi = C.percentile_interval(boot[:, 0] - boot[:, 1])
    lo, hi = C.net_interval(f.sum(), a.sum(), len(v))
    assert float(lo) == pytest.approx(float(blo), abs=0.01) and float(hi) == pytest.approx(float(bhi), abs=0.01)


def test_shares_of_three_statements_are_not_certain():
    # issue 14, item 4: with 0 of 3 or 3 of 3 the bootstrap gave [0 %, 0 %] / [100 %, 100 %]
    df = pd.DataFrame({"actor": ["a"] * 3, "frames": ["blame"] * 3, "frame_blame": [0.9] * 3,
                       "frame_security": [0.1] * 3, "stance_truce": ["none"] * 3, "stance_aid": ["favor"] * 3})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", C.SmallSampleWarning)
        fr = C.frame_shares(df).set_index("frame")
        st = C.stance_shares(df).set_index(["target", "stance"])
    assert fr.loc["blame", "ci_high"] == 1.0 and fr.loc["blame", "ci_low"] == pytest.approx(0.4385, abs=1e-4)
    assert fr.loc["security", "ci_low"] == 0.0 and fr.loc["security", "ci_high"] == pytest.approx(0.5615, abs=1e-4)
    assert (st["ci_high"] > st["ci_low"]).all()
    net = st.loc[("truce", "net")]
    assert net["share"] == 0 and net["ci_low"] == pytest.approx(-0.5615, abs=1e-4)
    assert st.loc[("aid", "net"), "ci_low"] < 0.5


def test_bootstrap_intervals_remain_available():
    df = make_scored(200)
    out = C.frame_shares(df, interval="bootstrap", n_boot=200, seed=3)
    assert set(out["ci_method"]) == {"bootstrap"} and out.attrs["n_boot"] == 200
    st = C.stance_shares(df, interval="bootstrap", n_boot=200)
    assert set(st["ci_method"]) == {"bootstrap"}
    with pytest.raises(StancemapError, match="interval 'jeffrey' not found.*wilson, bootstrap"):
        C.frame_shares(df, interval="jeffrey")


def test_over_time_and_event_windows_use_wilson():
    df = make_scored(120)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StancemapWarning)
        ot = C.over_time(df, what="stance", freq="D")
        win = C.frame_shares(C.event_window(df, "2025-03-18"), split="window")
    assert set(ot["ci_method"]) == {"wilson", "mover-wilson"}
    assert set(win["ci_method"]) == {"wilson"}
    tiny_cells = ot[(ot["stance"] != "net") & (ot["n"] > 0)]
    assert (tiny_cells["ci_high"] > tiny_cells["ci_low"]).all()


def test_probability_measure_uses_wilson_on_the_expected_count():
    out = C.frame_shares(tiny(), measure="probability", min_n=1).set_index(["group", "frame"])
    row = out.loc[("north", "diplomacy")]
    lo, hi = C.wilson_interval(0.9 + 0.8 + 0.1 + 0.6, 4)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((float(lo), float(hi)))


def test_heatmap_tooltip_does_not_claim_certainty_for_three_statements():
    from stancemap import plots
    df = pd.DataFrame({"actor": ["north"] * 3 + ["south"] * 20, "frames": ["blame"] * 23,
                       "frame_blame": [0.9] * 23, "stance_truce": ["none"] * 3 + ["favor"] * 20})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StancemapWarning)
        st = C.stance_shares(df, registry=registry())
        fr = C.frame_shares(df, registry=registry())
    fig = plots.stance_heatmap(st, registry())
    lo, hi = fig.data[0].customdata[0, 0, 3], fig.data[0].customdata[0, 0, 4]   # north, 0 of 3
    assert round(lo, 2) == -0.56 and round(hi, 2) == 0.56
    assert "95% Wilson–MOVER interval" in fig.data[0].hovertemplate
    assert "bars show 95% Wilson score intervals" in plots.frame_profile(fr, registry()).layout.title.subtitle.text


# -- stance among the statements that address a target --------------------------------------

def test_stance_addressing_reads_stance_among_statements_that_take_a_side():
    t = tiny()  # north: favor, favor, against, none; south: against, against
    out = C.stance_addressing(t, min_n=2)
    north = out[out["group"] == "north"].set_index("measure")
    assert north.loc["addresses", ["n", "count"]].tolist() == [4, 3]
    assert north.loc["favor", ["n", "count"]].tolist() == [3, 2]
    assert north.loc["against", ["n", "count"]].tolist() == [3, 1]
    assert north.loc["favor", "share"] == pytest.approx(2 / 3)
    lo, hi = C.wilson_interval(2, 3)
    assert (north.loc["favor", "ci_low"], north.loc["favor", "ci_high"]) == pytest.approx((float(lo), float(hi)))
    south = out[out["group"] == "south"].set_index("measure")
    assert south.loc["against", "share"] == 1.0 and south.loc["against", "ci_low"] < 1.0  # 2 of 2 is not certain
    assert set(out["ci_method"]) == {"wilson"}


def test_stance_addressing_with_no_statement_taking_a_side_has_nan_shares():
    t = tiny().assign(stance_truce="none")
    out = C.stance_addressing(t).set_index(["group", "measure"])
    assert out.loc[("north", "addresses"), "count"] == 0
    assert out.loc[("north", "favor"), "n"] == 0 and np.isnan(out.loc[("north", "favor"), "share"])


def test_stance_addressing_heatmap_leaves_cells_without_a_side_blank():
    from stancemap import plots

    t = tiny()
    t.loc[t["actor"] == "south", "stance_truce"] = "none"
    fig = plots.stance_addressing_heatmap(C.stance_addressing(t))
    z = np.asarray(fig.data[0].z, dtype=float)
    assert z[0, 0] == pytest.approx(2 / 3) and np.isnan(z[1, 0])
    assert fig.data[0].text[1][0] == "0 of 2 take a side"
    assert fig.data[1].text[0][0].startswith("67% for*")      # 3 take a side: on the faded layer


def _cell_text(fig, i, j):
    """What a heatmap cell shows: its text on the base layer or on the faded one above it."""
    return "".join(t.text[i][j] for t in fig.data if t.text is not None)


def test_stance_addressing_heatmap_fades_cells_with_few_statements_taking_a_side():
    from stancemap import plots

    t = pd.DataFrame({"actor": ["north"] * 12 + ["south"] * 12,
                      "stance_truce": ["favor"] * 12 + ["favor", "against"] + ["none"] * 10})
    fig = plots.stance_addressing_heatmap(C.stance_addressing(t, registry=registry()), registry())
    base, veil = fig.data
    assert veil.hoverinfo == "skip" and veil.showscale is False        # the hover stays with the cell beneath
    assert np.isnan(np.asarray(veil.z, dtype=float)[0, 0])              # north: 12 take a side, not faded
    assert np.asarray(veil.z, dtype=float)[1, 0] == 1.0                 # south: 2 take a side, faded
    assert all(c.endswith("0.6)") for _, c in veil.colorscale)
    assert base.text[0][0] == "100% for<br>12 of 12 take a side" and veil.text[0][0] == ""
    assert base.text[1][0] == "" and veil.text[1][0] == "50% for*<br>2 of 12 take a side"
    assert _cell_text(fig, 1, 0) == "50% for*<br>2 of 12 take a side"
    note = next(a.text for a in fig.layout.annotations if a.name == "source-note").replace("<br>", " ")
    assert "Faded cells, * after a value: fewer than 10 statements take a side" in note


def test_stance_addressing_heatmap_writes_thousands_with_separators():
    from stancemap import plots

    t = pd.DataFrame({"actor": ["north"] * 21200, "stance_truce": ["favor"] * 53 + ["none"] * 21147})
    fig = plots.stance_addressing_heatmap(C.stance_addressing(t, registry=registry()), registry())
    assert fig.data[0].text[0][0] == "100% for<br>53 of 21,200 take a side"
    assert fig.data[0].colorbar.title.text == "In favour, of those<br>taking a side"


def test_heatmaps_without_small_cells_have_no_faded_layer():
    from stancemap import plots

    t = pd.DataFrame({"actor": ["north"] * 12, "stance_truce": ["favor"] * 6 + ["against"] * 6})
    assert len(plots.stance_addressing_heatmap(C.stance_addressing(t, registry=registry()), registry()).data) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StancemapWarning)
        assert len(plots.stance_heatmap(C.stance_shares(t, registry=registry()), registry()).data) == 1


def test_stance_addressing_over_time_reads_each_period_among_statements_that_take_a_side():
    t = tiny().assign(date=["2025-03-03", "2025-03-04", "2025-04-01", "2025-04-02", "2025-03-05", ""])
    with pytest.warns(StancemapWarning, match="1 of 6 statements have no usable 'date'"):
        out = C.stance_addressing_over_time(t, freq="M", min_n=2)
    from stancemap import schema

    assert list(out.columns) == schema.table_columns("stance_addressing_over_time")
    assert out["period"].is_monotonic_increasing and set(out["period"]) == {"2025-03-01", "2025-04-01"}
    rows = out.set_index(["group", "period", "measure"])
    march, april = ("north", "2025-03-01"), ("north", "2025-04-01")
    assert rows.loc[(*march, "addresses"), ["n", "count"]].tolist() == [2, 2]   # favor, favor
    assert rows.loc[(*march, "favor"), "share"] == 1.0 and rows.loc[(*march, "favor"), "ci_low"] < 1.0
    assert rows.loc[(*april, "addresses"), ["n", "count"]].tolist() == [2, 1]   # against, none
    assert rows.loc[(*april, "favor"), ["n", "count"]].tolist() == [1, 0]
    assert bool(rows.loc[(*april, "favor"), "small_n"]) and not bool(rows.loc[(*march, "favor"), "small_n"])
    assert rows.loc[("south", "2025-03-01", "against"), "share"] == 1.0  # the undated south row is left out
    assert set(out["ci_method"]) == {"wilson"}
    assert out.attrs["freq"] == "M" and out.attrs["n_undated"] == 1 and out.attrs["min_n"] == 2
    # the same numbers as stance_addressing on one period
    one = C.stance_addressing(t[t["date"].str.startswith("2025-04")], min_n=2)
    pd.testing.assert_frame_equal(out[out["period"] == "2025-04-01"].drop(columns="period").reset_index(drop=True),
                                  one.reset_index(drop=True), check_like=False)
    with pytest.raises(StancemapError, match="freq"):
        C.stance_addressing_over_time(t, freq="Q")


def test_stance_addressing_heatmap_hover_gives_small_shares_of_statements_to_a_tenth_of_a_percent():
    """22 of 8,346 statements taking a side read "0% (0% to 0%)" at whole per cents (a real report)."""
    from stancemap import plots

    t = pd.DataFrame({"actor": ["north"] * 1000, "stance_truce": ["favor"] * 3 + ["none"] * 997})
    hover = plots.stance_addressing_heatmap(C.stance_addressing(t, registry=registry()), registry()).data[0]
    assert "= %{customdata[2]:.1%} (%{customdata[3]:.1%} to %{customdata[4]:.1%})" in hover.hovertemplate
    assert hover.customdata[0][0][2] == pytest.approx(0.003)

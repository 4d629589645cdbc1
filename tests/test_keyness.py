"""stancemap.keyness: Monroe, Colaresi & Quinn (2008) log-odds checked against hand computation."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from stancemap.actors import ActorRegistry
from stancemap.errors import StancemapError
from stancemap.keyness import KEYNESS_COLUMNS, keyness, log_odds_dirichlet, term_counts, terms, top_terms


def two_groups() -> pd.DataFrame:
    # constructed, fictional: group a says truce×2 strikes×1, group b strikes×2 energy×1
    return pd.DataFrame({"actor": ["a", "b"], "doc_id": ["d1", "d2"],
                         "text": ["Truce, truce and strikes.", "Strikes, strikes, energy!"]})


def test_tokenisation_drops_stopwords_clitics_numbers():
    assert terms("The Ministry's 30 strikes didn't stop.") == ["ministry", "strikes", "stop"]
    # words that carry stance are never dropped as stopwords
    assert terms("We are against it, not for a free ride.") == ["against", "not", "free", "ride"]
    assert terms("energy infrastructure attacks", bigrams=True) == [
        "energy", "infrastructure", "attacks", "energy infrastructure", "infrastructure attacks"]
    assert terms("The the truce", stop={"truce"}) == ["the", "the"]


def test_log_odds_informative_prior_by_hand():
    """Corpus prior: α_w = corpus count (truce 2, strikes 3, energy 1), α_0 = 6; n_a = n_b = 3.

    δ_w = log((y_a+α)/(n_a+α_0−y_a−α)) − log((y_b+α)/(n_b+α_0−y_b−α)),  σ² = 1/(y_a+α) + 1/(y_b+α)
    """
    raw = keyness(two_groups(), min_count=1)
    assert list(raw.columns) == KEYNESS_COLUMNS
    out = raw.set_index(["actor", "term"])
    # truce for a: y_a=2, y_b=0, α=2 → log(4/5) − log(2/7); σ² = 1/4 + 1/2
    d = math.log(4 / 5) - math.log(2 / 7)
    assert out.loc[("a", "truce"), "log_odds"] == pytest.approx(d)
    assert out.loc[("a", "truce"), "z"] == pytest.approx(d / math.sqrt(1 / 4 + 1 / 2))
    # strikes for a: y_a=1, y_b=2, α=3 → log(4/5) − log(5/4); σ² = 1/4 + 1/5
    d = math.log(4 / 5) - math.log(5 / 4)
    assert out.loc[("a", "strikes"), "z"] == pytest.approx(d / math.sqrt(1 / 4 + 1 / 5))
    # energy for a: y_a=0, y_b=1, α=1 → log(1/8) − log(2/7); σ² = 1/1 + 1/2
    d = math.log(1 / 8) - math.log(2 / 7)
    assert out.loc[("a", "energy"), "log_odds"] == pytest.approx(d)
    assert out.loc[("a", "energy"), "z"] == pytest.approx(d / math.sqrt(1.5))
    # counts beside the statistic
    assert out.loc[("a", "truce"), ["n_actor", "n_reference", "total_actor", "total_reference"]].tolist() == [2, 0, 3, 3]
    # with two groups, b against the rest is a against b mirrored
    for w in ("truce", "strikes", "energy"):
        assert out.loc[("b", w), "z"] == pytest.approx(-out.loc[("a", w), "z"])


def test_log_odds_uniform_prior_by_hand():
    # uniform prior with α_0 = 3 over 3 terms → α_w = 1; truce for a: log(3/3) − log(1/5), σ² = 1/3 + 1/1
    out = keyness(two_groups(), prior="uniform", alpha0=3, min_count=1).set_index(["actor", "term"])
    d = math.log(3 / 3) - math.log(1 / 5)
    assert out.loc[("a", "truce"), "log_odds"] == pytest.approx(d)
    assert out.loc[("a", "truce"), "z"] == pytest.approx(d / math.sqrt(1 / 3 + 1))
    delta, z = log_odds_dirichlet([2, 1, 0], [0, 2, 1], [1, 1, 1])
    assert delta[0] == pytest.approx(d) and z[0] == pytest.approx(out.loc[("a", "truce"), "z"])


def test_background_prior_mapping():
    bg = {"truce": 10, "strikes": 10, "energy": 10}
    out = keyness(two_groups(), prior=bg, min_count=1).set_index(["actor", "term"])
    # α = 10 each, α_0 = 30: truce for a → log(12/(3+30−2−10)) − log(10/(3+30−0−10))
    d = math.log(12 / 21) - math.log(10 / 23)
    assert out.loc[("a", "truce"), "log_odds"] == pytest.approx(d)


def test_reference_group_and_one_vs_rest():
    df = pd.concat([two_groups(), pd.DataFrame({"actor": ["c"], "doc_id": ["d3"], "text": ["truce energy energy"]})],
                   ignore_index=True)
    vs_b = keyness(df, reference="b", min_count=1)
    assert set(vs_b["actor"]) == {"a", "c"} and set(vs_b["reference"]) == {"b"}
    row = vs_b.set_index(["actor", "term"]).loc[("c", "energy")]
    assert (row["n_actor"], row["n_reference"]) == (2, 1)
    rest = keyness(df, min_count=1)
    assert set(rest["reference"]) == {"rest"}
    r = rest.set_index(["actor", "term"]).loc[("c", "truce")]
    assert (r["n_actor"], r["n_reference"]) == (1, 2)
    with pytest.raises(StancemapError, match="'z' not found"):
        keyness(df, reference="z")
    with pytest.raises(StancemapError, match="prior"):
        keyness(df, prior="flat")


def test_min_count_top_and_order():
    reg = ActorRegistry.from_dict({"actors": {
        "south": {"label": "Southland", "members": [{"name": "Bram Oduya"}]},
        "north": {"label": "Northland", "members": [{"name": "Ada Quill"}]}}})
    df = pd.DataFrame({"actor": ["north", "north", "south", "south"],
                       "text": ["truce truce talks", "truce holds", "strikes strikes", "strikes energy talks"]})
    out = keyness(df, registry=reg, min_count=2)
    assert list(dict.fromkeys(out["actor"])) == ["south", "north"]
    assert set(out["term"]) == {"truce", "talks", "strikes"}  # holds / energy appear once
    for _, g in out.groupby("actor"):
        assert g["z"].is_monotonic_decreasing
    top = keyness(df, registry=reg, top=1)
    assert top[["actor", "term"]].values.tolist() == [["south", "strikes"], ["north", "truce"]]
    assert top_terms(out, 1).equals(top)
    with pytest.raises(StancemapError, match="min_count"):
        keyness(df, min_count=0)


def test_term_counts_and_bigrams():
    df = pd.DataFrame({"actor": ["a", "a", "b"], "text": ["energy infrastructure", "energy infrastructure", "talks"]})
    counts = term_counts(df, bigrams=True).set_index(["group", "term"])["count"]
    assert counts[("a", "energy infrastructure")] == 2 and counts[("b", "talks")] == 1
    out = keyness(df, bigrams=True, min_count=2)
    assert "energy infrastructure" in set(out["term"])


def test_strongly_distinctive_word_scores_high():
    rng = np.random.default_rng(0)
    a = [" ".join(rng.choice(["truce", "talks", "energy"], 5)) + " sovereignty" for _ in range(40)]
    b = [" ".join(rng.choice(["truce", "talks", "energy"], 5)) for _ in range(40)]
    df = pd.DataFrame({"actor": ["a"] * 40 + ["b"] * 40, "text": a + b})
    out = keyness(df).set_index(["actor", "term"])
    assert out.loc[("a", "sovereignty"), "z"] > 1.96
    assert abs(out.loc[("a", "talks"), "z"]) < 1.96


def test_input_not_mutated_and_missing_text_column():
    df = two_groups()
    before = df.copy()
    keyness(df, min_count=1)
    pd.testing.assert_frame_equal(df, before)
    with pytest.raises(StancemapError, match="Text column 'body' not found"):
        keyness(df, text_col="body")

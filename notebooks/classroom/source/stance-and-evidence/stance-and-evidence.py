# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] nbgrader={"grade": false, "grade_id": "intro", "locked": true, "schema_version": 3, "solution": false}
# # Assignment 2: stance and evidence
#
# **Learning goals.** After this assignment you can
#
# * read stance the way stancemap does: first *which statements address a
#   proposal at all*, then *for or against among those* (never a share of all
#   statements, which drowns in statements about something else);
# * put an interval on a share of very few statements, and say what it allows;
# * find the statements behind a number, so you can quote them, not the number.
#
# **How it works.** As in assignment 1: replace `raise NotImplementedError()` with
# your code, run the check cell after it (✓ or an `AssertionError` that tells you
# what to look at). Your teacher also runs **hidden tests**, so solve the task as
# written, not the visible check. Written answers go where it says *YOUR ANSWER
# HERE*.
#
# **Points.** 12 in all: 9 for the code (checked automatically), 3 for the written
# answer (graded by your teacher).
#
# The parameters below choose the proposal (a stance *target* from the codebook,
# `corpora/codebook.yaml`) and the two actors to compare. The default data is the
# article bundled with stancemap (the Trump–Putin call of 18 March 2025).

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
# Setup (run this cell first; no changes needed).
import math
import warnings

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

pio.renderers.default = "plotly_mimetype"
warnings.formatwarning = lambda message, category, *args, **kwargs: f"{category.__name__}: {message}\n"
pd.set_option("display.max_colwidth", 160)

# %% tags=["parameters"]
corpus = "ceasefire-2025-03"  # a bundled corpus name, or a folder or table of articles
actors = None                 # None = the bundled actor registry
target = "full_ceasefire"     # the proposal: a stance target of the codebook
actor_a = "us"                # the two actor groups to compare
actor_b = "russia"

# %% nbgrader={"grade": false, "grade_id": "load", "locked": true, "schema_version": 3, "solution": false}
from pathlib import Path

from stancemap.actors import load_actors
from stancemap.corpus import load, load_bundled
from stancemap.extract import extract
from stancemap.score import score

registry = load_actors(actors)
documents = load(corpus) if Path(corpus).exists() else load_bundled(corpus)
scored = score(extract(documents, actors=registry))
stance = f"stance_{target}"  # the column with each statement's stance on the target: favor, against or none
print(f"{len(scored)} statements; stance on {target!r} is in the column {stance!r}")
scored[["actor", "speaker", stance, "text"]]

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex1-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 1: who addresses the proposal at all? (2 points)
#
# A statement *addresses* the target when its stance is `favor` or `against`
# (`none` means it is about something else). Make a DataFrame `addressing`,
# indexed by actor (every actor in `scored`), with three columns:
#
# * `n`: the actor's number of statements;
# * `addressing`: how many of them address the target;
# * `share_addressing`: `addressing / n`.
#
# *Hint:* `scored[stance].isin(["favor", "against"])`, then `groupby("actor")`
# with `agg(n="size", addressing="sum")`.

# %% nbgrader={"grade": false, "grade_id": "ex1-answer", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
addresses = scored[stance].isin(["favor", "against"])
addressing = addresses.groupby(scored["actor"]).agg(n="size", addressing="sum")
addressing["share_addressing"] = addressing["addressing"] / addressing["n"]
### END SOLUTION
addressing

# %% nbgrader={"grade": true, "grade_id": "ex1-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 1 (1 point).
assert isinstance(addressing, pd.DataFrame), "addressing should be a DataFrame"
assert {"n", "addressing", "share_addressing"} <= set(addressing.columns), \
    "the columns should be n, addressing and share_addressing"
assert int(addressing["n"].sum()) == len(scored), f"the n should add up to {len(scored)} statements"
print("✓ Exercise 1: visible check passed")

# %% nbgrader={"grade": true, "grade_id": "ex1-hidden", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Hidden tests for exercise 1 (1 point): run when your teacher grades.
### BEGIN HIDDEN TESTS
_addr = scored[stance].isin(["favor", "against"]).groupby(scored["actor"]).sum()
assert set(addressing.index) == set(_addr.index), f"one row per actor expected: {sorted(_addr.index)}"
assert (addressing.loc[_addr.index, "addressing"].astype(int) == _addr.astype(int)).all(), \
    "some actor's count of addressing statements is off: count favor AND against, not none"
assert np.allclose(addressing["share_addressing"], addressing["addressing"] / addressing["n"]), \
    "share_addressing should be addressing / n"
print("✓ Exercise 1: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex2-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 2: for or against, among the statements that address it (3 points)
#
# Make a Series `favor_share`, indexed by the two actors `actor_a` and `actor_b`
# (in that order), with the share of **favor** among each actor's statements that
# **address** the target: favor / (favor + against). Statements with stance `none`
# do not count at all. When an actor never addresses the target, its share is
# undefined: use `NaN` (`float("nan")`).

# %% nbgrader={"grade": false, "grade_id": "ex2-answer", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
def share_of_favor(actor):
    s = scored.loc[scored["actor"] == actor, stance]
    s = s[s.isin(["favor", "against"])]
    return (s == "favor").mean() if len(s) else float("nan")


favor_share = pd.Series({a: share_of_favor(a) for a in (actor_a, actor_b)})
### END SOLUTION
favor_share

# %% nbgrader={"grade": true, "grade_id": "ex2-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 2 (1 point).
assert isinstance(favor_share, pd.Series), "favor_share should be a pandas Series"
assert list(favor_share.index) == [actor_a, actor_b], f"index it by [{actor_a!r}, {actor_b!r}]"
assert favor_share.dropna().between(0, 1).all(), "shares are between 0 and 1"
print("✓ Exercise 2: visible check passed")

# %% nbgrader={"grade": true, "grade_id": "ex2-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Hidden tests for exercise 2 (2 points): run when your teacher grades.
### BEGIN HIDDEN TESTS
for _a in (actor_a, actor_b):
    _s = scored.loc[(scored["actor"] == _a) & scored[stance].isin(["favor", "against"]), stance]
    _want = (_s == "favor").mean() if len(_s) else float("nan")
    assert (math.isnan(_want) and math.isnan(favor_share[_a])) or np.isclose(favor_share[_a], _want), \
        f"{_a}: the share is off. Leave out the statements with stance 'none' before taking the share."
print("✓ Exercise 2: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex3-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 3: how sure can we be? (2 points)
#
# With very few statements a share jumps from 0 to 1 with a single statement. The
# **Wilson interval** (Wilson 1927) stays honest for small `n` and at 0 and 1;
# here it is, ready to use:

# %% nbgrader={"grade": false, "grade_id": "wilson", "locked": true, "schema_version": 3, "solution": false}
def wilson(k, n, z=1.96):
    """95% Wilson score interval (low, high) for k successes in n trials; (nan, nan) when n = 0."""
    if n == 0:
        return float("nan"), float("nan")
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


wilson(1, 1), wilson(9, 10)

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex3-task-2", "locked": true, "schema_version": 3, "solution": false}
# Make a DataFrame `intervals`, indexed by `actor_a` and `actor_b` (in that
# order), with the columns `favor` (number of favor statements), `n` (number of
# statements that address the target), `share` (= `favor_share`), and `ci_low`,
# `ci_high` (from `wilson(favor, n)`).

# %% nbgrader={"grade": false, "grade_id": "ex3-answer", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
rows = {}
for a in (actor_a, actor_b):
    s = scored.loc[(scored["actor"] == a) & scored[stance].isin(["favor", "against"]), stance]
    k, n = int((s == "favor").sum()), len(s)
    low, high = wilson(k, n)
    rows[a] = {"favor": k, "n": n, "share": favor_share[a], "ci_low": low, "ci_high": high}
intervals = pd.DataFrame.from_dict(rows, orient="index")
### END SOLUTION
intervals.round(2)

# %% nbgrader={"grade": true, "grade_id": "ex3-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 3 (1 point).
assert isinstance(intervals, pd.DataFrame), "intervals should be a DataFrame"
assert list(intervals.index) == [actor_a, actor_b], f"index it by [{actor_a!r}, {actor_b!r}]"
assert {"favor", "n", "share", "ci_low", "ci_high"} <= set(intervals.columns), "a column is missing"
print("✓ Exercise 3: visible check passed")

# %% nbgrader={"grade": true, "grade_id": "ex3-hidden", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Hidden tests for exercise 3 (1 point): run when your teacher grades.
### BEGIN HIDDEN TESTS
for _a in (actor_a, actor_b):
    _r = intervals.loc[_a]
    _n = int(((scored["actor"] == _a) & scored[stance].isin(["favor", "against"])).sum())
    assert int(_r["n"]) == _n, f"{_a}: n should count only the statements that address the target ({_n})"
    _low, _high = wilson(int(_r["favor"]), int(_r["n"]))
    assert (math.isnan(_low) and math.isnan(_r["ci_low"])) or np.isclose(_r["ci_low"], _low), \
        f"{_a}: ci_low should be wilson(favor, n)[0]"
    assert (math.isnan(_high) and math.isnan(_r["ci_high"])) or np.isclose(_r["ci_high"], _high), \
        f"{_a}: ci_high should be wilson(favor, n)[1]"
print("✓ Exercise 3: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "chart-intro", "locked": true, "schema_version": 3, "solution": false}
# The chart shows both shares with their intervals and the `n` behind each:

# %% nbgrader={"grade": false, "grade_id": "chart", "locked": true, "schema_version": 3, "solution": false}
fig = go.Figure(go.Bar(
    x=[f"{a} (n={int(r.n)})" for a, r in intervals.iterrows()], y=intervals["share"].fillna(0),
    error_y=dict(type="data", symmetric=False, array=(intervals["ci_high"] - intervals["share"]).fillna(0),
                 arrayminus=(intervals["share"] - intervals["ci_low"]).fillna(0)),
    marker_color=["#0072B2", "#D55E00"]))
fig.update_layout(title=f"Share in favour of {target.replace('_', ' ')}, among statements that address it",
                  yaxis=dict(title="share in favour (95% Wilson interval)", range=[0, 1], tickformat=".0%"),
                  xaxis_title="actor (n = statements that address the proposal)", template="plotly_white",
                  width=640, height=420)
fig

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex4-question", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 4 (written, 3 points): what does the interval allow?
#
# A headline, written from the table above, says (with the default parameters):
# *"The US backs a full ceasefire; Russia rejects it."* Using the table and the chart (the shares, the intervals, the `n`), say in two
# or three sentences what the numbers support, and what they do not. *(Graded by
# your teacher: 1 point for reading the intervals, 1 for the `n`, 1 for what you
# would check or write instead.)*

# %% [markdown] nbgrader={"grade": true, "grade_id": "ex4-answer", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# **Model answer.** Each share rests on the statements of each actor that address
# the full ceasefire at all: here one each (the `n` on the chart), so a single
# statement moves a share from 0% to 100%, and the Wilson intervals are wide and
# overlap. The numbers show what one statement each says, not what each side's
# position "is". The honest version quotes the statements (exercise 5) with their
# conditions: as the article reports it, Putin made a full truce conditional on an
# end to Western military aid and intelligence for Ukraine, which is not the same
# as rejecting it outright. A claim about positions needs many statements over time.

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex5-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 5: the statements behind the number (2 points)
#
# Make a DataFrame `evidence` with the statements of `actor_a` and `actor_b` that
# address the target, with exactly the columns `actor`, `speaker`, `stance` (the
# statement's stance on the target) and `text`, sorted by `actor`. Read them: this
# is what you would quote.

# %% nbgrader={"grade": false, "grade_id": "ex5-answer", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
keep = scored["actor"].isin([actor_a, actor_b]) & scored[stance].isin(["favor", "against"])
evidence = (scored.loc[keep, ["actor", "speaker", stance, "text"]]
            .rename(columns={stance: "stance"})
            .sort_values("actor", kind="stable"))
### END SOLUTION
evidence

# %% nbgrader={"grade": true, "grade_id": "ex5-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 5 (1 point).
assert isinstance(evidence, pd.DataFrame), "evidence should be a DataFrame"
assert list(evidence.columns) == ["actor", "speaker", "stance", "text"], \
    "keep exactly the columns actor, speaker, stance, text"
print(f"✓ Exercise 5: visible check passed ({len(evidence)} statement(s))")

# %% nbgrader={"grade": true, "grade_id": "ex5-hidden", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Hidden tests for exercise 5 (1 point): run when your teacher grades.
### BEGIN HIDDEN TESTS
_n = int((scored["actor"].isin([actor_a, actor_b]) & scored[stance].isin(["favor", "against"])).sum())
assert len(evidence) == _n, f"expected {_n} statements: those of the two actors that address the target"
assert set(evidence["stance"]) <= {"favor", "against"}, "leave out statements with stance 'none'"
assert set(evidence["actor"]) <= {actor_a, actor_b}, "only the two actors"
assert list(evidence["actor"]) == sorted(evidence["actor"]), "sort by actor"
assert (evidence["text"] == scored.loc[evidence.index, "text"]).all(), "the rows should come from scored"
print("✓ Exercise 5: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "outro", "locked": true, "schema_version": 3, "solution": false}
# Go back to the headline of exercise 4 with these statements in front of you. A
# stance label is a model's reading of one sentence; the sentence itself, with its
# conditions, is the evidence. To try the same on a larger corpus, ask your teacher
# for one (the `corpus` parameter), or point it at the public datasets
# (`stancemap datasets list`).

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

# %% [markdown]
# # Assignment: how do the actors frame the ceasefire?
#
# **Learning goals.** After this assignment you can
#
# * turn a table of attributed statements into counts and shares per actor;
# * read a bootstrap interval and say what it does and does not allow you to claim;
# * go back from a number to the statements behind it.
#
# **How it works.** Each exercise has a code cell with `# YOUR CODE HERE`: replace
# `raise NotImplementedError()` with your code. The cell after it is a
# **self-check**: run it, and it prints ✓ when your answer is right, or stops with
# an `AssertionError` that tells you what to look at. Do not edit the self-check
# cells. Written answers go in the Markdown cells marked *YOUR ANSWER HERE*.
#
# The data is one news article about the Trump–Putin call of 18 March 2025 and the
# reactions to it (the corpus bundled with stancemap): 19 statements by four
# groups of actors. Small on purpose: you can read every statement.

# %%
# Setup (run this cell first; no changes needed).
import warnings

import pandas as pd
import plotly.io as pio

pio.renderers.default = "plotly_mimetype"
warnings.formatwarning = lambda message, category, *args, **kwargs: f"{category.__name__}: {message}\n"
pd.set_option("display.max_colwidth", 120)

# %% tags=["parameters"]
corpus = "ceasefire-2025-03"  # the bundled corpus (your teacher may give you another one)
actors = None                 # None = the bundled actor registry

# %%
from pathlib import Path

from stancemap.actors import load_actors
from stancemap.compare import frame_shares
from stancemap.corpus import load, load_bundled
from stancemap.extract import extract
from stancemap.plots import frame_profile
from stancemap.score import score

registry = load_actors(actors)
documents = load(corpus) if Path(corpus).exists() else load_bundled(corpus)
scored = score(extract(documents, actors=registry))
scored[["actor", "speaker", "text", "frames"]]

# %% [markdown]
# Each row is one statement. `actor` is the speaker's group (`us`, `russia`,
# `ukraine`, `europe`), `frames` lists the frames the classifier found, separated
# by `;` (for example `diplomacy;security`), and is empty when it found none.
#
# ## Exercise 1: who speaks how often?
#
# Make a pandas Series `counts`, indexed by actor, with the number of statements of
# each actor. *Hint:* `groupby` and `size`, or `value_counts`.

# %%
### BEGIN SOLUTION
counts = scored.groupby("actor").size()
### END SOLUTION
counts

# %%
# Self-check for exercise 1 (do not edit).
from stancemap.compare import group_counts

assert isinstance(counts, pd.Series), "counts should be a pandas Series (one number per actor)"
assert int(counts.sum()) == len(scored), f"the counts should add up to {len(scored)} statements"
expected = group_counts(scored).set_index("group")["statements"]
assert counts.sort_index().to_dict() == expected.sort_index().to_dict(), "some actor has the wrong count"
print("✓ Exercise 1 passed")

# %% [markdown]
# ## Exercise 2: how often does each actor use the diplomacy frame?
#
# Make a Series `diplomacy_share`, indexed by actor, with the **share** (between 0
# and 1) of each actor's statements whose `frames` include `diplomacy`.
# *Hint:* `scored["frames"].str.split(";")` gives a list of frames per statement;
# check whether `"diplomacy"` is in it, then take the mean per actor.

# %%
### BEGIN SOLUTION
uses_diplomacy = scored["frames"].str.split(";").apply(lambda frames: "diplomacy" in frames)
diplomacy_share = uses_diplomacy.groupby(scored["actor"]).mean()
### END SOLUTION
diplomacy_share.round(2)

# %%
# Self-check for exercise 2 (do not edit).
import numpy as np

assert isinstance(diplomacy_share, pd.Series), "diplomacy_share should be a pandas Series"
assert diplomacy_share.between(0, 1).all(), "shares are between 0 and 1 (did you count instead of averaging?)"
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    check = frame_shares(scored, frames=["diplomacy"]).set_index("group")["share"]
assert set(diplomacy_share.index) == set(check.index), f"one value per actor expected: {sorted(check.index)}"
assert np.allclose(diplomacy_share.sort_index(), check.sort_index()), "some share is off; check the split on ';'"
print("✓ Exercise 2 passed")

# %% [markdown]
# ## Exercise 3: how uncertain are these shares?
#
# stancemap computes the same shares with a 95% bootstrap interval (`ci_low` to
# `ci_high`) for every actor and frame:

# %%
shares = frame_shares(scored, registry=registry)
shares.head()

# %% [markdown]
# Add a column `width` (= `ci_high` − `ci_low`) to `shares`, and store in `widest`
# the **row** (a Series) with the widest interval. *Hint:* `idxmax`, then `.loc`.

# %%
### BEGIN SOLUTION
shares["width"] = shares["ci_high"] - shares["ci_low"]
widest = shares.loc[shares["width"].idxmax()]
### END SOLUTION
widest

# %%
# Self-check for exercise 3 (do not edit).
assert "width" in shares.columns, "add a 'width' column to shares"
assert np.allclose(shares["width"], shares["ci_high"] - shares["ci_low"]), "width should be ci_high - ci_low"
assert isinstance(widest, pd.Series) and "frame" in widest.index, "widest should be one row of shares"
assert np.isclose(widest["width"], shares["width"].max()), "that is not the widest interval"
print(f"✓ Exercise 3 passed: {widest['group']} / {widest['frame']}: {widest['count']} of {widest['n']} statements, "
      f"interval {widest['ci_low']:.0%}–{widest['ci_high']:.0%}")

# %% [markdown]
# ## Exercise 4 (written): what may a journalist write?
#
# Here is the chart of all the shares, with their intervals:

# %%
frame_profile(shares, registry)

# %% [markdown]
# A colleague wants to write: *"Russia talks about security far more than Europe
# does."* Using the chart (the bars, the whiskers and the `n` in the legend), say in
# two or three sentences whether the data supports that sentence, and what you
# would write instead.
#
# <!-- BEGIN SOLUTION -->
# **Model answer.** Compare the two security bars *and* their whiskers. Each bar
# rests on a handful of statements from a single article (the `n` in the legend),
# and the intervals are wide and overlap, so the data cannot support "far more",
# nor a claim about how these actors usually talk. An honest sentence reports what
# was counted and how little: *"In this one article, x of Russia's n statements
# were about strikes, weapons or troops, against y of Europe's m: too few to call
# it a pattern."* A claim about habits needs many articles over time.
# <!-- END SOLUTION -->

# %% [markdown]
# ## Exercise 5: back to the statements
#
# Numbers are only as good as the statements behind them. Make a DataFrame
# `blame_statements` with the rows of `scored` whose frames include `blame`, and
# only the columns `actor`, `speaker` and `text`.

# %%
### BEGIN SOLUTION
has_blame = scored["frames"].str.split(";").apply(lambda frames: "blame" in frames)
blame_statements = scored.loc[has_blame, ["actor", "speaker", "text"]]
### END SOLUTION
blame_statements

# %%
# Self-check for exercise 5 (do not edit).
assert isinstance(blame_statements, pd.DataFrame), "blame_statements should be a DataFrame"
assert list(blame_statements.columns) == ["actor", "speaker", "text"], "keep exactly: actor, speaker, text"
expected_n = int(shares.loc[shares["frame"] == "blame", "count"].sum())
assert len(blame_statements) == expected_n, f"expected {expected_n} statements with the blame frame"
assert all(t in set(scored["text"]) for t in blame_statements["text"]), "texts should come from scored"
print(f"✓ Exercise 5 passed: {len(blame_statements)} statement(s) with the blame frame")

# %% [markdown]
# Read them. Would *you* code each of them as blame, following the codebook
# (`corpora/codebook.yaml`: "the statement assigns fault: accusations, violations,
# provocations, bad faith …")? Note any you disagree with; that is how codebooks
# and classifiers get better.
#
# ## Exercise 6: your own chart
#
# Make `fig`: the frame chart (`frame_profile`) for only the `diplomacy` and
# `security` frames. *Hint:* `frame_shares` takes `frames=[...]`; `frame_profile`
# takes the shares table and the `registry`.

# %%
### BEGIN SOLUTION
fig = frame_profile(frame_shares(scored, frames=["diplomacy", "security"], registry=registry), registry)
### END SOLUTION
fig

# %%
# Self-check for exercise 6 (do not edit).
import plotly.graph_objects as go

assert isinstance(fig, go.Figure), "fig should be a plotly Figure (what frame_profile returns)"
bars = [t for t in fig.data if t.type == "bar"]
assert len(bars) == scored["actor"].nunique(), "one set of bars per actor expected"
assert all(len(t.y) == 2 for t in bars), "the chart should show exactly two frames"
print("✓ Exercise 6 passed")

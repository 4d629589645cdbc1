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
# # Assignment 1: how do the actors frame the ceasefire?
#
# **Learning goals.** After this assignment you can
#
# * turn a table of attributed statements into counts and shares per actor;
# * read a 95% interval and say what it does and does not allow you to claim;
# * go back from a number to the statements behind it.
#
# **How it works.** Each exercise has a code cell with `# YOUR CODE HERE`: replace
# `raise NotImplementedError()` with your code. The cell after it is a **check**:
# run it, and it prints ✓ when your answer passes, or stops with an
# `AssertionError` that tells you what to look at. Your teacher grades with these
# checks **and with hidden ones** (in the cells that say so), so an answer that
# only fits the visible checks can still lose points: solve the task as written.
# Written answers go in the cells that say *YOUR ANSWER HERE*; your teacher reads
# and grades them. Check cells and instructions are read-only.
#
# **Points.** 14 in all: 11 for the code (checked automatically), 3 for the
# written answer (graded by your teacher).
#
# The data is one news article about the Trump–Putin call of 18 March 2025 and the
# reactions to it (the corpus bundled with stancemap): 19 statements by four
# groups of actors. Small on purpose: you can read every statement.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
# Setup (run this cell first; no changes needed).
import warnings

import numpy as np
import pandas as pd
import plotly.io as pio

pio.renderers.default = "plotly_mimetype"
warnings.formatwarning = lambda message, category, *args, **kwargs: f"{category.__name__}: {message}\n"
pd.set_option("display.max_colwidth", 120)

# %% tags=["parameters"]
corpus = "ceasefire-2025-03"  # the bundled corpus (your teacher may give you another one)
actors = None                 # None = the bundled actor registry

# %% nbgrader={"grade": false, "grade_id": "load", "locked": true, "schema_version": 3, "solution": false}
from pathlib import Path

from stancemap.actors import load_actors
from stancemap.compare import frame_shares, group_counts
from stancemap.corpus import load, load_bundled
from stancemap.extract import extract
from stancemap.plots import frame_profile
from stancemap.score import score

registry = load_actors(actors)
documents = load(corpus) if Path(corpus).exists() else load_bundled(corpus)
scored = score(extract(documents, actors=registry))
scored[["actor", "speaker", "text", "frames"]]

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex1-task", "locked": true, "schema_version": 3, "solution": false}
# Each row is one statement. `actor` is the speaker's group (`us`, `russia`,
# `ukraine`, `europe`), `frames` lists the frames the classifier found, separated
# by `;` (for example `diplomacy;security`), and is empty when it found none.
#
# ## Exercise 1: who speaks how often? (2 points)
#
# Make a pandas Series `counts`, indexed by actor, with the number of statements of
# each actor. *Hint:* `groupby` and `size`, or `value_counts`.

# %% nbgrader={"grade": false, "grade_id": "ex1-answer", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
counts = scored.groupby("actor").size()
### END SOLUTION
counts

# %% nbgrader={"grade": true, "grade_id": "ex1-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 1 (1 point).
assert isinstance(counts, pd.Series), "counts should be a pandas Series (one number per actor)"
assert int(counts.sum()) == len(scored), f"the counts should add up to {len(scored)} statements"
print("✓ Exercise 1: visible check passed")

# %% nbgrader={"grade": true, "grade_id": "ex1-hidden", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Hidden tests for exercise 1 (1 point): run when your teacher grades.
### BEGIN HIDDEN TESTS
_expected = group_counts(scored).set_index("group")["statements"]
assert set(counts.index) == set(_expected.index), f"one count per actor expected: {sorted(_expected.index)}"
assert counts.sort_index().to_dict() == _expected.sort_index().to_dict(), "some actor has the wrong count"
print("✓ Exercise 1: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex2-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 2: how often does each actor use the diplomacy frame? (3 points)
#
# Make a Series `diplomacy_share`, indexed by actor, with the **share** (between 0
# and 1) of each actor's statements whose `frames` include `diplomacy`.
# *Hint:* `scored["frames"].str.split(";")` gives a list of frames per statement;
# check whether `"diplomacy"` is in it, then take the mean per actor.

# %% nbgrader={"grade": false, "grade_id": "ex2-answer", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
uses_diplomacy = scored["frames"].str.split(";").apply(lambda frames: "diplomacy" in frames)
diplomacy_share = uses_diplomacy.groupby(scored["actor"]).mean()
### END SOLUTION
diplomacy_share.round(2)

# %% nbgrader={"grade": true, "grade_id": "ex2-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 2 (1 point).
assert isinstance(diplomacy_share, pd.Series), "diplomacy_share should be a pandas Series"
assert diplomacy_share.between(0, 1).all(), "shares are between 0 and 1 (did you count instead of averaging?)"
assert diplomacy_share.index.nunique() == scored["actor"].nunique(), "one value per actor expected"
print("✓ Exercise 2: visible check passed")

# %% nbgrader={"grade": true, "grade_id": "ex2-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Hidden tests for exercise 2 (2 points): run when your teacher grades.
### BEGIN HIDDEN TESTS
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    _check = frame_shares(scored, frames=["diplomacy"]).set_index("group")["share"]
assert set(diplomacy_share.index) == set(_check.index), f"one value per actor expected: {sorted(_check.index)}"
assert np.allclose(diplomacy_share.sort_index().astype(float), _check.sort_index()), \
    "some share is off: split the frames on ';' and look for the whole word 'diplomacy'"
print("✓ Exercise 2: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex3-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 3: how uncertain are these shares? (2 points)
#
# stancemap computes the same shares with a 95% Wilson score interval (`ci_low` to
# `ci_high`) for every actor and frame:

# %% nbgrader={"grade": false, "grade_id": "shares", "locked": true, "schema_version": 3, "solution": false}
shares = frame_shares(scored, registry=registry)
shares.head()

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex3-task-2", "locked": true, "schema_version": 3, "solution": false}
# Add a column `width` (= `ci_high` − `ci_low`) to `shares`, and store in `widest`
# the **row** (a Series) with the widest interval. *Hint:* `idxmax`, then `.loc`.

# %% nbgrader={"grade": false, "grade_id": "ex3-answer", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
shares["width"] = shares["ci_high"] - shares["ci_low"]
widest = shares.loc[shares["width"].idxmax()]
### END SOLUTION
widest

# %% nbgrader={"grade": true, "grade_id": "ex3-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 3 (1 point).
assert "width" in shares.columns, "add a 'width' column to shares"
assert np.allclose(shares["width"], shares["ci_high"] - shares["ci_low"]), "width should be ci_high - ci_low"
assert isinstance(widest, pd.Series) and "frame" in widest.index, "widest should be one row of shares"
print("✓ Exercise 3: visible check passed")

# %% nbgrader={"grade": true, "grade_id": "ex3-hidden", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Hidden tests for exercise 3 (1 point): run when your teacher grades.
### BEGIN HIDDEN TESTS
assert np.isclose(widest["width"], shares["width"].max()), "that is not the widest interval"
_row = shares[(shares["group"] == widest["group"]) & (shares["frame"] == widest["frame"])]
assert len(_row) == 1 and np.isclose(_row["ci_low"].iloc[0], widest["ci_low"]), "widest should be a row of shares"
print("✓ Exercise 3: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex4-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 4 (written, 3 points): what may a journalist write?
#
# Here is the chart of all the shares, with their intervals:

# %% nbgrader={"grade": false, "grade_id": "chart", "locked": true, "schema_version": 3, "solution": false}
frame_profile(shares, registry)

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex4-question", "locked": true, "schema_version": 3, "solution": false}
# A colleague wants to write: *"Russia talks about security far more than Europe
# does."* Using the chart (the bars, the whiskers and the `n` in the legend), say in
# two or three sentences whether the data supports that sentence, and what you
# would write instead. *(Graded by your teacher: 1 point for reading the
# intervals, 1 for the `n`, 1 for an honest alternative sentence.)*

# %% [markdown] nbgrader={"grade": true, "grade_id": "ex4-answer", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# **Model answer.** Compare the two security bars *and* their whiskers. Each bar
# rests on a handful of statements from a single article (the `n` in the legend),
# and the intervals are wide and overlap, so the data cannot support "far more",
# nor a claim about how these actors usually talk. An honest sentence reports what
# was counted and how little: *"In this one article, x of Russia's n statements
# were about strikes, weapons or troops, against y of Europe's m: too few to call
# it a pattern."* A claim about habits needs many articles over time.

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex5-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 5: back to the statements (2 points)
#
# Numbers are only as good as the statements behind them. Make a DataFrame
# `blame_statements` with the rows of `scored` whose frames include `blame`, and
# only the columns `actor`, `speaker` and `text`.

# %% nbgrader={"grade": false, "grade_id": "ex5-answer", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
has_blame = scored["frames"].str.split(";").apply(lambda frames: "blame" in frames)
blame_statements = scored.loc[has_blame, ["actor", "speaker", "text"]]
### END SOLUTION
blame_statements

# %% nbgrader={"grade": true, "grade_id": "ex5-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 5 (1 point).
assert isinstance(blame_statements, pd.DataFrame), "blame_statements should be a DataFrame"
assert list(blame_statements.columns) == ["actor", "speaker", "text"], "keep exactly: actor, speaker, text"
print("✓ Exercise 5: visible check passed")

# %% nbgrader={"grade": true, "grade_id": "ex5-hidden", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Hidden tests for exercise 5 (1 point): run when your teacher grades.
### BEGIN HIDDEN TESTS
_expected_n = int(shares.loc[shares["frame"] == "blame", "count"].sum())
assert len(blame_statements) == _expected_n, f"expected {_expected_n} statements with the blame frame"
assert set(blame_statements.index) <= set(scored.index), "rows should come from scored (keep its index)"
assert (blame_statements["text"] == scored.loc[blame_statements.index, "text"]).all(), "texts should come from scored"
print("✓ Exercise 5: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex6-task", "locked": true, "schema_version": 3, "solution": false}
# Read them. Would *you* code each of them as blame, following the codebook
# (`corpora/codebook.yaml`: "the statement assigns fault: accusations, violations,
# provocations, bad faith …")? Note any you disagree with; that is how codebooks
# and classifiers get better (assignment 3 is about exactly that).
#
# ## Exercise 6: your own chart (2 points)
#
# Make `fig`: the frame chart (`frame_profile`) for only the `diplomacy` and
# `security` frames. *Hint:* `frame_shares` takes `frames=[...]`; `frame_profile`
# takes the shares table and the `registry`.

# %% nbgrader={"grade": false, "grade_id": "ex6-answer", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
fig = frame_profile(frame_shares(scored, frames=["diplomacy", "security"], registry=registry), registry)
### END SOLUTION
fig

# %% nbgrader={"grade": true, "grade_id": "ex6-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 6 (1 point).
import plotly.graph_objects as go

assert isinstance(fig, go.Figure), "fig should be a plotly Figure (what frame_profile returns)"
print("✓ Exercise 6: visible check passed")

# %% nbgrader={"grade": true, "grade_id": "ex6-hidden", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Hidden tests for exercise 6 (1 point): run when your teacher grades.
### BEGIN HIDDEN TESTS
_bars = [t for t in fig.data if t.type == "bar"]
assert len(_bars) == scored["actor"].nunique(), "one set of bars per actor expected"
assert all(len(t.y) == 2 for t in _bars), "the chart should show exactly two frames"
print("✓ Exercise 6: hidden check passed")
### END HIDDEN TESTS

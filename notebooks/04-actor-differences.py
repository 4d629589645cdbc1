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
# # How different are the actors?
#
# Four ways to compare actors, each with its own question:
#
# 1. **Keyness**: which *words* set one actor's statements apart from everyone else's?
# 2. **Pairwise differences**: does actor A use a frame more than actor B, beyond noise?
# 3. **Event window**: did the framing change after an event (the call of 18 March 2025)?
# 4. **Blame network**: who accuses whom?
#
# The bundled article has 19 statements. Every method below runs on it, and every
# one of them says, in its own way, that 19 statements are not enough to tell the
# actors apart with confidence. Watch for how each method signals that.

# %%
# Setup: charts stored as plotly JSON, one-line warnings.
import warnings

import pandas as pd
import plotly.io as pio

pio.renderers.default = "plotly_mimetype"
warnings.formatwarning = lambda message, category, *args, **kwargs: f"{category.__name__}: {message}\n"
pd.set_option("display.max_colwidth", 120)

# %% tags=["parameters"]
corpus = "ceasefire-2025-03"  # a bundled corpus name, or the path of your folder (or CSV) of articles
actors = None                 # None = the bundled actor registry, or the path of your YAML
model = None                  # None = the default model, or a model folder made with `stancemap train`
frame = "security"            # the frame compared pair by pair in section 2
event_date = "2025-03-18"     # the event for section 3 (YYYY-MM-DD)
example_articles = "data/constructed-articles"  # CONSTRUCTED, dated articles used to demonstrate section 3
example_actors = "data/fictional-actors.yaml"   # their (fictional) actor registry
figures_dir = None            # e.g. "../figures/notebooks" to also save the charts as HTML files

# %%
from pathlib import Path

from stancemap.actors import load_actors
from stancemap.corpus import load, load_bundled
from stancemap.extract import extract
from stancemap.models import load_model
from stancemap.score import score

registry = load_actors(actors)
classifier = load_model(model)
documents = load(corpus) if Path(corpus).exists() else load_bundled(corpus)
statements = extract(documents, actors=registry)
scored = score(statements, model=classifier)
print(f"{len(scored)} statements from {scored['doc_id'].nunique()} document(s)")

# %% [markdown]
# ## 1. Keyness: the words that set each actor apart
#
# For every word and actor, `keyness` compares how often the actor uses it with how
# often everyone else does, as a log-odds ratio with an informative Dirichlet prior
# (Monroe, Colaresi & Quinn 2008, "Fightin' Words"). The prior pulls rare words
# toward zero, so a word used once does not top the list by accident. The `z`
# score is the log-odds divided by its standard error; z above 1.96 is the usual
# bar for "used notably more". Raw counts (`n_actor`, `n_reference`) stay beside
# the statistic, so you can see what it rests on.

# %%
from stancemap.keyness import keyness, top_terms

keys = keyness(statements, registry=registry)
print(f"{len(keys)} word–actor pairs; {int((keys['z'] > 1.96).sum())} with z > 1.96")
top_terms(keys, 5)[["actor", "term", "n_actor", "n_reference", "log_odds", "z"]].round(2)

# %%
from stancemap.plots import keyness_chart

keyness_figure = keyness_chart(keys, registry, top=8)
keyness_figure

# %% [markdown]
# With a few dozen words per actor the counts are 1s and 2s, and the z scores stay
# near or below the 1.96 bar (the line above counts the words that pass it). The
# lists are still useful for *reading*: they point at the passages that differ. They
# are not evidence of a difference in vocabulary.
#
# ## 2. Pairwise differences, with intervals
#
# `differences` subtracts one actor's frame share from another's, for every pair,
# and bootstraps the difference (each actor's statements redrawn separately). If
# the interval excludes 0, the difference is unlikely to be resampling noise alone.

# %%
from stancemap.compare import differences

diffs = differences(scored, pairs="all", registry=registry)
cols = ["group_a", "group_b", "frame", "n_a", "n_b", "share_a", "share_b", "diff", "ci_low", "ci_high"]
diffs.loc[diffs["frame"] == frame, cols].round(2)

# %% [markdown]
# The same as a chart: one row per pair, the dot is the difference and the line
# its 95% interval.

# %%
import plotly.graph_objects as go

d = diffs[diffs["frame"] == frame]
pair_labels = [f"{registry.labels.get(a, a)} − {registry.labels.get(b, b)} (n={na} vs {nb})"
               for a, b, na, nb in zip(d["group_a"], d["group_b"], d["n_a"], d["n_b"])]
difference_chart = go.Figure(go.Scatter(
    x=d["diff"], y=pair_labels, mode="markers", marker=dict(size=10, color="#332288"),
    error_x=dict(type="data", symmetric=False, array=d["ci_high"] - d["diff"], arrayminus=d["diff"] - d["ci_low"]),
    hovertemplate="%{y}: %{x:+.0%}<extra></extra>"))
difference_chart.add_vline(x=0, line=dict(color="#888888", dash="dash"))
difference_chart.update_xaxes(tickformat="+.0%", range=[-1.05, 1.05],
                              title_text=f"Difference in the share of statements using the {frame} frame")
difference_chart.update_yaxes(autorange="reversed")
difference_chart.update_layout(template="plotly_white", height=420,
                               title=f"Pairwise differences in the {frame} frame, with 95% bootstrap intervals")
difference_chart

# %% [markdown]
# Which differences have an interval that excludes 0, across all frames?

# %%
clear = diffs[(diffs["ci_low"] > 0) | (diffs["ci_high"] < 0)]
clear[cols].round(2)

# %% [markdown]
# **Do not publish these as findings.** Look at the shares in these rows: when one
# side is 0% (or 100%) from 3 to 6 statements, the bootstrap can only redraw the
# statements it has. If none of an actor's statements used a frame, no redraw
# does either, and that side of the difference looks certain. With so few
# statements the percentile bootstrap is overconfident. The `small_n` column flags
# every one of these rows; the fix is more statements.
#
# ## 3. Before and after an event
#
# `event_window` labels each statement `before` or `after` the event date, from the
# date of its document. Then every comparison can be split by window.

# %%
from stancemap.compare import event_window

windowed = event_window(scored, event_date)
windowed["window"].value_counts()

# %% [markdown]
# The bundled article has no publication date, so every statement is `undated`
# and there is nothing to compare (the warning says so). An event window needs
# dated documents on *both* sides of the date.
#
# To show what the comparison looks like, here are two short **constructed**
# articles shipped with the notebooks (`data/constructed-articles/`): a fictional
# dispute between Northland and Southland, one article dated two days before
# 18 March 2025 and one two days after. The countries, people and quotes are
# invented for this tutorial; notebook 05 uses them too.

# %%
example_registry = load_actors(example_actors)
example = score(extract(load(example_articles), actors=example_registry), model=classifier)
example_windowed = event_window(example, event_date)
example_windowed.groupby(["window", "actor"], sort=False).size().rename("statements").reset_index()

# %%
from stancemap.compare import frame_shares
from stancemap.plots import frame_profile

window_chart = frame_profile(
    frame_shares(example_windowed, registry=example_registry, split="window"), example_registry,
    title=f"Frames before and after {event_date} (constructed example, fictional actors)")
window_chart

# %% [markdown]
# And the change for each actor, after minus before, with an interval:

# %%
change = differences(example_windowed, by="window", pairs=[("after", "before")], split="actor",
                     registry=example_registry)
change[["actor", "frame", "n_a", "n_b", "share_a", "share_b", "diff", "ci_low", "ci_high"]].rename(
    columns={"n_a": "n after", "n_b": "n before", "share_a": "after", "share_b": "before"}).round(2)

# %% [markdown]
# ## 4. Who blames whom
#
# A statement counts as an accusation when the classifier gives it the `blame`
# frame. Its arrow goes from the speaker's group to every group the statement
# names (found with the actor registry's aliases). `statement_ids` lets you find
# the statements behind each arrow.

# %%
from stancemap.compare import blame_edges

edges = blame_edges(scored, registry)
edges

# %%
from stancemap.plots import blame_network

blame_chart = blame_network(edges, registry)
blame_chart

# %% [markdown]
# Only statements that *name* the accused get an arrow. A blame statement that
# names no other actor ("accused each other …") still counts toward the speaker's
# blame statements (the size of its circle) but draws no arrow. Check the arrows
# against the statements behind them:

# %%
ids = set(";".join(edges["statement_ids"]).split(";")) if len(edges) else set()
scored[scored["statement_id"].isin(ids)][["statement_id", "actor", "speaker", "cue", "text"]]

# %%
if figures_dir:
    from stancemap.figures import save_figures

    _ = save_figures({"04-keyness": keyness_figure, "04-differences": difference_chart,
                      "04-event-window-example": window_chart, "04-blame-network": blame_chart}, figures_dir)

# %% [markdown]
# ## What to take away
#
# * Keyness, differences and windows all need many statements per actor; on a
#   single article they are a way to find passages to read, not results.
# * An interval that excludes 0 is not enough when a share is 0% or 100% from a
#   handful of statements: check `n` and `small_n`.
# * An event window needs dated documents on both sides of the event.
#
# Next: **05-bring-your-own-articles** (your articles, your actors, your labels).

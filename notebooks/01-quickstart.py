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
# # Quickstart: who said what about the ceasefire, and how they framed it
#
# This notebook goes from a news article to a chart you could publish, in five steps:
#
# 1. **load** the articles into a *documents* table;
# 2. **extract** the statements: who said what, in which words;
# 3. look at **who said what**;
# 4. **score** every statement: which frames it uses, where it stands on each proposal, its tone;
# 5. **compare** the actors in one chart.
#
# Run it with *Run → Run All Cells*. Each step is one function call that takes a table
# (a pandas DataFrame) and returns a new one, so you can stop anywhere and look at it.
#
# **A word on size.** The bundled corpus is *one* wire-style article about the
# Trump–Putin call of 18 March 2025 and the reactions to it. One article gives a
# handful of statements per actor, so the numbers below demonstrate the method;
# they are not findings. Point the `corpus` parameter at your own articles to get
# numbers worth publishing.

# %%
# Setup. Charts are stored in the notebook as plotly JSON (so they show up in
# JupyterLab and can be checked by the tests), and warnings are printed as one short line.
import warnings

import pandas as pd
import plotly.io as pio

pio.renderers.default = "plotly_mimetype"
warnings.formatwarning = lambda message, category, *args, **kwargs: f"{category.__name__}: {message}\n"
pd.set_option("display.max_colwidth", 120)

# %% [markdown]
# ## Parameters
#
# Change these to run the notebook on something else. From the command line,
# papermill does the same: `papermill 01-quickstart.ipynb out.ipynb -p corpus path/to/my-articles`.

# %% tags=["parameters"]
corpus = "ceasefire-2025-03"  # a bundled corpus name, or the path of your folder (or CSV) of articles
actors = None                 # None = the bundled actor registry (corpora/actors.yaml), or the path of your YAML
model = None                  # None = the default model, or a model folder made with `stancemap train`
figures_dir = None            # e.g. "../figures/notebooks" to also save the charts as HTML files

# %% [markdown]
# ## 1. Load the articles
#
# `load_bundled` reads a corpus that ships with stancemap; `load(path)` reads your own
# folder of `.txt`, `.md`, `.html`, `.csv` … files. You get one row per document, with
# its cleaned text and where it came from (title, date, outlet, licence).

# %%
from pathlib import Path

from stancemap.actors import load_actors
from stancemap.corpus import load, load_bundled

registry = load_actors(actors)
documents = load(corpus) if Path(corpus).exists() else load_bundled(corpus)
documents[["doc_id", "title", "date", "outlet", "doc_kind"]].assign(characters=documents["text"].str.len())

# %% [markdown]
# The `date` is empty: whoever supplied the article did not record when it was
# published. stancemap keeps that gap visible instead of guessing a date.
#
# ## 2. Extract the statements
#
# `extract` finds *attributed statements*: direct quotes ("…," Zelenskyy said),
# reported speech (Putin insisted that …) and mixtures of both. It resolves each
# speaker to an **actor group** with the actor registry: Trump, Vance and the
# White House → United States; Putin, Peskov and the Kremlin → Russia; and so on.
# The registry is a YAML file you can edit; nothing about these four actors is
# built into the code.

# %%
from stancemap.extract import extract

statements = extract(documents, actors=registry)
print(f"{len(statements)} statements from {statements['doc_id'].nunique()} document(s)")
statements[["actor", "speaker", "cue", "kind", "text"]]

# %% [markdown]
# Each row keeps the exact words (`text`), the verb that introduced them (`cue`),
# and whether they were quoted (`direct`), paraphrased (`indirect`) or both (`mixed`).
# The table also has `char_start`/`char_end`, the position of the words in the
# article, and the whole `sentence`, so every number later on can be traced back to
# the words behind it.
#
# ## 3. Who said what
#
# How many statements does each actor have, and from how many documents?
# Statements whose speaker is not in the registry are kept as `unattributed`
# (never silently dropped).

# %%
from stancemap.compare import group_counts

group_counts(statements, registry=registry)

# %%
statements.groupby(["actor", "speaker"], sort=False).size().rename("statements").reset_index()

# %% [markdown]
# ## 4. Score every statement
#
# `score` adds, for every statement:
#
# * **frames**: which of the codebook's eight frames it uses (diplomacy, security,
#   humanitarian, economic, sovereignty, blame, alliance, morality);
# * **stance** toward each of five proposals (full ceasefire, energy truce,
#   military aid, sanctions, territorial concessions): `favor`, `against` or `none`;
# * **tone**: how positive or negative the wording is (VADER, from −1 to +1).
#
# The frames and stances come from transparent classifiers trained on examples
# *constructed* for the codebook (`corpora/training/`) and on real sentences of
# public datasets, double-coded (`corpora/real-labels`). Notebooks 02 and 03 show
# how far to trust them.

# %%
from stancemap.score import score

scored = score(statements, model=model)
scored[["speaker", "text", "frames", "stance_full_ceasefire", "stance_energy_truce", "tone"]].round(2)

# %% [markdown]
# ## 5. The headline chart: which frames each actor uses
#
# For each actor, the share of its statements that use each frame. The whiskers
# are 95% *Wilson score* intervals: the range of shares that fit what these
# statements show, if the same actors had made a different handful of similar
# statements. Faded bars mean the
# actor has fewer than 10 statements; the warning below says the same in words.

# %%
from stancemap.compare import frame_shares
from stancemap.plots import frame_profile

shares = frame_shares(scored, registry=registry)
frame_chart = frame_profile(shares, registry)
frame_chart

# %% [markdown]
# With three to six statements per actor, many whiskers cover half the axis or
# more. The chart tells you what *these* statements do, not what each government
# usually says: that needs many articles over time.
#
# One more chart, for reading rather than counting: every statement as a point
# (its tone on the vertical axis). Hover over a point to read the statement, its
# speaker and its source.

# %%
from stancemap.plots import statement_explorer

explorer = statement_explorer(scored, registry)
explorer

# %%
# Save the charts as HTML files (only when figures_dir is set, e.g. by `make figures`).
if figures_dir:
    from stancemap.figures import save_figures

    _ = save_figures({"01-frame-profile": frame_chart, "01-statement-explorer": explorer}, figures_dir)

# %% [markdown]
# ## Where next
#
# * **02-framing**: the frames in detail, the statements behind each bar, and a
#   word-list baseline next to the classifier.
# * **03-stance**: where each actor stands on each proposal, and why the model decided what it did.
# * **04-actor-differences**: the words that set actors apart, pairwise differences,
#   before/after an event, who blames whom.
# * **05-bring-your-own-articles**: your articles, your actors, your labels.
#
# The same steps run from the command line: `stancemap extract`, `stancemap score`,
# `stancemap report` (see `stancemap --help`).

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
# # Case study: the UN General Debate 2014–2024 — the US, Russia, Ukraine and Europe
#
# Every September, each UN member state speaks once in the General Debate. The
# same venue, the same format, every year: a good place to see how the United
# States, Russia, Ukraine and European governments frame the world, and how that
# changed from 2014 (the year of Crimea) through 2022 (the full-scale invasion) to
# 2024.
#
# **Data.** The UN General Debate Corpus (Baturo, Dasandi & Mikhaylov 2017,
# "Understanding State Preferences With Text As Data", *Research & Politics*;
# Jankin, Baturo & Dasandi, "Words to unite nations", *Journal of Peace Research*),
# sessions 69–79 (2014–2024), licence CC0, as the dataset `ungdc-2014-2024`
# (`stancemap datasets fetch ungdc-2014-2024`). Speakers and posts come from the
# corpus's `Speakers_by_session.xlsx`.
#
# **Who is who.** A speech belongs to its country's actor group through
# `corpora/ungdc-actors.yaml`: USA → `us`, RUS → `russia`, UKR → `ukraine`, and
# the EU plus Germany, the United Kingdom, France, Italy, Spain and Poland →
# `europe` (edit the file, or pass `actors_map=`, for another definition).
# Europe therefore has about seven speeches a year, the others one: compare
# *shares*, which do not depend on the number of speeches.
#
# **Sentence level.** Every sentence of a speech is a statement of its country's
# actor (`kind = official`); quotes of other people inside a speech go to them.
#
# **Read with care.** The classifiers learned from *constructed* examples written
# for the 2025 ceasefire codebook and the real sentences of the train and dev parts (`corpora/real-labels`,
# some of them UN speeches; test scores in `models/default/MODEL_CARD.md`); read the shares as a
# transparent, consistent measurement for comparing actors and years, each with
# its interval and `n`, not as exact proportions.

# %%
# Setup: charts stored as plotly JSON, one-line warnings.
import warnings

import pandas as pd
import plotly.io as pio

pio.renderers.default = "plotly_mimetype"
warnings.formatwarning = lambda message, category, *args, **kwargs: f"{category.__name__}: {message}\n"
pd.set_option("display.max_colwidth", 120)

# %% tags=["parameters"]
data_dir = None          # None: $STANCEMAP_DATA, else ../shared/datasets beside the checkout, else the user cache
figures_root = "../../figures"  # figures and tables go to <figures_root>/case-studies/ungdc (None: not saved)
max_statements = None    # None scores every sentence; a number scores a deterministic sample (quick runs)
n_boot = 2000            # bootstrap resamples for every interval
seed = 0                 # bootstrap and sampling seed
actors_map = None        # None: corpora/ungdc-actors.yaml; or a YAML file / dict {group: [ISO3, ...]}
engine = "pandas"        # or "dask": extraction and scoring on a local Dask cluster (same numbers)

# %% [markdown]
# First, is the data there? If not, the next cell says how to get it and stops.

# %%
from pathlib import Path

from stancemap import case_studies

case_studies.require_data([case_studies.UNGDC], data_dir)
out_dir = None if figures_root is None else Path(figures_root) / "case-studies" / "ungdc"
print(f"Dataset {case_studies.UNGDC} found.")

# %% [markdown]
# ## Run the pipeline
#
# `case_studies.ungdc` loads the speeches, splits them into sentences (statements),
# scores every sentence, compares the four actors overall and year by year with
# Wilson intervals, and writes the figures (HTML) and tables (CSV).

# %%
study = case_studies.ungdc(data_dir, out_dir, max_statements=max_statements, n_boot=n_boot, seed=seed,
                           actors_map=actors_map, engine=engine)
study

# %% [markdown]
# ## What was analysed
#
# Speeches per actor (and which countries they are), then sentences per actor and year.

# %%
study.tables["speeches"].groupby(["actor", "countries"])["speeches"].sum().reset_index()

# %%
study.tables["counts_by_year"].pivot_table(index="actor", columns="year", values="statements", aggfunc="sum",
                                           fill_value=0)

# %%
print("\n".join(study.findings))

# %% [markdown]
# ## Frames, all years together

# %%
study.figures["frame_profile"]

# %% [markdown]
# ## Year by year
#
# The share of each actor's sentences that use a frame, one point per General
# Debate (late September), with 95% Wilson intervals. Russia's and
# Ukraine's single speeches have about 100 sentences, so their intervals are wide;
# ringed points rest on fewer than 10.

# %%
study.figures["timeline_security"]

# %%
study.figures["timeline_sovereignty"]

# %%
study.figures["timeline_humanitarian"]

# %% [markdown]
# The same numbers as a table (security frame):

# %%
t = study.tables["frame_shares_by_year"]
t[t["frame"] == "security"].pivot_table(index="group", columns="year", values="share").round(2)

# %% [markdown]
# ## Stance
#
# Most sentences take no side on a given proposal, so stance is read among the
# sentences that do: the heatmap's colour is the share in favour, its text how many
# sentences take a side (all years). Then sanctions year by year: the share of
# sentences that take a side (top) and the share in favour among them (bottom),
# with 95% Wilson intervals; faded points rest on fewer than 10 sentences taking a
# side.

# %%
study.figures["stance_heatmap"]

# %%
study.figures["timeline_stance_sanctions"]

# %% [markdown]
# ## Words that set each actor apart

# %%
study.figures["keyness_actors"]

# %% [markdown]
# ## Notes from the run

# %%
print("\n".join(study.notes))

# %% [markdown]
# The figures are saved as HTML in `figures/case-studies/ungdc/` (byte-identical on
# every run) and the tables as CSV in its `tables/` folder.

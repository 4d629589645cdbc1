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
# # Case study: the ceasefire talks, January 2025 – July 2026
#
# How did the White House and the UK Prime Minister talk about Russia's war against
# Ukraine while the United States pushed for a ceasefire? Which frames did each use,
# month by month, where did each stand on a full ceasefire, sanctions and military
# aid, and what changed around the talks' events — the Oval Office meeting
# (28 February 2025), the Jeddah talks (11 March), the Trump–Putin call (18 March),
# the Alaska summit (15 August) and the Geneva talks (23 November)?
#
# **Data.** Two public datasets, read from the data directory (never stored here):
#
# * `whitehouse-2021-2026` — White House briefing-room pages that mention Russia or
#   Ukraine. Kept: the Trump administration's pages from 20 January 2025 to
#   31 July 2026 of the types where the White House speaks — statements, readouts,
#   fact sheets, remarks and briefing transcripts. Left out (counted below):
#   `articles/` pages (posts, interviews, columns: other people's words),
#   presidential actions and memoranda (legal instruments), and the Biden
#   administration's last days (1–19 January 2025). Credit: "The White House,
#   whitehouse.gov (public domain)."
# * `uk-pm-commons-2019-2026` — the Prime Minister's contributions in the House of
#   Commons (all Keir Starmer in this period), kept when they mention Ukraine,
#   Russia, Putin, Zelenskyy, Kyiv, the Kremlin, a ceasefire or NATO; Prime
#   Minister's Questions included. Credit: "Contains Parliamentary information
#   licensed under the Open Parliament Licence v3.0."
#
# **Whose words.** These are official texts: each page's own sentences are the
# White House's (`us`) or the Prime Minister's (`europe`), and transcript turns go
# to their speakers. Quotes and reported speech inside them go to whoever is quoted:
# that is how Russia and Ukraine appear here — not in their own words, but as the
# White House or the Prime Minister *report* them. Those statements are shown
# apart and labelled "reported in … texts"; they are never mixed into the comparison.
#
# **Read with care.** The frame and stance classifiers learned from *constructed*
# examples and the real sentences of `corpora/real-labels` (train and dev parts); their real-text test
# scores, per actor, are in `models/default/MODEL_CARD.md`. Compare the two
# sources with the same instrument and read the intervals and `n`, not the shares as
# exact proportions. Reporters' questions (`Q`) are marked and left out.

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
figures_root = "../../figures"  # figures and tables go to <figures_root>/case-studies/ceasefire-2025 (None: not saved)
max_statements = None    # None scores every statement; a number scores a deterministic sample (quick runs)
n_boot = 2000            # bootstrap resamples for the before/after differences
seed = 0                 # bootstrap and sampling seed
engine = "pandas"        # or "dask": extraction and scoring on a local Dask cluster (same numbers)

# %% [markdown]
# First, is the data there? If not, the next cell says how to get it and stops.

# %%
from pathlib import Path

from stancemap import case_studies

case_studies.require_data([case_studies.WHITEHOUSE, case_studies.UK_PM], data_dir)
out_dir = None if figures_root is None else Path(figures_root) / "case-studies" / "ceasefire-2025"
print(f"Datasets {case_studies.WHITEHOUSE} and {case_studies.UK_PM} found.")

# %% [markdown]
# ## Run the pipeline
#
# `case_studies.ceasefire_2025` loads and filters the documents, extracts every
# statement, scores them (frames, stance on five proposals, tone), compares the two
# voices with Wilson intervals and the before/after changes with bootstrap
# intervals, and writes the figures (HTML) and tables (CSV).

# %%
study = case_studies.ceasefire_2025(data_dir, out_dir, max_statements=max_statements, n_boot=n_boot, seed=seed,
                                    engine=engine)
study

# %% [markdown]
# ## What was analysed, and what was left out

# %%
study.tables["filtered_out"]

# %% [markdown]
# Statements by source, voice and kind. `own` = the source speaking (`official` =
# the page's or the speech's own sentences, `direct` = transcript turns of its
# officials), `reported` = Russia or Ukraine quoted or reported, `other` = another
# registry actor quoted, `unattributed` = a speaker not in the registry (left out).

# %%
study.tables["voices"].pivot_table(index=["dataset", "voice", "actor"], columns="kind", values="statements",
                                   aggfunc="sum", fill_value=0)

# %%
print("\n".join(study.findings))

# %% [markdown]
# ## Frames: what each side talks about
#
# The share of each voice's statements that carry each frame (a statement can carry
# several), with 95% Wilson intervals.

# %%
study.figures["frame_profile"]

# %% [markdown]
# ## Where each stands, among the statements that take a side
#
# Most statements take no side on a given proposal. The heatmap reads stance among
# those that do: the colour is the share in favour, the text says how many take a
# side. Few statements take a side here, so the intervals are wide.

# %%
study.figures["stance_addressing"]

# %% [markdown]
# ## Month by month
#
# Whiskers are 95% Wilson intervals; ringed points rest on fewer than 10 statements.
# The White House's statements are concentrated in a few months of long
# transcripts (see the findings), so its later months are thin.

# %%
study.figures["timeline_diplomacy"]

# %%
study.figures["timeline_security"]

# %% [markdown]
# Stance month by month: the share in favour among the statements that take a side
# (months where none does are missing).

# %%
from IPython.display import display

for name in [n for n in study.figures if n.startswith("timeline_stance_")]:
    display(study.figures[name])

# %% [markdown]
# ## Before and after each event
#
# Frame shares in the 30 days before and after each event (statements dated on the
# day count as *after*; the windows of events days apart overlap). The table lists
# the change after − before per voice with its bootstrap interval; an interval that
# excludes 0 is unlikely to be resampling noise. An event is left out when neither
# voice has statements on both sides of it (the notes say so).

# %%
for name in [n for n in study.figures if n.startswith("before_after_")]:
    display(study.figures[name])

# %%
cols = ["event", "actor", "frame", "n_b", "n_a", "share_b", "share_a", "diff", "ci_low", "ci_high"]
d = study.tables["frame_event_differences"]
d[cols].rename(columns={"n_b": "n before", "n_a": "n after", "share_b": "before", "share_a": "after"}).round(3)

# %% [markdown]
# ## What Russia and Ukraine are *reported* to say
#
# These are not Russia's or Ukraine's own words: they are quotes and reported speech
# inside White House and Prime Minister texts, so they show what those two sources
# say the others said. There are few of them, so read the statements, not the shares.

# %%
study.figures["reported_frame_profile"]

# %%
reported = study.scored[study.scored["actor"].isin(case_studies.REPORTED_ACTORS)]
reported[["date", "dataset", "actor", "speaker", "kind", "cue", "text"]]

# %% [markdown]
# ## Words that set them apart
#
# Keyness: weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi &
# Quinn 2008), White House against the UK Prime Minister, own words only.

# %%
study.figures["keyness_actors"]

# %% [markdown]
# ## Notes from the run
#
# Every lossy step warns with its count; they are collected here.

# %%
print("\n".join(study.notes))

# %% [markdown]
# The figures are saved as HTML in `figures/case-studies/ceasefire-2025/` (byte-identical
# on every run) and the tables as CSV in its `tables/` folder. The tables hold no text
# of the datasets: `reported_statements.csv` lists ids, speakers and links.

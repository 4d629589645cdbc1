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
# # Case study: spring 2022 from four capitals
#
# How did Washington, London, Moscow and Kyiv talk about Russia and Ukraine from
# late October 2021 to late June 2022 — in their **own** official texts, not as
# the press reported them? Which frames did each use, where did each stand on
# sanctions, military aid to Ukraine and territorial concessions, what changed on
# 24 February 2022, and which words set each apart?
#
# **Data.** Five public datasets, read from the data directory (never stored here),
# all for the same days, 24 October 2021 – 24 June 2022 (the span of the Kremlin and
# president.gov.ua feeds):
#
# * **Washington** — `whitehouse-2021-2026`: the White House pages that mention
#   Russia or Ukraine, of the types where the White House speaks (statements,
#   readouts, fact sheets, remarks and briefing transcripts). Left out: `articles/`
#   pages (posts, interviews, columns — other people's words) and legal instruments
#   and letters (proclamations, memoranda, executive orders…). Credit: "The White
#   House, whitehouse.gov (public domain)."
# * **London** — `uk-pm-commons-2019-2026`: the Prime Minister's contributions in
#   the House of Commons (all Boris Johnson in this period) that mention Ukraine,
#   Russia, Putin, Zelenskyy, Kyiv, the Kremlin, a ceasefire or NATO; Prime
#   Minister's Questions included. Credit: "Contains Parliamentary information
#   licensed under the Open Parliament Licence v3.0."
# * **Moscow** — the en.kremlin.ru items of `kremlin-kyiv-press-2021-2022`.
#   Credit: "Kremlin press service, en.kremlin.ru, CC BY 4.0".
# * **Kyiv** — the president.gov.ua items of `kremlin-kyiv-press-2021-2022` and
#   Zelenskyy's addresses (`zelensky-speeches-2022`; `zelensky-speeches-2022-2023`
#   for any address neither holds), each item once: by URL, then by date and
#   title. Credit: "Office of the President of Ukraine, president.gov.ua, CC BY 4.0".
#
# **Whose words.** Each document's own sentences and the transcript turns of its
# people are that capital's statements. Left out, and counted below: reporters'
# questions, speakers outside the actor registry (journalists, officials the
# registry does not list, people quoted), and other registry actors inside a
# capital's texts (a visiting leader's turns at the Kremlin, Zelenskyy quoted by the
# White House).
#
# **Read with care.** The frame and stance classifiers learned from *constructed*
# examples written for the 2025 ceasefire codebook and the real sentences of the
# train and dev parts of `corpora/real-labels`; their real-text test scores, per actor, are in
# `models/default/MODEL_CARD.md`, and they miss many statements that take a side. Compare the four capitals with
# the same instrument and read the intervals and `n`, not the shares as exact
# proportions. The four sources are different kinds of text (briefing transcripts,
# Commons answers, third-person news items, nightly addresses), and shares are per
# statement.

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
figures_root = "../../figures"  # figures and tables go to <figures_root>/case-studies/spring-2022 (None: not saved)
max_statements = None    # None scores every statement; a number scores a deterministic sample (quick runs)
n_boot = 2000            # bootstrap resamples for the before/after differences
seed = 0                 # bootstrap and sampling seed
engine = "pandas"        # or "dask": extraction and scoring on a local Dask cluster (same numbers)

# %% [markdown]
# First, is the data there? If not, the next cell says how to get it and stops.

# %%
from pathlib import Path

from stancemap import case_studies

case_studies.require_data(case_studies.SPRING_DATASETS, data_dir)
out_dir = None if figures_root is None else Path(figures_root) / "case-studies" / "spring-2022"
print(f"Datasets {', '.join(case_studies.SPRING_DATASETS)} found.")

# %% [markdown]
# ## Run the pipeline
#
# `case_studies.spring_2022` loads and filters the documents, extracts every
# statement, scores them (frames, stance, tone), compares the four capitals with
# Wilson intervals (bootstrap for the before/after differences) and writes the
# figures (HTML) and tables (CSV). Its `topic_filter` parameter is the place for a
# topic filter (a function of the scored statements that says which to keep).

# %%
study = case_studies.spring_2022(data_dir, out_dir, max_statements=max_statements, n_boot=n_boot, seed=seed,
                                 engine=engine)
study

# %% [markdown]
# ## What was analysed, and what was left out

# %%
study.tables["filtered_out"]

# %% [markdown]
# Statements by capital, voice and kind. `own` = the capital speaking (`official` =
# the document's own sentences, `direct` = transcript turns of its people),
# `question` = a reporter's question, `unattributed` = a speaker not in the
# registry, `other` = another registry actor in the capital's texts. Only `own`
# statements are compared.

# %%
study.tables["voices"].pivot_table(index=["doc_actor", "voice"], columns="kind", values="statements",
                                   aggfunc="sum", fill_value=0)

# %%
print("\n".join(study.findings))

# %% [markdown]
# ## Frames: what each capital talks about
#
# The share of each capital's statements that carry each frame (a statement can
# carry several), with 95% Wilson intervals; then the same before and after
# 24 February 2022.

# %%
study.figures["frame_profile"]

# %%
study.figures["frame_profile_before_after"]

# %%
cols = ["actor", "frame", "n_b", "n_a", "share_b", "share_a", "diff", "ci_low", "ci_high"]
d = study.tables["frame_window_differences"]
d[cols].rename(columns={"n_b": "n before", "n_a": "n after", "share_b": "before", "share_a": "after"}).round(3)

# %% [markdown]
# ## Where each stands, among the statements that take a side
#
# Most statements take no side on a given proposal. The heatmaps read stance among
# those that do: the colour is the share in favour (95% Wilson interval in the
# hover), the text how many statements take a side; `*` marks fewer than 10.
#
# Read the statements behind a number before quoting it (`stancemap search`, or
# filter `study.scored`). The Kremlin's cells for sanctions and military aid are
# not credible: when we read a sample of the Kremlin's statements the model puts
# "in favour" of Western military aid, they were about weapons, NATO and security
# guarantees in general — not support for arming Ukraine.

# %%
study.figures["stance_addressing"]

# %%
study.figures["stance_addressing_before"]

# %%
study.figures["stance_addressing_after"]

# %% [markdown]
# ## Month by month
#
# Frames, then stance: for each proposal, the share of each capital's statements
# that take a side (top panel) and the share in favour among those (bottom panel).
# Faded points rest on fewer than 10 statements taking a side; months without a
# point have none.

# %%
study.figures["timeline_security"]

# %%
study.figures["timeline_diplomacy"]

# %%
from IPython.display import display

for name in [n for n in study.figures if n.startswith("timeline_stance_")]:
    display(study.figures[name])

# %% [markdown]
# ## Words that set each capital apart
#
# Keyness: weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi &
# Quinn 2008), each capital against the other three (own words only), then, within
# each capital, the words used more after 24 February than before.

# %%
study.figures["keyness_actors"]

# %%
for name in [n for n in study.figures if n.startswith("keyness_window_")]:
    display(study.figures[name])

# %% [markdown]
# ## Notes from the run
#
# Every lossy step warns with its count; they are collected here.

# %%
print("\n".join(study.notes))

# %% [markdown]
# The figures are saved as HTML in `figures/case-studies/spring-2022/` (byte-identical
# on every run) and the tables as CSV in its `tables/` folder. The tables hold no text
# of the datasets.

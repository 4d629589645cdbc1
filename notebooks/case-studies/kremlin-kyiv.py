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
# # Case study: Kremlin and Kyiv, October 2021 – June 2022
#
# How did the two presidents' press services talk in the four months before
# Russia's full-scale invasion of Ukraine on 24 February 2022, and in the four
# months after? Which frames did each use, where did each stand on sanctions and
# military aid, and which words set them apart?
#
# **Data.** The 1,796 English news items of the two presidential websites in the
# dataset `kremlin-kyiv-press-2021-2022` (816 from en.kremlin.ru, 980 from
# president.gov.ua, 24 October 2021 – 24 June 2022), collected by
# PeiYiZhuo/zelenskyy-putin. Licence CC BY 4.0: "Kremlin press service,
# en.kremlin.ru, CC BY 4.0"; "Office of the President of Ukraine, president.gov.ua,
# CC BY 4.0". The texts are not part of this project: `stancemap datasets fetch
# kremlin-kyiv-press-2021-2022` downloads them and checks their sha256.
#
# **What counts as a statement.** These are official texts, so every sentence the
# press service writes is a statement of its side (`kind = official`). Kremlin
# transcripts are split into speaker turns: Vladimir Putin's turns are `russia`,
# a journalist's question or a visiting leader's answer belongs to that speaker,
# not to the Kremlin. Quotes and reported speech inside the texts go to whoever
# is quoted. Speakers not in the actor registry are kept as `unattributed` and
# left out of the comparison (their number is shown).
#
# **Read with care.** The frame and stance classifiers learned from *constructed*
# examples written for the 2025 ceasefire codebook and from the real sentences of
# the train and dev parts of `corpora/real-labels`; their real-text test scores, per actor, are in
# `models/default/MODEL_CARD.md` and differ between actors. Read the shares as a
# consistent, transparent measurement to compare the two sides and the two
# periods, not as exact proportions. Every share comes with its 95% Wilson interval
# and its `n`; before/after differences with a bootstrap interval.

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
figures_root = "../../figures"  # figures and tables go to <figures_root>/case-studies/kremlin-kyiv (None: not saved)
max_statements = None    # None scores every statement; a number scores a deterministic sample (quick runs)
n_boot = 2000            # bootstrap resamples for every interval
seed = 0                 # bootstrap and sampling seed
engine = "pandas"        # or "dask": extraction and scoring on a local Dask cluster (same numbers)

# %% [markdown]
# First, is the data there? If not, the next cell says how to get it and stops.

# %%
from pathlib import Path

from stancemap import case_studies

case_studies.require_data([case_studies.KREMLIN_KYIV], data_dir)
out_dir = None if figures_root is None else Path(figures_root) / "case-studies" / "kremlin-kyiv"
print(f"Dataset {case_studies.KREMLIN_KYIV} found.")

# %% [markdown]
# ## Run the pipeline
#
# `case_studies.kremlin_kyiv` loads the documents, extracts every statement, scores
# them (frames, stance on five proposals, tone), compares Russia and Ukraine with
# Wilson intervals (bootstrap for the before/after differences), and writes the figures (HTML) and tables (CSV). The next
# cells look at what it found.

# %%
study = case_studies.kremlin_kyiv(data_dir, out_dir, max_statements=max_statements, n_boot=n_boot, seed=seed,
                                  engine=engine)
study

# %% [markdown]
# ## What was analysed
#
# Statements per actor and kind. `official` = the press service's own sentences,
# `direct` = transcript turns and quotes, `indirect`/`mixed` = reported speech.

# %%
counts = study.tables["counts_by_kind"].pivot_table(index="actor", columns="kind", values="statements",
                                                    aggfunc="sum", fill_value=0)
counts["total"] = counts.sum(axis=1)
counts.sort_values("total", ascending=False)

# %%
print("\n".join(study.findings))

# %% [markdown]
# ## Frames: what each side talks about
#
# The share of each side's statements that carry each frame (a statement can carry
# several), with 95% Wilson intervals.

# %%
study.figures["frame_profile"]

# %% [markdown]
# ## Before and after 24 February 2022
#
# The same shares, split at the day of the invasion (statements dated on the day
# count as *after*). The table lists, for each side, the change after − before with
# its interval; an interval that excludes 0 is unlikely to be resampling noise.

# %%
study.figures["frame_profile_before_after"]

# %%
cols = ["actor", "frame", "n_b", "n_a", "share_b", "share_a", "diff", "ci_low", "ci_high"]
d = study.tables["frame_window_differences"]
d[cols].rename(columns={"n_b": "n before", "n_a": "n after", "share_b": "before", "share_a": "after"}).round(3)

# %% [markdown]
# ## Month by month
#
# Share of statements using the security frame, month by month, with the invasion
# marked. Whiskers are 95% intervals; ringed points rest on fewer than 10 statements.

# %%
study.figures["timeline_security"]

# %%
study.figures["timeline_diplomacy"]

# %% [markdown]
# ## Stance on sanctions and military aid
#
# Most statements take no side on a given proposal, so a net share over all
# statements stays close to 0 and says little. The heatmap reads stance among the
# statements that take a side: the colour is the share in favour (95% Wilson
# interval in the hover), the text how many statements take a side. `*` marks
# fewer than 10. Read the statements behind a cell before quoting it: many Kremlin
# statements the model reads as "in favour" of Western military aid or of sanctions
# are about weapons, NATO and security guarantees, or sanctions, in general.

# %%
study.figures["stance_heatmap"]

# %% [markdown]
# Month by month: the top panel is the share of each side's statements that take a
# side on sanctions (or military aid), the bottom panel the share in favour among
# those. Faded points rest on fewer than 10 statements taking a side; months
# without a point have none.

# %%
study.figures["timeline_stance_sanctions"]

# %%
study.figures["timeline_stance_military_aid"]

# %%
cols = ["group", "target", "measure", "n", "count", "share", "ci_low", "ci_high"]
study.tables["stance_addressing"][cols].round(3)

# %% [markdown]
# ### Statements the model learned from
#
# The default model was trained on labelled sentences of this very corpus (the train
# and dev parts of `corpora/real-labels`). On those its stance is in-sample — it
# was taught the answer — so they make the shares above look surer than the model
# is. The run's notes count them; `stance_addressing_unseen` reads stance without
# them: what the model says of statements it never saw. Where the two disagree
# (Russia on sanctions, for one), print the unseen share or quote the statements.

# %%
unseen = study.tables["stance_addressing"].merge(
    study.tables["stance_addressing_unseen"], on=["group", "target", "measure"], suffixes=("", "_unseen"))
unseen = unseen[(unseen["measure"] == "favor") & (unseen["n"] > 0)]
unseen[["group", "target", "n", "share", "n_unseen", "share_unseen", "ci_low_unseen", "ci_high_unseen"]].round(3)

# %% [markdown]
# ## Words that set them apart
#
# Keyness: weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi &
# Quinn 2008). First Russia against Ukraine, then, within each side, the words used
# more after 24 February than before. Bar labels are raw counts.

# %%
study.figures["keyness_actors"]

# %%
study.figures["keyness_window_russia"]

# %%
study.figures["keyness_window_ukraine"]

# %% [markdown]
# ## Notes from the run
#
# Every lossy step warns with its count; they are collected here (for example how
# many statements had no registry speaker, and which month × actor groups are small).

# %%
print("\n".join(study.notes))

# %% [markdown]
# The figures are saved as HTML in `figures/case-studies/kremlin-kyiv/` (byte-identical
# on every run) and the tables as CSV in its `tables/` folder.

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
# # Stance: where each actor stands on each proposal
#
# Frames say *how* a statement talks; stance says *where it stands*. For each of
# five proposals on the table in March 2025, every statement is coded `favor`,
# `against` or `none` (most statements say nothing about most proposals). This notebook
#
# 1. shows what `favor` and `against` mean for each proposal;
# 2. charts the **net stance** of each actor on each proposal (a heatmap);
# 3. **explains individual predictions**: which words pushed the model to its answer;
# 4. shows **where the model is unsure**, and where it disagrees with a human coder.
#
# As before: one article, a handful of statements per actor. Read the heatmap as a
# summary of these statements, and use section 4 to decide which cells to trust.

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
target = "full_ceasefire"     # the proposal whose predictions section 3 explains
unsure_below = 0.7            # a prediction with a lower probability counts as "unsure" in section 4
topic = "war"                 # a codebook topic (war, ceasefire) for the on-topic heatmap in section 2
figures_dir = None            # e.g. "../figures/notebooks" to also save the charts as HTML files

# %% [markdown]
# ## 1. The proposals (stance targets)
#
# From the codebook (`corpora/codebook.yaml`), which follows the favor/against/none
# scheme of SemEval-2016 Task 6 (Mohammad et al. 2016). One decision rule matters
# a lot here: *accepting a proposal only under a condition the other side rejects
# counts as `against`*.

# %%
from stancemap.codebook import load_codebook

codebook = load_codebook()
pd.DataFrame([(key, t.label, t.favor, t.against) for key, t in codebook.targets.items()],
             columns=["target", "label", "favor means…", "against means…"])

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
stance_cols = [f"stance_{t}" for t in codebook.targets]
takes_side = (scored[stance_cols] != "none").any(axis=1)
print(f"{len(scored)} statements; {int(takes_side.sum())} take a side on at least one proposal")

# %% [markdown]
# The statements that take a side, with the model's label for each proposal:

# %%
scored.loc[takes_side, ["actor", "speaker", "text", *stance_cols]]

# %% [markdown]
# ## 2. Net stance per actor and proposal
#
# `stance_shares` gives, per actor and proposal, the share of statements in favour,
# against and neutral, and the **net stance** = share in favour − share against
# (from −100%, all against, to +100%, all in favour), each with a 95% interval
# (Wilson for the shares; for the net stance, the Wilson limits combined by
# Newcombe's MOVER method, which stays honest when nobody takes a side).
# Note the denominator: *all* of the actor's statements, including the many that
# say nothing about the proposal. A net stance of +17% from 1 statement in favour
# out of 6 is a very different thing from +17% out of 600.

# %%
from stancemap.compare import net_stance, stance_shares

stance = stance_shares(scored, registry=registry)
net = net_stance(stance)
net.pivot(index="group", columns="target", values="share").reindex(
    index=[g for g in registry.order if g in set(net["group"])], columns=list(codebook.targets)).round(2)

# %%
from stancemap.plots import stance_heatmap

heatmap = stance_heatmap(stance, registry)
heatmap

# %% [markdown]
# Hover over a cell to see the shares in favour / against / none and the interval
# of the net stance. With these few statements almost every interval includes 0:
# the honest summary is "no clear position in this article" for most cells.
#
# ### Stance among the statements that take a side
#
# A net share over *all* statements drowns in "none". The way to print stance is in
# two steps: how many of an actor's statements take a side on the proposal, then,
# among those, how many are in favour. `stance_addressing` gives both, with Wilson
# intervals; this is the heatmap the report draws. Blank cells: the actor said
# nothing for or against that proposal. Faded cells, marked *: fewer than 10 of its
# statements take a side, a lead to check rather than a finding to print.

# %%
from stancemap.compare import stance_addressing
from stancemap.plots import stance_addressing_heatmap

addressing = stance_addressing(scored, registry=registry)
stance_addressing_heatmap(addressing, registry, labels=codebook)

# %% [markdown]
# ### Only the statements on a topic
#
# An official feed also greets music schools and customs officers; counted with the
# rest, those statements dilute every share. The codebook's `topics` (here `war` and
# `ceasefire`) say what a comparison may be restricted to: a statement is on a topic
# when it, or the sentence it stands in, matches one of the topic's cue terms.
# `topic_counts` shows how much of each actor's talk that is; `topic_filter` keeps
# those statements (and warns how many it dropped, per actor). On the Kremlin's and
# Kyiv's press releases of 2021–22, `war` keeps about a fifth of the Kremlin's
# statements and a third of Kyiv's (README, "Compare only what is on topic").
#
# A word list only sees what is said in words. This whole article is about the
# ceasefire, yet many of its statements only imply it ("the deal", "similar
# sentiments"), so the `ceasefire` topic keeps fewer than half of them. Read what a
# filter dropped before you trust it (the last cell of this section).

# %%
from stancemap.topics import topic_counts, topic_filter

topic_counts(statements, codebook=codebook).pivot(index="group", columns="topic", values="share").round(2)

# %%
on_topic = topic_filter(scored, topic, codebook)
stance_addressing_heatmap(stance_addressing(on_topic, registry=registry), registry, labels=codebook,
                          title=f"Stance among the statements on the topic “{codebook.topic(topic).label}”")

# %%
from stancemap.topics import in_topic

scored.loc[~in_topic(scored, topic, codebook), ["actor", "speaker", "text"]]

# %% [markdown]
# ## 3. Why did the model say that?
#
# The stance classifiers are linear models over words and word pairs (stemmed, so
# "energy" appears as `energi`) and character sequences. A prediction can be
# explained exactly: each feature's **contribution** = its weight in the model ×
# how much of it the statement has. Positive contributions push toward the
# predicted label. Below: the statements with a side on the chosen `target`, and
# the ten words that pushed each prediction most.

# %%
from stancemap.models import explain

sided = scored[scored[f"stance_{target}"] != "none"]
if sided.empty:
    print(f"No statement takes a side on {target!r}; try another target in the parameters cell.")
for _, row in sided.head(2).iterrows():
    print(f"{row['speaker']} ({row['actor']}) {row['cue']}: {row['text']}")
    print(f"  → {target}: {row[f'stance_{target}']} (probability {row[f'stance_{target}_p']:.0%})")
    display(explain(row["text"], classifier, target=target, top=10, kind="word")
            [["feature", "weight", "value", "contribution"]].round(3))

# %% [markdown]
# Read the features as the model's reasons. They are words that the training
# examples for each label used often, which is also the model's weakness: it sees
# words, not who demands what from whom. A demand that aid *stop* shares most of
# its words with a pledge that aid *continue*. When the top features are the name
# of the proposal rather than the position taken on it, be suspicious. Which
# brings us to the cases where the model is unsure or wrong.
#
# ## 4. Where the model is unsure
#
# Each stance label comes with a probability (`stance_<target>_p`). The chart shows
# it for every statement and proposal: pale cells are predictions the model was
# unsure about (below `unsure_below`); the text in each cell is the label.

# %%
import plotly.graph_objects as go

prob = scored[[f"stance_{t}_p" for t in codebook.targets]].to_numpy()
labels = scored[stance_cols].to_numpy()
rows = [f"{i + 1}. {s} ({a})" for i, (s, a) in enumerate(zip(scored["speaker"], scored["actor"]))]
confidence = go.Figure(go.Heatmap(
    z=prob, x=[codebook.targets[t].label for t in codebook.targets], y=rows, text=labels,
    texttemplate="%{text}", zmin=0.33, zmax=1, colorscale="Blues", xgap=2, ygap=2,
    colorbar=dict(title=dict(text="probability of<br>the label"), tickformat=".0%"),
    hovertemplate="%{y}<br>%{x}: %{text} (probability %{z:.0%})<extra></extra>"))
confidence.update_yaxes(autorange="reversed")
confidence.update_layout(template="plotly_white", height=200 + 24 * len(rows),
                         title="How sure the model is about each stance label")
confidence

# %% [markdown]
# The same in a table: every prediction below `unsure_below`, least sure first.
# These are the statements to read (and, in a real project, to label by hand and
# add to the training data — see notebook 05).

# %%
long = scored.melt(id_vars=["actor", "speaker", "text"], value_vars=stance_cols,
                   var_name="target", value_name="label")
long["target"] = long["target"].str[len("stance_"):]
long["probability"] = scored.melt(value_vars=[f"stance_{t}_p" for t in codebook.targets])["value"].to_numpy()
(long[long["probability"] < unsure_below]
 .sort_values("probability", kind="stable")[["actor", "speaker", "text", "target", "label", "probability"]]
 .round(2))

# %% [markdown]
# ### Where a human coder disagrees
#
# The statements of the bundled article were also labelled by hand with the same
# codebook (`corpora/ceasefire-2025-03/annotations/`). Below, every stance label
# where the model and the human coder differ, with the coder's note. These are
# mistakes the probabilities above do not always warn about: a model can be
# confidently wrong.

# %%
from stancemap.validate import seed_gold

gold = seed_gold(codebook)
predicted = classifier.predict(gold["text"].tolist())
rows = []
for t in codebook.targets:
    for i in range(len(gold)):
        human, machine = gold[f"stance_{t}"].iat[i], predicted[f"stance_{t}"].iat[i]
        if human and human != machine:
            rows.append((gold["speaker"].iat[i], gold["text"].iat[i], t, human, machine,
                         predicted[f"stance_{t}_p"].iat[i], gold["note"].iat[i]))
disagreements = pd.DataFrame(
    rows, columns=["speaker", "text", "target", "human", "model", "probability", "coder's note"])
print(f"{len(disagreements)} of {len(gold) * len(codebook.targets)} stance labels differ")
disagreements.round(2)

# %%
if figures_dir:
    from stancemap.figures import save_figures

    _ = save_figures({"03-stance-heatmap": heatmap, "03-stance-confidence": confidence}, figures_dir)

# %% [markdown]
# ## What to take away
#
# * Read stance among the statements that take a side (`stance_addressing`): first how
#   many do, then which way. A net stance over *all* statements mostly measures silence.
# * Restrict a comparison to a codebook topic (`topic_filter`, `report --topic`) when the
#   texts talk about much else, and read a sample of what it kept and dropped.
# * Explanations show *which words* drove a label. If they are the wrong words (a
#   target's name rather than the position taken on it), distrust the label.
# * Read the unsure and the disputed statements yourself before quoting a number.
#
# Next: **04-actor-differences** (distinctive words, differences between actors, before/after an event).

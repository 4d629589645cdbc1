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
# # Framing: which frames each actor uses, and how sure we can be
#
# A *frame* is the angle a statement takes on the ceasefire: is it about talks
# and terms (diplomacy), strikes and weapons (security), the human cost, money and
# energy, territory and law, fault, partners, or right and wrong? This notebook
#
# 1. shows the codebook's definitions of the eight frames;
# 2. charts the share of each actor's statements that use each frame, **with intervals**;
# 3. lists **the statements behind each bar**, so you can read what was counted, and
#    searches them for a word;
# 4. puts a transparent **word-list baseline** next to the classifier, and checks both
#    against statements labelled by hand;
# 5. shows **how each actor is quoted** (the verbs that introduce their statements) and
#    which frames the article uses **in its own voice** and which come from the people it quotes.
#
# The bundled corpus is one article with 3 to 6 statements per actor. Expect wide
# intervals: seeing *how* wide is one of the lessons here.

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
frame = "blame"               # the frame whose statements section 3 lists
figures_dir = None            # e.g. "../figures/notebooks" to also save the charts as HTML files

# %% [markdown]
# ## 1. The codebook
#
# The frames are defined in `corpora/codebook.yaml`, adapted from the Policy Frames
# Codebook (Boydstun et al. 2014) and the generic news frames of Semetko &
# Valkenburg (2000). Every definition comes with decision rules for hard cases; the
# classifier was trained on examples written to follow them.

# %%
from stancemap.codebook import load_codebook

codebook = load_codebook()
pd.DataFrame([(key, f.label, f.definition) for key, f in codebook.frames.items()],
             columns=["frame", "label", "the statement talks about…"])

# %% [markdown]
# Load, extract and score, as in the quickstart (one cell this time):

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
print(f"{len(scored)} statements from {scored['doc_id'].nunique()} document(s); "
      f"a statement gets a frame when its probability is at least {classifier.frames.threshold:.0%}")

# %% [markdown]
# ## 2. Frames per actor, with intervals
#
# `frame_shares` counts, for each actor, the statements that carry each frame, and
# adds a 95% **Wilson score interval** (Wilson 1927): the shares that are
# compatible with what the statements show. The interval answers: *if this actor
# had made a different handful of similar statements, how different could the
# share be?* Unlike a bootstrap, it stays honest at 0 and 100% and with few
# statements (Brown, Cai & DasGupta 2001).

# %%
from stancemap.compare import frame_shares

shares = frame_shares(scored, registry=registry)
shares.head(8).round(2)

# %%
from stancemap.plots import frame_profile

frame_chart = frame_profile(shares, registry)
frame_chart

# %% [markdown]
# How wide are the intervals? The cell below finds the widest and says it in words.

# %%
widths = shares.assign(width=shares["ci_high"] - shares["ci_low"])
w = widths.sort_values("width", ascending=False, kind="stable").iloc[0]
print(f"Widest interval: {registry.labels.get(w['group'], w['group'])}, {w['frame']} frame: "
      f"{w['count']} of {w['n']} statements = {w['share']:.0%}, interval {w['ci_low']:.0%} to {w['ci_high']:.0%}.")
print(f"Median interval width: {widths['width'].median():.0%} of the axis.")

# %% [markdown]
# An interval that spans most of the axis means: these statements cannot tell you
# how often this actor uses the frame. Also note the bars at 0%: their whiskers
# still reach up, because an actor that never used a frame in a few statements
# may still use it sometimes. A bar at 0 is "not seen in these statements", not
# "never" — the whisker says how often it could be.
#
# ## 3. Read the statements behind each bar
#
# A share is only as good as the statements it counts. Here is every statement the
# classifier gave the chosen frame (parameter `frame`), with its probability:

# %%
from stancemap.compare import group_order

order = {g: i for i, g in enumerate(group_order(scored["actor"], registry))}
has_frame = scored["frames"].str.split(";").apply(lambda labels: frame in labels)
(scored[has_frame]
 .sort_values("actor", key=lambda s: s.map(order), kind="stable")
 [["actor", "speaker", "cue", "text", f"frame_{frame}"]].round(2))

# %% [markdown]
# And the near misses: the statements *without* the frame that came closest to it.
# If you, reading them, would count them, the bar for that actor is too short.

# %%
(scored[~has_frame]
 .sort_values(f"frame_{frame}", ascending=False, kind="stable")
 .head(5)[["actor", "speaker", "text", f"frame_{frame}"]].round(2))

# %% [markdown]
# To see *where* a word is used, search the statements: `search` lists every match
# with the words around it, the speaker and where the statement starts in its
# article (`char_start`); `frame=` keeps only statements with the chosen frame
# (`sanction*` style terms match any ending). On the command line:
# `stancemap search scored.csv "attack*" "strike*" --frame blame --out kwic.html`
# writes a page that highlights every match, with its source link.

# %%
from stancemap.search import search

hits = search(scored, ["attack*", "strike*"], frame=frame)
print(f"{len(hits)} matches in {hits['statement_id'].nunique()} statements with the {frame} frame")
hits[["actor", "speaker", "left", "match", "right", "char_start"]]

# %% [markdown]
# ## 4. A word-list baseline next to the classifier
#
# The codebook lists *cue words* for each frame ("accus\*", "violat\*", "provocat\*"
# … for blame). The simplest possible frame detector says a statement uses a frame
# when one of its cue words appears (a dictionary method, as in the General
# Inquirer, Stone et al. 1966). It is fully transparent, and it is the baseline any
# classifier must beat. Here are the cue words found in one statement:

# %%
from stancemap.lexicon import cue_matches, lexicon_frames

example = scored.loc[has_frame].iloc[0] if has_frame.any() else scored.iloc[0]
print(f"{example['speaker']} {example['cue']} {example['text']}")
cue_matches(example["text"], codebook)

# %% [markdown]
# Now the same chart twice: frames by the classifier (left) and by the word
# list (right). Where the panels disagree, read the statements (section 3) to see
# which one is right.

# %%
lexicon = lexicon_frames(scored["text"], codebook)
by_words = statements.assign(
    frames=lexicon.apply(lambda row: ";".join(c[len("frame_"):] for c in lexicon.columns if row[c]), axis=1),
    **{c: lexicon[c].astype(float) for c in lexicon.columns})
both = pd.concat([scored.assign(method="classifier"), by_words.assign(method="word list")], ignore_index=True)
method_chart = frame_profile(frame_shares(both, registry=registry, split="method"), registry,
                             title="Which frames each actor uses: classifier and word list")
method_chart

# %% [markdown]
# Which is more *accurate*? The bundled corpus comes with hand labels for the
# article's statements (`corpora/ceasefire-2025-03/annotations/`, coded with the
# codebook). Below, precision, recall and F1 per frame for both methods on those
# statements. Keep the size in mind: each frame has a handful of labelled
# examples, so one statement more or less moves a score by 10 to 50 points. The
# classifier's scores on real test sentences (`corpora/real-labels`) are in its
# model card (`models/default/MODEL_CARD.md`).

# %%
from stancemap.validate import evaluate, lexicon_baseline, seed_gold

gold = seed_gold(codebook)
print(f"{len(gold)} hand-labelled statements")
keep = ["label", "support", "precision", "recall", "f1"]
by_classifier = evaluate(gold, classifier, codebook).per_class.query("task == 'frames'")[keep]
by_word_list = lexicon_baseline(gold, codebook).per_class.query("task == 'frames'")[keep]
(by_classifier.merge(by_word_list, on=["label", "support"], suffixes=(" (classifier)", " (word list)"))
 .rename(columns={"label": "frame", "support": "statements with the frame"}).round(2))

# %% [markdown]
# ## 5. How actors are quoted, and the article's own voice
#
# A reporter chooses the verb that introduces each statement: "said" is neutral,
# "claimed" casts doubt, "insisted" and "admitted" tell the reader how to take it.
# The chart counts the verbs per actor (inflections grouped: said / says → say),
# with 95% Wilson intervals. On the command line: `stancemap cues statements.csv
# --figure verbs.html`.

# %%
from stancemap.cues import cue_counts, cue_keyness, with_narration
from stancemap.plots import cue_chart

verbs = cue_counts(statements, registry=registry)
verb_chart = cue_chart(verbs, registry, top=4)
verb_chart

# %% [markdown]
# Which verbs set an actor apart from the others (keyness, weighted log-odds with
# an informative Dirichlet prior, Monroe, Colaresi & Quinn 2008)? In the bundled
# article no z-score reaches 1.96: the verbs are a lead to check on more articles.

# %%
cue_keyness(statements, min_count=1, registry=registry).sort_values(
    ["z", "group", "verb"], ascending=[False, True, True], kind="stable").head(8).round(2)

# %% [markdown]
# An article speaks in two voices: the statements it quotes and its own narration.
# `with_narration` adds the article's own words — each sentence less the statements
# in it and less the clauses that only introduce them ("Zelensky, speaking from
# Finland, said") — as rows with `voice = "narration"`. Scored like the statements,
# the two voices can be compared frame by frame, with intervals.

# %%
voices = score(with_narration(statements, documents), model=classifier)
print(voices["voice"].value_counts().to_string())
voices.loc[voices["voice"] == "narration", ["text", "frames"]].head(6)

# %%
voice_chart = frame_profile(frame_shares(voices, by="voice"), registry,
                            title="Which frames the article uses in its own voice, and in the statements it quotes")
voice_chart

# %% [markdown]
# Read the narration rows before you read the bars: a statement the extractor
# missed ends up in the narration, and a frame in the narration is the model's
# reading of the outlet's words, not a finding about the outlet's intent.

# %%
if figures_dir:
    from stancemap.figures import save_figures

    _ = save_figures({"02-frame-profile": frame_chart, "02-classifier-vs-word-list": method_chart,
                      "02-verbs": verb_chart, "02-voices": voice_chart}, figures_dir)

# %% [markdown]
# ## What to take away
#
# * Always publish the `n` and the interval next to a share; with a handful of
#   statements per actor the interval is the story.
# * Read the statements behind a bar before you write a sentence about it.
# * A word list is a useful check: where it and the classifier disagree, a human
#   should look.
# * Who frames what: compare the article's own voice with the voices it quotes
#   before you attribute a frame to an outlet or to an actor.
#
# Next: **03-stance** (where actors stand on each proposal).

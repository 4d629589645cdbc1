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
# # Bring your own articles
#
# The earlier notebooks used the bundled article. This one walks through what you
# do with **your own** material:
#
# 1. load articles from a folder;
# 2. extract statements, and **add an actor** the registry did not know;
# 3. draw a **sample** to label by hand;
# 4. check that two coders **agree**;
# 5. **retrain** the model with the new labels;
# 6. **compare** the model before and after.
#
# **The articles and labels used here are constructed.** `data/constructed-articles/`
# holds two short articles written for this tutorial about a fictional dispute
# between *Northland* and *Southland*, mediated by *Eastmark*; every person and
# quote in them is invented. The labels in `data/labels-*.csv` are by two fictional
# coders. Swap in your own folder and files through the parameters.

# %%
# Setup: charts stored as plotly JSON, one-line warnings.
import warnings

import pandas as pd
import plotly.io as pio

pio.renderers.default = "plotly_mimetype"
warnings.formatwarning = lambda message, category, *args, **kwargs: f"{category.__name__}: {message}\n"
pd.set_option("display.max_colwidth", 120)

# %% tags=["parameters"]
articles = "data/constructed-articles"        # a folder of .txt/.md/.html/.csv … files (yours)
actors_file = "data/fictional-actors.yaml"   # the actor registry to start from
coder_files = ["data/labels-coder-a.csv", "data/labels-coder-b.csv"]  # the same units labelled by two coders
adjudicated_file = "data/labels-adjudicated.csv"  # the labels after the coders settled their disagreements
held_out = "northland-talks-aftermath"      # doc_id whose labels are kept out of training, to test on
figures_dir = None                          # e.g. "../figures/notebooks" to also save the charts as HTML files

# %% [markdown]
# ## 1. Load articles from a folder
#
# A folder can hold plain text (`.txt`, `.md`), web pages (`.html`) or tables
# (`.csv`, `.jsonl`, `.parquet`, one row per article). Metadata such as the title,
# date and outlet can sit at the top of a text file between `---` lines (YAML
# front matter), in a `<name>.meta.yaml` file beside it, or in the table's columns.
# Here is the start of one of the files:

# %%
from pathlib import Path

folder = Path(articles)
print("Files:", ", ".join(sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))))
first = sorted(folder.glob("*.txt"))[0]
print("\n".join(first.read_text(encoding="utf-8").splitlines()[:14]))

# %%
from stancemap.corpus import load

documents = load(folder)
documents[["doc_id", "title", "date", "outlet", "provenance"]]

# %% [markdown]
# ## 2. Extract statements, and add an actor
#
# The starting registry (`data/fictional-actors.yaml`) knows Northland and
# Southland, not the Eastmark mediator:

# %%
from stancemap.actors import load_actors
from stancemap.extract import extract

registry = load_actors(actors_file)
statements = extract(documents, actors=registry)
statements.loc[statements["actor"] == "unattributed", ["doc_id", "speaker", "cue", "text"]]

# %% [markdown]
# Her statements are kept, as `unattributed`, with her name in `speaker`. To give
# her a group, add one to the registry: a key, a label, a colour, and members with
# the names they appear under (aliases). Here we add it in code; to keep it, write
# `spec` back to a YAML file (`Path("my-actors.yaml").write_text(yaml.safe_dump(spec))`)
# or edit the YAML by hand.

# %%
import yaml

from stancemap.actors import ActorRegistry

spec = yaml.safe_load(Path(actors_file).read_text(encoding="utf-8"))
spec["actors"]["east"] = {
    "label": "Eastmark",
    "color": "#DDCC77",
    "members": [{"name": "Ilka Vantorre",
                 "aliases": ["Vantorre", "Eastmark Foreign Minister Ilka Vantorre", "the Eastmark foreign minister"]}],
}
registry = ActorRegistry.from_dict(spec, source=f"{actors_file} + Eastmark")
before = statements["actor"].value_counts()
statements = extract(documents, actors=registry)
after = statements["actor"].value_counts()
pd.DataFrame({"statements before": before, "statements after": after}).fillna(0).astype(int)

# %% [markdown]
# ## 3. Draw a sample to label by hand
#
# Before trusting the model on new material, label some of it yourself. `sample`
# draws a random sample, stratified by actor so that every actor is in it, and
# returns a coding sheet with empty label columns (one per frame, one per stance
# target) and no model scores, so coders are not nudged by them. Save it with
# `sheet.to_csv("to-code.csv", index=False)` or use `stancemap sample` on the
# command line; coders fill it in with a spreadsheet.

# %%
from stancemap.codebook import load_codebook
from stancemap.validate import sample

codebook = load_codebook()
sheet = sample(statements, n=8, by="actor", seed=0, codebook=codebook)
sheet[["actor", "speaker", "text", "frame_diplomacy", "stance_full_ceasefire", "coder"]]

# %% [markdown]
# ## 4. Do two coders agree?
#
# Our two fictional coders labelled all 18 statements of the two articles, using
# the codebook (`frames` holds the frames separated by `;`). The codebook's targets
# were written for the Russia–Ukraine talks; for this fictional conflict they read
# them by analogy (sanctions on Southland, partners' military aid to Northland).

# %%
coders = [pd.read_csv(f, dtype=str, keep_default_na=False) for f in coder_files]
coders[0].head(4)

# %% [markdown]
# Agreement is measured per label with **Krippendorff's alpha** (nominal): 1 is
# perfect agreement, 0 is what chance would give. A common rule (Krippendorff
# 2004) is to rely on labels with alpha ≥ 0.8, draw tentative conclusions from
# 0.667–0.8, and discard the rest. Raw agreement is shown beside it; it looks
# flattering for rare labels, which is why alpha corrects for chance.

# %%
from stancemap.validate import agreement

agreement(coders, codebook, names=["coder A", "coder B"], unit="unit_id").round(2)

# %% [markdown]
# Where did they disagree? These are the cases to discuss, and often to make a
# codebook rule clearer.

# %%
a, b = (c.set_index("unit_id") for c in coders)
label_cols = ["frames", *codebook.stance_columns]
rows = [(u, a.at[u, "text"], col, a.at[u, col], b.at[u, col])
        for u in a.index for col in label_cols if a.at[u, col] != b.at[u, col]]
pd.DataFrame(rows, columns=["unit", "text", "label", "coder A", "coder B"])

# %% [markdown]
# After discussing each case, the coders wrote one adjudicated set of labels
# (`data/labels-adjudicated.csv`). That is what we train and test with.
#
# ## 5. Retrain with the new labels
#
# We keep the statements of one article (`held_out`) out of training, to test on
# afterwards; testing a model on its own training examples would flatter it. The
# other article's labels are added to the bundled training examples
# (`corpora/training/`) and the model is trained again, with the same settings as
# the default model.

# %%
from stancemap.codebook import load_training
from stancemap.models import default_model, frame_labels, train_model

labels = pd.read_csv(adjudicated_file, dtype=str, keep_default_na=False)
test = labels[labels["doc_id"] == held_out]
new = labels[labels["doc_id"] != held_out]
new = pd.concat([new, frame_labels(new, codebook)], axis=1).assign(origin="constructed")
training = pd.concat([load_training(codebook=codebook), new], ignore_index=True)
print(f"{len(training)} training examples ({len(new)} new); {len(test)} held-out statements to test on")
retrained = train_model(training, codebook)
original = default_model()

# %% [markdown]
# ## 6. Compare the model before and after
#
# First, scores on the held-out statements (macro-F1 per task: the average F1 over
# the labels of each task, so rare labels count as much as common ones):

# %%
from stancemap.validate import evaluate

summary = pd.concat({"default model": evaluate(test, original, codebook).summary.set_index("task")["macro_f1"],
                     "retrained model": evaluate(test, retrained, codebook).summary.set_index("task")["macro_f1"]},
                    axis=1)
summary.round(2)

# %% [markdown]
# Then what changes in the analysis: frame shares per actor with each model.

# %%
from stancemap.compare import frame_shares
from stancemap.plots import frame_profile
from stancemap.score import score

both = pd.concat([score(statements, model=original).assign(model="default model"),
                  score(statements, model=retrained).assign(model="retrained model")], ignore_index=True)
comparison_chart = frame_profile(frame_shares(both, registry=registry, split="model"), registry,
                                 title="Frames per actor, default and retrained model (constructed example)")
comparison_chart

# %% [markdown]
# And statement by statement, where the two models give different frames:

# %%
changed = both.pivot(index="statement_id", columns="model", values="frames")
changed = changed[changed["default model"] != changed["retrained model"]]
statements.set_index("statement_id").loc[changed.index, ["speaker", "text"]].join(changed)

# %%
if figures_dir:
    from stancemap.figures import save_figures

    _ = save_figures({"05-before-after-retraining": comparison_chart}, figures_dir)

# %% [markdown]
# ## Read this before you retrain for real
#
# * A handful of new examples among more than a thousand can still change many
#   predictions: the model can also learn the new *names* (Northland, Southland),
#   not only the new ways of speaking. And a test set of a handful of statements
#   cannot show whether it got better: one statement more or less right moves a
#   score by more than ten points. In a real project, label a few hundred
#   statements, keep a fixed test set that is never trained on, and report its size.
# * Only label data you may use, and never write a sentence and attribute it to a
#   real person: constructed examples must be marked `origin = constructed` and
#   attributed to nobody real.
# * The same steps from the command line: `stancemap sample`, `stancemap agreement`,
#   `stancemap train`, `stancemap evaluate` (see `stancemap COMMAND --help`).

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
# # Assignment 3: code it yourself
#
# Every frame share in assignments 1 and 2 came from a classifier. Here **you** are
# the coder. You read 30 statements, decide for each whether it uses the
# **security** frame and whether it uses the **blame** frame, and then measure how
# far you agree with a classmate and with the model, with Krippendorff's alpha
# (Krippendorff 2004, *Content Analysis*, ch. 11; Hayes & Krippendorff 2007).
#
# **The statements.** 30 real statements from the Kremlin's and the Ukrainian
# President's press releases of 2021–2022 (the public dataset
# `kremlin-kyiv-press-2021-2022`, CC BY 4.0). stancemap stores only *references*
# to them (document id and character span, `corpora/classroom/code-it-yourself/`)
# and reads the texts from your copy of the datasets (`STANCEMAP_DATA`). Without
# the datasets, the notebook uses 30 **constructed** statements about a fictional
# dispute (Northland and Southland: invented actors, invented words) and says so.
#
# **The codebook** (`corpora/codebook.yaml`):
#
# * **security**: strikes, attacks, weapons, troops, defence, intelligence,
#   rearmament, mobilisation; threats of force count even without a weapon;
# * **blame**: the statement assigns fault: accusations, violations,
#   provocations, bad faith.
#
# A statement can have both, one or neither.
#
# **Points.** 14 in all: 11 for the code (checked automatically, with hidden
# tests), 3 for the written answer (graded by your teacher). Your codes are not
# graded against anyone's: there is no answer key for judgement, only agreement.

# %% nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false}
# Setup (run this cell first; no changes needed).
import warnings

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

pio.renderers.default = "plotly_mimetype"
warnings.formatwarning = lambda message, category, *args, **kwargs: f"{category.__name__}: {message}\n"
pd.set_option("display.max_colwidth", 200)
LABELS = ["frame_security", "frame_blame"]

# %% tags=["parameters"]
data_dir = None        # folder with the public datasets; None = $STANCEMAP_DATA (constructed statements if absent)
references = None      # None = the bundled list of 30 statements (corpora/classroom/code-it-yourself/references.csv)
classmate_file = None  # your classmate's codes (CSV: unit_id, frame_security, frame_blame); None = the bundled example

# %% nbgrader={"grade": false, "grade_id": "load", "locked": true, "schema_version": 3, "solution": false} tags=["nbval-ignore-output"]
from stancemap.classroom import load_coding_set
from stancemap.paths import bundled

units, source = load_coding_set(data_dir, references=references)
if source == "constructed":
    print("The public datasets were not found (set STANCEMAP_DATA to your copy to code the real statements).\n"
          "These 30 statements are CONSTRUCTED for this exercise: fictional actors, words nobody real said.")
else:
    print("30 real statements from kremlin-kyiv-press-2021-2022 (Kremlin press service, en.kremlin.ru, and "
          "Office of the President of Ukraine, president.gov.ua; CC BY 4.0), read from your copy of the data.")
print(f"{len(units)} statements: " + ", ".join(f"{a} {n}" for a, n in units["actor"].value_counts().sort_index().items()))

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex1-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 1: code the 30 statements (3 points)
#
# Read each statement below. The next cell prints a template: copy it into the
# answer cell, and replace each `(None, None)` by `(security, blame)` with `1`
# (the statement uses the frame) or `0` (it does not). Code what the statement
# *says*, by the codebook, not what you know about the speaker.

# %% nbgrader={"grade": false, "grade_id": "statements", "locked": true, "schema_version": 3, "solution": false} tags=["nbval-ignore-output"]
for r in units.itertuples():
    print(f"{r.unit_id}  [{r.actor}]  {r.text}\n")
print("my_codes = {  # unit_id: (security, blame)")
for u in units["unit_id"]:
    print(f'    "{u}": (None, None),')
print("}")

# %% nbgrader={"grade": false, "grade_id": "ex1-answer", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
my_codes = {  # unit_id: (security, blame); the public statements (k…) and the constructed ones (c…)
    "k01": (1, 1), "k02": (1, 1), "k03": (1, 0), "k04": (0, 0), "k05": (1, 1), "k06": (1, 1),
    "k07": (1, 1), "k08": (0, 0), "k09": (0, 1), "k10": (1, 1), "k11": (0, 1), "k12": (0, 1),
    "k13": (0, 0), "k14": (1, 0), "k15": (0, 0), "k16": (0, 0), "k17": (1, 1), "k18": (1, 0),
    "k19": (0, 0), "k20": (1, 0), "k21": (1, 0), "k22": (0, 0), "k23": (0, 0), "k24": (0, 0),
    "k25": (1, 0), "k26": (0, 1), "k27": (0, 0), "k28": (1, 0), "k29": (1, 0), "k30": (0, 0),
    "c01": (1, 1), "c02": (0, 0), "c03": (1, 0), "c04": (0, 1), "c05": (0, 0), "c06": (1, 0),
    "c07": (1, 1), "c08": (0, 0), "c09": (0, 1), "c10": (1, 0), "c11": (0, 0), "c12": (1, 1),
    "c13": (0, 0), "c14": (1, 0), "c15": (0, 1), "c16": (1, 1), "c17": (0, 0), "c18": (1, 0),
    "c19": (0, 1), "c20": (0, 0), "c21": (1, 0), "c22": (1, 1), "c23": (0, 0), "c24": (0, 1),
    "c25": (1, 0), "c26": (0, 0), "c27": (1, 1), "c28": (0, 0), "c29": (1, 0), "c30": (0, 1),
}
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "ex1-check", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Check for exercise 1 (2 points).
assert isinstance(my_codes, dict), "my_codes should be a dict: unit_id -> (security, blame)"
_missing = [u for u in units["unit_id"] if u not in my_codes]
assert not _missing, f"code every statement: missing {_missing[:5]}{' …' if len(_missing) > 5 else ''}"
_bad = [u for u in units["unit_id"] if len(my_codes[u]) != 2 or not set(my_codes[u]) <= {0, 1}]
assert not _bad, f"each code is (security, blame) with 0 or 1; check {_bad[:5]}"
print("✓ Exercise 1: visible check passed (30 statements coded)")

# %% nbgrader={"grade": true, "grade_id": "ex1-hidden", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Hidden tests for exercise 1 (1 point): run when your teacher grades.
### BEGIN HIDDEN TESTS
for _i, _label in enumerate(LABELS):
    _vals = {my_codes[u][_i] for u in units["unit_id"]}
    assert _vals == {0, 1}, (f"{_label}: you gave every statement the same code ({_vals}); read them again, "
                             "a code that never varies says nothing (and alpha is undefined)")
print("✓ Exercise 1: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex2-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 2: agreement with a classmate (3 points)
#
# Here are your classmate's codes of the same statements (your teacher may give
# you a real classmate's file; the bundled example was made for this exercise):

# %% nbgrader={"grade": false, "grade_id": "classmate", "locked": true, "schema_version": 3, "solution": false} tags=["nbval-ignore-output"]
classmate = pd.read_csv(classmate_file or bundled("classroom", "code-it-yourself", "classmate.csv"),
                        dtype={"unit_id": str})
classmate = classmate[classmate["unit_id"].isin(units["unit_id"])][["unit_id", *LABELS]].reset_index(drop=True)
classmate.head()

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex2-task-2", "locked": true, "schema_version": 3, "solution": false}
# 1. Make a DataFrame `mine` with the columns `unit_id`, `frame_security` and
#    `frame_blame` (one row per statement in `units`, from `my_codes`).
# 2. Make a Series `alpha_classmate`, indexed by `frame_security` and
#    `frame_blame`, with Krippendorff's alpha between you and your classmate.
#    Use `stancemap.validate.agreement([mine, classmate], names=["me", "classmate"],
#    unit="unit_id")`: it returns one row per label (`label`, `alpha`, …).

# %% nbgrader={"grade": false, "grade_id": "ex2-answer", "locked": false, "schema_version": 3, "solution": true} tags=["nbval-ignore-output"]
from stancemap.validate import agreement

### BEGIN SOLUTION
mine = pd.DataFrame([(u, *my_codes[u]) for u in units["unit_id"]], columns=["unit_id", *LABELS])
table = agreement([mine, classmate], names=["me", "classmate"], unit="unit_id")
alpha_classmate = table.set_index("label").loc[LABELS, "alpha"]
### END SOLUTION
alpha_classmate.round(3)

# %% nbgrader={"grade": true, "grade_id": "ex2-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 2 (1 point).
assert isinstance(mine, pd.DataFrame) and list(mine.columns) == ["unit_id", *LABELS], \
    "mine should have exactly the columns unit_id, frame_security, frame_blame"
assert len(mine) == len(units), f"one row per statement ({len(units)})"
assert isinstance(alpha_classmate, pd.Series) and list(alpha_classmate.index) == LABELS, \
    f"alpha_classmate should be a Series indexed by {LABELS}"
assert alpha_classmate.dropna().between(-1, 1).all(), "alpha is at most 1"
print("✓ Exercise 2: visible check passed")

# %% nbgrader={"grade": true, "grade_id": "ex2-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Hidden tests for exercise 2 (2 points): run when your teacher grades.
### BEGIN HIDDEN TESTS
import krippendorff


def _alpha(a, b, label):
    m = a.merge(b, on="unit_id", suffixes=("_a", "_b"))
    data = np.array([m[f"{label}_a"], m[f"{label}_b"]], dtype=float)
    return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal", value_domain=[0, 1])


for _u, _row in mine.set_index("unit_id").iterrows():
    assert tuple(_row) == tuple(my_codes[_u]), f"{_u}: mine does not hold your code from my_codes"
for _label in LABELS:
    assert np.isclose(alpha_classmate[_label], _alpha(mine, classmate, _label)), \
        f"{_label}: alpha is off; compare your codes with the classmate's, unit by unit"
print("✓ Exercise 2: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex3-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 3: agreement with the model (3 points)
#
# The model codes the same statements (`frames` lists the frames it found, joined
# by `;`):

# %% nbgrader={"grade": false, "grade_id": "model", "locked": true, "schema_version": 3, "solution": false} tags=["nbval-ignore-output"]
from stancemap.score import score

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    scored = score(units)
scored[["unit_id", "frames"]].head()

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex3-task-2", "locked": true, "schema_version": 3, "solution": false}
# Make a DataFrame `model_codes` (columns `unit_id`, `frame_security`,
# `frame_blame`: 1 when the frame is among the model's `frames`), and a Series
# `alpha_model`, indexed like `alpha_classmate`, with the alpha between you and
# the model.

# %% nbgrader={"grade": false, "grade_id": "ex3-answer", "locked": false, "schema_version": 3, "solution": true} tags=["nbval-ignore-output"]
### BEGIN SOLUTION
found = scored["frames"].str.split(";")
model_codes = pd.DataFrame({"unit_id": scored["unit_id"],
                            "frame_security": found.apply(lambda f: int("security" in f)),
                            "frame_blame": found.apply(lambda f: int("blame" in f))})
table = agreement([mine, model_codes], names=["me", "model"], unit="unit_id")
alpha_model = table.set_index("label").loc[LABELS, "alpha"]
### END SOLUTION
alpha_model.round(3)

# %% nbgrader={"grade": true, "grade_id": "ex3-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 3 (1 point).
assert isinstance(model_codes, pd.DataFrame) and list(model_codes.columns) == ["unit_id", *LABELS], \
    "model_codes should have exactly the columns unit_id, frame_security, frame_blame"
assert isinstance(alpha_model, pd.Series) and list(alpha_model.index) == LABELS, \
    f"alpha_model should be a Series indexed by {LABELS}"
print("✓ Exercise 3: visible check passed")

# %% nbgrader={"grade": true, "grade_id": "ex3-hidden", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Hidden tests for exercise 3 (2 points): run when your teacher grades.
### BEGIN HIDDEN TESTS
_found = scored.set_index("unit_id")["frames"].str.split(";")
for _label in LABELS:
    _want = _found.apply(lambda f: int(_label.removeprefix("frame_") in f))
    assert (model_codes.set_index("unit_id")[_label].astype(int) == _want.loc[model_codes["unit_id"]].values).all(), \
        f"{_label}: model_codes does not match the model's frames"
    assert np.isclose(alpha_model[_label], _alpha(mine, model_codes, _label)), f"{_label}: alpha is off"
print("✓ Exercise 3: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "chart-intro", "locked": true, "schema_version": 3, "solution": false}
# All three pairs side by side (Krippendorff's rule of thumb: alpha ≥ 0.8 for
# conclusions, 0.667–0.8 for tentative ones, below that the coding is not
# reliable enough to publish):

# %% nbgrader={"grade": false, "grade_id": "chart", "locked": true, "schema_version": 3, "solution": false} tags=["nbval-ignore-output"]
pairs = {"you – classmate": (mine, classmate), "you – model": (mine, model_codes),
         "classmate – model": (classmate, model_codes)}
alphas = pd.DataFrame({name: agreement(list(p), names=["a", "b"], unit="unit_id").set_index("label").loc[LABELS, "alpha"]
                       for name, p in pairs.items()}).T
fig = go.Figure([go.Bar(name=label.removeprefix("frame_"), x=alphas.index, y=alphas[label].round(3),
                        marker_color=color) for label, color in zip(LABELS, ["#0072B2", "#D55E00"])])
fig.add_hline(y=0.8, line_dash="dash", annotation_text="0.8", line_color="#555")
fig.add_hline(y=0.667, line_dash="dot", annotation_text="0.667", line_color="#999")
fig.update_layout(title=f"Krippendorff's alpha on {len(units)} statements ({source})", barmode="group",
                  yaxis=dict(title="alpha (1 = perfect agreement, 0 = chance)", range=[-0.2, 1]),
                  template="plotly_white", width=680, height=420)
fig

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex4-task", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 4: where do you disagree? (2 points)
#
# Make a DataFrame `disagreements` with the statements on which you and your
# classmate coded **blame** differently: the columns `unit_id`, `text`, `mine`
# and `classmate` (the two codes), in the order of `units`.

# %% nbgrader={"grade": false, "grade_id": "ex4-answer", "locked": false, "schema_version": 3, "solution": true} tags=["nbval-ignore-output"]
### BEGIN SOLUTION
both = units[["unit_id", "text"]].merge(mine[["unit_id", "frame_blame"]], on="unit_id").merge(
    classmate[["unit_id", "frame_blame"]], on="unit_id", suffixes=("_mine", "_classmate"))
disagreements = both[both["frame_blame_mine"] != both["frame_blame_classmate"]].rename(
    columns={"frame_blame_mine": "mine", "frame_blame_classmate": "classmate"}).reset_index(drop=True)
### END SOLUTION
print(f"{len(disagreements)} disagreement(s) on blame")

# %% nbgrader={"grade": true, "grade_id": "ex4-check", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Check for exercise 4 (1 point).
assert isinstance(disagreements, pd.DataFrame), "disagreements should be a DataFrame"
assert list(disagreements.columns) == ["unit_id", "text", "mine", "classmate"], \
    "keep exactly the columns unit_id, text, mine, classmate"
assert (disagreements["mine"] != disagreements["classmate"]).all(), "only statements where the codes differ"
print("✓ Exercise 4: visible check passed")

# %% nbgrader={"grade": true, "grade_id": "ex4-hidden", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Hidden tests for exercise 4 (1 point): run when your teacher grades.
### BEGIN HIDDEN TESTS
_m = mine.set_index("unit_id")["frame_blame"]
_c = classmate.set_index("unit_id")["frame_blame"]
_want = [u for u in units["unit_id"] if u in _c.index and _m[u] != _c[u]]
assert list(disagreements["unit_id"]) == _want, f"expected the units {_want} (in the order of units)"
print("✓ Exercise 4: hidden check passed")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade": false, "grade_id": "ex5-question", "locked": true, "schema_version": 3, "solution": false}
# ## Exercise 5 (written, 3 points): what does disagreement mean for a published figure?
#
# Read the statements in `disagreements`. A newsroom wants to publish: *"x% of
# the Kremlin's statements assign blame"*, with the number coming from the model.
# In three to five sentences: what do your two alphas say about that figure, what
# do the disagreements tell you about the codebook's definition of blame, and what
# would you do before publishing? *(Graded by your teacher: 1 point for reading
# alpha correctly, 1 for using the disagreements, 1 for a concrete next step.)*

# %% [markdown] nbgrader={"grade": true, "grade_id": "ex5-answer", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# **Model answer.** Alpha corrects agreement for chance: 1 is perfect, 0 is no
# better than chance, and below about 0.67 a coding is not reliable enough to base
# a published share on. If two careful people disagree on a third of the borderline
# statements, "x% assign blame" is partly a measure of who coded, and a model
# trained on one coder's reading inherits it; its alpha against us bounds how far
# its share can be trusted. The disagreements are mostly statements that describe
# an attack without naming a culprit, or criticise without accusing, which is
# exactly where the codebook's rule ("assigns fault") needs an example. Before
# publishing: sharpen the rule with those examples, have two people re-code a
# fresh sample until alpha is at least 0.8, report the model's figure with its
# interval and its agreement with the coders, and quote the statements behind it.

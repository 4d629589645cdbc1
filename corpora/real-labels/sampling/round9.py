"""Round 9 of the sample behind corpora/real-labels: ceasefires as others say them, and Europe on arms.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round9.py OUTDIR

Drawn at the same time as round 8 (on labels.csv after round 7; round 8 drew Russia's sentences only, so the
two share no sentence; the documents round 8 drew from — Kremlin pages that also quote European leaders — are
left out here, read from ``OUTDIR/../round8/refs8.csv``, so that a document cannot get two parts).
OUTDIR must be OUTSIDE the repository: it receives ``items9_with_text.csv``, ``batch9/chunkNN.jsonl`` (numbered
after round 8's chunk45) and ``refs9.csv``. Why these strata: the model card of stop 25 gives the full ceasefire
the lowest stance F_avg of the targets (0.33 on the test part; labels.csv holds favor / against 81 / 47) and
military aid the next lowest (0.36, "misses many favor statements"); the learning curve of stop 25 found these two
targets gaining most per doubling of the labels. The Trump White House's ceasefire sentences are all labelled
already; the unlabelled ones are European leaders' (93), Zelenskyy's (22), ceasefire-against phrasings outside
Russia (29) and the Biden White House's (571, most of them on Gaza: a ceasefire in another conflict is ``none``,
a hard case the model must learn). So ``r9-kw-*`` at random among those keyword matches, and European leaders on
arms for Ukraine. At most 3 new sentences per document.
"""
import sys, warnings
from pathlib import Path
import numpy as np
import pandas as pd
warnings.simplefilter("ignore")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import Drawer, actor_rows, finish, start  # noqa: E402
rng = np.random.default_rng(20261207)
DOC_CAP = 3
FIRST_ID, FIRST_CHUNK = 4141, 46

ROOT, OUT, old_split, cand = start()
r8 = pd.read_csv(Path(OUT).parent / "round8" / "refs8.csv", dtype=str, keep_default_na=False)
r8_docs = set(zip(r8["dataset"], r8["file"], r8["doc_key"]))
keep = [k not in r8_docs for k in zip(cand["dataset"], cand["file"], cand["doc_key"])]
print(f"candidates in round 8's documents left out: {len(keep) - sum(keep)}", file=sys.stderr)
cand = cand[keep]
rows = actor_rows(cand)
actor = cand["actor"]
not_russia = actor.isin(["us", "ukraine", "europe"])
europe, zel, biden_wh = actor == "europe", rows["zelenskyy"], rows["whitehouse"] & ~rows["trump"]
CF = r"cease-?fire|truce|cessation of hostilities"
KW_STRATA = [  # (name, rows, regex, n)
    ("ceasefire-against", not_russia, r"cease-?fire.{0,80}(rearm|regroup|pause|respite|trick|trap|freez)|freez\w* (the )?(conflict|war|front)|"
     r"\bno (ceasefire|truce)|\b(not|never)\b.{0,20}(ceasefire|truce)|truce.{0,40}(rearm|regroup)|minsk", 29),
    ("ceasefire-zelenskyy", zel, CF, 22),
    ("ceasefire-europe", europe, CF, 50),
    ("ceasefire-biden-whitehouse", biden_wh, CF, 40),
    ("milaid-europe", europe, r"weapon|military (aid|assistance|support)|air defen|ammunition|tanks\b", 50),
]

drawer = Drawer(cand, rng, DOC_CAP)
for name, rows_, rx, n in KW_STRATA:
    drawer.keyword_stratum(rows_, rx, n, f"r9-kw-{name}")
finish(drawer.items(), OUT, ROOT, old_split, 9, FIRST_ID, FIRST_CHUNK, drawer.pools)

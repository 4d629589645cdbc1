"""Round 8 of the sample behind corpora/real-labels: Russia's own statements on the targets.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round8.py OUTDIR

OUTDIR must be OUTSIDE the repository: it receives ``items8_with_text.csv``, ``batch8/chunkNN.jsonl``
(100 items a file, numbered after round 7's chunk42) and ``refs8.csv`` (the by-reference columns, no text).
Candidates, draws, hydration check and split are those of rounds 4-7 (``rounds.py``), on labels.csv after
round 7, with the extractor and default model of stop 25. Why these strata: the model card of stop 25 gives
Russia the lowest stance F_avg of the four actor groups (0.45 on the test part, against 0.60-0.73), and the
Kremlin–Kyiv case study reads 38 % of the Kremlin's sided sanctions statements as ``favor`` where the labels
hold none (Russia in labels.csv: sanctions against 90 / favor 0, military aid against 22, territorial
concessions favor 73). Unlabelled Russian sentences on the targets are few (the Kremlin pages end in 2022):
after round 7, 52 candidates mention sanctions and about 130 weapons or aid. So ``r8-kw-*`` at random among
the Kremlin's and Russia-at-the-UN keyword matches per target (all of them where fewer), and
``r8-model-russia-<target>-favor`` at random from the top 3n of Russia's candidates by the default model's
probability of ``favor`` on sanctions and military aid: the readings the case study shows. At most 4 new
sentences per document (3 in rounds 4-7: the Russian matches cluster in a few long transcripts).
"""
import sys, warnings
from pathlib import Path
import numpy as np
warnings.simplefilter("ignore")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import Drawer, actor_rows, finish, start  # noqa: E402
rng = np.random.default_rng(20261206)
DOC_CAP = 4
FIRST_ID, FIRST_CHUNK = 3928, 43

ROOT, OUT, old_split, cand = start()
rows = actor_rows(cand)
russia = rows["kremlin"] | rows["un_russia"]
KW_STRATA = [  # (name, rows, regex, n)
    ("sanctions", russia, r"sanction|restrictive measures|unilateral (restrictions|measures|coercive)|price cap|frozen (assets|reserves)", 70),
    ("milaid", russia, r"weapon|\barms\b|military (aid|assistance|supplies|support|equipment)|mercenar|instructors|lethal|"
                       r"ammunition|missiles|himars|tanks\b|air defen", 70),
    ("territory", russia, r"territor|crimea|donbas|donetsk|luhansk|referend|reunif|new regions|zaporozh|kherson|borders?\b", 50),
    ("ceasefire", russia, r"cease-?fire|truce|cessation of hostilities|negotiat|peace talks|minsk", 35),
]
MODEL_STRATA = [("sanctions", "favor", 15), ("military_aid", "favor", 15)]

drawer = Drawer(cand, rng, DOC_CAP)
for name, rows_, rx, n in KW_STRATA:
    drawer.keyword_stratum(rows_, rx, n, f"r8-kw-{name}-russia")
for t, lab, n in MODEL_STRATA:
    drawer.model_stratum(cand.index[russia], t, lab, n, f"r8-model-russia-{t}-{lab}")
finish(drawer.items(), OUT, ROOT, old_split, 8, FIRST_ID, FIRST_CHUNK, drawer.pools)

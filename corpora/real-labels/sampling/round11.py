"""Round 11 of the sample behind corpora/real-labels: more of every target as each actor group says it.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round11.py OUTDIR

Drawn in stop 36 on labels.csv after round 10 (4,644 sentences). Round 10 showed the scarce directions' keyword
pools empty, and the learning curve of stop 25 (about +0.037 stance F_avg per doubling of the real sentences) says
volume is the lever left. So this round is larger and broad: ``r11-kw-<target>-<group>`` at random among each
actor group's candidates that match round 1's keyword bucket of that target (whatever their stance: the model
must learn when a mention takes no side as much as which side it takes); ``r11-uncertain-<target>`` at random
among the candidates on which the default model is least sure whether a side is taken (its larger side
probability between 0.2 and 0.5: active learning, Settles 2009); and ``r11-random-<group>`` at random among each
group's war-related candidates. At most 3 new sentences per document. OUTDIR must be OUTSIDE the repository: it
receives ``items11_with_text.csv``, ``batch11/chunkNN.jsonl`` and ``refs11.csv``.
"""
import sys, warnings
from pathlib import Path
import numpy as np
import pandas as pd
warnings.simplefilter("ignore")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import BUCKETS, Drawer, finish, start  # noqa: E402
rng = np.random.default_rng(20261211)
DOC_CAP = 3
FIRST_ID, FIRST_CHUNK = 4645, 60
GROUPS = ["russia", "ukraine", "us", "europe"]
KW_N = {"russia": 45, "ukraine": 35, "us": 35, "europe": 40}  # per target: Russia, the weakest group, most
UNCERTAIN_N, RANDOM_N = 40, 50

ROOT, OUT, old_split, cand = start()
actor = cand["actor"]
drawer = Drawer(cand, rng, DOC_CAP)
for target, rx in BUCKETS.items():
    for g in GROUPS:
        drawer.keyword_stratum(actor == g, rx, KW_N[g], f"r11-kw-{target}-{g}")
for target in BUCKETS:
    side = cand[[c for c in cand if c.startswith(f"p_{target}_")]].max(axis=1)
    pool = cand.index[side.between(0.2, 0.5)]
    got = drawer.draw(rng.permutation(pool.to_numpy().copy()), UNCERTAIN_N, f"r11-uncertain-{target}")
    drawer.pools[f"r11-uncertain-{target}"] = f"{len(pool)} with the larger side probability in [0.2, 0.5]; drew {got}"
for g in GROUPS:
    pool = cand.index[actor == g]
    got = drawer.draw(rng.permutation(pool.to_numpy().copy()), RANDOM_N, f"r11-random-{g}")
    drawer.pools[f"r11-random-{g}"] = f"{len(pool)} candidates; drew {got}"
finish(drawer.items(), OUT, ROOT, old_split, 11, FIRST_ID, FIRST_CHUNK, drawer.pools)

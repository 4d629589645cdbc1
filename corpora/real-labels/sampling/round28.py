"""Round 28 of the sample behind corpora/real-labels: the Trump administration's words on the war.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round28.py OUTDIR

Drawn in stop 48 on labels.csv after round 27 (17,202 sentences). The ceasefire talks of 2025–26 are the
mission's core, yet only 472 labels came from the White House since 2025-01-20, with 2 `against` military aid,
no `against` sanctions and 6 `favor` territorial concessions: the rounds' strata drew every group across all years,
and earlier rounds took only the White House's official pages, not its ``article`` pages, where stop 47–48's
extraction fixes now give its officials' quoted words a speaker (labelled quotations; bullets under a heading:
Rubio's and Witkoff's Sunday-show words, Trump's UN and Politico highlights). This round draws only the White
House's `us` statements dated 2025-01-20 on (``rounds.actor_rows`` "trump"), official and article pages (a pool of
400 candidates): per target at random among the keyword matches (``r28-kw-<target>``, up to 30 each), per target and
direction from the top of the default model's ranking (``r28-model-<target>-<label>``, 10 each: the directions the
set lacks), per target among the candidates the model is least sure take a side (``r28-uncertain-<target>``, up to
10 each; 3 such candidates in all), and at random (``r28-random-us``, up to 100). At most 6 per document: 270
sentences, split before coding (train 169 / dev 47 / test 54; the split's strata pool the buckets of fewer than 5
sentences). OUTDIR must be OUTSIDE the repository: it receives ``items28_with_text.csv``, ``batch28/chunkNN.jsonl``
and ``refs28.csv``.
"""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import BUCKETS, Drawer, actor_rows, finish, start  # noqa: E402

ROUND, SEED, FIRST_ID, FIRST_CHUNK = 28, 20261228, 17203, 196
root, out, old_split, cand = start(whitehouse_kinds=("official", "article"))
rows = actor_rows(cand)
pool = rows["whitehouse"] & rows["trump"] & (cand["actor"] == "us")
print(f"pool: {int(pool.sum())} White House `us` candidates dated 2025-01-20 on", file=sys.stderr)
drawer = Drawer(cand, np.random.default_rng(SEED), 6)
for target, rx in BUCKETS.items():
    drawer.keyword_stratum(pool, rx, 30, f"r{ROUND}-kw-{target}")
for target in BUCKETS:
    for label in ("favor", "against"):
        drawer.model_stratum(pool, target, label, 10, f"r{ROUND}-model-{target}-{label}")
for target in BUCKETS:
    side = cand[[c for c in cand if c.startswith(f"p_{target}_")]].max(axis=1)
    drawer.random_stratum(pool & side.between(0.2, 0.5), 10, f"r{ROUND}-uncertain-{target}",
                          "with the larger side probability in [0.2, 0.5]")
drawer.random_stratum(pool, 100, f"r{ROUND}-random-us")
finish(drawer.items(), out, root, old_split, ROUND, FIRST_ID, FIRST_CHUNK, drawer.pools)

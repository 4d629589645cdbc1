"""Round 4 of the sample behind corpora/real-labels: the scarce stance directions, model-assisted plus keywords.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round4.py OUTDIR

OUTDIR must be OUTSIDE the repository: it receives the sentences (``items4_with_text.csv``,
``batch4/chunkNN.jsonl``, 100 items a file, numbered after round 3's chunk26) and ``refs4.csv``
(the by-reference columns, no text). Candidates follow rounds 1-3 (statements of ``stancemap.extract``;
the four actor groups; official White House documents; no questions; 40-600 characters; war-related)
and overlap no span of ``labels.csv``. Strata (``bucket``, prefix ``r4-``): ``r4-model-<target>-<dir>``
are drawn at random from the top 3n candidates by the default model's probability of that direction;
``r4-kw-*`` at random among keyword matches per actor. At most 3 new sentences per document. A document
already in labels.csv keeps its split; new documents get StratifiedGroupKFold(5, shuffle, seed 0) on the
bucket (fold 0 test, 1 dev, 2-4 train). Every reference is hydrated with ``stancemap.datasets.labelrefs``
(sha256 check); failures are dropped and counted. Seeded: the same extractor, model and data draw the
same sample; another extractor or default model draws another. The steps shared with round 5 are in
``rounds.py``; the draw it made is the one with labels.csv as it stood before round 4 (git history).
"""
import sys, warnings
from pathlib import Path
import numpy as np
warnings.simplefilter("ignore")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import Drawer, actor_rows, finish, start  # noqa: E402
rng = np.random.default_rng(20270104)
DOC_CAP = 3
FIRST_ID, FIRST_CHUNK = 2517, 27

ROOT, OUT, old_split, cand = start()
rows = actor_rows(cand)
kremlin, un_russia, zel = rows["kremlin"], rows["un_russia"], rows["zelenskyy"]
wh_trump = rows["whitehouse"] & rows["trump"]
ukpm = (cand["dataset"] == "uk-pm-commons-2019-2026") & (cand["date"] >= "2025-01-01")
MODEL_STRATA = [("military_aid", "against", 40), ("full_ceasefire", "against", 40), ("full_ceasefire", "favor", 35),
                ("energy_truce", "favor", 35), ("energy_truce", "against", 30), ("sanctions", "against", 40),
                ("territorial_concessions", "favor", 35)]
KW_STRATA = [  # (name, rows, regex, n)
    ("kremlin-pumping-weapons", kremlin, r"pump|(weapons?|arms) (suppl|deliver)|suppl\w* (of )?(weapons|arms)|western weapons|foreign weapons|flood\w* .*weapons|militari[sz]|arms race", 45),
    ("russia-illegitimate-sanctions", kremlin | un_russia, r"coercive measures|(illegitimate|illegal|unlawful|unilateral) (sanction|restrict)|so-called sanctions|sanctions? (war|pressure|blitz|hysteria)|economic war|restrictive measures|sanctions.{0,60}(fail|useless|backfire|boomerang|hurt (their|the west))", 50),
    ("un-russia-war", un_russia, r"sanction|coercive|weapon|arms|cease-?fire|truce|minsk|crimea|donbas|ukrain|nato|territor", 35),
    ("wh-aid-given-away", wh_trump, r"give(n)? away|gave away|giveaway|blank check|billions?|\$\s?\d|handout|aid to ukraine|money to ukraine|weapons to ukraine|paid for|pay for|(buy|purchas)\w* (american )?weapons", 45),
    ("wh-ceasefire", wh_trump, r"cease-?fire|truce|stop the (killing|war|fighting)|end (the|this) war|peace deal|peace agreement", 40),
    ("wh-energy-truce", wh_trump, r"energy|power (plant|station)|infrastructure|grid\b|moratorium", 25),
    ("wh-land-swaps", wh_trump, r"\bland|swap|territor|crimea|donbas|concession|line of contact|cede|ceding|borders?\b", 30),
    ("zelenskyy-freeze-regroup", zel, r"freez|frozen|regroup|pause|respite|cease-?fire|truce|minsk|compromise|concession", 45),
    ("ukpm-ceasefire-energy", ukpm, r"cease-?fire|truce|unconditional|energy|power (plant|station)|infrastructure|grid\b", 40),
]

drawer = Drawer(cand, rng, DOC_CAP)
for t, lab, n in MODEL_STRATA:  # model strata first: random from the top 3n, then further down the ranking
    drawer.model_stratum(cand.index, t, lab, n, f"r4-model-{t}-{lab}")
for name, rows, rx, n in KW_STRATA:
    drawer.keyword_stratum(rows, rx, n, f"r4-kw-{name}")
finish(drawer.items(), OUT, ROOT, old_split, 4, FIRST_ID, FIRST_CHUNK, drawer.pools)

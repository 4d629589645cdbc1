"""Round 6 of the sample behind corpora/real-labels: what the shipped model gets wrong, and random sentences.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round6.py OUTDIR

OUTDIR must be OUTSIDE the repository: it receives ``items6_with_text.csv``, ``batch6/chunkNN.jsonl``
(100 items a file, numbered after round 5's chunk36) and ``refs6.csv`` (the by-reference columns, no text).
Candidates, draws, hydration check and split are those of rounds 4 and 5 (``rounds.py``), on labels.csv
after round 5, with the extractor and default model of stop 23. Why these strata: the model card's test
part (stop 22) shows most wrong stance labels are false stances on sentences that take none (59 of 122),
the US and Russia groups lowest (stance F_avg 0.48 and 0.47), and the Kremlin–Kyiv case study reads
Russia as mostly in favour of military aid, from sentences on Russia's own forces and its aid to others.
So: ``r6-model-<group>-<target>-<dir>`` at random from the top 3n of a group's candidates by the default
model's probability of that direction (most of them are the model's false stances, which the model needs as
coded examples); ``r6-kw-*`` at random among keyword matches (Russia's own forces and its
military-technical cooperation, Russian attacks on Western arms deliveries, White House ceasefires in other
conflicts); ``r6-random-<group>`` at random among a group's war-related candidates, so the round is not
only hard cases. At most 3 new sentences per document.
"""
import sys, warnings
from pathlib import Path
import numpy as np
warnings.simplefilter("ignore")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import WAR_RE, Drawer, actor_rows, finish, start  # noqa: E402
rng = np.random.default_rng(20261204)
DOC_CAP = 3
FIRST_ID, FIRST_CHUNK = 3372, 37

ROOT, OUT, old_split, cand = start()
rows = actor_rows(cand)
actor, kremlin, un_russia, zel, wh = cand["actor"], rows["kremlin"], rows["un_russia"], rows["zelenskyy"], rows["whitehouse"]
GROUPS = {g: actor == g for g in ("us", "russia", "europe", "ukraine")} | {"all": actor.notna()}
MODEL_STRATA = [("us", "full_ceasefire", "favor", 30), ("us", "military_aid", "favor", 25), ("us", "sanctions", "favor", 25),
                ("us", "territorial_concessions", "against", 15),
                ("russia", "military_aid", "favor", 30), ("russia", "sanctions", "favor", 25),
                ("russia", "territorial_concessions", "favor", 20), ("russia", "full_ceasefire", "favor", 20),
                ("all", "full_ceasefire", "against", 25), ("all", "military_aid", "against", 25)]
KW_STRATA = [  # (name, rows, regex, n)
    ("russia-own-forces", kremlin | un_russia, r"(russian|our) (armed forces|army|navy|troops|military|aerospace forces)|"
     r"military-technical|defen[cs]e (industry|industrial|enterprises)|armaments? programme|(supply|equip)\w* .{0,30}(army|troops|forces)", 25),
    ("russia-arms-deliveries", kremlin | un_russia, r"(weapons?|arms) (suppl|deliver)|suppl\w* (of )?(weapons|arms)|pump|"
     r"western (weapons|arms)|foreign (weapons|mercenar)|prolong", 25),
    ("wh-other-ceasefires", wh, r"cease-?fire|truce|hostage|cessation of hostilities", 20),
]
RANDOM_STRATA = [("us", GROUPS["us"], 25), ("russia", kremlin | un_russia, 25), ("europe", GROUPS["europe"], 20),
                 ("ukraine", zel, 20)]

drawer = Drawer(cand, rng, DOC_CAP)
for g, t, lab, n in MODEL_STRATA:
    drawer.model_stratum(cand.index[GROUPS[g]], t, lab, n, f"r6-model-{g}-{t}-{lab}")
for name, rows_, rx, n in KW_STRATA:
    drawer.keyword_stratum(rows_, rx, n, f"r6-kw-{name}")
for name, rows_, n in RANDOM_STRATA:
    drawer.keyword_stratum(rows_, WAR_RE.pattern, n, f"r6-random-{name}")
finish(drawer.items(), OUT, ROOT, old_split, 6, FIRST_ID, FIRST_CHUNK, drawer.pools)

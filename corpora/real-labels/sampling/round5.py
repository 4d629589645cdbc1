"""Round 5 of the sample behind corpora/real-labels: the US group and the scarce stance directions.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round5.py OUTDIR

OUTDIR must be OUTSIDE the repository: it receives ``items5_with_text.csv``, ``batch5/chunkNN.jsonl``
(100 items a file, numbered after round 4's chunk31) and ``refs5.csv`` (the by-reference columns, no text).
Candidates, draws, hydration check and split are those of round 4 (``rounds.py``), on labels.csv after
round 4. Strata (``bucket``, prefix ``r5-``): ``r5-model-<group>-<target>-<dir>`` at random from the top 3n
of that actor group's candidates (``all`` = every group) by the default model's probability of that
direction; ``r5-kw-*`` at random among keyword matches. The US group had 15 coded stances in the
test part of round 4's card, so it gets the most strata. At most 3 new sentences per document.
Only 84 official White House pages date from the Trump administration (2025-01-20 on), which is why
round 4's Trump-era keyword strata drew few sentences; round 5 takes any war-related one of them.
"""
import sys, warnings
from pathlib import Path
import numpy as np
warnings.simplefilter("ignore")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import WAR_RE, Drawer, actor_rows, finish, start  # noqa: E402
rng = np.random.default_rng(20271202)
DOC_CAP = 3
FIRST_ID, FIRST_CHUNK = 2961, 32

ROOT, OUT, old_split, cand = start()
rows = actor_rows(cand)
actor, kremlin, un_russia, zel, wh = cand["actor"], rows["kremlin"], rows["un_russia"], rows["zelenskyy"], rows["whitehouse"]
biden = ~rows["trump"]
autumn22 = cand["date"].between("2022-10-01", "2023-03-31")
GROUPS = {"us": actor == "us", "europe": actor == "europe", "all": actor.notna()}
MODEL_STRATA = [("us", "sanctions", "favor", 30), ("us", "military_aid", "favor", 30), ("us", "full_ceasefire", "favor", 25),
                ("us", "territorial_concessions", "against", 20), ("us", "sanctions", "against", 15),
                ("europe", "military_aid", "favor", 15), ("europe", "sanctions", "favor", 15),
                ("all", "territorial_concessions", "favor", 30), ("all", "full_ceasefire", "against", 30),
                ("all", "military_aid", "against", 30)]
KW_STRATA = [  # (name, rows, regex, n)
    ("russia-new-realities", kremlin | un_russia, r"new (territorial )?realit|realities on the ground|recogni[sz]\w* .{0,40}(crimea|donbas|republics|dpr|lpr|referend)|reunification|referend|crimea (is|has become|became) .{0,30}russia|integral part of (russia|the russian federation)|new regions|historical territor", 45),
    ("wh-trump-war", wh & ~biden, WAR_RE.pattern, 40),
    ("wh-biden-sanctions-relief", wh & biden, r"lift\w* .{0,30}sanction|eas\w* .{0,20}sanction|sanctions relief|waive|off-ramp", 20),
    ("us-aid-pledges", GROUPS["us"], r"as long as it takes|stand with ukraine|continue to (support|provide)|security assistance|drawdown|weapons", 20),
    ("zelenskyy-no-freeze", zel, r"freez|frozen conflict|minsk|no cease-?fire|cease-?fire .{0,40}(regroup|rearm|respite)|pause .{0,30}(russia|regroup)|compromise", 35),
    ("russia-ceasefire-talks", kremlin | un_russia, r"cease-?fire|truce|negotiat|talks", 30),
    ("zelenskyy-energy-strikes", zel & autumn22, r"energy|power (plant|station)|blackout|electricity", 10),
]

drawer = Drawer(cand, rng, DOC_CAP)
for g, t, lab, n in MODEL_STRATA:
    drawer.model_stratum(cand.index[GROUPS[g]], t, lab, n, f"r5-model-{g}-{t}-{lab}")
for name, rows, rx, n in KW_STRATA:
    drawer.keyword_stratum(rows, rx, n, f"r5-kw-{name}")
finish(drawer.items(), OUT, ROOT, old_split, 5, FIRST_ID, FIRST_CHUNK, drawer.pools)

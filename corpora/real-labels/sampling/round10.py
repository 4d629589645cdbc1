"""Round 10 of the sample behind corpora/real-labels: the stance directions still under 120 examples.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round10.py OUTDIR

Drawn in stop 36 on labels.csv after round 9 (4,326 sentences). Issue #12 asks for at least 120 ``favor`` and 120
``against`` examples per target where the corpora hold them; labels.csv held full ceasefire 96 / 52, energy truce
11 / 0, military aid 307 / 25, sanctions 351 / 120, territorial concessions 82 / 209. The learning curve of stop 25
found the ceasefire and military aid gaining most per doubling of the labels. So: ``r10-model-all-<target>-<dir>``
at random from the top 3n of every candidate by the default model's probability of each scarce direction;
``r10-kw-*`` at random among keyword matches for the phrasings those directions take (calls for or rejections of a
ceasefire by anyone; Russia on the territories it claims; arms deliveries attacked; strikes on energy); and
``r10-random-<group>`` at random among each actor group's war-related candidates (the unbiased part). At most 3 new
sentences per document. OUTDIR must be OUTSIDE the repository: it receives ``items10_with_text.csv``,
``batch10/chunkNN.jsonl`` and ``refs10.csv``.
"""
import sys, warnings
from pathlib import Path
import numpy as np
import pandas as pd
warnings.simplefilter("ignore")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import Drawer, actor_rows, finish, start  # noqa: E402
rng = np.random.default_rng(20261210)
DOC_CAP = 3
FIRST_ID, FIRST_CHUNK = 4327, 50

ROOT, OUT, old_split, cand = start()
rows = actor_rows(cand)
actor = cand["actor"]
everyone = actor.notna()
russia = rows["kremlin"] | rows["un_russia"]
MODEL_STRATA = [  # (target, direction, n)
    ("full_ceasefire", "favor", 35), ("full_ceasefire", "against", 35), ("territorial_concessions", "favor", 35),
    ("military_aid", "against", 30), ("energy_truce", "favor", 15),
]
KW_STRATA = [  # (name, rows, regex, n)
    ("ceasefire-call", everyone, r"(call|urg|support|welcom|accept|agree|need|want|demand|insist|ready)\w*.{0,50}"
     r"(cease-?fire|truce|cessation of hostilities)|(immediate|unconditional|30-day|complete|full) (cease-?fire|truce)", 45),
    ("ceasefire-against", everyone, r"cease-?fire.{0,80}(rearm|regroup|pause|respite|trick|trap|freez|premature)|"
     r"freez\w* (the )?(conflict|war|front)|\bno (ceasefire|truce)|\b(not|never|reject)\w*\b.{0,30}(ceasefire|truce)", 30),
    ("territory-russia", russia, r"reunif|recogni[sz]\w*.{0,40}(independence|sovereignty|republic|crimea|donbas)|"
     r"new (territorial )?realit|crimea (is|has become|became|was)|people of (crimea|donbas)|referend|historical(ly)? russian", 35),
    ("milaid-against", everyone, r"pump\w*.{0,40}(weapon|arms)|(weapon|arms) (supplies|deliveries|shipments)|"
     r"stop (arming|supplying|sending)|blank (cheque|check)|no more (money|aid|weapons)|escalat\w*.{0,40}(weapon|arms)", 30),
    ("energy", everyone, r"(strike|attack|hit|shell|bomb)\w*.{0,60}(energy|power (plant|station|grid)|electricity|substation)|"
     r"(energy|power) (infrastructure|facilit).{0,60}(strike|attack|stop|halt|moratorium|truce)", 25),
]
RANDOM_N = 20  # per actor group

drawer = Drawer(cand, rng, DOC_CAP)
for target, direction, n in MODEL_STRATA:
    drawer.model_stratum(everyone, target, direction, n, f"r10-model-all-{target}-{direction}")
for name, rows_, rx, n in KW_STRATA:
    drawer.keyword_stratum(rows_, rx, n, f"r10-kw-{name}")
for g in ["russia", "ukraine", "us", "europe"]:
    drawer.random_stratum(actor == g, RANDOM_N, f"r10-random-{g}")
finish(drawer.items(), OUT, ROOT, old_split, 10, FIRST_ID, FIRST_CHUNK, drawer.pools)

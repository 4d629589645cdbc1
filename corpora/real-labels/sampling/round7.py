"""Round 7 of the sample behind corpora/real-labels: the stance directions the labels still lack.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round7.py OUTDIR

OUTDIR must be OUTSIDE the repository: it receives ``items7_with_text.csv``, ``batch7/chunkNN.jsonl``
(100 items a file, numbered after round 6's chunk40) and ``refs7.csv`` (the by-reference columns, no text).
Candidates, draws, hydration check and split are those of rounds 4-6 (``rounds.py``), on labels.csv after
round 6, with the extractor and default model of stop 23. Why these strata: after round 6 the labels hold
favor / against ceasefire 78 / 41, energy truce 11 / 0, military aid 286 / 24, sanctions 339 / 84 and
territorial concessions 70 / 185, against the aim of 120 each where the corpora hold them. So ``r7-kw-*``
at random among keyword matches where the missing directions are said: the Kremlin and Russia at the UN on
Western arms deliveries, on sanctions and on the territories; the Trump White House on aid money, lifting
sanctions, giving up land and ceasefires; European leaders on arms and sanctions; anyone on a ceasefire as a
trap or a freeze, or on calls for an immediate ceasefire; energy strikes and an energy truce. The matches
include sentences that take no side (reported positions, other conflicts), which the coders code as such.
``r7-model-all-<target>-<dir>`` at random from the top 3n of all candidates by the default model's
probability of the missing direction. At most 3 new sentences per document.
"""
import sys, warnings
from pathlib import Path
import numpy as np
warnings.simplefilter("ignore")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import Drawer, actor_rows, finish, start  # noqa: E402
rng = np.random.default_rng(20261205)
DOC_CAP = 3
FIRST_ID, FIRST_CHUNK = 3750, 41

ROOT, OUT, old_split, cand = start()
rows = actor_rows(cand)
actor, kremlin, un_russia, zel, wh = cand["actor"], rows["kremlin"], rows["un_russia"], rows["zelenskyy"], rows["whitehouse"]
russia, trump_wh, europe = kremlin | un_russia, wh & rows["trump"], actor == "europe"
KW_STRATA = [  # (name, rows, regex, n)
    ("milaid-russia", russia, r"pump\w* .{0,40}(weapons|arms)|(weapons?|arms) (suppl|deliver)\w*.{0,80}(prolong|escalat|danger|fuel|drag|provoc)|"
     r"legitimate targets?|stop (supplying|sending|pumping)", 30),
    ("milaid-trump", trump_wh, r"(billion|money|dollars|funding|aid|weapons).{0,60}ukrain|ukrain.{0,60}(billion|money|dollars|funding)|"
     r"stop\w* (the )?(aid|funding|weapons)|paus\w* .{0,30}(aid|weapons|intelligence|shipments)|blank check", 35),
    ("milaid-europe", europe, r"\b(no|not|never|won't|will not)\b.{0,30}(weapons|arms|military aid|troops)|against .{0,20}(arms|weapons)", 15),
    ("sanctions-russia", russia, r"illegitimate|illegal (sanctions|restrictions)|unilateral (sanctions|restrictive|coercive)|"
     r"sanctions?.{0,60}(boomerang|backfir|hurt|harm|fail|counterproductive|self-defeating|suicid|own econom)|"
     r"lift\w* (the )?sanctions|sanctions (war|pressure|blitz)", 40),
    ("sanctions-trump", trump_wh, r"lift\w* (the |those )?sanctions|sanctions (relief|off|removed|could be lifted)|remov\w* (the )?sanctions|"
     r"eas\w* (the )?sanctions|sanctions", 20),
    ("sanctions-europe", europe, r"sanctions?.{0,50}(not work|failed|don't work|hurt|harm|counterproductive|price)|lift\w* (the )?sanctions", 15),
    ("territory-russia", russia, r"new (territorial )?realities|realities on the ground|(withdraw|leave|pull out)\w* .{0,30}(donbas|donetsk|luhansk|territor)|"
     r"crimea (is|was|has been) .{0,20}(part of russia|russian)|reunifi|referend|recogni\w* .{0,40}(crimea|donetsk|luhansk|republics)", 35),
    ("territory-trump", trump_wh, r"(give|gave|giving|get) (up|back) .{0,20}(land|territor|crimea)|swap|territor\w* .{0,40}(concession|exchange|keep|lost|gain)|"
     r"crimea|land\b", 30),
    ("ceasefire-against", actor.notna(), r"cease-?fire.{0,80}(rearm|regroup|pause|respite|trick|trap|freez)|freez\w* (the )?(conflict|war|front)|"
     r"\bno (ceasefire|truce)|\b(not|never)\b.{0,20}(ceasefire|truce)|truce.{0,40}(rearm|regroup)|minsk", 35),
    ("ceasefire-favor", trump_wh | europe | zel, r"(immediate|unconditional|30-day|full|complete|comprehensive|lasting) (and \w+ )?cease-?fire|"
     r"cease-?fire (now|immediately)|call\w* (for|on) .{0,40}cease-?fire|accept\w* .{0,30}cease-?fire", 30),
    ("energy", trump_wh | europe | zel | russia, r"energy (and infrastructure )?(cease-?fire|truce|moratorium)|(strikes?|attacks?) on (the )?energy|"
     r"energy (infrastructure|facilities)", 20),
]
MODEL_STRATA = [("sanctions", "against", 20), ("territorial_concessions", "favor", 20), ("full_ceasefire", "against", 15),
                ("military_aid", "against", 15)]

drawer = Drawer(cand, rng, DOC_CAP)
for name, rows_, rx, n in KW_STRATA:
    drawer.keyword_stratum(rows_, rx, n, f"r7-kw-{name}")
for t, lab, n in MODEL_STRATA:
    drawer.model_stratum(cand.index[actor.notna()], t, lab, n, f"r7-model-all-{t}-{lab}")
finish(drawer.items(), OUT, ROOT, old_split, 7, FIRST_ID, FIRST_CHUNK, drawer.pools)

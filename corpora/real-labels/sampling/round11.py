"""Round 11 of the sample behind corpora/real-labels: more of every target as each actor group says it.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round11.py OUTDIR

Drawn in stop 36 on labels.csv after round 10 (4,644 sentences). Round 10 showed the scarce directions' keyword
pools empty, and the learning curve of stop 25 (about +0.037 stance F_avg per doubling of the real sentences) says
volume is the lever left. So this round is larger and broad (``rounds.broad_round``): per target and actor group at
random among the candidates matching that target's keyword bucket, whatever their stance (the model must learn when
a mention takes no side as much as which side it takes; Russia, the weakest group, drawn most); per target among the
candidates the default model is least sure take a side; per group at random. OUTDIR must be OUTSIDE the repository:
it receives ``items11_with_text.csv``, ``batch11/chunkNN.jsonl`` and ``refs11.csv``.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import broad_round  # noqa: E402

broad_round(11, 20261211, 4645, 60, kw_n={"russia": 45, "ukraine": 35, "us": 35, "europe": 40}, uncertain_n=40, random_n=50)

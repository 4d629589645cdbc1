"""Round 13 of the sample behind corpora/real-labels: round 11's strata drawn a third time.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round13.py OUTDIR

Drawn in stop 37 on labels.csv after round 12 (6,724 sentences), with round 11's strata (``rounds.broad_round``) and
40 keyword draws per target and actor group. OUTDIR must be OUTSIDE the repository: it receives
``items13_with_text.csv``, ``batch13/chunkNN.jsonl`` and ``refs13.csv``.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import broad_round  # noqa: E402

broad_round(13, 20261213, 6725, 86, kw_n={"russia": 40, "ukraine": 40, "us": 40, "europe": 40}, uncertain_n=40, random_n=50)

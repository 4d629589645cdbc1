"""Round 25 of the sample behind corpora/real-labels: round 11's strata drawn a fifteenth time.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round25.py OUTDIR

Drawn in stop 41 on labels.csv after round 24 (16,558 sentences), with round 11's strata (``rounds.broad_round``) and
40 keyword draws per target and actor group. OUTDIR must be OUTSIDE the repository: it receives
``items25_with_text.csv``, ``batch25/chunkNN.jsonl`` and ``refs25.csv``.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import broad_round  # noqa: E402

broad_round(25, 20261225, 16559, 189, kw_n={"russia": 40, "ukraine": 40, "us": 40, "europe": 40}, uncertain_n=40, random_n=50)

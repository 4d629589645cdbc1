"""What the six datasets still hold for labelling: the unlabelled candidates per actor group and target.

Usage (from the repository root; about 2 minutes: the six datasets extracted)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/pools.py

The candidates are those of ``rounds.candidates`` (war-related statements of the four groups, 40-600 characters, no
questions, White House official and article pages) that overlap no span of ``labels.csv``. Prints one JSON line:
per group the candidates, those matching each target's keyword bucket (``rounds.BUCKETS``, the buckets the rounds
drew from), and per target and direction those the default model gives a probability of 0.5 or more (where a new
round's model strata would find labels of that direction), for the Trump administration's dates (2025-01-20 on)
apart. Written in stop 49, when Russia's keyword pools had run dry (sanctions 4, military aid 1 left of 2,380
Kremlin candidates): the aim of 120 `favor` and 120 `against` per target is bounded by what the corpora hold.
"""
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rounds import ACTORS, BUCKETS, add_probabilities, candidates, labelled  # noqa: E402


def main() -> None:
    root = Path(os.environ.get("STANCEMAP_DATA", "../shared/datasets"))
    taken, _ = labelled()
    cand = add_probabilities(candidates(root, taken, whitehouse_kinds=("official", "article")))
    out = {"check": "real-labels candidate pools", "candidates": len(cand), "groups": {}}
    for part, rows in (("all dates", cand), ("2025-01-20 on", cand[cand["date"] >= "2025-01-20"])):
        for g in ACTORS:
            c = rows[rows["actor"] == g]
            out["groups"].setdefault(g, {})[part] = {
                "candidates": len(c),
                "keyword": {t: int(c["text"].str.contains(rx, case=False, regex=True).sum()) for t, rx in BUCKETS.items()},
                "model_p>=0.5": {f"{t}_{lab}": int((c[f"p_{t}_{lab}"] >= 0.5).sum())
                                 for t in BUCKETS for lab in ("favor", "against") if f"p_{t}_{lab}" in c}}
    print(json.dumps(out))


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore")
    main()

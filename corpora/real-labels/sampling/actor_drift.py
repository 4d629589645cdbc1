"""How many labelled sentences the extractor now gives to another actor group than when they were drawn.

``labels.csv`` keeps the ``actor`` and ``speaker`` the extractor gave each sentence when its round was drawn;
the coders read them (``own_words`` is coded against that speaker), and the model card's per-group figures
group by them. Extractor fixes since then may give the same span to someone else. This script extracts the
six datasets with the current toolkit, finds each label's span among the statements (the offsets of
``sources.record_locations``), and prints one JSON line: per dataset the labels found, those whose span is
no longer a statement (its boundaries moved), and those whose stored actor is not among the span's actors
now, with counts per part and per (stored → current) actor::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/actor_drift.py

Nothing is changed: a drifted label is a finding for the next round's adjudicators (its ``own_words`` may
need coding again), not something to overwrite silently.
"""
from __future__ import annotations

import json
import os
import sys
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sources import record_locations  # noqa: E402

from stancemap.datasets import load_dataset  # noqa: E402
from stancemap.errors import LossyStepWarning  # noqa: E402
from stancemap.extract import extract  # noqa: E402

FOLDER = Path(__file__).resolve().parents[1]


def drift(labels: pd.DataFrame, root) -> dict:
    """Per dataset: labels, spans not found, drifted actors (see the module docstring)."""
    out: dict = {}
    for ds, rows in labels.groupby("dataset", sort=True):
        docs = load_dataset(ds, root)
        key = {(f, k): (doc, off) for (f, _kc, k, _fld, off), doc in zip(record_locations(ds, docs, root), docs["doc_id"])}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LossyStepWarning)
            st = extract(docs)
        actors: dict[tuple, set] = {}
        for d, s, e, a in zip(st["doc_id"], st["raw_start"], st["raw_end"], st["actor"]):
            actors.setdefault((d, int(s), int(e)), set()).add(a)
        moved, drifted = 0, Counter()
        for r in rows.itertuples():
            doc, off = key.get((r.file, str(r.doc_key)), (None, None))
            now = actors.get((doc, r.char_start - off, r.char_end - off)) if doc is not None else None
            if now is None:
                moved += 1
            elif r.actor not in now:
                drifted[(r.split, r.actor, "; ".join(sorted(now)))] += 1
        out[ds] = {"labels": len(rows), "span_moved": moved, "actor_drifted": sum(drifted.values()),
                   "drifted": [{"part": p, "stored": a, "now": n, "n": c} for (p, a, n), c in sorted(drifted.items())]}
    return out


def main() -> int:
    root = os.environ.get("STANCEMAP_DATA", str(FOLDER.parents[1] / ".." / "shared" / "datasets"))
    if not Path(root).is_dir():
        print(f"error: no datasets at {root}: set STANCEMAP_DATA to the datasets folder", file=sys.stderr)
        return 2
    labels = pd.read_csv(FOLDER / "labels.csv", dtype={"doc_key": str}, keep_default_na=False)
    per = drift(labels, root)
    total = {k: sum(v[k] for v in per.values()) for k in ("labels", "span_moved", "actor_drifted")}
    print(json.dumps({"check": "real-labels actor drift", **total, "per_dataset": per}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

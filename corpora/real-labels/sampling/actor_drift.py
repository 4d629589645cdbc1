"""How many labelled sentences the extractor now gives to another actor group than when they were drawn.

``labels.csv`` keeps the ``actor`` and ``speaker`` the extractor gave each sentence when its round was drawn;
the coders read them (``own_words`` is coded against that speaker), and the model card's per-group figures
group by them. Extractor fixes since then may give the same span to someone else. This script extracts the
six datasets with the current toolkit, finds each label's span among the statements (the offsets of
``sources.record_locations``), and prints one JSON line: per dataset the labels found, those whose stored
actor is not among the span's actors now (``actor_drifted``), and those whose span is no longer cut as one
statement (``span_moved``: a turn now cut into sentences, a sentence now split into reported content and the
rest), of which ``span_moved_other_actor`` have no statement of the stored actor among the statements that lie
mostly inside the span or cover most of it ("none": no statement there now), with counts per part and per
(stored → current) actor::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/actor_drift.py [--list F]

Nothing is changed: a drifted label is a finding for a round that codes it again (``merge.py --recode``; its
``own_words`` was coded against the old speaker), not something to overwrite silently. A moved span whose
statements now are another actor's is often only reported content inside the speaker's own sentence ("the
Court stated that …"): read each before coding it again.
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


def drift(labels: pd.DataFrame, root, listing: list | None = None) -> dict:
    """Per dataset: labels, spans not found, drifted actors (see the module docstring); with ``listing``, one
    dict per drifted label is appended to it (ref_id, part, stored and current actor and speaker: no text)."""
    out: dict = {}
    for ds, rows in labels.groupby("dataset", sort=True):
        docs = load_dataset(ds, root)
        key = {(f, k): (doc, off) for (f, _kc, k, _fld, off), doc in zip(record_locations(ds, docs, root), docs["doc_id"])}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LossyStepWarning)
            st = extract(docs)
        actors: dict[tuple, dict] = {}
        by_doc: dict[str, list] = {}
        for d, s, e, a, sp in zip(st["doc_id"], st["raw_start"], st["raw_end"], st["actor"], st["speaker"]):
            actors.setdefault((d, int(s), int(e)), {})[a] = sp
            by_doc.setdefault(d, []).append((int(s), int(e), a, sp))
        moved, moved_other, drifted = 0, Counter(), Counter()
        for r in rows.itertuples():
            doc, off = key.get((r.file, str(r.doc_key)), (None, None))
            if doc is None:
                moved += 1
                continue
            s0, e0 = r.char_start - off, r.char_end - off
            now, span = actors.get((doc, s0, e0)), "same"
            if now is None:
                moved += 1
                # the statements that now lie mostly inside the label's span, or cover most of it
                now = {a: sp for s, e, a, sp in by_doc.get(doc, ())
                       if min(e, e0) - max(s, s0) >= min(e - s, e0 - s0) / 2}
                span = "moved"
            if r.actor not in now:
                (drifted if span == "same" else moved_other)[(r.split, r.actor, "; ".join(sorted(now)) or "none")] += 1
                if listing is not None:
                    listing.append({"ref_id": r.ref_id, "dataset": ds, "part": r.split, "span": span,
                                    "stored_actor": r.actor, "stored_speaker": r.speaker,
                                    "actor": "; ".join(sorted(now)), "speaker": "; ".join(now[a] for a in sorted(now))})
        out[ds] = {"labels": len(rows), "span_moved": moved, "actor_drifted": sum(drifted.values()),
                   "span_moved_other_actor": sum(moved_other.values()),
                   "drifted": [{"part": p, "stored": a, "now": n, "n": c} for (p, a, n), c in sorted(drifted.items())],
                   "moved_other_actor": [{"part": p, "stored": a, "now": n, "n": c}
                                         for (p, a, n), c in sorted(moved_other.items())]}
    return out


def main(argv=None) -> int:
    import argparse

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--list", type=Path, metavar="CSV",
                   help="also write the drifted labels, one row each (ref_id, part, stored and current actor and "
                        "speaker; no text), to this CSV: the references a re-coding round starts from")
    args = p.parse_args(argv)
    root = os.environ.get("STANCEMAP_DATA", str(FOLDER.parents[1] / ".." / "shared" / "datasets"))
    if not Path(root).is_dir():
        print(f"error: no datasets at {root}: set STANCEMAP_DATA to the datasets folder", file=sys.stderr)
        return 2
    labels = pd.read_csv(FOLDER / "labels.csv", dtype={"doc_key": str}, keep_default_na=False)
    listing: list | None = [] if args.list else None
    per = drift(labels, root, listing)
    total = {k: sum(v[k] for v in per.values())
             for k in ("labels", "span_moved", "actor_drifted", "span_moved_other_actor")}
    if args.list:
        cols = ["ref_id", "dataset", "part", "span", "stored_actor", "stored_speaker", "actor", "speaker"]
        table = pd.DataFrame(listing, columns=cols).sort_values("ref_id", kind="stable")
        tmp = args.list.with_name(f".{args.list.name}.tmp")
        table.to_csv(tmp, index=False, lineterminator="\n")
        os.replace(tmp, args.list)
    print(json.dumps({"check": "real-labels actor drift", **total, "per_dataset": per}))
    return 0

if __name__ == "__main__":
    sys.exit(main())

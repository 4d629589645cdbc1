"""Rebuild references.csv and the k-rows of example-codes.csv of the *Code it yourself* assignment.

Run from the repository root with the public datasets present (never needed by
students; the output is committed):

    STANCEMAP_DATA=../shared/datasets python corpora/classroom/code-it-yourself/make_references.py

The 30 statements are the first 15 Kremlin and the first 15 Kyiv statements (by
``ref_id``) of the project's real-text evaluation set (``corpora/real-eval/``),
re-pointed at the documents table of ``stancemap.datasets.load_dataset`` (``doc_id``
plus a character span into its cleaned ``text``), with a hash of each span. The
example codes is the evaluation set's frame labels for ``security`` and ``blame``.
No text is written: the notebook hydrates the spans from the data directory.
"""
from __future__ import annotations

import os
import sys

import pandas as pd

from stancemap.classroom import span_hash
from stancemap.datasets import load_dataset
from stancemap.real_eval import load_real_eval
from stancemap.paths import bundled

DATASET = "kremlin-kyiv-press-2021-2022"
HERE = bundled("classroom", "code-it-yourself")


def main() -> int:
    data = os.environ.get("STANCEMAP_DATA")
    if not data:
        sys.exit("Set STANCEMAP_DATA to the folder with the public datasets (e.g. ../shared/datasets).")
    ev = load_real_eval(data)
    ev = ev[ev["dataset"] == DATASET].sort_values("ref_id")
    picked = pd.concat([ev[ev["actor"] == "russia"].head(15), ev[ev["actor"] == "ukraine"].head(15)])
    docs = load_dataset(DATASET, data)
    by_url = docs.set_index("source_url")
    rows, key = [], []
    for i, r in enumerate(picked.itertuples(), 1):
        doc = by_url.loc[r.doc_key]
        text = doc["text"]
        start = text.find(r.text)
        if start < 0:  # the loader normalised whitespace: match on the collapsed span
            raise SystemExit(f"{r.ref_id}: span not found in the loader's text of {doc['doc_id']}")
        end = start + len(r.text)
        unit = f"k{i:02d}"
        rows.append({"unit_id": unit, "dataset": DATASET, "doc_id": doc["doc_id"], "char_start": start,
                     "char_end": end, "sha256_16": span_hash(text[start:end]), "actor": r.actor,
                     "speaker": doc["doc_speaker"], "date": doc["date"], "source_url": r.doc_key,
                     "real_eval_ref": r.ref_id})
        frames = set(filter(None, str(r.frames).split(";")))
        key.append({"unit_id": unit, "frame_security": int("security" in frames),
                    "frame_blame": int("blame" in frames)})
    pd.DataFrame(rows).to_csv(HERE / "references.csv", index=False)
    codes = HERE / "example-codes.csv"  # keep the codes of the constructed units (c01…)
    kept = pd.read_csv(codes, dtype={"unit_id": str}) if codes.is_file() else pd.DataFrame()
    kept = kept[~kept["unit_id"].str.startswith("k")] if len(kept) else kept
    pd.concat([pd.DataFrame(key), kept], ignore_index=True).to_csv(codes, index=False)
    print(f"wrote {len(rows)} references and the example codes to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

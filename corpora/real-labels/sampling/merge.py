"""Merge one adjudicated labelling round into the real-label files (references and labels only, no text).

A round folder holds ``refs.csv`` (the references, split, round and bucket of each sentence), the two coders'
labels ``coder_a.csv`` and ``coder_b.csv`` (the columns of ``../coder_a.csv``) and ``adjudication.csv`` (one row per
disagreeing label: ref_id, label, coder_a, coder_b, final, reason). The final label is the coders' common value
or, where they differ, the adjudicator's. Appends the round to ``labels.csv``, ``coder_a.csv``, ``coder_b.csv`` and
``adjudication.csv`` and recomputes ``agreement.csv`` (Krippendorff's alpha, nominal, over all rounds).

    STANCEMAP_DATA=… PYTHONPATH=toolkit python corpora/real-labels/sampling/merge.py ROUND_DIR --codebook-version 1.2.0
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from stancemap.agreement import agreement
from stancemap.codebook import load_codebook

FOLDER = Path(__file__).resolve().parents[1]
OWN_WORDS = ["yes", "no", "unclear"]
#: The longest adjudication reason stored: a rule and a few words, so no sentence is copied into the log
#: (``tests/test_real_labels.py`` checks the committed log; found in stop 38, when three reasons ran to 207-219).
MAX_REASON = 200


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _write(table: pd.DataFrame, path: Path) -> None:
    """Atomic: a crash leaves the old file, never a half-written one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        table.to_csv(tmp, index=False, lineterminator="\n")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _frames(cell: str) -> set[str]:
    return set(filter(None, cell.split(";")))


def final_labels(a: pd.DataFrame, b: pd.DataFrame, adj: pd.DataFrame, frames: list[str],
                 stance: list[str]) -> pd.DataFrame:
    """The final labels per ref_id and the labels the adjudicator settled; errors on any gap or surplus, and on
    a reason longer than :data:`MAX_REASON`."""
    long = adj[adj["reason"].str.len() > MAX_REASON]
    if len(long):
        r = long.iloc[0]
        raise SystemExit(f"{r['ref_id']} {r['label']}: the adjudication reason has {len(r['reason'])} characters; at "
                         f"most {MAX_REASON} are allowed (a rule and a few words, never the sentence). Shorten it in "
                         f"adjudication.csv ({len(long)} reason(s) too long).")
    a, b = a.set_index("ref_id"), b.set_index("ref_id")
    if list(a.index) != list(b.index):
        raise SystemExit("coder_a.csv and coder_b.csv do not list the same ref_ids in the same order")
    decided = {(r.ref_id, r.label): r.final for r in adj.itertuples()}
    used, rows = set(), []
    for rid in a.index:
        settled, out = [], {"ref_id": rid}
        fa, fb = _frames(a.at[rid, "frames"]), _frames(b.at[rid, "frames"])
        keep = []
        for f in frames:
            if (f in fa) == (f in fb):
                if f in fa:
                    keep.append(f)
                continue
            key = (rid, f"frame:{f}")
            if key not in decided or decided[key] not in {"true", "false"}:
                raise SystemExit(f"{rid}: coders disagree on frame {f!r} but adjudication.csv has no true/false")
            used.add(key)
            settled.append(key[1])
            if decided[key] == "true":
                keep.append(f)
        out["frames"] = ";".join(keep)
        for col in [*stance, "own_words"]:
            va, vb = a.at[rid, col], b.at[rid, col]
            if va == vb:
                out[col] = va
                continue
            key = (rid, col)
            if key not in decided:
                raise SystemExit(f"{rid}: coders disagree on {col} ({va!r} vs {vb!r}) but adjudication.csv has no row")
            used.add(key)
            settled.append(col)
            out[col] = decided[key]
        out["adjudicated"] = ";".join(settled)
        rows.append(out)
    extra = set(decided) - used
    if extra:
        raise SystemExit(f"adjudication.csv settles labels the coders agree on: {sorted(extra)[:5]}")
    return pd.DataFrame(rows)


def own_words_alpha(a: pd.DataFrame, b: pd.DataFrame) -> tuple[float, int, int, float]:
    """Krippendorff's alpha (nominal) for own_words over yes/no/unclear; blank = missing."""
    import krippendorff

    def codes(t):
        return t["own_words"].map(lambda v: float(OWN_WORDS.index(v)) if v in OWN_WORDS else np.nan).to_numpy()

    data = np.vstack([codes(a), codes(b)])
    pair = (~np.isnan(data)).sum(axis=0) >= 2
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal",
                               value_domain=list(range(len(OWN_WORDS))))
    agree = float(np.mean(data[0, pair] == data[1, pair]))
    return float(alpha), int(pair.sum()), int(2 * pair.sum()), agree


def agreement_table(a: pd.DataFrame, b: pd.DataFrame, stance: list[str]) -> pd.DataFrame:
    keep = ["ref_id", "frames", *stance]
    got = agreement([a[keep].rename(columns={"ref_id": "unit_id"}), b[keep].rename(columns={"ref_id": "unit_id"})],
                    names=["A", "B"], unit="unit_id")
    alpha, n_units, n_values, agree = own_words_alpha(a, b)
    got.loc[len(got)] = ["own_words", "attribution", alpha, n_units, 2, n_values, agree, ""]
    got["alpha"] = got["alpha"].round(4)
    got["agreement"] = got["agreement"].round(4)
    return got


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("round_dir", type=Path)
    p.add_argument("--codebook-version", required=True, help="the codebook version the coders coded against")
    p.add_argument("--recompute-only", action="store_true", help="only recompute agreement.csv")
    args = p.parse_args(argv)
    cb = load_codebook(FOLDER.parent / "codebook.yaml")
    frames, stance = list(cb.frames), list(cb.stance_columns)
    a_all, b_all = _read(FOLDER / "coder_a.csv"), _read(FOLDER / "coder_b.csv")
    if not args.recompute_only:
        d = args.round_dir
        refs, a, b, adj = (_read(d / n) for n in ("refs.csv", "coder_a.csv", "coder_b.csv", "adjudication.csv"))
        labels = _read(FOLDER / "labels.csv")
        clash = set(refs["ref_id"]) & set(labels["ref_id"])
        if clash:
            raise SystemExit(f"{len(clash)} ref_ids are already in labels.csv (e.g. {sorted(clash)[0]}): merged before?")
        if list(refs["ref_id"]) != list(a["ref_id"]):
            raise SystemExit("refs.csv and coder_a.csv do not list the same ref_ids in the same order")
        fin = final_labels(a, b, adj, frames, stance)
        new = refs.merge(fin, on="ref_id", how="left", validate="1:1")
        new["codebook_version"] = args.codebook_version
        new["v1_ref_id"] = ""
        new["note"] = ""
        labels = pd.concat([labels, new[labels.columns]], ignore_index=True)
        a_all = pd.concat([a_all, a[a_all.columns]], ignore_index=True)
        b_all = pd.concat([b_all, b[b_all.columns]], ignore_index=True)
        adj_all = pd.concat([_read(FOLDER / "adjudication.csv"), adj], ignore_index=True)
        _write(labels, FOLDER / "labels.csv")
        _write(a_all, FOLDER / "coder_a.csv")
        _write(b_all, FOLDER / "coder_b.csv")
        _write(adj_all, FOLDER / "adjudication.csv")
        print(f"merged {len(new)} sentences ({int((new['adjudicated'] != '').sum())} with adjudicated labels)")
    _write(agreement_table(a_all, b_all, stance), FOLDER / "agreement.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())

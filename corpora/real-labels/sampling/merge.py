"""Merge one adjudicated labelling round into the real-label files (references and labels only, no text).

A round folder holds ``refs.csv`` (the references, split, round and bucket of each sentence), the two coders'
labels ``coder_a.csv`` and ``coder_b.csv`` (the columns of ``../coder_a.csv``) and ``adjudication.csv`` (one row per
disagreeing label: ref_id, label, coder_a, coder_b, final, reason). The final label is the coders' common value
or, where they differ, the adjudicator's. Appends the round to ``labels.csv``, ``coder_a.csv``, ``coder_b.csv`` and
``adjudication.csv`` and recomputes ``agreement.csv`` (Krippendorff's alpha, nominal, over all rounds).

    STANCEMAP_DATA=… PYTHONPATH=toolkit python corpora/real-labels/sampling/merge.py ROUND_DIR --codebook-version 1.2.0

``--recode N`` merges round N, a round that codes sentences of ``labels.csv`` again (stop 43: those whose speaker
the extractor changed since they were drawn, ``actor_drift.py --list``). Its ``refs.csv`` holds ``ref_id``, the
new ``actor`` and ``speaker``. Each sentence keeps its row, reference, part and draw round; its actor, speaker
and labels become the new coding's, and ``note`` says what it was. The coders' rows are replaced in place (so
``agreement.csv`` counts each sentence once, as last coded), the round's adjudication rows replace the earlier
ones of those sentences, and everything replaced is kept in ``superseded.csv`` (one row per file and label).
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
#: The four sides a sentence can be attributed to (and ``unattributed``: a person outside the registry).
ACTOR_SIDES = ["europe", "russia", "ukraine", "us"]
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


SUPERSEDED = ["ref_id", "recoded_in", "file", "label", "value", "reason"]


def recode(d: Path, round_no: int, version: str, frames: list[str], stance: list[str]) -> None:
    """Merge a round that codes sentences of labels.csv again (``--recode``; see the module docstring)."""
    refs, a, b, adj = (_read(d / n) for n in ("refs.csv", "coder_a.csv", "coder_b.csv", "adjudication.csv"))
    labels = _read(FOLDER / "labels.csv")
    missing = sorted(set(refs["ref_id"]) - set(labels["ref_id"]))
    if missing:
        raise SystemExit(f"{len(missing)} ref_id(s) of {d / 'refs.csv'} are not in labels.csv (e.g. {missing[0]}): "
                         "--recode codes labelled sentences again; merge new sentences without --recode")
    if list(refs["ref_id"]) != list(a["ref_id"]):
        raise SystemExit("refs.csv and coder_a.csv do not list the same ref_ids in the same order")
    if set(a["round"]) != {str(round_no)} or set(b["round"]) != {str(round_no)}:
        raise SystemExit(f"the coders' files must give round {round_no} (--recode {round_no}) in every row")
    bad = sorted(set(refs["actor"]) - {*ACTOR_SIDES, "unattributed"})
    if bad:
        raise SystemExit(f"refs.csv actor {bad[0]!r} is not one of {', '.join([*ACTOR_SIDES, 'unattributed'])}")
    path = FOLDER / "superseded.csv"
    earlier = _read(path) if path.is_file() else pd.DataFrame(columns=SUPERSEDED)
    if str(round_no) in set(earlier["recoded_in"]):
        raise SystemExit(f"round {round_no} is already in superseded.csv: merged before?")
    fin = final_labels(a, b, adj, frames, stance).set_index("ref_id")
    ids = set(refs["ref_id"])
    a_all, b_all = _read(FOLDER / "coder_a.csv"), _read(FOLDER / "coder_b.csv")
    adj_all = _read(FOLDER / "adjudication.csv")
    cols = ["frames", *stance, "own_words"]
    old = []
    for name, table, keep in (("labels.csv", labels, ["actor", "speaker", *cols, "codebook_version", "adjudicated"]),
                              ("coder_a.csv", a_all, ["round", *cols]), ("coder_b.csv", b_all, ["round", *cols])):
        for r in table[table["ref_id"].isin(ids)].itertuples(index=False):
            old += [{"ref_id": r.ref_id, "file": name, "label": c, "value": getattr(r, c), "reason": ""} for c in keep]
    old += [{"ref_id": r.ref_id, "file": "adjudication.csv", "label": r.label, "value": r.final, "reason": r.reason}
            for r in adj_all[adj_all["ref_id"].isin(ids)].itertuples(index=False)]
    superseded = pd.DataFrame(old, columns=[c for c in SUPERSEDED if c != "recoded_in"]).assign(recoded_in=str(round_no))
    new = refs.set_index("ref_id")
    labels = labels.copy()
    for i in labels.index[labels["ref_id"].isin(ids)]:
        rid = labels.at[i, "ref_id"]
        was = f"recoded in round {round_no}: was {labels.at[i, 'actor']} ({labels.at[i, 'speaker'] or 'no speaker'})"
        labels.at[i, "note"] = "; ".join(filter(None, [labels.at[i, "note"], was]))
        labels.at[i, "actor"], labels.at[i, "speaker"] = new.at[rid, "actor"], new.at[rid, "speaker"]
        for c in [*cols, "adjudicated"]:
            labels.at[i, c] = fin.at[rid, c]
        labels.at[i, "codebook_version"] = version
    a_new, b_new = a.set_index("ref_id"), b.set_index("ref_id")
    a_all, b_all = a_all.copy(), b_all.copy()
    for table, coded in ((a_all, a_new), (b_all, b_new)):
        for i in table.index[table["ref_id"].isin(ids)]:
            for c in ["round", *cols]:
                table.at[i, c] = coded.at[table.at[i, "ref_id"], c]
    adj_all = pd.concat([adj_all[~adj_all["ref_id"].isin(ids)], adj], ignore_index=True)
    _write(pd.concat([earlier, superseded[SUPERSEDED]], ignore_index=True), path)
    _write(labels, FOLDER / "labels.csv")
    _write(a_all, FOLDER / "coder_a.csv")
    _write(b_all, FOLDER / "coder_b.csv")
    _write(adj_all, FOLDER / "adjudication.csv")
    print(f"coded {len(refs)} sentences again ({int((fin['adjudicated'] != '').sum())} with adjudicated labels); "
          f"{len(superseded)} earlier values kept in superseded.csv")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("round_dir", type=Path)
    p.add_argument("--codebook-version", required=True, help="the codebook version the coders coded against")
    p.add_argument("--recompute-only", action="store_true", help="only recompute agreement.csv")
    p.add_argument("--recode", type=int, metavar="N",
                   help="the round codes sentences already in labels.csv again, as round N (see above)")
    args = p.parse_args(argv)
    cb = load_codebook(FOLDER.parent / "codebook.yaml")
    frames, stance = list(cb.frames), list(cb.stance_columns)
    a_all, b_all = _read(FOLDER / "coder_a.csv"), _read(FOLDER / "coder_b.csv")
    if args.recode is not None and not args.recompute_only:
        recode(args.round_dir, args.recode, args.codebook_version, frames, stance)
        a_all, b_all = _read(FOLDER / "coder_a.csv"), _read(FOLDER / "coder_b.csv")
    elif not args.recompute_only:
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

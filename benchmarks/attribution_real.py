"""Who said what in real documents: the extractor against corpora/attribution-gold; print one JSON line.

The gold set (43 real documents of nine formats from ../shared/datasets — Kremlin
and Kyiv transcripts and press releases, White House briefings, remarks and
statements, UK Prime Minister contributions, Zelenskyy addresses, UN speeches;
two independent coders, adjudicated; see corpora/attribution-gold/README.md) is
stored by reference and hydrated from the data directory::

    STANCEMAP_DATA=../shared/datasets python benchmarks/attribution_real.py [--format FORMAT]

Scoring: the extractor runs on each whole document (the loader's documents
table, as a user would load it); its statements inside the annotated window are
compared with the gold statements in ``raw_text`` coordinates (``raw_start``,
``raw_end``). A prediction matches a gold statement when they share at least
50 % of the shorter span, one-to-one (largest overlap first:
``stancemap.span_matching.match_one_to_one``). Content precision / recall / F1
over all statements (questions included); speaker accuracy over matched gold
statements whose speaker the document names: the predicted speaker is right when
it is the same name (case-insensitive), the same registry member on the
document's date, or the same surname. A statement of several speakers ("The two
leaders agreed …") is one gold record with the speakers ``;``-joined and one
extractor row per speaker on the same span: the rows are joined into one
prediction first (:func:`joint_rows`), right when it names the same people. ``questions_to_actor``: gold questions
(reporters, moderators) whose matched prediction is attributed to an actor;
``wrong_actor``: matched gold statements of a registry member whose prediction
names another actor (or none).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "toolkit"))


def _norm(name: str) -> str:
    return " ".join(str(name).replace(".", " ").split()).casefold()


def _people(name: str) -> list[str]:
    """The people of a joint speaker: "Vladimir Putin; Boris Johnson", "A and B" → each name."""
    parts = [p.strip() for p in str(name).replace(" and ", ";").split(";")]
    return [p for p in parts if p]


def same_speaker(pred: str, gold: str, date: str, registry) -> bool:
    """Same person (or the same set of people for joint speakers, ``;``-joined): equal names, the
    same registry member on ``date``, or the same surname."""
    ps, gs = _people(pred), _people(gold)
    if len(ps) > 1 or len(gs) > 1:
        if len(ps) != len(gs):
            return False
        free = list(gs)
        for p in ps:
            hit = next((g for g in free if _same_one(p, g, date, registry)), None)
            if hit is None:
                return False
            free.remove(hit)
        return True
    return _same_one(pred, gold, date, registry)


def _same_one(pred: str, gold: str, date: str, registry) -> bool:
    p, g = _norm(pred), _norm(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    rp, rg = registry.resolve(pred, date=date or None), registry.resolve(gold, date=date or None)
    if rp is not None and rg is not None:
        return rp.name == rg.name
    return len(p.split()[-1]) > 2 and p.split()[-1] == g.split()[-1]


def joint_rows(st):
    """One row per statement: the extractor gives a statement of several speakers ("The two leaders
    agreed …") one row each, with the same span; the gold set one record with the speakers
    ``;``-joined. Rows of the same document, span, kind and cue become one, speakers joined."""
    if st.empty:
        return st
    keys = ["doc_id", "raw_start", "raw_end", "kind", "cue"]
    first = st.drop_duplicates(keys).set_index(keys)
    speakers = st.groupby(keys, sort=False)["speaker"].agg(lambda s: "; ".join(dict.fromkeys(s)))
    actors = st.groupby(keys, sort=False)["actor"].agg(lambda s: ";".join(dict.fromkeys(s)))
    return first.assign(speaker=speakers, actor=actors).reset_index()


def score(pred, gold, registry) -> dict:
    from stancemap.metrics import harmonic_f1, ratio
    from stancemap.span_matching import match_one_to_one

    pairs = match_one_to_one(pred, gold, by=("doc_ref",))
    p = ratio(len(pairs), len(pred))
    r = ratio(len(pairs), len(gold))
    named = right = q_actor = wrong_actor = 0
    failures = []
    for pi, gi in zip(pairs["pred_index"], pairs["gold_index"]):
        g, x = gold.loc[gi], pred.loc[pi]
        if g["kind"] == "question":
            q_actor += x["actor"] != "unattributed" and x["kind"] != "question"
        if g["speaker"].strip():
            named += 1
            ok = same_speaker(x["speaker"], g["speaker"], g["date"], registry)
            right += ok
            if not ok and len(failures) < 5:
                failures.append({"gold_id": g["gold_id"], "gold": g["speaker"], "pred": x["speaker"]})
        member = registry.resolve(g["speaker"], date=g["date"] or None) if g["speaker"].strip() else None
        if member is not None and g["kind"] != "question" and member.actor not in x["actor"].split(";"):
            wrong_actor += 1
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(harmonic_f1(p, r), 3),
            "n_pred": int(len(pred)), "n_gold": int(len(gold)), "matched": int(len(pairs)),
            "speaker_accuracy": round(ratio(right, named), 3), "n_named": int(named),
            "questions_to_actor": int(q_actor), "n_questions": int((gold["kind"] == "question").sum()),
            "wrong_actor": int(wrong_actor), "speaker_errors": failures}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=None, help="data directory (default $STANCEMAP_DATA, else ../shared/datasets)")
    ap.add_argument("--format", default=None, help="score one format only (see corpora/attribution-gold/documents.csv)")
    ap.add_argument("--part", default="dev", choices=["dev", "test", "all"],
                    help="which documents: dev (28, for development), test (15, kept for the closing figures), all")
    args = ap.parse_args(argv)
    from stancemap.actors import load_actors
    from stancemap.datasets.labelrefs import load_span_gold
    from stancemap.errors import StancemapError
    from stancemap.pipeline import extract

    t0 = time.perf_counter()
    try:
        docs, gold = load_span_gold(args.data)
    except StancemapError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.part != "all":
        docs = docs[docs["part"] == args.part]
        gold = gold[gold["doc_ref"].isin(set(docs["doc_ref"]))]
    if args.format:
        docs = docs[docs["format"] == args.format]
        gold = gold[gold["doc_ref"].isin(set(docs["doc_ref"]))]
        if docs.empty:
            print(f"error: no document of format {args.format!r}", file=sys.stderr)
            return 2
    registry = load_actors()
    t1 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        st = extract(docs.drop(columns=["format", "window_start", "window_end", "raw_sha256_16", "doc_ref", "part"]), registry)
    t_extract = time.perf_counter() - t1
    info = docs.set_index("doc_id")[["doc_ref", "format", "window_start", "window_end", "date"]]
    st = st.join(info[["doc_ref", "format", "window_start", "window_end"]], on="doc_id")
    st = joint_rows(st)
    inside = (st["raw_start"] >= st["window_start"]) & (st["raw_start"] < st["window_end"])
    pred = st[inside].assign(char_start=st["raw_start"], char_end=st["raw_end"]).reset_index(drop=True)
    gold = gold.join(info[["format", "date"]], on="doc_id").reset_index(drop=True)
    out = {"benchmark": "attribution_real", "part": args.part, "documents": int(len(docs)), "overall": score(pred, gold, registry),
           "per_format": {}, "extract_seconds": round(t_extract, 2)}
    for fmt in sorted(gold["format"].unique()):
        out["per_format"][fmt] = score(pred[pred["format"] == fmt].reset_index(drop=True),
                                       gold[gold["format"] == fmt].reset_index(drop=True), registry)
        out["per_format"][fmt]["documents"] = int((docs["format"] == fmt).sum())
    o = out["overall"]
    out["aims"] = {"content_f1>=0.80": o["f1"] >= 0.80, "speaker_accuracy>=0.86": o["speaker_accuracy"] >= 0.86,
                   "precision>=0.85": o["precision"] >= 0.85, "no_question_to_actor": o["questions_to_actor"] == 0}
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Evaluate stancemap's statement extractor on PolNeAR attributions; print one JSON line.

PolNeAR (Newell, Margolin & Ruths, "An attribution relations corpus for
political news", LREC 2018) is not redistributable: point ``--data`` at your
copy (its ``data/`` folder, holding ``<split>/text/*.txt`` and
``<split>/attributions/*_<annotator>.ann``)::

    python benchmarks/attribution_polnear.py --data PolNeAR/data --split test [--limit N]

Scoring (see benchmarks/README.md): gold = attributions with a Source. A
predicted statement matches a gold content span when they share at least 50%
of the shorter one's characters (discontinuous gold content counts all its
fragments). Content precision/recall/F1 over statements; source accuracy over
matched gold attributions: the best-overlapping prediction's speaker mention
overlaps the gold Source span. Several annotators of one text: scored against
each and averaged (weight 1/k per annotator), ``--annotators first`` uses the
first file only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd

from stancemap import __version__
from stancemap.actors import load_actors
from stancemap.brat import offset_map, parse_spans, read_attribution_corpus
from stancemap.clean import clean
from stancemap.errors import StancemapError
from stancemap.schema import UNATTRIBUTED
from stancemap.text import sentence_spans

POLICIES = {
    "mean": "each annotator's file scored separately; counts weighted 1/k for a text with k annotators "
            "(every text counts once), then pooled over texts",
    "first": "only the first annotation file of each text (annotator ids in sorted order)",
}
#: Subject pronouns (and relative "who") that PolNeAR marks as Source when the name is elsewhere.
PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Ww]ho|[Ii]t)\b")


# -- span arithmetic ------------------------------------------------------------

def fragment_overlap(pred: tuple[int, int], gold) -> float:
    """Shared characters of ``pred`` and the fragments of ``gold`` over the shorter one's length.

    For a contiguous gold span this is :func:`stancemap.span_matching.overlap_ratio`;
    a discontinuous gold span counts only its fragments (not the gap between them).
    """
    ps, pe = pred
    inter = sum(max(0, min(pe, ge) - max(ps, gs)) for gs, ge in gold)
    shorter = min(pe - ps, sum(ge - gs for gs, ge in gold))
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def spans_touch(a: tuple[int, int], fragments) -> bool:
    """True when span ``a`` shares at least one character with any fragment."""
    return any(min(a[1], e) > max(a[0], s) for s, e in fragments)


# -- running the extractor and mapping its spans to the raw text ---------------

def run_extractor(documents: pd.DataFrame, actors=None) -> pd.DataFrame:
    """Statements for ``documents`` from :func:`stancemap.extract.extract`, with the
    speaker's mention span (``speaker_start``/``speaker_end``) when the extractor gives it."""
    import inspect

    from stancemap.extract import extract  # imported late: tests may replace it
    if "speaker_spans" in inspect.signature(extract).parameters:
        return extract(documents, actors=actors, speaker_spans=True)
    return extract(documents, actors=actors)


def _speaker_names(speaker: str, registry) -> list[str]:
    names = [speaker]
    member = registry.resolve(speaker) if registry is not None and speaker else None
    if member is not None:
        names.extend(member.names)
    toks = speaker.split()
    if len(toks) >= 2 and all(t[:1].isupper() for t in toks):
        names.append(toks[-1])  # surname: "Tomas Reyk" → "Reyk"
    names = [n for n in dict.fromkeys(n.strip() for n in names) if n]
    return sorted(names, key=lambda n: (-len(n), n))


def _name_pattern(names: list[str]) -> re.Pattern:
    parts = []
    for n in names:
        esc = re.escape(n).replace(r"\ ", r"\s+")
        parts.append(f"(?i:{esc})" if " " in n else esc)  # one-word names are case-sensitive
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def speaker_span(text: str, stmt: dict, sentences: list[tuple[int, int]], registry) -> tuple[int, int, str]:
    """Where the statement's speaker is mentioned in ``text``: (start, end, method); (-1, -1, "none") if nowhere.

    The extractor returns speaker names, not mention spans, so this looks, in
    order, for: a name of the speaker (the name, its registry aliases, the
    surname) in the statement's sentence(s), nearest the statement and preferring
    mentions outside it; a subject pronoun there (he, she, they, we, I, who, it),
    nearest the cue; the nearest earlier mention of a name in the document.
    """
    s, e = int(stmt["char_start"]), int(stmt["char_end"])
    if stmt.get("speaker_start") is not None and not pd.isna(stmt.get("speaker_start")) \
            and int(stmt["speaker_start"]) >= 0 and int(stmt["speaker_end"]) > int(stmt["speaker_start"]):
        return int(stmt["speaker_start"]), int(stmt["speaker_end"]), "extractor"
    speaker = str(stmt.get("speaker") or "").strip()
    if not speaker or str(stmt.get("kind")) == "official":
        return -1, -1, "none"
    covering = [(a, b) for a, b in sentences if b > s and a < max(e, s + 1)]
    lo = min([a for a, _ in covering], default=s)
    hi = max([b for _, b in covering], default=e)

    def dist(a: int, b: int) -> int:
        return 0 if (b > s and a < e) else (s - b if b <= s else a - e)

    def inside(a: int, b: int) -> bool:
        return a >= s and b <= e

    pattern = _name_pattern(_speaker_names(speaker, registry))
    hits = [(m.start(), m.end()) for m in pattern.finditer(text, lo, hi)]
    if hits:
        a, b = min(hits, key=lambda h: (inside(*h), dist(*h), h[0]))
        return a, b, "name"
    pron = [(m.start(), m.end()) for m in PRONOUN.finditer(text, lo, hi) if not inside(m.start(), m.end())]
    if pron:
        cue = str(stmt.get("cue") or "").strip()
        anchor = None
        if cue:
            cues = [m.start() for m in re.finditer(re.escape(cue), text[lo:hi], flags=re.I)
                    if not inside(lo + m.start(), lo + m.end())]
            anchor = lo + min(cues, key=lambda c: dist(lo + c, lo + c + len(cue))) if cues else None
        key = (lambda h: (abs(h[0] - anchor), h[0])) if anchor is not None else (lambda h: (dist(*h), h[0]))
        a, b = min(pron, key=key)
        return a, b, "pronoun"
    earlier = [(m.start(), m.end()) for m in pattern.finditer(text, 0, lo)]
    if earlier:
        a, b = earlier[-1]
        return a, b, "earlier_mention"
    return -1, -1, "none"


def predictions_on_raw(statements: pd.DataFrame, documents: pd.DataFrame, registry=None) -> tuple[pd.DataFrame, dict]:
    """Statement and speaker spans moved from each document's cleaned ``text`` onto its ``raw_text``.

    The extractor's spans refer to the cleaned text; gold offsets to the raw
    file. The two are aligned with :func:`stancemap.brat.offset_map`. Returns the
    predictions (doc_id, actor, speaker, kind, char_start, char_end,
    speaker_start, speaker_end, speaker_method; raw offsets, -1 when no speaker
    mention was found) and counts of statements whose span did not give their
    text (``span_text_mismatches``) or could not be mapped (``spans_unmapped``).
    """
    cols = ["doc_id", "actor", "speaker", "kind", "char_start", "char_end",
            "speaker_start", "speaker_end", "speaker_method"]
    rows, mismatches, unmapped = [], 0, 0
    texts = dict(zip(documents["doc_id"], zip(documents["text"], documents["raw_text"])))
    for doc_id, group in statements.groupby("doc_id", sort=True):
        if doc_id not in texts:
            continue
        base, raw = texts[doc_id]
        omap = offset_map(base, raw) if base != raw else None
        sents = sentence_spans(base)
        for stmt in group.to_dict("records"):
            s, e = int(stmt["char_start"]), int(stmt["char_end"])
            mismatches += base[s:e] != str(stmt.get("text", base[s:e]))
            ss, se, method = speaker_span(base, stmt, sents, registry)
            if omap is not None:
                s, e = omap.span(s, e)
                if ss >= 0:
                    ss, se = omap.span(ss, se)
            unmapped += e <= s
            rows.append({"doc_id": doc_id, "actor": stmt.get("actor", ""), "speaker": stmt.get("speaker", ""),
                         "kind": stmt.get("kind", ""), "char_start": s, "char_end": e,
                         "speaker_start": ss, "speaker_end": se, "speaker_method": method})
    out = pd.DataFrame(rows, columns=cols)
    return out, {"span_text_mismatches": int(mismatches), "spans_unmapped": int(unmapped)}


# -- scoring ----------------------------------------------------------------

def score(pred: pd.DataFrame, gold: pd.DataFrame, documents: pd.DataFrame, *, policy: str = "mean",
          min_overlap: float = 0.5) -> dict:
    """Content precision/recall/F1 and source accuracy of ``pred`` (raw offsets) against ``gold``.

    Only documents with at least one annotation file are scored. Gold
    attributions without a Source are not scored; a prediction that matches only
    such an attribution is neither right nor wrong (left out of precision).
    """
    if policy not in POLICIES:
        raise StancemapError(f"Annotator policy {policy!r} is not valid. Valid: {', '.join(POLICIES)}.")
    tot = Counter()
    n_docs = 0
    for doc_id, annotators in zip(documents["doc_id"], documents["annotators"]):
        ids = sorted(a for a in str(annotators).split(";") if a) if annotators else []
        if not ids and not (gold["doc_id"] == doc_id).any():
            continue
        if not ids:
            ids = sorted(gold.loc[gold["doc_id"] == doc_id, "annotator"].unique())
        if policy == "first":
            ids = ids[:1]
        n_docs += 1
        p = pred[pred["doc_id"] == doc_id]
        pspans = list(zip(p["char_start"].astype(int), p["char_end"].astype(int)))
        sspans = list(zip(p["speaker_start"].astype(int), p["speaker_end"].astype(int)))
        w = 1.0 / len(ids)
        tot["predicted"] += len(p)
        for a in ids:
            g = gold[(gold["doc_id"] == doc_id) & (gold["annotator"] == a)]
            content = [parse_spans(c) for c in g["content_spans"]]
            sources = [parse_spans(c) if c else () for c in g["source_spans"]]
            has_src = list(g["has_source"].astype(bool))
            ratio = [[fragment_overlap(ps, c) for c in content] for ps in pspans]
            ok = [[r >= min_overlap for r in row] for row in ratio]
            hit_src = [any(o and h for o, h in zip(row, has_src)) for row in ok]
            only_nosrc = [not hs and any(row) for hs, row in zip(hit_src, ok)]
            tot["scored_pred"] += w * (len(p) - sum(only_nosrc))
            tot["matched_pred"] += w * sum(hit_src)
            tot["pred_on_no_source"] += w * sum(only_nosrc)
            for gi, hs in enumerate(has_src):
                if not hs:
                    continue
                tot["gold"] += w
                cands = [(ratio[pi][gi], -pi) for pi in range(len(pspans)) if ok[pi][gi]]
                if not cands:
                    continue
                tot["matched_gold"] += w
                best = -max(cands)[1]
                ss = sspans[best]
                if ss[0] >= 0 and spans_touch(ss, sources[gi]):
                    tot["source_correct"] += w
    from stancemap.metrics import harmonic_f1, ratio

    prec, rec = ratio(tot["matched_pred"], tot["scored_pred"]), ratio(tot["matched_gold"], tot["gold"])
    f1 = harmonic_f1(prec, rec)
    src = ratio(tot["source_correct"], tot["matched_gold"])
    r4 = lambda x: round(float(x), 4)  # noqa: E731
    return {
        "documents": n_docs,
        "gold_attributions": r4(tot["gold"]),
        "predicted": int(tot["predicted"]),
        "predicted_on_no_source_gold": r4(tot["pred_on_no_source"]),
        "matched_predicted": r4(tot["matched_pred"]),
        "matched_gold": r4(tot["matched_gold"]),
        "content_precision": r4(prec),
        "content_recall": r4(rec),
        "content_f1": r4(f1),
        "source_accuracy": r4(src),
    }


# -- command line -------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="PolNeAR data folder (holds train/ dev/ test/)")
    ap.add_argument("--split", default="test", help="split folder name (default: test)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts (in name order)")
    ap.add_argument("--annotators", choices=sorted(POLICIES), default="mean",
                    help="how to use several annotation files of one text (default: mean)")
    ap.add_argument("--actors", default=None, help="actor registry YAML for the extractor (default: bundled)")
    ap.add_argument("--min-overlap", type=float, default=0.5,
                    help="share of the shorter span that must overlap (default: 0.5)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        base = Path(args.data)
        split_dir = base / args.split
        if not split_dir.is_dir():
            found = sorted(p.name for p in base.iterdir() if (p / "text").is_dir()) if base.is_dir() else []
            raise StancemapError(f"{str(split_dir)!r} does not exist. Pass --data DIR where DIR/{args.split}/text "
                                 f"and DIR/{args.split}/attributions hold the PolNeAR files (PolNeAR is not "
                                 "redistributable: get it from its authors)."
                                 + (f" Splits found in {str(base)!r}: {', '.join(found)}." if found else ""))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            documents, gold = read_attribution_corpus(args.data, args.split, limit=args.limit)
            registry = load_actors(args.actors)
            documents = clean(documents)  # raw_text stays the file as stored; text is what extract() reads
            t1 = time.perf_counter()
            statements = run_extractor(documents, actors=registry)
            t2 = time.perf_counter()
            pred, notes = predictions_on_raw(statements, documents, registry)
            result = score(pred, gold, documents, policy=args.annotators, min_overlap=args.min_overlap)
    except StancemapError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    extractor = sorted(set(statements["extractor"].astype(str))) if "extractor" in statements else []
    out = {
        "benchmark": "attribution_polnear",
        "split": args.split,
        **result,
        "documents_unannotated": int((documents["annotators"] == "").sum()),
        "annotation_files": sum(len(a.split(";")) for a in documents["annotators"] if a),
        "annotator_policy": args.annotators,
        "annotator_policy_note": POLICIES[args.annotators],
        "min_overlap": args.min_overlap,
        "match_rule": "overlap >= min_overlap of the shorter span's characters (gold content fragments only)",
        "source_rule": "best-overlapping prediction's speaker mention (name/alias/surname or pronoun in its "
                       "sentence, else an earlier mention) shares a character with the gold Source",
        "predicted_unattributed": int((pred["actor"] == UNATTRIBUTED).sum()),
        "speaker_span_methods": dict(sorted(Counter(pred["speaker_method"]).items())),
        **notes,
        "extractor": ";".join(extractor) or "stancemap.extract",
        "stancemap_version": __version__,
        "seconds": round(time.perf_counter() - t0, 3),
        "extract_seconds": round(t2 - t1, 3),
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

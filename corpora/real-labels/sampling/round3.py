"""Round 3 of the sample behind corpora/real-labels (issue #12): the rare stance directions.

Usage: ``STANCEMAP_DATA=../shared/datasets python corpora/real-labels/sampling/round3.py OUTDIR`` after
rounds 1 and 2 wrote their items to OUTDIR (keep OUTDIR outside the repository: it holds the sentences).
Drawn with the extractor of commit 40a57de; a later extractor draws a different sample.
"""
import hashlib, json, os, re, sys, warnings
from pathlib import Path
import numpy as np, pandas as pd
warnings.simplefilter("ignore")
from stancemap.datasets import load_dataset
from stancemap.extract import extract

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sources import record_locations  # noqa: E402
ROOT = Path(os.environ.get("STANCEMAP_DATA", "../shared/datasets"))
OUT = Path(sys.argv[1])
rng = np.random.default_rng(20261202)

BUCKETS = {
    "sanctions": r"sanction|price cap|swift|frozen assets|export controls",
    "military_aid": r"weapon|military (aid|assistance|support)|security assistance|arms (deliver|suppl)|air defen[cs]e|himars|patriot|f-16|tanks\b|ammunition|shells|lend-lease|artillery|missiles? to ukraine|drawdown",
    "full_ceasefire": r"cease-?fire|truce|cessation of hostilities|peace talks|negotiat|stop the war|end (to )?the war|end this war|peace deal|peace plan|peace agreement",
    "energy_truce": r"energy (infrastructure|facilit|system|sites)|power (plant|station|grid)|strikes? on (our )?energy|blackout|electricity|energy truce|substation|thermal power|refiner",
    "territorial_concessions": r"territor|crimea|donbas|donetsk|luhansk|cede|ceding|occupied|annex|integrity|borders?\b|referend|land for peace|zaporizhzhia region|kherson",
}
BUCKET_RE = {k: re.compile(v, re.I) for k, v in BUCKETS.items()}
WAR_RE = re.compile(r"ukrain|russia|kremlin|kyiv|kiev|moscow|putin|zelensk|war\b|invasion|donbas|crimea|nato", re.I)

def sha16(s): return hashlib.sha256(s.encode("utf-8")).hexdigest()[:16]

def source(ds, docs):
    """The documents' locations in the raw files (sources.record_locations)."""
    return record_locations(ds, docs, ROOT)


R2 = {  # round 3: the rare "against"/"favor" directions
    "sanctions": r"(illegitimate|illegal|unlawful|unilateral|restrictive|lift|useless|blockade|economic war|sanctions pressure|sanctions? (do not|don't|will not|won't)|under sanctions|despite (the )?sanctions|sanctions relief|ease|easing)",
    "military_aid": r"(pumping|pump|suppl(y|ies) of (weapons|arms)|weapons (to|into) ukraine|arms deliveries|western weapons|foreign weapons|nato (weapons|instructors|infrastructure)|militari[sz]|deploy\w* (of )?(weapons|missile|strike)|pause|paused|halt|cut off|no more|blank check)",
    "full_ceasefire": r"(ceasefire|cease-fire|truce|freez|frozen|pause|respite|regroup|minsk|compromise|negotiat|special military operation|objectives of the operation|goals of the operation)",
    "energy_truce": r"(energy (infrastructure|facilit|sites|truce|ceasefire)|power (plant|station)|infrastructure ceasefire|partial ceasefire|limited ceasefire|moratorium|black sea)",
    "territorial_concessions": r"(crimea|donbass|donbas|\bdpr\b|\blpr\b|donetsk|lugansk|luhansk|referend|recogni|new regions|reunification|historical russia|people of donbass|land swap|swap|concession|realities|give up)",
}
R2_RE = {k: re.compile(v, re.I) for k, v in R2.items()}
PLAN = [
    ("kremlin-kyiv-press-2021-2022", "kremlin", lambda t: t["doc_id"].str.startswith("kremlin") & (t["actor"] == "russia"),
     {"sanctions": 120, "military_aid": 100, "full_ceasefire": 60, "territorial_concessions": 80}, 0),
    ("ungdc-2014-2024", "russia", lambda t: t["actor"] == "russia", {"sanctions": 30, "military_aid": 20}, 0),
    ("zelensky-speeches-2022-2023", "all", lambda t: t["date"] >= "2022-01-01", {"full_ceasefire": 70}, 0),
    ("whitehouse-2021-2026", "trump", lambda t: t["date"] >= "2025-01-20",
     {"energy_truce": 40, "military_aid": 50, "sanctions": 20, "territorial_concessions": 20}, 0),
    ("uk-pm-commons-2019-2026", "2025-26", lambda t: t["date"] >= "2025-01-01", {"energy_truce": 20}, 0),
]
rows = []
prev_items = pd.concat([pd.read_csv(OUT / f, dtype=str, keep_default_na=False) for f in ("items_with_text.csv", "items2_with_text.csv")], ignore_index=True)
taken = {(r.dataset, r.file, r.doc_key): [] for r in prev_items.itertuples()}
for r in prev_items.itertuples():
    taken[(r.dataset, r.file, r.doc_key)].append((int(r.char_start), int(r.char_end)))
loaded = {}
for ds, sname, mask_fn, quota, n_random in PLAN:
    if ds not in loaded:
        docs = load_dataset(ds)
        if ds == "whitehouse-2021-2026":
            docs = docs[docs["doc_kind"] == "official"]
        if ds == "ungdc-2014-2024":
            docs = docs[docs["doc_actor"].isin(["russia", "ukraine", "us", "europe"])]
        docs = docs.reset_index(drop=True)
        src = source(ds, docs)
        st = extract(docs)
        st = st[(st["raw_start"] >= 0) & st["actor"].isin(["russia", "ukraine", "us", "europe"]) & (st["kind"] != "question")]
        st = st[st["source_text"].str.len().between(40, 600)]
        meta = {d: (i, s_) for i, (d, s_) in enumerate(zip(docs["doc_id"], src))}
        st = st[st["doc_id"].map(lambda d: meta[d][1][4] > -10**9)]
        st = st[st["raw_start"] + st["doc_id"].map(lambda d: meta[d][1][4]) >= 0]
        def overlaps(s_):
            i, (file, kc, key, field, off) = meta[s_["doc_id"]]
            a_, b_ = s_["raw_start"] + off, s_["raw_end"] + off
            return any(a_ < e and s < b_ for s, e in taken.get((ds, file, key), []))
        st = st[~st.apply(overlaps, axis=1)]
        by_doc = {d: g.sort_values("raw_start") for d, g in st.groupby("doc_id")}
        loaded[ds] = (docs, st, meta, by_doc, set())
    docs, st, meta, by_doc, used = loaded[ds]
    sub = st[mask_fn(st)]
    picks = []
    for bucket, n in quota.items():
        cand = sub[sub["source_text"].str.contains(R2_RE[bucket]) & ~sub.index.isin(used)]
        take = cand.sample(n=min(n, len(cand)), random_state=int(rng.integers(1 << 30)))
        used.update(take.index); picks += [(i, bucket) for i in take.index]
    if n_random:
        cand = sub[sub["source_text"].str.contains(WAR_RE) & ~sub.index.isin(used)]
        take = cand.sample(n=min(n_random, len(cand)), random_state=int(rng.integers(1 << 30)))
        used.update(take.index); picks += [(i, "random_war") for i in take.index]
    for i, bucket in picks:
        s_ = st.loc[i]
        di, (file, key_col, key, field, off) = meta[s_["doc_id"]]
        a_, b_ = int(s_["raw_start"]) + off, int(s_["raw_end"]) + off
        g = by_doc[s_["doc_id"]]; pos = list(g.index).index(i)
        prev = g.iloc[pos - 1]["source_text"] if pos > 0 else ""
        nxt = g.iloc[pos + 1]["source_text"] if pos + 1 < len(g) else ""
        rows.append(dict(dataset=ds, file=file, key_column=key_col, doc_key=key, field=field, char_start=a_, char_end=b_,
                         sha256_16=sha16(s_["source_text"]), actor=s_["actor"], speaker=s_["speaker"], date=s_["date"],
                         bucket="r3-" + bucket, title=docs.loc[di, "title"], text=s_["source_text"], prev=prev, next=nxt))
    print(ds, sname, len(sub), "candidates;", len(picks), "picked", file=sys.stderr)

items = pd.DataFrame(rows)
_cache = {}
def raw_span(r):
    p = ROOT / r["dataset"] / r["file"]
    if r["key_column"] == "file":
        doc = p.read_bytes().decode("utf-8")
    else:
        if p not in _cache:
            _cache[p] = pd.read_parquet(p) if p.suffix == ".parquet" else pd.read_csv(p, dtype=str, keep_default_na=False)
        t = _cache[p]
        doc = t.iloc[int(r["doc_key"])][r["field"]] if r["key_column"] == "row" else t[t[r["key_column"]] == r["doc_key"]].iloc[0][r["field"]]
    return doc[int(r["char_start"]):int(r["char_end"])]
ok = items.apply(lambda r: sha16(raw_span(r)) == r["sha256_16"], axis=1)
print("hash mismatches dropped:", int((~ok).sum()), items.loc[~ok, "dataset"].value_counts().to_dict(), file=sys.stderr)
items = items[ok]
items = items.sample(frac=1, random_state=9).reset_index(drop=True)
items.insert(0, "item_id", [f"s{i + 1 + len(prev_items):04d}" for i in range(len(items))])
items.to_csv(OUT / "items3_with_text.csv", index=False)
import os
os.makedirs(OUT / "batch3", exist_ok=True)
recs = items.to_dict("records")
for k in range(0, len(recs), 100):
    with open(OUT / "batch3" / f"chunk{k // 100 + 23:02d}.jsonl", "w") as f:
        for r in recs[k:k + 100]:
            f.write(json.dumps({c: r[c] for c in ["item_id", "dataset", "actor", "speaker", "date", "title", "prev", "text", "next"]}, ensure_ascii=False) + "\n")
print(items.groupby(["dataset", "actor"]).size(), file=sys.stderr)
print(items["bucket"].value_counts(), file=sys.stderr)
print(len(items), file=sys.stderr)

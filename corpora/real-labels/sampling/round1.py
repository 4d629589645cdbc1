"""Round 1 of the sample behind corpora/real-labels (issue #12): real sentences, drawn by keyword and stratum.

Usage: ``STANCEMAP_DATA=../shared/datasets python corpora/real-labels/sampling/round1.py OUTDIR``.
It writes the coders' input (``batch*/chunkNN.jsonl``, WITH the sentences: keep OUTDIR outside the
repository) and ``items*_with_text.csv``; only references and labels are committed. The sample was
drawn with the extractor of commit 40a57de (+ registry of that day): a later extractor finds other
candidate sentences, so a rerun draws a different sample.
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

QUOTA = {  # dataset: (n per bucket, n random on-topic)
    "whitehouse-2021-2026": ({"sanctions": 45, "military_aid": 45, "full_ceasefire": 40, "territorial_concessions": 20, "energy_truce": 10}, 25),
    "uk-pm-commons-2019-2026": ({"sanctions": 40, "military_aid": 40, "full_ceasefire": 35, "territorial_concessions": 20, "energy_truce": 8}, 20),
    "zelensky-speeches-2022-2023": ({"sanctions": 30, "military_aid": 30, "full_ceasefire": 20, "territorial_concessions": 20, "energy_truce": 30}, 15),
    "kremlin-kyiv-press-2021-2022": ({"sanctions": 50, "military_aid": 40, "full_ceasefire": 40, "territorial_concessions": 40, "energy_truce": 5}, 25),
    "ungdc-2014-2024": ({"sanctions": 15, "military_aid": 12, "full_ceasefire": 15, "territorial_concessions": 20, "energy_truce": 2}, 10),
    "zelensky-speeches-2022": ({"sanctions": 8, "military_aid": 8, "full_ceasefire": 5, "territorial_concessions": 5, "energy_truce": 3}, 5),
}

STRATA = {
    "whitehouse-2021-2026": {"biden": (lambda t: t["date"] < "2025-01-20", 0.45), "trump": (lambda t: t["date"] >= "2025-01-20", 0.55)},
    "kremlin-kyiv-press-2021-2022": {"kremlin": (lambda t: t["doc_id"].str.startswith("kremlin"), 0.75), "kyiv": (lambda t: ~t["doc_id"].str.startswith("kremlin"), 0.25)},
    "ungdc-2014-2024": {"russia": (lambda t: t["actor"] == "russia", 0.4), "other": (lambda t: t["actor"] != "russia", 0.6)},
}
rows = []
for ds, (quota, n_random) in QUOTA.items():
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
    meta = {d: (i, s) for i, (d, s) in enumerate(zip(docs["doc_id"], src))}
    st = st[st["doc_id"].map(lambda d: meta[d][1][4] > -10**9)]
    st = st[st["raw_start"] + st["doc_id"].map(lambda d: meta[d][1][4]) >= 0]
    # whole-document context for coders
    by_doc = {d: g.sort_values("raw_start") for d, g in st.groupby("doc_id")}
    used = set()
    picks = []
    strata = STRATA.get(ds, {"all": (lambda t: t.index == t.index, 1.0)})
    for sname, (mask_fn, frac) in strata.items():
        sub = st[mask_fn(st)]
        for bucket, n in quota.items():
            n = int(round(n * frac))
            cand = sub[sub["source_text"].str.contains(BUCKET_RE[bucket]) & ~sub.index.isin(used)]
            take = cand.sample(n=min(n, len(cand)), random_state=int(rng.integers(1 << 30)))
            used.update(take.index); picks += [(i, bucket) for i in take.index]
        cand = sub[sub["source_text"].str.contains(WAR_RE) & ~sub.index.isin(used)]
        take = cand.sample(n=min(int(round(n_random * frac)), len(cand)), random_state=int(rng.integers(1 << 30)))
        used.update(take.index); picks += [(i, "random_war") for i in take.index]
    for i, bucket in picks:
        s = st.loc[i]
        di, (file, key_col, key, field, off) = meta[s["doc_id"]]
        a, b = int(s["raw_start"]) + off, int(s["raw_end"]) + off
        g = by_doc[s["doc_id"]]; pos = list(g.index).index(i)
        prev = g.iloc[pos - 1]["source_text"] if pos > 0 else ""
        nxt = g.iloc[pos + 1]["source_text"] if pos + 1 < len(g) else ""
        rows.append(dict(dataset=ds, file=file, key_column=key_col, doc_key=key, field=field, char_start=a, char_end=b,
                         sha256_16=sha16(s["source_text"]), actor=s["actor"], speaker=s["speaker"], date=s["date"],
                         bucket=bucket, title=docs.loc[di, "title"], text=s["source_text"], prev=prev, next=nxt))
    print(ds, len(st), "candidates;", len(picks), "picked", file=sys.stderr)

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
# the 297 existing (single-coded) real-eval sentences are coded again by both coders
from stancemap.real_eval import load_real_eval
ev = load_real_eval(ROOT, labels=sys.argv[2])  # the v1 labels file (git show 40a57de:corpora/real-eval/labels.csv)
old = ev.assign(bucket="real-eval-v1", speaker="", title="", prev="", next="")[
    ["dataset", "file", "key_column", "doc_key", "field", "char_start", "char_end", "sha256_16", "actor", "speaker", "date", "bucket", "title", "text", "prev", "next", "ref_id"]]
items = pd.concat([items, old], ignore_index=True)
items = items.sample(frac=1, random_state=7).reset_index(drop=True)
items.insert(0, "item_id", [f"s{i+1:04d}" for i in range(len(items))])
items.to_csv(OUT / "items_with_text.csv", index=False)
with open(OUT / "batch.jsonl", "w") as f:
    for _, r in items.iterrows():
        f.write(json.dumps({k: r[k] for k in ["item_id", "dataset", "actor", "speaker", "date", "title", "prev", "text", "next"]}, ensure_ascii=False) + "\n")
print(items.groupby(["dataset", "bucket"]).size().unstack(fill_value=0), file=sys.stderr)
print(len(items), file=sys.stderr)

"""Round 4 of the sample behind corpora/real-labels: the scarce stance directions, model-assisted plus keywords.

Usage (from the repository root)::

    STANCEMAP_DATA=../shared/datasets PYTHONPATH=toolkit python corpora/real-labels/sampling/round4.py OUTDIR

OUTDIR must be OUTSIDE the repository: it receives the sentences (``items4_with_text.csv``,
``batch4/chunkNN.jsonl``, 100 items a file, numbered after round 3's chunk26) and ``refs4.csv``
(the by-reference columns, no text). Candidates follow rounds 1-3 (statements of ``stancemap.extract``;
the four actor groups; official White House documents; no questions; 40-600 characters; war-related)
and overlap no span of ``labels.csv``. Strata (``bucket``, prefix ``r4-``): ``r4-model-<target>-<dir>``
are drawn at random from the top 3n candidates by the default model's probability of that direction;
``r4-kw-*`` at random among keyword matches per actor. At most 3 new sentences per document. A document
already in labels.csv keeps its split; new documents get StratifiedGroupKFold(5, shuffle, seed 0) on the
bucket (fold 0 test, 1 dev, 2-4 train). Every reference is hydrated with ``stancemap.datasets.labelrefs``
(sha256 check); failures are dropped and counted. Seeded: the same extractor, model and data draw the
same sample; another extractor or default model draws another.
"""
import json, os, re, sys, tempfile, warnings
from collections import Counter
from pathlib import Path
import numpy as np, pandas as pd
warnings.simplefilter("ignore")
from sklearn.model_selection import StratifiedGroupKFold
from stancemap.datasets import load_dataset
from stancemap.datasets.labelrefs import labels_path, load_real_eval, span_hash
from stancemap.extract import extract
from stancemap.modelstore import default_model

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sources import record_locations  # noqa: E402
ROOT = Path(os.environ.get("STANCEMAP_DATA", "../shared/datasets"))
OUT = Path(sys.argv[1])
rng = np.random.default_rng(20270104)
ACTORS = ["russia", "ukraine", "us", "europe"]
DOC_CAP = 3
FIRST_ID, FIRST_CHUNK = 2517, 27

BUCKETS = {  # round 1's topic buckets: a candidate must match one of them or WAR_RE
    "sanctions": r"sanction|price cap|swift|frozen assets|export controls",
    "military_aid": r"weapon|military (aid|assistance|support)|security assistance|arms (deliver|suppl)|air defen[cs]e|himars|patriot|f-16|tanks\b|ammunition|shells|lend-lease|artillery|missiles? to ukraine|drawdown",
    "full_ceasefire": r"cease-?fire|truce|cessation of hostilities|peace talks|negotiat|stop the war|end (to )?the war|end this war|peace deal|peace plan|peace agreement",
    "energy_truce": r"energy (infrastructure|facilit|system|sites)|power (plant|station|grid)|strikes? on (our )?energy|blackout|electricity|energy truce|substation|thermal power|refiner",
    "territorial_concessions": r"territor|crimea|donbas|donetsk|luhansk|cede|ceding|occupied|annex|integrity|borders?\b|referend|land for peace|zaporizhzhia region|kherson",
}
WAR_RE = re.compile(r"ukrain|russia|kremlin|kyiv|kiev|moscow|putin|zelensk|war\b|invasion|donbas|crimea|nato|" + "|".join(BUCKETS.values()), re.I)

def source(ds, docs):
    """The documents' locations in the raw files (sources.record_locations)."""
    return record_locations(ds, docs, ROOT)

labels = pd.read_csv(labels_path(), dtype=str, keep_default_na=False)
taken = {}
for r in labels.itertuples():
    taken.setdefault((r.dataset, r.file, r.doc_key), []).append((int(r.char_start), int(r.char_end)))
old_split = labels.groupby(["dataset", "file", "doc_key"])["split"].first().to_dict()

DATASETS = ["kremlin-kyiv-press-2021-2022", "ungdc-2014-2024", "whitehouse-2021-2026", "uk-pm-commons-2019-2026",
            "zelensky-speeches-2022-2023", "zelensky-speeches-2022"]
parts = []
for ds in DATASETS:
    docs = load_dataset(ds, ROOT)
    if ds == "whitehouse-2021-2026":
        docs = docs[docs["doc_kind"] == "official"]
    if ds == "ungdc-2014-2024":
        docs = docs[docs["doc_actor"].isin(ACTORS)]
    docs = docs.reset_index(drop=True)
    meta = dict(zip(docs["doc_id"], zip(source(ds, docs), docs["title"])))
    st = extract(docs)
    st = st[(st["raw_start"] >= 0) & st["actor"].isin(ACTORS) & (st["kind"] != "question")]
    st = st[st["source_text"].str.len().between(40, 600)]
    off = st["doc_id"].map(lambda d: meta[d][0][4])
    st = st[(off > -10**9) & (st["raw_start"] + off >= 0)].sort_values(["doc_id", "raw_start"])
    g = st.groupby("doc_id")["source_text"]
    st = st.assign(prev=g.shift(1).fillna(""), next=g.shift(-1).fillna(""))  # context: neighbouring statements
    st = st[st["source_text"].str.contains(WAR_RE)]
    loc = st["doc_id"].map(lambda d: meta[d][0])
    c = pd.DataFrame({"dataset": ds, "file": [x[0] for x in loc], "key_column": [x[1] for x in loc],
                      "doc_key": [x[2] for x in loc], "field": [x[3] for x in loc],
                      "char_start": (st["raw_start"] + [x[4] for x in loc]).astype(int).to_numpy(),
                      "char_end": (st["raw_end"] + [x[4] for x in loc]).astype(int).to_numpy(),
                      "sha256_16": st["source_text"].map(span_hash).to_numpy(), "actor": st["actor"].to_numpy(),
                      "speaker": st["speaker"].fillna("").to_numpy(), "date": st["date"].astype(str).to_numpy(),
                      "doc_id": st["doc_id"].to_numpy(), "title": st["doc_id"].map(lambda d: meta[d][1]).to_numpy(),
                      "prev": st["prev"].to_numpy(), "text": st["source_text"].to_numpy(), "next": st["next"].to_numpy()})
    n0 = len(c)
    c = c[[not any(a < e and s < b for s, e in taken.get((ds, f, k), []))
           for f, k, a, b in zip(c["file"], c["doc_key"], c["char_start"], c["char_end"])]]
    print(f"{ds}: {n0} war-related statements, {n0 - len(c)} overlap labels.csv, {len(c)} candidates", file=sys.stderr)
    parts.append(c)
cand = pd.concat(parts, ignore_index=True)

model = default_model()
for t, clf in model.stance.items():
    proba = clf.predict_proba(cand["text"].tolist())
    for j, lab in enumerate(clf.classes_):
        if lab != "none":
            cand[f"p_{t}_{lab}"] = proba[:, j]

trump = cand["date"] >= "2025-01-20"
kremlin = (cand["dataset"] == "kremlin-kyiv-press-2021-2022") & cand["doc_id"].str.startswith("kremlin") & (cand["actor"] == "russia")
un_russia = (cand["dataset"] == "ungdc-2014-2024") & (cand["actor"] == "russia")
wh_trump = (cand["dataset"] == "whitehouse-2021-2026") & trump
zel = cand["dataset"].str.startswith("zelensky") | ((cand["dataset"] == "kremlin-kyiv-press-2021-2022") & ~cand["doc_id"].str.startswith("kremlin") & (cand["actor"] == "ukraine"))
ukpm = (cand["dataset"] == "uk-pm-commons-2019-2026") & (cand["date"] >= "2025-01-01")
MODEL_STRATA = [("military_aid", "against", 40), ("full_ceasefire", "against", 40), ("full_ceasefire", "favor", 35),
                ("energy_truce", "favor", 35), ("energy_truce", "against", 30), ("sanctions", "against", 40),
                ("territorial_concessions", "favor", 35)]
KW_STRATA = [  # (name, rows, regex, n)
    ("kremlin-pumping-weapons", kremlin, r"pump|(weapons?|arms) (suppl|deliver)|suppl\w* (of )?(weapons|arms)|western weapons|foreign weapons|flood\w* .*weapons|militari[sz]|arms race", 45),
    ("russia-illegitimate-sanctions", kremlin | un_russia, r"coercive measures|(illegitimate|illegal|unlawful|unilateral) (sanction|restrict)|so-called sanctions|sanctions? (war|pressure|blitz|hysteria)|economic war|restrictive measures|sanctions.{0,60}(fail|useless|backfire|boomerang|hurt (their|the west))", 50),
    ("un-russia-war", un_russia, r"sanction|coercive|weapon|arms|cease-?fire|truce|minsk|crimea|donbas|ukrain|nato|territor", 35),
    ("wh-aid-given-away", wh_trump, r"give(n)? away|gave away|giveaway|blank check|billions?|\$\s?\d|handout|aid to ukraine|money to ukraine|weapons to ukraine|paid for|pay for|(buy|purchas)\w* (american )?weapons", 45),
    ("wh-ceasefire", wh_trump, r"cease-?fire|truce|stop the (killing|war|fighting)|end (the|this) war|peace deal|peace agreement", 40),
    ("wh-energy-truce", wh_trump, r"energy|power (plant|station)|infrastructure|grid\b|moratorium", 25),
    ("wh-land-swaps", wh_trump, r"\bland|swap|territor|crimea|donbas|concession|line of contact|cede|ceding|borders?\b", 30),
    ("zelenskyy-freeze-regroup", zel, r"freez|frozen|regroup|pause|respite|cease-?fire|truce|minsk|compromise|concession", 45),
    ("ukpm-ceasefire-energy", ukpm, r"cease-?fire|truce|unconditional|energy|power (plant|station)|infrastructure|grid\b", 40),
]

doc_n, used, picks, pools = Counter(), set(), [], {}
def draw(order, n, bucket):
    """Walk ``order`` (candidate indices) taking unused ones from documents under the cap, up to n."""
    got = 0
    for i in order:
        if got == n:
            break
        d = (cand.at[i, "dataset"], cand.at[i, "file"], cand.at[i, "doc_key"])
        if i in used or doc_n[d] >= DOC_CAP:
            continue
        used.add(i); doc_n[d] += 1; picks.append((i, bucket)); got += 1
    return got

for t, lab, n in MODEL_STRATA:  # model strata first: random from the top 3n, then further down the ranking
    p = cand[f"p_{t}_{lab}"]
    ranked = p.sort_values(ascending=False, kind="mergesort").index.to_numpy()
    top, rest = ranked[:3 * n], ranked[3 * n:]
    b = f"r4-model-{t}-{lab}"
    got = draw(list(rng.permutation(top)) + list(rest), n, b)
    pools[b] = f"{len(cand)} scored, {int((p >= 0.5).sum())} with p>=0.5, top {3 * n} from p>={p[top].min():.3f}; drew {got}"
for name, rows, rx, n in KW_STRATA:
    hit = cand.index[rows & cand["text"].str.contains(rx, case=False, regex=True)]
    b = f"r4-kw-{name}"
    got = draw(rng.permutation(hit.to_numpy().copy()), n, b)
    pools[b] = f"{len(hit)} keyword matches; drew {got}"

items = cand.loc[[i for i, _ in picks]].assign(bucket=[b for _, b in picks]).reset_index(drop=True)

# Hydrate every reference with stancemap.datasets.labelrefs (sha256 check); drop what does not match.
items["ref_id"] = [f"tmp{i:05d}" for i in range(len(items))]
with tempfile.TemporaryDirectory() as tmp:
    probe = items[["ref_id", "dataset", "file", "key_column", "doc_key", "field", "char_start", "char_end",
                   "sha256_16", "actor", "date"]].assign(frames="", note="", stance_sanctions="none")
    probe.to_csv(Path(tmp) / "refs.csv", index=False)
    hyd = load_real_eval(ROOT, labels=Path(tmp) / "refs.csv")
ok = items["ref_id"].isin(set(hyd["ref_id"])) & items["ref_id"].map(dict(zip(hyd["ref_id"], hyd["text"]))).eq(items["text"])
print(f"hash/hydration failures dropped: {int((~ok).sum())}", items.loc[~ok, "dataset"].value_counts().to_dict(), file=sys.stderr)
items = items[ok].drop(columns="ref_id").reset_index(drop=True)

# Split by document: old documents keep theirs; new ones by StratifiedGroupKFold on the bucket.
key = list(zip(items["dataset"], items["file"], items["doc_key"]))
items["split"] = [old_split.get(k, "") for k in key]
new = items["split"] == ""
groups = pd.Series(["\x1f".join(k) for k in key])[new.to_numpy()]
fold = np.empty(int(new.sum()), dtype=int)
for f, (_, te) in enumerate(StratifiedGroupKFold(5, shuffle=True, random_state=0).split(
        np.zeros(len(fold)), items.loc[new, "bucket"], groups)):
    fold[te] = f
items.loc[new, "split"] = np.select([fold == 0, fold == 1], ["test", "dev"], "train")
print(f"documents: {len(set(key))} ({int(groups.nunique())} new, {len(set(key)) - int(groups.nunique())} already in labels.csv)", file=sys.stderr)

items = items.sample(frac=1, random_state=4).reset_index(drop=True)
items.insert(0, "item_id", [f"s{FIRST_ID + i:04d}" for i in range(len(items))])
REF = ["dataset", "file", "key_column", "doc_key", "field", "char_start", "char_end", "sha256_16", "actor", "speaker", "date"]
OUT.mkdir(parents=True, exist_ok=True)
items[["item_id"] + REF + ["bucket", "split", "title", "prev", "text", "next"]].to_csv(OUT / "items4_with_text.csv", index=False)
items.rename(columns={"item_id": "ref_id"}).assign(round=4)[["ref_id"] + REF + ["split", "round", "bucket"]].to_csv(OUT / "refs4.csv", index=False)
(OUT / "batch4").mkdir(exist_ok=True)
recs = items.to_dict("records")
for k in range(0, len(recs), 100):
    with open(OUT / "batch4" / f"chunk{k // 100 + FIRST_CHUNK:02d}.jsonl", "w", encoding="utf-8") as fh:
        for r in recs[k:k + 100]:
            fh.write(json.dumps({c: r[c] for c in ["item_id", "dataset", "actor", "speaker", "date", "title", "prev", "text", "next"]}, ensure_ascii=False) + "\n")

for b, s in pools.items():
    print(f"{b}: {s}", file=sys.stderr)
print(items.groupby(["dataset", "actor"]).size().unstack(fill_value=0), file=sys.stderr)
print(items["bucket"].value_counts().sort_index(), file=sys.stderr)
print(items["split"].value_counts(), file=sys.stderr)
print(len(items), "items", file=sys.stderr)

"""The steps rounds 4 to 12 of the sample share: candidates, strata draws, hydration check, split, files.

``candidates(root)`` gives every war-related statement of the four actor groups in the six datasets
(statements of ``stancemap.extract``; official White House documents; no questions; 40-600 characters)
that overlaps no span of ``labels.csv``, with its by-reference columns and neighbouring statements;
``add_probabilities`` adds the default model's probability of each stance direction; ``Drawer`` draws
strata at random with at most ``cap`` sentences per document; ``finish`` checks every reference by
hydrating it (``stancemap.datasets.labelrefs``, sha256), splits new documents by
StratifiedGroupKFold(5, shuffle, seed 0) on the bucket (fold 0 test, 1 dev, 2-4 train; documents already
in labels.csv keep their part) and writes ``itemsN_with_text.csv``, ``refsN.csv`` and ``batchN/chunkMM.jsonl``
(100 items a file) to an output folder that must lie outside the repository.
"""
import json, os, re, sys, tempfile
from collections import Counter
from pathlib import Path
import numpy as np, pandas as pd
from sklearn.model_selection import StratifiedGroupKFold
from stancemap.datasets import load_dataset
from stancemap.datasets.labelrefs import labels_path, load_real_eval, span_hash
from stancemap.extract import extract
from stancemap.modelstore import default_model

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sources import record_locations  # noqa: E402

ACTORS = ["russia", "ukraine", "us", "europe"]
DATASETS = ["kremlin-kyiv-press-2021-2022", "ungdc-2014-2024", "whitehouse-2021-2026", "uk-pm-commons-2019-2026",
            "zelensky-speeches-2022-2023", "zelensky-speeches-2022"]
BUCKETS = {  # round 1's topic buckets: a candidate must match one of them or WAR_RE
    "sanctions": r"sanction|price cap|swift|frozen assets|export controls",
    "military_aid": r"weapon|military (aid|assistance|support)|security assistance|arms (deliver|suppl)|air defen[cs]e|himars|patriot|f-16|tanks\b|ammunition|shells|lend-lease|artillery|missiles? to ukraine|drawdown",
    "full_ceasefire": r"cease-?fire|truce|cessation of hostilities|peace talks|negotiat|stop the war|end (to )?the war|end this war|peace deal|peace plan|peace agreement",
    "energy_truce": r"energy (infrastructure|facilit|system|sites)|power (plant|station|grid)|strikes? on (our )?energy|blackout|electricity|energy truce|substation|thermal power|refiner",
    "territorial_concessions": r"territor|crimea|donbas|donetsk|luhansk|cede|ceding|occupied|annex|integrity|borders?\b|referend|land for peace|zaporizhzhia region|kherson",
}
WAR_RE = re.compile(r"ukrain|russia|kremlin|kyiv|kiev|moscow|putin|zelensk|war\b|invasion|donbas|crimea|nato|" + "|".join(BUCKETS.values()), re.I)
REF = ["dataset", "file", "key_column", "doc_key", "field", "char_start", "char_end", "sha256_16", "actor", "speaker", "date"]


def labelled():
    """labels.csv, its labelled spans per (dataset, file, doc_key) and each labelled document's part."""
    labels = pd.read_csv(labels_path(), dtype=str, keep_default_na=False)
    taken = {}
    for r in labels.itertuples():
        taken.setdefault((r.dataset, r.file, r.doc_key), []).append((int(r.char_start), int(r.char_end)))
    return taken, labels.groupby(["dataset", "file", "doc_key"])["split"].first().to_dict()


def candidates(root, taken, whitehouse_kinds=("official",)):
    """Every candidate statement of the six datasets (see the module docstring), one row each; of the White House,
    documents of ``whitehouse_kinds`` (round 28 added its ``article`` pages, where its officials' words are quoted)."""
    parts = []
    for ds in DATASETS:
        docs = load_dataset(ds, root)
        if ds == "whitehouse-2021-2026":
            docs = docs[docs["doc_kind"].isin(whitehouse_kinds)]
        if ds == "ungdc-2014-2024":
            docs = docs[docs["doc_actor"].isin(ACTORS)]
        docs = docs.reset_index(drop=True)
        meta = dict(zip(docs["doc_id"], zip(record_locations(ds, docs, root), docs["title"])))
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
    return pd.concat(parts, ignore_index=True)


def add_probabilities(cand):
    """``cand`` with ``p_<target>_<favor|against>``: the default model's probabilities."""
    model, cols = default_model(), {}
    for t, clf in model.stance.items():
        proba = clf.predict_proba(cand["text"].tolist())
        for j, lab in enumerate(clf.classes_):
            if lab != "none":
                cols[f"p_{t}_{lab}"] = proba[:, j]
    return cand.assign(**cols)


class Drawer:
    """Draws strata from ``cand`` at random, at most ``cap`` sentences per document, no sentence twice."""

    def __init__(self, cand, rng, cap):
        self.cand, self.rng, self.cap = cand, rng, cap
        self.doc_n, self.used, self.picks, self.pools = Counter(), set(), [], {}

    def draw(self, order, n, bucket):
        """Walk ``order`` (candidate indices) taking unused ones from documents under the cap, up to n."""
        got = 0
        for i in order:
            if got == n:
                break
            d = (self.cand.at[i, "dataset"], self.cand.at[i, "file"], self.cand.at[i, "doc_key"])
            if i in self.used or self.doc_n[d] >= self.cap:
                continue
            self.used.add(i); self.doc_n[d] += 1; self.picks.append((i, bucket)); got += 1
        return got

    def model_stratum(self, rows, target, label, n, bucket):
        """At random from the top 3n of ``rows`` by the probability of ``label``, then further down the ranking."""
        p = self.cand.loc[rows, f"p_{target}_{label}"]
        ranked = p.sort_values(ascending=False, kind="mergesort").index.to_numpy()
        top, rest = ranked[:3 * n], ranked[3 * n:]
        got = self.draw(list(self.rng.permutation(top)) + list(rest), n, bucket)
        self.pools[bucket] = (f"{len(p)} scored, {int((p >= 0.5).sum())} with p>=0.5, top {3 * n} from "
                              f"p>={p[top].min():.3f}; drew {got}")

    def random_stratum(self, rows, n, bucket, pool="candidates"):
        """At random among ``rows`` (a boolean mask of the candidates); ``pool`` names them in the log."""
        hit = self.cand.index[rows]
        got = self.draw(self.rng.permutation(hit.to_numpy().copy()), n, bucket)
        self.pools[bucket] = f"{len(hit)} {pool}; drew {got}"

    def keyword_stratum(self, rows, rx, n, bucket):
        """At random among ``rows`` whose text matches ``rx`` (case-insensitive)."""
        self.random_stratum(rows & self.cand["text"].str.contains(rx, case=False, regex=True), n, bucket,
                            "keyword matches")

    def items(self):
        return self.cand.loc[[i for i, _ in self.picks]].assign(bucket=[b for _, b in self.picks]).reset_index(drop=True)


def finish(items, out, root, old_split, round_no, first_id, first_chunk, pools=None):
    """Hydration check, split, shuffle, ids and the output files (see the module docstring)."""
    items = items.assign(ref_id=[f"tmp{i:05d}" for i in range(len(items))])
    with tempfile.TemporaryDirectory() as tmp:
        probe = items[["ref_id", "dataset", "file", "key_column", "doc_key", "field", "char_start", "char_end",
                       "sha256_16", "actor", "date"]].assign(frames="", note="", stance_sanctions="none")
        probe.to_csv(Path(tmp) / "refs.csv", index=False)
        hyd = load_real_eval(root, labels=Path(tmp) / "refs.csv")
    ok = items["ref_id"].isin(set(hyd["ref_id"])) & items["ref_id"].map(dict(zip(hyd["ref_id"], hyd["text"]))).eq(items["text"])
    print(f"hash/hydration failures dropped: {int((~ok).sum())}", items.loc[~ok, "dataset"].value_counts().to_dict(), file=sys.stderr)
    items = items[ok].drop(columns="ref_id").reset_index(drop=True)

    key = list(zip(items["dataset"], items["file"], items["doc_key"]))
    items["split"] = [old_split.get(k, "") for k in key]
    new = items["split"] == ""
    groups = pd.Series(["\x1f".join(k) for k in key])[new.to_numpy()]
    fold = np.empty(int(new.sum()), dtype=int)
    strata = items.loc[new, "bucket"]
    counts = strata.value_counts()
    if (counts < 5).any():      # round 28's small strata: pooled, so that each stratum can fill five folds
        strata = strata.where(strata.map(counts) >= 5, "(small strata)")
        if (strata == "(small strata)").sum() < 5:
            strata = strata.replace("(small strata)", counts.index[0])
    for f, (_, te) in enumerate(StratifiedGroupKFold(5, shuffle=True, random_state=0).split(
            np.zeros(len(fold)), strata, groups)):
        fold[te] = f
    items.loc[new, "split"] = np.select([fold == 0, fold == 1], ["test", "dev"], "train")
    print(f"documents: {len(set(key))} ({int(groups.nunique())} new, {len(set(key)) - int(groups.nunique())} already in labels.csv)", file=sys.stderr)

    items = items.sample(frac=1, random_state=round_no).reset_index(drop=True)
    items.insert(0, "item_id", [f"s{first_id + i:04d}" for i in range(len(items))])
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    items[["item_id"] + REF + ["bucket", "split", "title", "prev", "text", "next"]].to_csv(out / f"items{round_no}_with_text.csv", index=False)
    items.rename(columns={"item_id": "ref_id"}).assign(round=round_no)[["ref_id"] + REF + ["split", "round", "bucket"]].to_csv(
        out / f"refs{round_no}.csv", index=False)
    (out / f"batch{round_no}").mkdir(exist_ok=True)
    recs = items.to_dict("records")
    for k in range(0, len(recs), 100):
        with open(out / f"batch{round_no}" / f"chunk{k // 100 + first_chunk:02d}.jsonl", "w", encoding="utf-8") as fh:
            for r in recs[k:k + 100]:
                fh.write(json.dumps({c: r[c] for c in ["item_id", "dataset", "actor", "speaker", "date", "title", "prev", "text", "next"]},
                                    ensure_ascii=False) + "\n")
    for b, s in (pools or {}).items():
        print(f"{b}: {s}", file=sys.stderr)
    print(items.groupby(["dataset", "actor"]).size().unstack(fill_value=0), file=sys.stderr)
    print(items["bucket"].value_counts().sort_index(), file=sys.stderr)
    print(items["split"].value_counts(), file=sys.stderr)
    print(len(items), "items", file=sys.stderr)
    return items


def start(whitehouse_kinds=("official",)):
    """The data directory (``$STANCEMAP_DATA``), the output folder (argv[1]), the labelled documents'
    parts and the candidates with the default model's probabilities."""
    root = Path(os.environ.get("STANCEMAP_DATA", "../shared/datasets"))
    taken, old_split = labelled()
    return root, Path(sys.argv[1]), old_split, add_probabilities(candidates(root, taken, whitehouse_kinds))


def actor_rows(cand):
    """Boolean row masks of ``cand`` by source: the Kremlin's own pages, Russia at the UN, Zelenskyy and the
    Office of the President of Ukraine, the White House, the Trump administration's dates (2025-01-20 on)."""
    kk = cand["dataset"] == "kremlin-kyiv-press-2021-2022"
    kremlin_page = cand["doc_id"].str.startswith("kremlin")
    return {"kremlin": kk & kremlin_page & (cand["actor"] == "russia"),
            "un_russia": (cand["dataset"] == "ungdc-2014-2024") & (cand["actor"] == "russia"),
            "zelenskyy": cand["dataset"].str.startswith("zelensky") | (kk & ~kremlin_page & (cand["actor"] == "ukraine")),
            "whitehouse": cand["dataset"] == "whitehouse-2021-2026",
            "trump": cand["date"] >= "2025-01-20"}


def broad_round(round_no, seed, first_id, first_chunk, kw_n, uncertain_n, random_n, cap=3):
    """Rounds 11 to 14: per target and actor group at random among the candidates matching round 1's keyword
    bucket (``r<N>-kw-<target>-<group>``, ``kw_n[group]`` each); per target at random among the candidates whose
    larger side probability under the default model lies in [0.2, 0.5] (``r<N>-uncertain-<target>``; uncertainty
    sampling, Settles 2009); per group at random (``r<N>-random-<group>``). At most ``cap`` per document."""
    root, out, old_split, cand = start()
    actor = cand["actor"]
    drawer = Drawer(cand, np.random.default_rng(seed), cap)
    for target, rx in BUCKETS.items():
        for g in ACTORS:
            drawer.keyword_stratum(actor == g, rx, kw_n[g], f"r{round_no}-kw-{target}-{g}")
    for target in BUCKETS:
        side = cand[[c for c in cand if c.startswith(f"p_{target}_")]].max(axis=1)
        drawer.random_stratum(side.between(0.2, 0.5), uncertain_n, f"r{round_no}-uncertain-{target}",
                              "with the larger side probability in [0.2, 0.5]")
    for g in ACTORS:
        drawer.random_stratum(actor == g, random_n, f"r{round_no}-random-{g}")
    return finish(drawer.items(), out, root, old_split, round_no, first_id, first_chunk, drawer.pools)

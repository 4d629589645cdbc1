"""Scale benchmark on the UN General Debate Corpus 2014–2024; prints ONE JSON line.

Extract + score + compare, sentence level, on all 2,132 speeches of
``ungdc-2014-2024`` (every country; every sentence of a speech is a statement
of kind ``official``, quotes inside go to their speakers) under ``--data`` (default
``$STANCEMAP_DATA``, else ``../shared/datasets`` beside the repository)::

    python benchmarks/scale_ungdc.py [--quick] [--data DIR] [--workers 2] [--n-boot 2000] [--profile]

Runs, each in a fresh Python process (so each peak memory is its own):

* ``pandas``      — ``extract`` → ``score`` → ``compare.frame_shares`` + ``stance_shares`` (by actor),
                    one process (``score`` works in chunks of 5,000 statements);
* ``pandas_jobs`` — the same with ``extract(..., n_jobs=--workers)`` and ``score(..., n_jobs=…)``:
                    blocks of documents and chunks of statements in that many processes (joblib);
* ``dask``        — the same through ``stancemap.scale`` on a LocalCluster of ``--workers`` processes
                    (``extract_dask`` → ``score_dask`` → ``compare_all``: one pass, small columns);
* ``dask_sync``   — (only when asked, ``--engines``) the Dask code path on Dask's single-thread
                    scheduler: the pandas functions on partitions of 100 documents;
* ``growth``      — ``pandas``, ``pandas_jobs`` and ``dask`` on a base of every ``--growth-every``-th speech and on a
                    synthetic corpus of ``--factor`` copies of it (new doc ids), to show how cost grows.

Timed: ``seconds`` = extract + score + compare (loading the files is timed apart, ``load_seconds``;
starting the Dask cluster too, ``cluster_start_seconds``); ``documents_per_s`` and
``statements_per_s`` (= sentences/s) over ``seconds``; ``cpu_seconds`` (this process, plus the
workers' for Dask) and ``statements_per_cpu_s``, which a busy machine does not distort. Memory: peak resident set size of the
process (``getrusage``); for Dask also each worker's peak (``worker_peak_mb``, via ``client.run``).
``same_numbers_*``: the frame and stance shares (bootstrap intervals included) of the pandas run
and the other engines' are identical. ``--profile`` adds where the scoring time goes, component by component,
on a sample of sentences. ``--quick`` uses every 20th speech (and a growth base of every 200th).
No data → ``{"benchmark": "scale_ungdc", "skipped": "<reason>"}`` and exit status 0.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASET = "ungdc-2014-2024"
NAME = "scale_ungdc"


def default_data_dir() -> Path:
    """The package's data-directory policy (argument, $STANCEMAP_DATA, ../shared/datasets beside
    the checkout), without the user-cache fallback: a benchmark needs the files, not a place to fetch to."""
    from stancemap.paths import data_dir

    return data_dir(cache=False) or ROOT.parent / "shared" / "datasets"


def peak_mb() -> float:
    """Peak resident set size of this process in MB: VmHWM on Linux (reset by exec, unlike
    ru_maxrss, which a spawned Dask worker inherits from its parent), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def _pid_peak() -> tuple[int, float]:
    time.sleep(0.2)  # keep this worker busy so the other tasks go to the other workers
    return os.getpid(), peak_mb()


def worker_peaks(n_jobs: int) -> list[int]:
    """Peak memory (MB) of each joblib worker process still alive after the run."""
    from joblib import Parallel, delayed

    peaks = dict(Parallel(n_jobs=n_jobs)(delayed(_pid_peak)() for _ in range(4 * n_jobs)))
    return sorted(round(v) for v in peaks.values())


def missing(data_dir: Path) -> str | None:
    folder = data_dir / DATASET / "data" / "data_original"
    if not (folder / "Speakers_by_session.xlsx").is_file() or not (folder / "TXT").is_dir():
        return f"dataset {DATASET} not found under {data_dir} (set --data or STANCEMAP_DATA; " \
               f"`stancemap datasets fetch {DATASET}` downloads it)"
    return None


# --------------------------------------------------------------------------- one run (child process)

def documents(data_dir: Path, every: int, factor: int):
    """All speeches (every country), every ``every``-th of them, repeated ``factor`` times with new ids."""
    import pandas as pd

    from stancemap.datasets import load_dataset

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = load_dataset(DATASET, data_dir, all_countries=True, verify=False)
    docs = docs.iloc[::every].reset_index(drop=True)
    if factor > 1:
        docs = pd.concat([docs.assign(doc_id=docs["doc_id"] + f"-copy{k}") for k in range(factor)],
                         ignore_index=True)
    return docs


COMPARISONS = {"frame_shares": {}, "stance_shares": {}}


def run_once(cfg: dict) -> dict:
    """One measured run; ``cfg``: engine, every, factor, workers, n_boot, data, out."""
    import pandas as pd

    from stancemap.modelstore import load_model

    t0 = time.perf_counter()
    docs = documents(Path(cfg["data"]), cfg["every"], cfg["factor"])
    load_s = time.perf_counter() - t0
    model = load_model()  # loaded before timing: the same one-off cost for every engine
    kw = {"n_boot": cfg["n_boot"], "seed": 0}
    jobs = {name: dict(v, **kw) for name, v in COMPARISONS.items()}
    out = {"engine": cfg["engine"], "documents": len(docs), "characters": int(docs["text"].str.len().sum()),
           "load_seconds": round(load_s, 2)}
    rss0 = peak_mb()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if cfg["engine"] in ("pandas", "pandas_jobs"):
            from stancemap import compare
            from stancemap.extract import extract
            from stancemap.score import score

            t, c = time.perf_counter(), time.process_time()
            n_jobs = cfg["workers"] if cfg["engine"] == "pandas_jobs" else 1
            statements = extract(docs, n_jobs=n_jobs)
            t_extract = time.perf_counter() - t
            scored = score(statements, model, n_jobs=n_jobs)
            out["n_jobs"] = n_jobs
            t_score = time.perf_counter() - t - t_extract
            tables = {name: getattr(compare, name)(scored, **kwargs) for name, kwargs in jobs.items()}
            seconds = time.perf_counter() - t
            out["cpu_seconds"] = round(time.process_time() - c, 1) if n_jobs == 1 else None
            if n_jobs > 1:
                out["worker_peak_mb"] = worker_peaks(n_jobs)
                out["note"] = ("cpu_seconds and peak_memory_mb are this process's; worker_peak_mb are the "
                               "joblib worker processes' peaks")
            out.update(extract_seconds=round(t_extract, 2), score_seconds=round(t_score, 2),
                       compare_seconds=round(seconds - t_extract - t_score, 2))
            n_statements, n_unique = len(scored), int(scored["text"].nunique())
        else:
            from stancemap import scale

            t = time.perf_counter()
            if cfg["engine"] == "dask":
                client = scale.client(n_workers=cfg["workers"])
                out["cluster_start_seconds"] = round(time.perf_counter() - t, 2)
                out["workers"] = cfg["workers"]
                sched = None
            else:
                client, sched = None, "sync"
            cpu0 = sum(client.run(time.process_time).values()) if client is not None else 0.0
            t, c = time.perf_counter(), time.process_time()
            statements = scale.extract_dask(docs)
            scored = scale.score_dask(statements, model)
            with scale._partition_warnings_ignored():
                tables = scale.compare_all(scored, jobs, scheduler=sched)
            seconds = time.perf_counter() - t
            cpu = time.process_time() - c
            if client is not None:
                out["worker_cpu_seconds"] = round(sum(client.run(time.process_time).values()) - cpu0, 1)
                cpu += out["worker_cpu_seconds"]
            out["cpu_seconds"] = round(cpu, 1)
            out["partitions"] = scored.npartitions
            n_statements = int(tables["frame_shares"].groupby("group")["n"].max().sum())
            n_unique = None
            if client is not None:
                workers = client.run(peak_mb)
                out["worker_peak_mb"] = sorted(round(v) for v in workers.values())
                client.close()
    out["statements_per_cpu_s"] = round(n_statements / out["cpu_seconds"], 1) if out.get("cpu_seconds") else None
    out.update(statements=n_statements, seconds=round(seconds, 2),
               documents_per_s=round(len(docs) / seconds, 1), statements_per_s=round(n_statements / seconds, 1),
               peak_memory_mb=round(peak_mb()), memory_before_mb=round(rss0))
    if n_unique is not None:
        out["unique_statement_texts"] = n_unique
    if cfg.get("out"):
        for name, t in tables.items():
            t.attrs = {}
            t.to_pickle(Path(cfg["out"]) / f"{cfg['engine']}-{cfg['every']}-{cfg['factor']}-{name}.pkl")
    return out


def profile(data_dir: Path, n: int) -> dict:
    """Seconds per scoring component on the first ``n`` sentences of the corpus (read-only use of the model)."""
    from stancemap.extract import extract
    from stancemap.lexicon import cue_counts, tone
    from stancemap.modelstore import load_model, resolve_codebook

    docs = documents(data_dir, 1, 1)
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        st = extract(docs.iloc[:200])
    extract_s = time.perf_counter() - t
    texts = st["text"].tolist()[:n]
    model = load_model()
    cb = resolve_codebook(None, model)
    feats = model.shared_features
    res = {"sentences": len(texts), "extract_seconds_200_docs": round(extract_s, 2)}
    hasher = feats._hasher()  # hashed features (stancemap.sparse_features), as score() computes them
    for name, part in (("word", hasher.word_columns), ("char", hasher.char_columns)):
        t = time.perf_counter()
        cols, ptr = part(texts)
        res[f"features_{name}_seconds"] = round(time.perf_counter() - t, 2)
        res[f"features_{name}_ngrams_per_sentence"] = round(len(cols) / max(len(texts), 1), 1)
    t = time.perf_counter()
    Xf = feats.transform(texts)  # second pass: stems and n-grams now come from the caches
    res["features_union_second_pass_seconds"] = round(time.perf_counter() - t, 2)
    res["feature_matrix_mb_per_1000_sentences"] = round(
        (Xf.data.nbytes + Xf.indices.nbytes + Xf.indptr.nbytes) / 1e6 / max(len(texts), 1) * 1000, 1)
    t = time.perf_counter()
    model.frames.proba_transformed(Xf)
    for clf in model.stance.values():
        clf.proba_transformed(Xf)
    res["classifiers_seconds"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    tone(texts)
    res["tone_vader_seconds"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    cue_counts(texts, cb)  # not run by score() when the model has the codebook's cues (it reuses them)
    res["lexicon_cue_counts_seconds"] = round(time.perf_counter() - t, 2)
    from stancemap.text import words

    t = time.perf_counter()
    for x in texts:
        words(x)
    res["treebank_tokenize_only_seconds"] = round(time.perf_counter() - t, 2)
    return res


# --------------------------------------------------------------------------- driver

def child(cfg: dict) -> dict:
    """Run ``cfg`` in a fresh interpreter; return its JSON (or an error record)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_run", json.dumps(cfg)]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=str(ROOT))
    wall = time.perf_counter() - t
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        return {"engine": cfg["engine"], "error": (p.stderr.strip().splitlines() or ["no output"])[-1][:300]}
    res = json.loads(lines[-1])
    res["process_wall_seconds"] = round(wall, 1)
    return res


def same_tables(out: Path, a: str, b: str, every: int, factor: int) -> bool | None:
    import pandas as pd

    ok = True
    for name in COMPARISONS:
        pa, pb = out / f"{a}-{every}-{factor}-{name}.pkl", out / f"{b}-{every}-{factor}-{name}.pkl"
        if not (pa.is_file() and pb.is_file()):
            return None
        try:
            pd.testing.assert_frame_equal(pd.read_pickle(pa), pd.read_pickle(pb))
        except AssertionError:
            ok = False
    return ok


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=None, help="data directory (default $STANCEMAP_DATA or ../shared/datasets)")
    ap.add_argument("--quick", action="store_true", help="every 20th speech; growth base every 200th")
    ap.add_argument("--workers", type=int, default=2, help="Dask worker processes (default 2)")
    ap.add_argument("--n-boot", type=int, default=2000, help="bootstrap resamples in compare (default 2000)")
    ap.add_argument("--factor", type=int, default=10, help="copies in the synthetic corpus (default 10)")
    ap.add_argument("--growth-every", type=int, default=None, help="growth base: every Nth speech (default 10; quick 200)")
    ap.add_argument("--engines", default="pandas,pandas_jobs,dask",
                    help="engines for the full-corpus runs (also: dask_sync)")
    ap.add_argument("--no-growth", action="store_true", help="skip the synthetic growth runs")
    ap.add_argument("--growth-only", action="store_true", help="only the growth runs (no full-corpus runs)")
    ap.add_argument("--profile", type=int, nargs="?", const=10000, default=0, metavar="N",
                    help="also time each scoring component on N sentences (default 10000)")
    ap.add_argument("--_run", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._run:
        print(json.dumps(run_once(json.loads(args._run))))
        return 0
    data = args.data or default_data_dir()
    reason = missing(data)
    if reason:
        print(json.dumps({"benchmark": NAME, "skipped": reason}))
        return 0
    every = 20 if args.quick else 1
    gevery = args.growth_every or (200 if args.quick else 10)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    result: dict = {"benchmark": NAME, "dataset": DATASET, "mode": "quick" if args.quick else "full",
                    "every_nth_speech": every, "n_boot": args.n_boot, "cpus": os.cpu_count(),
                    "load_average_1min": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory() as tmp:
        base = dict(data=str(data), every=every, factor=1, workers=args.workers, n_boot=args.n_boot, out=tmp)
        runs = {} if args.growth_only else {e: child(dict(base, engine=e)) for e in engines}
        result["runs"] = runs
        if "pandas" in runs and "dask" in runs:
            result["same_numbers_pandas_dask"] = same_tables(Path(tmp), "pandas", "dask", every, 1)
        if "pandas" in runs and "pandas_jobs" in runs:
            result["same_numbers_pandas_pandas_jobs"] = same_tables(Path(tmp), "pandas", "pandas_jobs", every, 1)
        if "pandas" in runs and "dask_sync" in runs:
            result["same_numbers_pandas_dask_sync"] = same_tables(Path(tmp), "pandas", "dask_sync", every, 1)
        if not args.no_growth:
            growth = {}
            for e in ("pandas", "pandas_jobs", "dask"):
                if e not in engines:
                    continue
                one = child(dict(base, engine=e, every=gevery, factor=1, out=""))
                many = child(dict(base, engine=e, every=gevery, factor=args.factor, out=""))
                g = {"x1": one, f"x{args.factor}": many}
                if "seconds" in one and "seconds" in many:
                    g["time_ratio"] = round(many["seconds"] / one["seconds"], 2)
                    g["statements_ratio"] = round(many["statements"] / one["statements"], 2)
                    g["peak_memory_ratio"] = round(many["peak_memory_mb"] / one["peak_memory_mb"], 2)
                growth[e] = g
            for e, g in growth.items():  # the same engine on distinct real text: base vs the runs above
                full, one = runs.get(e, {}), g["x1"]
                if "seconds" in full and "seconds" in one:
                    g["real_text_vs_base"] = {"statements_ratio": round(full["statements"] / one["statements"], 2),
                                              "time_ratio": round(full["seconds"] / one["seconds"], 2)}
            result["growth"] = {"base_every_nth_speech": gevery, "factor": args.factor, **growth,
                                "note": "copies repeat the same sentences: the word stemmer's LRU cache "
                                        "(200,000 sentences) serves the repeats, so time grows a little less "
                                        "than it would with new text"}
    if args.profile:
        result["profile"] = profile(data, args.profile)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

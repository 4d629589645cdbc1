"""How fast the default model loads and scores, and what it costs in quality; prints ONE JSON line.

::

    python benchmarks/model_speed.py [--model DIR] [--data DIR] [--n 20000] [--baseline FILE.json]
                                     [--skip-report] [--skip-quality]

Figures (issue 12, item 3; aims: load < 0.3 s, ≥ 10,000 statements/s per core, report < 3 s):

* ``load_s`` — median of 5 fresh processes of the time ``stancemap.modelstore.load_model(DIR)``
  takes (``default_model()`` without ``--model``: the fingerprint check of the bundled
  training data included), imports of stancemap and numpy not counted (``import_s``: their
  median; until 4 Dec 2026 scikit-learn's import was counted there too, and loading needed it);
  ``load_heavy_imports`` lists which of scikit-learn, nltk and scipy.stats loading imported (none
  should: each costs most of a second);
* ``statements_per_s`` — ``model.predict(texts)`` on ``n`` UN General Debate sentences
  (``ungdc-2014-2024``, every country, speeches in file order, sentences by
  ``stancemap.text.sentence_spans``) in one process with one thread (OMP/MKL/OpenBLAS
  threads set to 1), after a warm-up on other sentences; ``statements_per_cpu_s`` is the same
  over this process's CPU time, which other work on a shared machine does not distort;
  ``score_statements_per_s`` (and ``_per_cpu_s``) the whole ``stancemap.scoring.score`` kernel
  (VADER tone and cue columns included) on the next ``score_n`` sentences, which predict has not
  read (before 4 Dec 2026, stop 25, it read the same ones, after predict had cached their tokens);
* ``same_results`` — two predictions of the same sentences are identical;
* ``report_s`` — wall time of ``stancemap report corpora/ceasefire-2025-03 --out TMP`` (a fresh
  process, imports included), with the CLI's default formats: HTML, plus PNG when a Chrome or
  Chromium is found (``report_browser``: its path, or null). PNG export keeps Chrome's disk cache
  in a folder (``stancemap.imagebrowser``), where Chrome keeps its compiled plotly.js from the
  second report on: ``report_s`` is the median of 3 reports after 2 with the same new folder (a
  user's every report after the first two), ``report_first_s`` the first of them (the first
  report on a machine), ``report_no_cache_s`` one with ``STANCEMAP_BROWSER_CACHE=off``;
  ``report_html_s`` one with ``--formats html``. Until stop 28 (4 Dec 2026) ``report_s`` was one
  report with kaleido's own page, reloaded after every image;
* ``model_dir_bytes`` — size of the model directory;
* quality on the DEV part of ``corpora/real-labels`` (``stancemap.real_eval.load_real_eval``, texts
  from the data directory; the test part is kept for the model card) for a model that did not learn
  from it (``--model DIR``, e.g. one trained on the train part by ``stancemap train``); the default
  model learns from the train and dev parts, so for it ``quality`` says "not measured" and the model
  card's test figures are the ones to read: ``stance_f_avg`` (F_avg of favor and against pooled over every target, as
  SemEval-2016 Task 6 pools its targets; :func:`stancemap.metrics.f_avg`) and ``frames_micro_f1``
  (:func:`stancemap.evaluate.evaluate`); with ``--baseline`` (an earlier run's JSON line) the
  deltas ``*_delta`` against it.

Data directory: ``--data``, else ``$STANCEMAP_DATA``, else ``../shared/datasets`` beside the
repository; without the UNGDC files the speed figures say ``"skipped"`` with the reason.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NAME = "model_speed"
AIMS = {"load_s": 0.3, "statements_per_s": 10_000, "statements_per_cpu_s": 10_000, "report_s": 3.0,
        "report_first_s": 3.0}

_LOAD_CHILD = """
import json, sys, time, warnings
t0 = time.perf_counter()
import numpy, stancemap.modelstore as ms
t1 = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    ms.load_model(sys.argv[1] or None)
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1,
                  "heavy_imports": sorted(m for m in ("sklearn", "nltk", "scipy.stats") if m in sys.modules)}))
"""


def default_data_dir() -> Path:
    """The package's data-directory policy without the user-cache fallback."""
    from stancemap.paths import data_dir

    return data_dir(cache=False) or ROOT.parent / "shared" / "datasets"


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "toolkit"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def load_times(model: str | None, runs: int = 5) -> dict:
    got = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _LOAD_CHILD, model or ""], capture_output=True, text=True,
                             env=_env(), check=True).stdout
        got.append(json.loads(out.strip().splitlines()[-1]))
    return {"load_s": round(statistics.median(g["load_s"] for g in got), 3),
            "import_s": round(statistics.median(g["import_s"] for g in got), 3),
            "load_heavy_imports": sorted(set().union(*(g["heavy_imports"] for g in got)))}


def ungdc_sentences(data_dir: Path, n: int) -> list[str]:
    """The first ``n`` (+ a warm-up of 1,000) sentences of the UNGDC speeches, in file order."""
    from stancemap.datasets import load_dataset
    from stancemap.text import sentence_spans

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = load_dataset("ungdc-2014-2024", data_dir, all_countries=True, verify=False)
    out: list[str] = []
    for text in docs["text"]:
        out.extend(" ".join(text[s:e].split()) for s, e in sentence_spans(text))
        if len(out) >= n + 1000:
            break
    return [s for s in out if s.strip()][: n + 1000]


def speed(model_dir: str | None, data_dir: Path, n: int) -> dict:
    from stancemap.modelstore import load_model
    from stancemap.scoring import score

    import pandas as pd

    try:
        texts = ungdc_sentences(data_dir, 2 * n)
    except Exception as e:  # noqa: BLE001 - any missing-data error: report it, do not fail
        return {"speed": f"skipped: {e}"}
    # the kernel is timed on sentences of its own: on those predict had read, its per-text caches
    # (tokens, rule rows) would make it look faster than on a user's new texts
    warm, texts, fresh = texts[:1000], texts[1000:1000 + n], texts[1000 + n:]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = load_model(model_dir)
        model.predict(warm)
        t, c = time.perf_counter(), time.process_time()
        first = model.predict(texts)
        predict_s, predict_cpu = time.perf_counter() - t, time.process_time() - c
        second = model.predict(texts)
        score(pd.DataFrame({"text": warm}), model)  # its one-time set-up (the VADER lexicon) on the warm-up
        table = pd.DataFrame({"text": fresh})
        t, c = time.perf_counter(), time.process_time()
        score(table, model)
        score_s, score_cpu = time.perf_counter() - t, time.process_time() - c
    return {"n": len(texts), "statements_per_s": round(len(texts) / predict_s),
            "statements_per_cpu_s": round(len(texts) / predict_cpu),
            "score_n": len(fresh), "score_statements_per_cpu_s": round(len(fresh) / score_cpu),
            "score_statements_per_s": round(len(fresh) / score_s),
            "same_results": bool(first.equals(second))}


def report_time(formats: str | None = None, cache: str | None = None) -> float:
    """Wall time of the CLI report on the bundled corpus; ``formats`` None = the CLI default;
    ``cache`` the browser's cache folder for PNG export (``$STANCEMAP_BROWSER_CACHE``; "off": none)."""
    env = _env()
    if cache is not None:
        env["STANCEMAP_BROWSER_CACHE"] = cache
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "stancemap", "report", str(ROOT / "corpora" / "ceasefire-2025-03"),
                        "--out", str(Path(tmp) / "x"), "--quiet", *(["--formats", formats] if formats else [])],
                       env=env, check=True, capture_output=True)
        return round(time.perf_counter() - t, 2)


def report_times() -> dict:
    """The report's wall times: with a new browser cache folder (the first report on a machine),
    then the median of 3 once Chrome has cached plotly.js (after 2 reports), without the cache,
    and HTML only."""
    with tempfile.TemporaryDirectory() as tmp:
        cache = str(Path(tmp) / "browser")
        first = report_time(cache=cache)
        report_time(cache=cache)
        warm = statistics.median(report_time(cache=cache) for _ in range(3))
    return {"report_s": warm, "report_first_s": first, "report_no_cache_s": report_time(cache="off"),
            "report_html_s": report_time("html")}


def quality(model_dir: str | None, data_dir: Path) -> dict:
    from stancemap.codebook import load_codebook
    from stancemap.evaluate import evaluate
    from stancemap.labels import stance_labels
    from stancemap.metrics import f_avg
    from stancemap.modelstore import load_model
    from stancemap.real_eval import load_real_eval

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = load_model(model_dir)
    part = str((model.metadata.get("sources") or {}).get("real_part", ""))
    if "dev" in part.split("+"):
        return {"quality": f"not measured: the model learned from the dev part (real_part {part}); read the "
                           "model card's test figures"}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gold = load_real_eval(data_dir)
        if "split" in gold.columns:
            gold = gold[gold["split"] == "dev"].reset_index(drop=True)
    except Exception as e:  # noqa: BLE001
        return {"quality": f"skipped: {e}"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cb = load_codebook(model.codebook_file) if model.codebook_file else load_codebook()
        ev = evaluate(gold, model, cb)
        pred = model.predict(gold["text"].tolist())
    S = stance_labels(gold, cb, table="real-eval labels")
    g, p = [], []
    for t in model.targets:
        m = (S[f"stance_{t}"] != "").to_numpy()
        g += S[f"stance_{t}"][m].tolist()
        p += pred[f"stance_{t}"][m].tolist()
    frames = ev.summary[ev.summary["task"] == "frames"]
    return {"real_dev_n": len(gold), "stance_f_avg": round(f_avg(g, p), 3),
            "frames_micro_f1": round(float(frames["micro_f1"].iloc[0]), 3) if len(frames) else None}


def dir_bytes(model_dir: str | None) -> int:
    from stancemap.modelstore import repo_models_dir

    d = Path(model_dir) if model_dir else repo_models_dir() / "default"
    return sum(f.stat().st_size for f in d.iterdir() if f.is_file())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="model directory (default: the default model)")
    ap.add_argument("--data", default=None, help="data directory (default: $STANCEMAP_DATA)")
    ap.add_argument("--n", type=int, default=20_000, help="UNGDC sentences to score (default 20000)")
    ap.add_argument("--baseline", default=None, help="an earlier run's JSON line, for quality deltas")
    ap.add_argument("--skip-report", action="store_true")
    ap.add_argument("--skip-quality", action="store_true")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "toolkit"))
    data_dir = Path(args.data) if args.data else default_data_dir()
    res: dict = {"benchmark": NAME, "model": args.model or "default"}
    res.update(load_times(args.model))
    res.update(speed(args.model, data_dir, args.n))
    if not args.skip_report:
        from stancemap.figures import find_browser

        res.update(report_times())
        res["report_browser"] = find_browser()
    res["model_dir_bytes"] = dir_bytes(args.model)
    if not args.skip_quality:
        res.update(quality(args.model, data_dir))
    if args.baseline:
        base = json.loads(Path(args.baseline).read_text(encoding="utf-8").strip().splitlines()[-1])
        for k in ("stance_f_avg", "frames_micro_f1"):
            if isinstance(res.get(k), float) and isinstance(base.get(k), float):
                res[f"{k}_delta"] = round(res[k] - base[k], 3)
    res["meets_aim"] = {k: (res[k] < v if k in ("load_s", "report_s", "report_first_s") else res[k] >= v)
                        for k, v in AIMS.items() if isinstance(res.get(k), (int, float))}
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())

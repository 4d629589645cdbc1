"""Stance on the RUW Russia–Ukraine war tweets with stancemap's stance classifier; print one JSON line.

RUW ("RUW: A Dataset of Tweets on Multi-Target Stance Detection about the
Russia-Ukraine War"): tweets with one or two (target, stance) pairs, targets
Russia and Ukraine, stances FAVOR / AGAINST / NONE. Not redistributable; point
``--data`` at the folder holding ``raw_train_Russia_Ukraine.csv``,
``raw_val_Russia_Ukraine.csv`` and ``raw_test_Russia_Ukraine.csv``::

    python benchmarks/stance_ruw.py --data DIR [--folds 5] [--seed 0]
           [--config JSON | --grid JSON] [--jobs N] [--encoding auto]

Each tweet is expanded to one row per (tweet, target) (an empty second target
is skipped). Train on train + val, test once on test; report, per target and
overall, macro-F1 over FAVOR/AGAINST/NONE and F_avg = (F1_FAVOR + F1_AGAINST)/2
(SemEval-2016 Task 6). The configuration is chosen by stratified k-fold
cross-validation on train + val only, as in ``stance_semeval2016.py``
(``--config`` fixes it). The files are documented as latin-1; ``--encoding
auto`` (default) also reads UTF-8 and the GB 18030 punctuation found in stored
copies (see ``stancemap.external.decode_bytes``).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--data", required=True, help="folder with the three raw_*_Russia_Ukraine.csv files")
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds for the selection (default 5)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--config", default=None, help="JSON configuration to use as is (skips the selection)")
    ap.add_argument("--grid", default=None, help="JSON grid {key: [values]} to select from (default STANCE_GRID)")
    ap.add_argument("--jobs", type=int, default=2, help="train the cross-validation folds in N processes (default 2)")
    ap.add_argument("--encoding", default="auto", help="file encoding (default auto)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()

    from stancemap import __version__
    from stancemap.errors import StancemapError
    from stancemap.benchmarking import json_option, load_decoded_alike, stance_benchmark
    from stancemap.readers import RUW_FILES, load_ruw

    try:
        config, grid = json_option(args.config, "config"), json_option(args.grid, "grid")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            data = load_decoded_alike(load_ruw, args.data, list(RUW_FILES.values()), args.encoding)
            train = data[data["split"].isin(["train", "val"])]
            test = data[data["split"] == "test"]
            result = stance_benchmark(train, test, config=config, grid=grid, folds=args.folds,
                                      random_state=args.seed, jobs=args.jobs)
    except StancemapError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for w in caught:
        if issubclass(w.category, UserWarning):
            print(f"warning: {w.message}", file=sys.stderr)
    result.pop("predictions")
    per_target = {t: {k: v[k] for k in ("n_train", "n", "macro_f1", "f_avg", "f_favor", "f_against", "accuracy",
                                        "per_label", "baseline_tfidf_linear_svc")}
                  for t, v in result["per_target"].items()}
    tweets = data.attrs.get("tweets", {})
    out = {
        "benchmark": "stance_ruw",
        "data": str(Path(args.data)),
        "n": {"train": len(train), "test": len(test),
              "train_tweets": int(tweets.get("train", 0)) + int(tweets.get("val", 0)),
              "test_tweets": int(tweets.get("test", 0)),
              "by_split": {s: int((data["split"] == s).sum()) for s in ("train", "val", "test")}},
        "unit": "(tweet, target) pair",
        "metrics": result["metrics"],
        "per_target": per_target,
        "macro_f1_mean_over_targets": round(sum(v["macro_f1"] for v in per_target.values()) / len(per_target), 4),
        "baseline_macro_f1_mean_over_targets": round(sum(v["baseline_tfidf_linear_svc"]["macro_f1"]
                                                         for v in per_target.values()) / len(per_target), 4),
        "aim": {"macro_f1_mean_over_targets": 0.60,
                "met": sum(v["macro_f1"] for v in per_target.values()) / len(per_target) >= 0.60},
        "configuration": result["configuration"],
        "selection": result["selection"],
        "baseline_tfidf_linear_svc": result["baseline_tfidf_linear_svc"],
        "overlap": result["overlap"],
        "label_counts": result["label_counts"],
        "decoding": data.attrs.get("decoding", {}),
        "pipeline": "stancemap.models.make_features + StanceClassifier (calibrated linear SVM) per target, "
                    "codebook cues off; files decoded line by line alike (load_decoded_alike)",
        "stancemap_version": __version__,
        "seconds": {**result["seconds"], "total": round(time.perf_counter() - t0, 1)},
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

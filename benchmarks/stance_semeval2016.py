"""Stance on SemEval-2016 Task 6 subtask A with stancemap's stance classifier; print one JSON line.

SemEval-2016 Task 6 (Mohammad, Kiritchenko, Sobhani, Zhu & Cherry, "SemEval-2016
Task 6: Detecting Stance in Tweets", SemEval 2016): tweets on five targets
(Atheism, Climate Change is a Real Concern, Feminist Movement, Hillary Clinton,
Legalization of Abortion) labelled FAVOR / AGAINST / NONE. The data are not
redistributable; point ``--data`` at the folder that holds
``trainingdata-all-annotations.txt`` and ``testdata-taskA-all-annotations.txt``::

    python benchmarks/stance_semeval2016.py --data DIR [--folds 5] [--seed 0]
           [--config JSON | --grid JSON] [--jobs N] [--predictions GUESS.txt] [--encoding auto]

Protocol: train on the training file, test once on the test file. The model
configuration (one classifier per target or one joint classifier with the
target as a token; C; class weights; word n-gram range; a decision weight for
NONE) is chosen by stratified k-fold cross-validation on the training file
only (``stancemap.external.select_stance_config``); ``--config`` fixes it
instead. Score: the official F_avg = (F1_FAVOR + F1_AGAINST) / 2 over all test
tweets (micro across targets, as the task's eval.pl), plus per target.
Reference: the organisers' SVM with word and character n-grams 0.6898, the best
participating team (MITRE) 0.6782. The classifier is the shipped
``stancemap.models.StanceClassifier`` on ``stancemap.models.make_features``.
``--predictions`` writes the test predictions in the task's format
(ID, Target, Tweet, Stance) for the official script.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

REFERENCE = {"organisers_svm_word_char_ngrams": 0.6898, "best_team_mitre": 0.6782, "goal": 0.70}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--data", required=True, help="folder with the two *-all-annotations.txt files")
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds for the selection (default 5)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--config", default=None, help="JSON configuration to use as is (skips the selection)")
    ap.add_argument("--grid", default=None, help="JSON grid {key: [values]} to select from (default STANCE_GRID)")
    ap.add_argument("--predictions", default=None, help="write test predictions (ID, Target, Tweet, Stance) here")
    ap.add_argument("--jobs", type=int, default=2, help="train the cross-validation folds in N processes (default 2)")
    ap.add_argument("--encoding", default="auto", help="file encoding (default auto: UTF-8, else per line)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()

    from stancemap import __version__
    from stancemap.errors import StancemapError
    from stancemap.benchmarking import json_option, load_decoded_alike, stance_benchmark
    from stancemap.readers import SEMEVAL2016_FILES, load_semeval2016

    try:
        config, grid = json_option(args.config, "config"), json_option(args.grid, "grid")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            data = load_decoded_alike(load_semeval2016, args.data, list(SEMEVAL2016_FILES.values()), args.encoding)
            train, test = data[data["split"] == "train"], data[data["split"] == "test"]
            result = stance_benchmark(train, test, config=config, grid=grid, folds=args.folds,
                                      random_state=args.seed, jobs=args.jobs)
    except StancemapError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for w in caught:
        if issubclass(w.category, UserWarning):
            print(f"warning: {w.message}", file=sys.stderr)
    pred = result.pop("predictions")
    if args.predictions:
        out = test.reset_index(drop=True)[["id", "target", "text"]].assign(stance=[str(p).upper() for p in pred])
        lines = ["ID\tTarget\tTweet\tStance"] + ["\t".join(map(str, r)) for r in out.itertuples(index=False)]
        Path(args.predictions).write_text("\n".join(lines) + "\n", encoding="utf-8")
    f_avg = result["metrics"]["f_avg"]
    out = {
        "benchmark": "stance_semeval2016",
        "data": str(Path(args.data)),
        "n": {"train": len(train), "test": len(test), "targets": int(data["target"].nunique())},
        "metrics": result["metrics"],
        "per_target": result["per_target"],
        "configuration": result["configuration"],
        "selection": result["selection"],
        "reference": REFERENCE,
        "aim": {"f_avg": 0.70, "met": bool(f_avg is not None and f_avg >= 0.70)},
        "beats_reference": bool(f_avg is not None and f_avg > max(REFERENCE["organisers_svm_word_char_ngrams"],
                                                                  REFERENCE["best_team_mitre"])),
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

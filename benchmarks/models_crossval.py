"""Cross-validated and held-out scores of the frame and stance classifiers.

Prints ONE JSON line:

* ``crossval``: stratified k-fold (seeded) out-of-fold scores on the bundled
  training data (``corpora/training``): frames micro-/macro-F1, and per stance
  target macro-F1 and F_avg (mean F1 of favor and against, SemEval-2016 Task 6);
* ``seed_gold``: the default-parameter model trained on all the training data,
  scored on the seed article's held-out gold labels;
* ``real_eval``: the same on the real-text evaluation set, when its data are
  present (else null);
* ``lexicon_baseline``: frame F1 of the codebook cue-term baseline on the same
  sets, for comparison;
* ``n``, ``seconds``.

It uses the shipped code (``stancemap.validate.cross_validate``,
``stancemap.models.train_model``, ``stancemap.validate.evaluate``). Usage::

    python benchmarks/models_crossval.py [--folds 5] [--seed 0] [--params '{"C": 1.0}']
"""
from __future__ import annotations

import argparse
import json
import time
import warnings


def _frames(ev) -> dict:
    row = ev.summary[ev.summary["task"] == "frames"].iloc[0]
    return {"micro_f1": round(float(row["micro_f1"]), 4), "macro_f1": round(float(row["macro_f1"]), 4)}


def _stance(ev) -> dict:
    out = {}
    for row in ev.summary[ev.summary["task"] != "frames"].itertuples(index=False):
        out[row.task] = {"macro_f1": None if row.macro_f1 != row.macro_f1 else round(float(row.macro_f1), 4),
                         "f_avg": None if row.f_avg != row.f_avg else round(float(row.f_avg), 4)}
    return out


def _summary(ev) -> dict:
    stance = _stance(ev)
    macro = [v["macro_f1"] for v in stance.values() if v["macro_f1"] is not None]
    return {"frames": _frames(ev), "stance": stance,
            "stance_mean_macro_f1": round(sum(macro) / len(macro), 4) if macro else None}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--params", default=None, help="JSON of classifier parameters overriding DEFAULT_PARAMS")
    args = ap.parse_args(argv)
    params = json.loads(args.params) if args.params else None
    if params:
        params = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}

    from stancemap.codebook import load_codebook, load_training
    from stancemap.crossval import cross_validate
    from stancemap.evaluate import evaluate, lexicon_baseline
    from stancemap.heldout import real_eval, seed_gold
    from stancemap.training import DEFAULT_PARAMS, train_model

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cb = load_codebook()
        train = load_training(codebook=cb)
        cv = cross_validate(train, cb, folds=args.folds, random_state=args.seed, params=params)
        t_cv = time.perf_counter() - t0
        t1 = time.perf_counter()
        model = train_model(train, cb, params=params, random_state=args.seed)
        t_train = time.perf_counter() - t1
        gold, real = seed_gold(cb), real_eval(cb, split="dev")
        result = {
            "benchmark": "models_crossval",
            "params": {k: list(v) if isinstance(v, tuple) else v
                       for k, v in {**DEFAULT_PARAMS, **(params or {})}.items()},
            "folds": args.folds, "seed": args.seed,
            "n": {"train": len(train), "seed_gold": None if gold is None else len(gold),
                  "real_eval": None if real is None else len(real)},
            "crossval": _summary(cv),
            "seed_gold": None if gold is None else _summary(evaluate(gold, model, cb)),
            "real_eval": None if real is None else _summary(evaluate(real, model, cb)),
            "lexicon_baseline": {
                "train": _frames(lexicon_baseline(train, cb)),
                "seed_gold": None if gold is None else _frames(lexicon_baseline(gold, cb)),
                "real_eval": None if real is None else _frames(lexicon_baseline(real, cb)),
            },
            "seconds": {"crossval": round(t_cv, 1), "train": round(t_train, 1),
                        "total": round(time.perf_counter() - t0, 1)},
        }
    print(json.dumps(result, sort_keys=False))
    return result


if __name__ == "__main__":
    main()

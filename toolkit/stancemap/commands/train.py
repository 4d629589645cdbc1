"""``stancemap train``: train frame and stance classifiers on hand labels."""
from __future__ import annotations

import sys
import time

from . import options


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "train", help="train a model (frames + stance per target) from labelled statements",
        description="Train the frame classifier and one stance classifier per codebook target from labels "
                    "tables (text + frames or frame_<frame> columns + stance_<target> columns; an empty stance "
                    "cell means 'not coded'), cross-validate it and save it (arrays and JSON, never pickle), with a model card.")
    p.add_argument("labels", nargs="+", metavar="LABELS.csv",
                   help="labelled statements (one or more .csv or .parquet files)")
    p.add_argument("--out", required=True, metavar="MODEL_DIR", help="directory to write the model to")
    options.add_codebook(p)
    p.add_argument("--with-bundled", action="store_true",
                   help="add the bundled constructed training examples to your labels")
    options.add_folds(p, can_skip=True)
    p.add_argument("--estimator", choices=["svm", "logreg"], default=None,
                   help="linear model (default: the shipped model's, svm)")
    options.add_seed(p)
    p.set_defaults(func=run, interrupted="{out} is incomplete: its model.json is written last and is missing, so "
                                        "it will not load. Run stancemap train again.")


def run(args) -> int:
    import pandas as pd

    from ..codebook import load_codebook, load_training
    from ..crossval import check_cross_validation, cross_validate
    from ..labels import standard_labels
    from ..modelcard import model_card
    from ..tables import read_table
    from ..training import train_model

    options.check_out_dir(args)  # before any work
    cb = load_codebook(args.codebook)
    tables = [standard_labels(read_table(f, "labels"), cb, table=f"labels file {f}") for f in args.labels]
    if args.with_bundled:
        tables.append(standard_labels(load_training(codebook=cb), cb, table="bundled training data"))
    data = pd.concat(tables, ignore_index=True)
    if "origin" in data.columns:
        data["origin"] = data["origin"].fillna("")
    params = {"estimator": args.estimator} if args.estimator else None
    if args.folds:
        check_cross_validation(data, cb, args.folds)  # fail before training, not after
    t0 = time.perf_counter()
    model = train_model(data, cb, params=params, random_state=args.seed)
    if args.folds:
        model.metadata["crossval"] = cross_validate(data, cb, folds=args.folds, random_state=args.seed,
                                                    params=params).to_dict()
        model.metadata["crossval_folds"] = args.folds
    model.save(args.out)
    card = model_card(model, args.out)
    print(f"Trained on {len(data)} examples in {time.perf_counter() - t0:.1f} s → {args.out} "
          f"(model card: {card})", file=sys.stderr)
    return 0

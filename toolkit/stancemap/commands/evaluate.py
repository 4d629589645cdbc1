"""``stancemap evaluate``: score a model against hand labels."""
from __future__ import annotations

import json

import pandas as pd

from . import options


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "evaluate", help="precision, recall, F1 and confusion matrices of a model on labelled statements",
        description="Predict the labelled statements (needs a 'text' column) with a model and compare: per-class "
                    "precision/recall/F1, confusion matrices, macro-F1 (micro-F1 for frames; F_avg, the mean F1 "
                    "of favor and against, for stance).")
    p.add_argument("labels", metavar="LABELS.csv", help="labelled statements (.csv or .parquet)")
    options.add_model(p)
    options.add_codebook(p, of_model=True)
    p.add_argument("--out", metavar="FILE.json", default=None, help="also write all numbers as JSON")
    p.set_defaults(func=run)


def print_evaluation(ev) -> None:
    fmt = {"float_format": lambda x: f"{x:.3f}", "na_rep": "—", "index": False}
    with pd.option_context("display.width", 140):
        print("Summary")
        print(ev.summary.to_string(**fmt))
        print("\nPer class")
        print(ev.per_class.to_string(**fmt))
        print("\nConfusion matrices (rows: gold, columns: predicted)")
        for task, g in ev.confusion.groupby("task", sort=False):
            if task == "frames":
                continue
            m = g.pivot(index="gold", columns="predicted", values="n")
            order = list(dict.fromkeys(g["gold"]))
            print(f"\n{task}")
            print(m.reindex(index=order, columns=order).to_string())
        fr = ev.confusion[ev.confusion["task"] == "frames"]
        if len(fr):
            rows = []
            for frame in dict.fromkeys(s.split(":")[0] for s in fr["gold"]):
                n = {(a, b): v for a, b, v in zip(fr["gold"], fr["predicted"], fr["n"]) if a.startswith(frame + ":")}
                rows.append((frame, n[(f"{frame}:yes", f"{frame}:yes")], n[(f"{frame}:yes", f"{frame}:no")],
                             n[(f"{frame}:no", f"{frame}:yes")], n[(f"{frame}:no", f"{frame}:no")]))
            print("\nframes (tp = gold yes/predicted yes, fn, fp, tn)")
            print(pd.DataFrame(rows, columns=["frame", "tp", "fn", "fp", "tn"]).to_string(index=False))


def run(args) -> int:
    from ..atomic import write_text
    from ..evaluate import evaluate
    from ..tables import read_table

    options.check_out_file(args, example="evaluation.json")  # before any work
    df = read_table(args.labels, "labels")
    ev = evaluate(df, model=args.model, codebook=args.codebook)
    print_evaluation(ev)
    if args.out:
        write_text(args.out, json.dumps(ev.to_dict(), indent=2) + "\n")
    return 0

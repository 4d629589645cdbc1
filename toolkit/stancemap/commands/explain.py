"""``stancemap explain``: which n-grams pushed a prediction."""
from __future__ import annotations

import pandas as pd

from . import options


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "explain", help="show the n-grams that drove the frame or stance prediction for a text",
        description="Print, for one text, the word and character n-grams with the largest contribution "
                    "(coefficient × tf-idf value) to each predicted frame and to the stance toward a target.")
    p.add_argument("text", help="the statement text (quote it)")
    p.add_argument("--target", default=None,
                   help="a stance target, or 'frames'; default: predicted frames and every target whose "
                        "stance is not 'none'")
    options.add_model(p)
    p.add_argument("--top", type=int, default=10, help="n-grams per label (default 10)")
    p.add_argument("--kind", choices=["word", "char", "cluster", "cue"], default=None,
                   help="only word n-grams, character n-grams, word clusters or codebook cue counts")
    options.add_out_table(p, "table of n-grams", required=False)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..explanations import explain
    from ..modelstore import load_model
    from ..tables import write_table

    options.check_out_file(args, example="explain.csv")  # before any work
    model = load_model(args.model)
    df = explain(args.text, model, target=args.target, top=args.top, kind=args.kind)
    if df.empty:
        print("No frame passes the threshold and every stance is 'none'. Use --target frames or "
              f"--target with one of: {', '.join(model.targets)}.")
        return 0
    for (task, label), g in df.groupby(["task", "label"], sort=False):
        print(f"{task} {label}: {g['predicted'].iloc[0]} (p = {g['probability'].iloc[0]:.2f})")
        show = g[["feature", "kind", "value", "weight", "contribution"]].copy()
        show["feature"] = show["feature"].map(repr)
        with pd.option_context("display.width", 120, "display.max_colwidth", 40):
            print(show.to_string(index=False, float_format=lambda x: f"{x:+.3f}"))
        print()
    if args.out:
        write_table(df, args.out)
    return 0

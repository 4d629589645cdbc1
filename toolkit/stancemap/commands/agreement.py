"""``stancemap agreement``: Krippendorff's alpha between coders."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import options


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "agreement", help="Krippendorff's alpha per label between two or more coders",
        description="Compare coders' filled-in sample files: Krippendorff's alpha (nominal) for every frame and "
                    "stance column, with the number of units coded by at least two coders. Coders are named by "
                    "the coder column, or by file name when it is empty. Rule of thumb (Krippendorff 2004): "
                    "alpha ≥ 0.8 reliable, 0.667–0.8 tentative conclusions only.")
    p.add_argument("files", nargs="+", metavar="CODER.csv",
                   help="one labelled table per coder (two or more; .csv or .parquet)")
    p.add_argument("--unit", default=None, help="unit id column (default: statement_id, unit_id, gold_id "
                                                 "or example_id)")
    options.add_codebook(p)
    options.add_out_table(p, "agreement table", required=False)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..codebook import load_codebook
    from ..agreement import agreement
    from ..tables import read_table, write_table

    options.check_out_file(args, example="agreement.csv")  # before any work
    tables = [read_table(f, "coder") for f in args.files]
    names = [Path(f).stem for f in args.files]
    if len(set(names)) < len(names):
        names = [str(f) for f in args.files]
    df = agreement(tables, load_codebook(args.codebook), names=names, unit=args.unit)
    with pd.option_context("display.width", 140, "display.max_colwidth", 60):
        print(df.to_string(index=False, float_format=lambda x: f"{x:.3f}", na_rep="—"))
    if args.out:
        write_table(df, args.out)
    return 0

"""``stancemap sample``: a stratified sample of statements to hand-code."""
from __future__ import annotations

import sys

from . import options


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "sample", help="draw a (stratified) sample of statements for hand-coding",
        description="Write a random sample of statements with empty frame_<frame> and stance_<target> columns "
                    "and a coder column, for coders to fill in (then `stancemap agreement`, `evaluate`, "
                    "`train`). Frames: 1 = present, 0 or empty = absent. Stance: favor, against or none.")
    p.add_argument("statements", metavar="STATEMENTS.csv",
                   help="statements table, .csv or .parquet (needs a 'text' column)")
    p.add_argument("--n", type=int, default=50, help="number of statements (default 50)")
    options.add_out_table(p, "sample", metavar="SAMPLE.csv")
    p.add_argument("--by", default=None, metavar="COLUMN",
                   help="stratify by this column (e.g. actor): proportional, at least one per group")
    options.add_seed(p)
    options.add_codebook(p)
    options.add_encoding(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..codebook import load_codebook
    from ..sampling import sample
    from ..tables import read_table, write_table

    options.check_out_file(args, example="sample.csv")  # before any work
    df = read_table(args.statements, "statements", encoding=args.encoding)
    out = sample(df, n=args.n, by=args.by, seed=args.seed, codebook=load_codebook(args.codebook))
    write_table(out, args.out)
    by = f" stratified by {args.by}" if args.by else ""
    print(f"Wrote {len(out)} of {len(df)} statements{by} → {args.out}", file=sys.stderr)
    return 0

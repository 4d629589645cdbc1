"""``stancemap score``: frames, stance per target and tone for every statement
(``--engine dask [--scheduler ADDRESS]`` scores on a Dask cluster; same numbers)."""
from __future__ import annotations

import sys

from . import options


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "score", help="score statements: frame probabilities, stance per target, tone",
        description="Add frame_<frame> probabilities, frames, stance_<target>, stance_<target>_p, tone and "
                    "cue_<frame> counts to a statements table. Any CSV or Parquet table with a 'text' column "
                    "works; its other columns are carried through unchanged.")
    p.add_argument("statements", metavar="STATEMENTS.csv",
                   help="statements table, .csv or .parquet (needs a 'text' column)")
    options.add_out_table(p, "scored table", metavar="SCORED.csv")
    options.add_model(p)
    options.add_codebook(p, of_model=True)
    options.add_encoding(p)
    p.add_argument("--no-cues", action="store_true", help="leave out the cue_<frame> lexicon counts")
    options.add_engine_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..score import score
    from ..tables import read_table, write_table

    options.check_out_file(args, example="scored.csv")  # before any work
    engine = options.engine_options(args)  # a bad --engine/--scheduler pair fails before reading anything
    df = read_table(args.statements, "statements", encoding=args.encoding)
    scored = score(df, model=args.model, codebook=args.codebook, lexicon=not args.no_cues, **engine)
    write_table(scored, args.out)
    print(f"Scored {len(scored)} statement(s) → {args.out}", file=sys.stderr)
    return 0

"""``stancemap search``: the statements behind a number — keyword in context, with sources."""
from __future__ import annotations

import sys
from pathlib import Path

from . import options

#: What ``--out`` writes, by extension.
OUT_FORMATS = (".csv", ".parquet", ".html")

DESCRIPTION = """\
List every match of the search terms in the statements that pass the filters,
one line each: date, actor, speaker, the words either side of the match and the
statement id. Terms match case-insensitively as whole words or phrases ('*'
stands for any letters: sanction*); several terms match any of them. Filters
combine with 'and'; a filter given several times matches any of its values.

--out writes every column (corpora/README.md, table 'search'): the whole
statement, its source title and link, its character span in the document and
the match's within it; .html writes a page that highlights each match."""

EXAMPLES = """examples:
  stancemap search scored.csv sanctions
  stancemap search scored.csv "energy infrastructure" --actor russia --actor ukraine
  stancemap search scored.csv sanctions --frame economic --stance sanctions=against --out kwic.html
  stancemap search scored.csv "sanction*" --between 2022-02-24 2022-06-30 --out kwic.csv
  stancemap search statements.csv "cease-?fire" --regex --kind direct"""


def register(subparsers) -> None:
    from ..schema import STATEMENT_KINDS

    p = subparsers.add_parser(
        "search", help="find the statements behind a number: keyword in context, with speaker, date and source",
        formatter_class=options.raw_formatter(), epilog=EXAMPLES,
        description=DESCRIPTION)
    p.add_argument("table", metavar="TABLE",
                   help="scored or statements table, .csv or .parquet (frame and stance filters need a "
                        "scored table)")
    p.add_argument("terms", metavar="TERM", nargs="+", help="word or phrase to find (quote phrases)")
    g = p.add_argument_group("filters")
    g.add_argument("--actor", action="append", metavar="ACTOR", help="only this actor group (repeatable)")
    g.add_argument("--speaker", action="append", metavar="NAME", help="only this speaker (repeatable)")
    g.add_argument("--kind", action="append", choices=STATEMENT_KINDS, help="only this kind of statement "
                   "(repeatable)")
    g.add_argument("--frame", action="append", metavar="FRAME",
                   help="only statements the model gave this frame (repeatable: any of them)")
    g.add_argument("--stance", action="append", metavar="TARGET=VALUE",
                   help="only statements with this stance, e.g. sanctions=against (favor, against or none; "
                        "repeatable: every target must hold)")
    g.add_argument("--between", nargs=2, metavar=("START", "END"),
                   help="only statements dated START to END inclusive (YYYY-MM-DD); undated statements are "
                        "left out, with a warning giving their number")
    m = p.add_argument_group("matching and output")
    m.add_argument("--regex", action="store_true", help="the terms are Python regular expressions")
    m.add_argument("--case-sensitive", action="store_true", help="match upper and lower case as written")
    m.add_argument("--width", type=int, default=None, metavar="N",
                   help="characters of context either side of a match (default 40)")
    m.add_argument("--out", metavar="FILE", default=None,
                   help="write the matches to FILE: .csv or .parquet (every column), or .html (a page that "
                        "highlights each match, with source links); default: print them")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..errors import StancemapError
    from ..search import DEFAULT_WIDTH, describe, search, to_html, to_text
    from ..tables import read_table, write_table

    if args.out is not None and Path(args.out).suffix.lower() not in OUT_FORMATS:
        suffix = Path(args.out).suffix or "(no extension)"
        raise StancemapError(f"--out {args.out!r}: cannot write {suffix!r} files. Give a file ending in "
                             f"{', '.join(OUT_FORMATS)}.")
    table = read_table(args.table, "table")
    between = tuple(args.between) if args.between else None
    results = search(table, args.terms, actor=args.actor, speaker=args.speaker, kind=args.kind, frame=args.frame,
                     stance=args.stance, between=between, regex=args.regex, case_sensitive=args.case_sensitive,
                     width=DEFAULT_WIDTH if args.width is None else args.width, interface="cli")
    if args.out is None:
        print(to_text(results))
        return 0
    out = Path(args.out)
    if out.suffix.lower() == ".html":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(to_html(results), encoding="utf-8")
    else:
        write_table(results, out)
    print(f"{describe(results)} → {out}", file=sys.stderr)
    return 0

"""``stancemap cues``: how actors are quoted — the attribution verbs that introduce their statements."""
from __future__ import annotations

import sys
from pathlib import Path

from ..tables import TABLE_FORMATS
from . import options

#: What ``--figure`` writes, by extension.
FIGURE_FORMATS = (".html", ".png", ".svg")

DESCRIPTION = """\
Which verbs introduce each actor's statements ("said", "insisted", "warned",
"claimed", "admitted"): per group, the count and share of its statements each
verb introduces, with 95% Wilson intervals, and the verbs that set the group
apart (keyness: weighted log-odds with an informative Dirichlet prior, Monroe,
Colaresi & Quinn 2008; z > 1.96 is marked *). Inflections are grouped by the
extractor's cue lexicon (said / says / saying -> say).

INPUT is a statements or scored table (.csv/.parquet with a 'cue' column, from
stancemap extract or score), or documents (files or folders), which are
extracted first. Official texts, transcript turns and quotations after their
speaker's label, which no verb introduces, are left out with a warning that
counts them (--all-statements keeps them as '(no verb)', '(turn)' and '(label)').

--out writes the 'cue_counts' table, --keyness the 'cue_keyness' table
(corpora/README.md), --figure the chart (one panel per group)."""

EXAMPLES = """examples:
  stancemap cues corpora/ceasefire-2025-03
  stancemap cues statements.csv --out verbs.csv --keyness verb-keyness.csv --figure verbs.html
  stancemap cues statements.csv --split outlet --min-count 2
  stancemap cues statements.csv --by speaker --top 3"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "cues", help="how actors are quoted: the attribution verbs that introduce their statements",
        formatter_class=options.raw_formatter(), epilog=EXAMPLES, description=DESCRIPTION)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="statements or scored table (.csv/.parquet), or document file(s) or folder(s)")
    g = p.add_argument_group("grouping")
    g.add_argument("--by", metavar="COLUMN", default="actor",
                   help="group the statements by this column (default actor; e.g. speaker, outlet)")
    g.add_argument("--split", metavar="COLUMN", default=None,
                   help="separate shares per value of this column too (e.g. outlet, when the articles come from "
                        "several outlets)")
    g.add_argument("--min-count", type=int, default=1, metavar="N",
                   help="pool verbs used fewer than N times in the whole table as '(other)' (default 1: none)")
    g.add_argument("--all-statements", action="store_true",
                   help="count official texts, transcript turns and labelled quotations too, as the verbs "
                        "'(no verb)', '(turn)' and '(label)'")
    o = p.add_argument_group("output")
    o.add_argument("--top", type=int, default=6, metavar="N",
                   help="verbs printed and charted per group (default 6)")
    options.add_out_table(o, "verb counts (the cue_counts table)", metavar="FILE", required=False)
    o.add_argument("--keyness", metavar="FILE", default=None,
                   help="also write the verb keyness (the cue_keyness table) to FILE: .csv or .parquet")
    o.add_argument("--figure", metavar="FILE", default=None,
                   help="also write the chart to FILE: .html (plotly.js beside it), .png or .svg (these need "
                        "Chrome or Chromium)")
    options.add_actors(o)
    options.add_document_options(p)
    p.set_defaults(func=run)


def _check_int(value: int, flag: str, example: int) -> None:
    from ..errors import StancemapError

    if value < 1:
        raise StancemapError(f"{flag} {value}: give a whole number ≥ 1, e.g. {flag} {example}.")


def _check_group_column(table, column: str, flag: str, example: str) -> None:
    """A CLI error naming the bad column, the table's columns and the fix."""
    from ..errors import StancemapError, did_you_mean

    if column not in table.columns:
        have = [str(c) for c in table.columns]
        raise StancemapError(f"{flag} {column!r} is not a column of the statements table. Columns are: "
                             f"{', '.join(have)}.{did_you_mean(column, have)} Pass {flag} one of them, "
                             f"e.g. {flag} {example}.")


def load_statements(paths: list[str], registry, document_options: dict):
    """The statements table of ``paths``: a statements or scored table (one .csv/.parquet with a
    ``cue`` column) as it is, else documents loaded and extracted."""
    from .. import corpus, pipeline
    from ..tables import read_table

    if len(paths) == 1 and Path(paths[0]).is_file() and Path(paths[0]).suffix.lower() in TABLE_FORMATS:
        table = read_table(paths[0], "statements table", encoding=document_options.get("encoding"))
        if "cue" in table.columns:
            return table, None
        text = document_options.get("text_column") or "text"
        if text not in table.columns:
            from ..errors import StancemapError

            raise StancemapError(
                f"{paths[0]!r} is neither a statements table (it has no 'cue' column) nor a documents table (no "
                f"{text!r} column). Columns are: {', '.join(map(str, table.columns)) or '(none)'}. Pass the table "
                "`stancemap extract` or `stancemap score` wrote, or documents (with --text-column NAME for a "
                "table whose text is in another column).")
    docs = corpus.load(paths, **document_options)
    return pipeline.extract(docs, registry), docs


def summary(counts, keys, top: int, registry=None) -> str:
    """Lines for a terminal: per group (and split value), its n and its ``top`` verbs with count,
    share and interval; verbs whose keyness z > 1.96 are marked *."""
    split = counts.attrs.get("split")
    distinctive = set()
    if len(keys):
        hit = keys[keys["z"] > 1.96]
        distinctive = {(r["group"], r[split] if split else None, r["verb"]) for _, r in hit.iterrows()}
    lines = []
    cols = ["group", split] if split else ["group"]
    for key, d in counts.groupby(cols, sort=False):
        g, sv = (key[0], key[1]) if split else (key[0] if isinstance(key, tuple) else key, None)
        label = registry.labels.get(g, g) if registry is not None else g
        where = f", {split} {sv}" if split else ""
        d = d[d["count"] > 0].head(top)
        n = int(counts.loc[(counts["group"] == g) & ((counts[split] == sv) if split else True), "n"].max())
        verbs = "; ".join(f"{r['verb']}{'*' if (g, sv, r['verb']) in distinctive else ''} {int(r['count'])} "
                          f"({100 * r['share']:.0f}%, {100 * r['ci_low']:.0f}–{100 * r['ci_high']:.0f}%)"
                          for _, r in d.iterrows())
        lines.append(f"{label}{where} (n={n}): {verbs or 'no verb'}")
    if distinctive:
        lines.append("* keyness z > 1.96: the group's statements are notably more often introduced by that verb.")
    lines.append("Share of the group's statements introduced by each verb, with its 95% Wilson interval.")
    return "\n".join(lines)


def run(args) -> int:
    import warnings

    from ..actors import load_actors
    from ..cues import cue_counts, cue_keyness
    from ..errors import StancemapError
    from ..tables import write_table

    options.check_out_file(args, suffixes=TABLE_FORMATS, example="verbs.csv")  # before any work
    options.check_out_file(args, dest="keyness", suffixes=TABLE_FORMATS, example="verb-keyness.csv")
    options.check_out_file(args, dest="figure", suffixes=FIGURE_FORMATS, example="verbs.html")
    _check_int(args.min_count, "--min-count", 2)
    _check_int(args.top, "--top", 6)
    registry = load_actors(args.actors)
    statements, _ = load_statements(args.inputs, registry, options.document_options(args))
    _check_group_column(statements, args.by, "--by", "actor")
    if args.split is not None:
        _check_group_column(statements, args.split, "--split", "outlet")
        if args.split == args.by:
            raise StancemapError(f"--split {args.split!r} is the same column as --by; split by another column "
                                 "(e.g. --split outlet) or leave --split out.")
    kw = dict(by=args.by, split=args.split, verbs_only=not args.all_statements, registry=registry)
    counts = cue_counts(statements, min_count=args.min_count, **kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the same statements: cue_counts has warned already
        keys = cue_keyness(statements, min_count=max(1, args.min_count), **kw)
    print(summary(counts, keys, args.top, registry))
    if args.out:
        write_table(counts, args.out)
        print(f"verb counts ({len(counts)} rows) → {args.out}", file=sys.stderr)
    if args.keyness:
        write_table(keys, args.keyness)
        print(f"verb keyness ({len(keys)} rows) → {args.keyness}", file=sys.stderr)
    if args.figure:
        from ..figures import save_figure
        from ..plots import cue_chart

        n = counts.attrs.get("n_statements", len(statements))
        note = f"Source: stancemap analysis of {n} statements introduced by a verb."
        written = save_figure(cue_chart(counts, registry, top=args.top, note=note), args.figure)
        for path in written.values():
            print(f"chart → {path}", file=sys.stderr)
    return 0

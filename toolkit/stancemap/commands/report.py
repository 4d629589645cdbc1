"""``stancemap report``: the main job (``--engine dask [--scheduler ADDRESS]`` extracts
and scores on a Dask cluster; the files written are the same)."""
from __future__ import annotations

from . import options


def register(sub) -> None:
    p = sub.add_parser("report", help="load, extract, score, compare and write figures, tables and index.html",
                       description="Run the whole pipeline on articles and official texts and write a report: "
                                   "statements.csv, scored.csv, tables/ (CSV and Parquet), figures/ (HTML, and PNG "
                                   "when Chrome/Chromium is found) and index.html.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders of documents")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="output folder: new, empty or an earlier report, which is replaced whole when the new "
                        "one is complete")
    options.add_document_options(p)
    options.add_actors(p)
    options.add_codebook(p, of_model=True)
    options.add_model(p)
    options.add_formats(p)
    options.add_topic(p)
    p.add_argument("--event", action="append", default=[], metavar="DATE=LABEL",
                   help="event marker for the timeline, e.g. 2025-03-18='Trump–Putin call' (repeatable)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--n-boot", type=int, default=2000, help="bootstrap resamples (default 2000)")
    p.add_argument("--title", help="report title")
    options.add_quiet(p)
    options.add_engine_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..errors import StancemapError
    from ..report import check_out_dir, report

    check_out_dir(args.out, "out")  # before any work
    engine = options.engine_options(args)  # a bad --engine/--scheduler pair fails before any work
    events = {}
    for e in args.event:
        if "=" not in e:
            raise StancemapError(f"--event {e!r} must look like DATE=LABEL, e.g. 2025-03-18='Trump–Putin call'.")
        d, label = e.split("=", 1)
        events[d.strip()] = label.strip()
    res = report(args.inputs, args.out, actors=args.actors, codebook=args.codebook, model=args.model,
                 formats=options.formats(args), events=events or None,
                 n_boot=args.n_boot, seed=args.seed, progress=False if args.quiet else None, title=args.title,
                 topic=options.topics(args),
                 **options.document_options(args), **engine)
    per = res.statements["actor"].value_counts()
    print(f"{len(res.documents)} document(s), {len(res.statements)} statement(s) "
          f"({', '.join(f'{k} {v}' for k, v in per.items())}); {len(res.figures)} figure(s)")
    print(f"Report: {res.index}")
    return 0

"""``stancemap extract``: who said what — the statements table of articles and official texts."""
from __future__ import annotations

from ..tables import TABLE_FORMATS, write_table
from . import options

DESCRIPTION = """\
Read articles or official texts (.txt/.md/.html/.csv/.jsonl/.parquet files or
folders), find every statement — direct quotes, reported speech with a cue verb
("said that", "insisted", "accused X of"), institutional statements, transcript
turns — attribute it to a speaker, and map the speaker to an actor group of the
registry. Speakers not in the registry are kept with actor 'unattributed'.

Output columns: statement_id, doc_id, actor, speaker, cue, kind
(direct|mixed|indirect|official), text, char_start, char_end (span of text in
the cleaned document), sentence, date, source_title, source_url, outlet,
language, license, extractor, confidence.

Example: stancemap extract corpora/ceasefire-2025-03 --out statements.csv"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "extract", help="extract attributed statements (who said what) from documents",
        description=DESCRIPTION, formatter_class=options.raw_formatter())
    p.add_argument("paths", nargs="+", metavar="PATH", help="document file(s) or folder(s)")
    options.add_out_table(p, "statements table")
    options.add_actors(p)
    options.add_document_options(p)
    options.add_progress(p)
    options.add_engine_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from .. import corpus, pipeline
    from ..actors import load_actors
    from ..schema import UNATTRIBUTED

    out = args.out
    options.check_out_file(args, suffixes=TABLE_FORMATS, example="statements.csv")  # before any work
    engine = options.engine_options(args)  # a bad --engine/--scheduler pair fails before any work
    registry = load_actors(args.actors)
    docs = corpus.load(args.paths, **options.document_options(args))
    statements = pipeline.extract(docs, registry, progress=args.progress, **engine)
    write_table(statements, out)
    counts = statements["actor"].value_counts()
    per_actor = ", ".join(f"{a} {int(counts.get(a, 0))}" for a in registry.actors)
    print(f"{len(docs)} document(s), {len(statements)} statement(s): {per_actor}; "
          f"{UNATTRIBUTED} {int(counts.get(UNATTRIBUTED, 0))} → {out}")
    return 0

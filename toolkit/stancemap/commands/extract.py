"""``stancemap extract``: who said what — the statements table of articles and official texts."""
from __future__ import annotations

from pathlib import Path

from ..errors import StancemapError
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
    p.add_argument("--kind", choices=("article", "official"), default="article",
                   help="'official' marks the texts as the actor's own words (default: article)")
    p.add_argument("--actor", default=None, help="actor group of the author, with --kind official")
    p.add_argument("--speaker", default=None, help="speaker/institution of the author, with --kind official")
    p.add_argument("--text-column", default="text", help="text column of .csv/.jsonl/.parquet input (default: text)")
    options.add_progress(p)
    options.add_engine_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from .. import corpus, pipeline
    from ..actors import load_actors
    from ..schema import UNATTRIBUTED

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise StancemapError(f"Output file {str(out)!r} has extension {suffix or '(none)'!r}; "
                             f"valid: {', '.join(TABLE_FORMATS)}. Name it e.g. statements.csv.")
    engine = options.engine_options(args)  # a bad --engine/--scheduler pair fails before any work
    registry = load_actors(args.actors)
    docs = corpus.load(args.paths, kind=args.kind, actor=args.actor, speaker=args.speaker,
                       text_column=args.text_column)
    statements = pipeline.extract(docs, registry, progress=args.progress, **engine)
    write_table(statements, out)
    counts = statements["actor"].value_counts()
    per_actor = ", ".join(f"{a} {int(counts.get(a, 0))}" for a in registry.actors)
    print(f"{len(docs)} document(s), {len(statements)} statement(s): {per_actor}; "
          f"{UNATTRIBUTED} {int(counts.get(UNATTRIBUTED, 0))} → {out}")
    return 0

"""Options shared by several commands, each defined once with one help text.

A command adds an option with ``add_<option>(parser, ...)``; the keyword
arguments only say whether it is required and which file it names, never a
new help text. ``engine_options(args)`` turns the engine options into the
keyword arguments of :func:`stancemap.score` and :func:`stancemap.report`.
"""
from __future__ import annotations

import argparse

from ..errors import StancemapError
from ..interface import DEFAULT_FORMATS
from ..runtime import ENGINES, check_engine
from ..tables import TABLE_FORMATS

HELP = {
    "actors": "actor registry YAML (default: the bundled corpora/actors.yaml)",
    "codebook": "codebook YAML (default: the bundled corpora/codebook.yaml)",
    "codebook_of_model": "codebook YAML (default: the model's own, else the bundled one)",
    "model": "model directory (default: the bundled default model, models/default)",
    "out_table": "where to write the {what}: .csv or .parquet (chosen by the extension)",
    "also_out_table": "also write the {what} to FILE: .csv or .parquet (chosen by the extension)",
    "jobs": "work in N processes on this machine (default 1; -1 = every CPU); the results are the same",
    "seed": "random seed (default 0)",
    "folds": "cross-validation folds for the model card (default {default}{skip})",
    "quiet": "no progress bar",
    "progress": "show a progress bar",
    "formats": "figure formats, comma-separated (default: html,png; png/svg need Chrome or Chromium)",
    "engine": "pandas (this machine, default) or dask (partitions on a Dask cluster; same numbers)",
    "scheduler": "with --engine dask: address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                 "(default: start a local cluster); or sync/threads/processes for Dask's local schedulers",
    "workers": "with --engine dask and no --scheduler: worker processes of the local cluster (default 2)",
    "text_column": "text column of .csv/.tsv/.jsonl/.parquet documents (default: text)",
    "kind": "'official' marks the texts as the actor's own words (default: article)",
    "actor": "actor group of the texts' author, with --kind official (e.g. russia); not the registry: see --actors",
    "speaker": "speaker or institution of the texts' author, with --kind official (e.g. Kremlin)",
    "encoding": "text encoding of the input files, e.g. cp1252 (default: UTF-8{detect})",
    "topic": "compare only the statements on this codebook topic, e.g. war or ceasefire (a statement or its "
             "sentence matches a cue of the topic); repeatable or comma-separated (on any); the topics are "
             "those of --codebook, else of the bundled corpora/codebook.yaml (default: every statement)",
}

#: The options of :func:`add_document_options`, as ``corpus.load`` names them.
DOCUMENT_OPTIONS = ("text_column", "kind", "actor", "speaker", "encoding")


def add_out_table(p, what: str, *, metavar: str = "FILE.csv", required: bool = True) -> None:
    """``--out FILE``: the table a command writes (``required=False``: an extra copy)."""
    key = "out_table" if required else "also_out_table"
    p.add_argument("--out", metavar=metavar, required=required, default=None,
                   help=HELP[key].format(what=what))


def add_document_options(p) -> None:
    """``--text-column``, ``--kind``, ``--actor``, ``--speaker`` and ``--encoding``: how every
    command that reads documents reads them (:func:`document_options` gives ``corpus.load``'s keywords)."""
    g = p.add_argument_group("documents")
    g.add_argument("--text-column", metavar="NAME", default="text", help=HELP["text_column"])
    g.add_argument("--kind", choices=("article", "official"), default="article", help=HELP["kind"])
    g.add_argument("--actor", metavar="GROUP", default=None, help=HELP["actor"])
    g.add_argument("--speaker", metavar="NAME", default=None, help=HELP["speaker"])
    add_encoding(g, detect=True)


def document_options(args) -> dict:
    """``{"text_column", "kind", "actor", "speaker", "encoding"}`` from :func:`add_document_options`."""
    return {k: getattr(args, k) for k in DOCUMENT_OPTIONS}


def add_encoding(p, *, detect: bool = False) -> None:
    """``--encoding NAME``: the text encoding of the input (``detect``: UTF-8 else cp1252 is guessed)."""
    p.add_argument("--encoding", metavar="NAME", default=None,
                   help=HELP["encoding"].format(detect=", else cp1252 with a warning" if detect else ""))


def check_out_file(args, *, dest: str = "out", suffixes=None, example: str = "out.csv") -> None:
    """Fail before any work, in one line, when the file ``--out`` (``dest``) names cannot be written
    (a folder, a read-only place, a parent that is a file; ``suffixes``: the valid extensions)."""
    from ..atomic import check_output_file

    if getattr(args, dest, None):
        check_output_file(getattr(args, dest), dest, suffixes=suffixes, example=example)


def check_out_dir(args, *, dest: str = "out") -> None:
    """Fail before any work, in one line, when the folder ``--out`` names cannot be written into."""
    from ..atomic import check_output_folder

    if getattr(args, dest, None):
        check_output_folder(getattr(args, dest), dest, whole=False)


def add_actors(p) -> None:
    """``--actors FILE``: the actor registry."""
    p.add_argument("--actors", metavar="FILE", default=None, help=HELP["actors"])


def add_codebook(p, *, of_model: bool = False) -> None:
    """``--codebook FILE``; ``of_model=True`` where a model supplies the default codebook."""
    p.add_argument("--codebook", metavar="FILE", default=None,
                   help=HELP["codebook_of_model" if of_model else "codebook"])


def add_topic(p) -> None:
    """``--topic NAME``: keep the statements on a codebook topic (repeatable; :func:`topics` joins them)."""
    p.add_argument("--topic", action="append", default=[], metavar="NAME", help=HELP["topic"])


def topics(args) -> list[str] | None:
    """The ``--topic`` values, comma lists split, or None when none was given."""
    given = getattr(args, "topic", None) or []
    out = [t.strip() for v in given for t in v.split(",") if t.strip()]
    if given and not out:
        raise StancemapError(f"--topic {given[0]!r} names no topic. Give a topic of the codebook, e.g. --topic war.")
    return out or None


def add_model(p) -> None:
    """``--model DIR``: the model directory."""
    p.add_argument("--model", metavar="DIR", default=None, help=HELP["model"])


def add_jobs(p) -> None:
    """``--jobs N``: processes on this machine."""
    p.add_argument("--jobs", type=int, default=1, metavar="N", help=HELP["jobs"])


def add_seed(p) -> None:
    """``--seed N``: the random seed (default 0)."""
    p.add_argument("--seed", type=int, default=0, help=HELP["seed"])


def add_folds(p, *, can_skip: bool = False) -> None:
    """``--folds K``: cross-validation folds for the model card (``can_skip``: 0 = skip)."""
    p.add_argument("--folds", type=int, default=5,
                   help=HELP["folds"].format(default=5, skip="; 0 = skip" if can_skip else ""))


def add_quiet(p) -> None:
    """``--quiet``: no progress bar."""
    p.add_argument("--quiet", action="store_true", help=HELP["quiet"])


def add_progress(p) -> None:
    """``--progress``: show a progress bar."""
    p.add_argument("--progress", action="store_true", help=HELP["progress"])


def add_formats(p) -> None:
    """``--formats html,png``: figure formats."""
    p.add_argument("--formats", default=DEFAULT_FORMATS, help=HELP["formats"])


def formats(args) -> tuple[str, ...]:
    """The ``--formats`` value as a tuple (empty items dropped)."""
    return tuple(f.strip() for f in args.formats.split(",") if f.strip())


def add_engine_arguments(parser) -> None:
    """Add ``--engine {pandas,dask}``, ``--scheduler ADDRESS``, ``--workers N`` and ``--jobs N`` to a subcommand."""
    g = parser.add_argument_group("scale (processes, Dask)")
    g.add_argument("--engine", choices=ENGINES, default="pandas", help=HELP["engine"])
    g.add_argument("--scheduler", metavar="ADDRESS", help=HELP["scheduler"])
    g.add_argument("--workers", type=int, default=2, metavar="N", help=HELP["workers"])
    add_jobs(g)


def engine_options(args) -> dict:
    """``{"engine", "scheduler", "n_workers", "n_jobs"}`` from parsed :func:`add_engine_arguments` options."""
    engine = check_engine(getattr(args, "engine", None), getattr(args, "scheduler", None))
    jobs = getattr(args, "jobs", 1)
    jobs = 1 if jobs is None else jobs  # 0 or -2 reach the n_jobs check and its error
    if engine == "dask" and jobs != 1:
        raise StancemapError(f"--jobs {jobs} applies to the pandas engine; with --engine dask the work is spread "
                             "over the cluster's workers (--workers N for a local cluster). Drop --jobs.")
    return {"engine": engine, "scheduler": getattr(args, "scheduler", None),
            "n_workers": int(getattr(args, "workers", 2) or 2), "n_jobs": jobs}


def raw_formatter() -> type[argparse.HelpFormatter]:
    """The help formatter that keeps a description's line breaks (examples)."""
    return argparse.RawDescriptionHelpFormatter


__all__ = ["DOCUMENT_OPTIONS", "ENGINES", "HELP", "TABLE_FORMATS", "add_actors", "add_codebook",
           "add_document_options", "add_encoding", "add_engine_arguments", "add_folds", "add_formats", "add_jobs",
           "add_model", "add_out_table", "add_progress", "add_quiet", "add_seed", "add_topic", "check_out_dir", "check_out_file",
           "document_options",
           "engine_options", "formats", "raw_formatter", "topics"]

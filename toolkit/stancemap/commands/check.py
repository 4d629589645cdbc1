"""``stancemap check``: validate actor registries, codebooks and dataset registries."""
from __future__ import annotations


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check", help="validate an actor registry, codebook or dataset registry (YAML)",
        description="Check YAML files against their schema before you use them: unknown keys (e.g. 'alias:' "
                    "for 'aliases:'), wrong types, colours and dates are reported with the file, line and fix. "
                    "The kind of each file is told by its top-level key: actors: (actor registry), frames: and "
                    "stance: (codebook), datasets: (dataset registry). Exit 0 when every file is OK, 1 when "
                    "a file has problems, 2 when a file cannot be read.")
    p.add_argument("files", nargs="+", metavar="FILE.yaml", help="files to check")
    p.add_argument("--kind", choices=["registry", "codebook", "datasets"], default=None,
                   help="treat every file as this kind instead of detecting it")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..configcheck import KINDS, check_any
    from ..errors import StancemapError

    status = 0
    for path in args.files:
        kind, problems = check_any(path, args.kind)
        what = KINDS[kind][1]
        if not problems:  # the shape is right: now what only the loader knows (reserved names, duplicates …)
            try:
                _load(kind, path)
            except StancemapError as e:
                problems = [str(e)]
        if problems:
            status = 1
            print(f"{path}: {what}, {len(problems)} problem(s):")
            for p in problems:
                print(f"  {p}")
        else:
            print(f"{path}: {what} OK")
    return status


def _load(kind: str, path: str) -> None:
    if kind == "registry":
        from ..actors import load_actors
        load_actors(path)
    elif kind == "codebook":
        from ..codebook import load_codebook
        load_codebook(path)
    else:
        from ..datasets import load_registry
        load_registry(path)

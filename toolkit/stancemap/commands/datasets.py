"""``stancemap datasets``: list, describe, fetch, locate and load the public datasets."""
from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from pathlib import Path

import pandas as pd

from .. import datasets as ds
from ..atomic import replace_file
from ..tables import TABLE_FORMATS, write_table
from . import options

DESCRIPTION = """\
Public, openly licensed statement corpora described in corpora/datasets.yaml
(upstream URL pinned to a commit, sha256 of every file, licence, citation).
Their files live in a data directory: --data-dir, else $STANCEMAP_DATA, else a
per-user cache. Only `fetch` uses the network; every file is checked against
its sha256 before it is read.

examples:
  stancemap datasets list
  stancemap datasets info ungdc-2014-2024
  stancemap datasets fetch kremlin-kyiv-press-2021-2022
  STANCEMAP_DATA=../shared/datasets stancemap datasets fetch all --offline
  stancemap datasets load ungdc-2014-2024 --countries USA RUS UKR -o ungdc.csv
"""


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--data-dir", metavar="DIR", default=None,
                   help=f"data directory (default: ${ds.DATA_ENV}, else the user cache)")
    p.add_argument("--registry", metavar="FILE", default=None,
                   help="dataset registry YAML (default: the bundled corpora/datasets.yaml)")
    return p


def register(subparsers) -> None:
    common = _common()
    p = subparsers.add_parser("datasets", help="list, describe, fetch and load the public datasets",
                              description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="datasets_command", metavar="ACTION")

    q = sub.add_parser("list", parents=[common], help="list the datasets and whether they are present locally")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.add_argument("--verify", action="store_true",
                   help="check the sha256 of every present file (adds a 'verified' column)")
    q.set_defaults(func=_list)

    q = sub.add_parser("info", parents=[common], help="upstream, licence, attribution, citation and files")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--files", action="store_true", help="list every file with its sha256 and URL")
    q.add_argument("--format", choices=["text", "json"], default="text")
    q.set_defaults(func=_info)

    q = sub.add_parser("fetch", parents=[common],
                       help="download missing files and verify every sha256 (NAME or 'all')",
                       description="Check every file of the dataset(s) against its sha256 and download the "
                                   "missing ones from the pinned upstream URLs. A changed file is refused: "
                                   "delete it and fetch again. --offline only checks.")
    q.add_argument("names", nargs="+", metavar="NAME", help="dataset name(s), or 'all'")
    q.add_argument("--offline", action="store_true", help="do not download; fail if files are missing")
    q.add_argument("--workers", type=int, default=8, help="parallel downloads (default 8)")
    q.set_defaults(func=_fetch)

    q = sub.add_parser("path", parents=[common], help="print the folder of a dataset in the data directory")
    q.add_argument("name", metavar="NAME")
    q.set_defaults(func=_path)

    q = sub.add_parser("load", parents=[common], help="write a dataset as a documents table (csv, parquet, jsonl)",
                       description="Load a dataset from the data directory into the documents table "
                                   "and write it to FILE (.csv, .parquet, .jsonl or .json). No network.")
    q.add_argument("name", metavar="NAME")
    q.add_argument("-o", "--output", required=True, metavar="FILE")
    q.add_argument("--countries", nargs="+", metavar="ISO3", help="UNGDC: load exactly these country codes")
    q.add_argument("--all-countries", action="store_true",
                   help="UNGDC: also load countries outside the actor map (as 'unattributed')")
    q.add_argument("--actors-map", metavar="FILE",
                   help="UNGDC: country -> actor map (default corpora/ungdc-actors.yaml)")
    q.add_argument("--years", nargs="+", type=int, metavar="YEAR", help="UNGDC: only these years")
    q.add_argument("--sources", nargs="+", choices=["kremlin", "kyiv"],
                   help="kremlin-kyiv-press-2021-2022: only these halves")
    q.add_argument("--sections", nargs="+", metavar="FOLDER",
                   help="whitehouse-2021-2026: only these upstream folders (e.g. briefings-statements remarks)")
    q.add_argument("--since", metavar="YYYY-MM-DD", help="whitehouse-2021-2026: pages from this date on")
    q.add_argument("--until", metavar="YYYY-MM-DD", help="whitehouse-2021-2026: pages up to this date")
    q.add_argument("--keywords", nargs="*", metavar="WORD",
                   help="uk-pm-commons-2019-2026: only contributions mentioning one of these word starts; with no "
                        "word, the Ukraine/Russia list (" + ", ".join(ds.UKRAINE_KEYWORDS) + ")")
    q.add_argument("--no-dedupe", action="store_true",
                   help="zelensky-speeches-2022-2023: keep the addresses zelensky-speeches-2022 also holds")
    q.add_argument("--no-verify", action="store_true", help="skip the sha256 check (faster, less safe)")
    q.set_defaults(func=_load)

    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _where(args) -> str:
    if args.data_dir:
        return "--data-dir"
    return f"${ds.DATA_ENV}" if os.environ.get(ds.DATA_ENV) else "default user cache"


def _list(args) -> int:
    table = ds.list_datasets(args.data_dir, registry=args.registry, verify=args.verify)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        print(table.to_json(orient="records", indent=2))
    else:
        root = ds.resolve_data_dir(args.data_dir)
        print(f"Data directory: {root} ({_where(args)})\n")
        shown = ["name", "local", "files", "license", "upstream"] + (["verified"] if args.verify else [])
        print(table[shown].to_string(index=False))
        print()
        for row in table.itertuples():
            print(textwrap.fill(f"{row.name}: {row.description}", width=100, subsequent_indent="    "))
        print("\nMore: stancemap datasets info NAME. Download: stancemap datasets fetch NAME.")
    return 0


def _info(args) -> int:
    info = ds.dataset_info(args.name, registry=args.registry)
    root = ds.dataset_path(args.name, args.data_dir, registry=args.registry)
    present = sum((root / f["path"]).is_file() for f in info["files"])
    local = "complete" if present == info["n_files"] else ("missing" if present == 0 else f"partial ({present} files)")
    if args.format == "json":
        out = dict(info, local_path=str(root), local=local)
        if not args.files:
            out["files"] = out["files"][:10]
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    wrap = lambda label, text: textwrap.fill(text, width=100, initial_indent=f"{label:<13}",  # noqa: E731
                                             subsequent_indent=" " * 13)
    print(info["name"])
    print(wrap("", info["description"]))
    print(wrap("Upstream:", f"{info['upstream_url']}"))
    print(wrap("Licence:", info["license"] + (f" — {info['license_note']}" if info["license_note"] else "")))
    print(wrap("Attribution:", info["attribution"]))
    print(wrap("Cite:", info["citation"]))
    print(wrap("Local:", f"{root} ({local}; {_where(args)})"))
    print(wrap("Load:", f'stancemap.datasets.load_dataset("{info["name"]}") or '
                         f'`stancemap datasets load {info["name"]} -o docs.csv`'))
    files = info["files"] if args.files else info["files"][:5]
    more = "" if args.files or info["n_files"] <= 5 else " (first 5; --files for all)"
    print(f"Files:       {info['n_files']}{more}")
    for f in files:
        print(f"  {f['path']}\n    sha256 {f['sha256']}\n    {f['url']}")
    return 0


def _fetch(args) -> int:
    names = args.names
    if "all" in names:
        names = sorted(ds.load_registry(args.registry))
    for name in names:
        root = ds.fetch(name, args.data_dir, download=not args.offline, registry=args.registry,
                        workers=args.workers, progress=sys.stderr.isatty())
        n = len(ds.get_dataset(name, args.registry).files)
        print(f"ok: {name}: {n} file(s) present and matching their sha256 in {root}")
    return 0


def _path(args) -> int:
    print(ds.dataset_path(args.name, args.data_dir, registry=args.registry))
    return 0


#: What ``datasets load -o FILE`` writes, by extension.
LOAD_FORMATS = (*TABLE_FORMATS, ".jsonl", ".json")


def _write(df: pd.DataFrame, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix in TABLE_FORMATS:
        write_table(df, path)
        return
    with replace_file(path) as tmp:
        if suffix == ".jsonl":
            df.to_json(tmp, orient="records", lines=True, force_ascii=False)
        else:
            df.to_json(tmp, orient="records", force_ascii=False, indent=1)


def _load(args) -> int:
    opts: dict = {}
    if args.no_verify:
        opts["verify"] = False
    for key, value in (("countries", args.countries), ("actors_map", args.actors_map), ("years", args.years),
                       ("sources", args.sources), ("sections", args.sections), ("since", args.since),
                       ("until", args.until)):
        if value:
            opts[key] = value
    if args.keywords is not None:
        opts["keywords"] = args.keywords or list(ds.UKRAINE_KEYWORDS)
    if args.no_dedupe:
        opts["dedupe"] = False
    if args.all_countries:
        opts["all_countries"] = True
    options.check_out_file(args, dest="output", suffixes=LOAD_FORMATS, example="docs.csv")  # before any work
    docs = ds.load_dataset(args.name, args.data_dir, registry=args.registry, **opts)
    out = Path(args.output)
    _write(docs, out)
    counts = ", ".join(f"{k}: {v}" for k, v in docs["doc_actor"].value_counts().sort_index().items())
    print(f"wrote {len(docs)} documents ({counts}) to {out}")
    return 0

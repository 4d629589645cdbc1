"""``stancemap model``: build the default model, write model cards, show a model."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import options


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "model", help="build the default model, (re)write a model card, or describe a model",
        description="`stancemap model build` trains the default model from the bundled codebook, the constructed "
                    "examples and the train and dev parts of corpora/real-labels, whose sentences it reads from the public "
                    "datasets (STANCEMAP_DATA; deterministic, offline; `make model` runs it), and writes "
                    "models/default with its MODEL_CARD.md. `stancemap model card` rewrites a model's card (seed-gold and real-text "
                    "scores are recomputed). `stancemap model info` prints a model's metadata.")
    sub = p.add_subparsers(dest="model_command", metavar="ACTION", required=True)
    b = sub.add_parser("build", help="train, cross-validate and save the default model")
    b.add_argument("--out", metavar="DIR", default=None, help="directory (default: models/default)")
    options.add_folds(b)
    options.add_seed(b)
    b.set_defaults(func=run_build, interrupted="the model folder is incomplete: its model.json is written last "
                                               "and is missing, so it will not load. Run the build again.")
    w = sub.add_parser(
        "clusters", help="learn the default model's word clusters again from the six datasets",
        description="Learns the word-cluster table (PPMI, SVD, k-means; stancemap.word_clusters) from every "
                    "document of the six public datasets and writes it (default: the pinned "
                    "corpora/word-clusters/clusters.npz, with a .json saying how it was learned), then says how many "
                    "stems changed cluster. The SVD's last digits depend on the BLAS and its number of threads, so "
                    "another machine or setting can learn a slightly different table; `stancemap model build` reads "
                    "the pinned one, so rebuild the model after writing it.")
    w.add_argument("--out", metavar="FILE.npz", default=None,
                   help="where to write the table (default: corpora/word-clusters/clusters.npz)")
    w.add_argument("--data-dir", metavar="DIR", default=None,
                   help="data directory of the public datasets (default: $STANCEMAP_DATA, else ../shared/datasets "
                        "beside the checkout, else the user cache)")
    w.set_defaults(func=run_clusters, interrupted="nothing was written: the table and its .json are each written "
                                                  "atomically. Run the command again.")
    c = sub.add_parser("card", help="write MODEL_CARD.md next to a model")
    options.add_model(c)
    c.set_defaults(func=run_card)
    i = sub.add_parser("info", help="print a model's metadata as JSON")
    options.add_model(i)
    i.set_defaults(func=run_info)


def _dir(arg):
    from ..modelstore import repo_models_dir

    return Path(arg) if arg is not None else repo_models_dir() / "default"


def run_build(args) -> int:
    import os
    import subprocess

    from ..build import build_default_model, numerics_pinned, pinned_numerics
    from ..modelcard import model_card

    options.check_out_dir(args)  # before any work
    if not numerics_pinned():
        # numpy has read its CPU dispatch already: the build runs again in a process with pinned numerics
        argv = ["model", "build", "--folds", str(args.folds), "--seed", str(args.seed)]
        argv += ["--out", args.out] if args.out is not None else []
        return subprocess.run([sys.executable, "-m", "stancemap", *argv],
                              env={**os.environ, **pinned_numerics()}).returncode
    t0 = time.perf_counter()
    model, d = build_default_model(args.out, cv=args.folds, random_state=args.seed)
    card = model_card(model, d)
    size = sum(f.stat().st_size for f in d.iterdir() if f.is_file())
    print(f"Built the default model in {time.perf_counter() - t0:.1f} s → {d} ({size / 1e6:.2f} MB); "
          f"model card: {card}", file=sys.stderr)
    return 0


def run_clusters(args) -> int:
    import numpy as np
    import sklearn
    from threadpoolctl import threadpool_info

    from ..errors import StancemapError
    from ..paths import word_clusters_file
    from ..training import cluster_datasets, learn_bundled_clusters, load_cluster_table, save_cluster_table
    from ..word_clusters import CLUSTER_SETTINGS

    out = Path(args.out) if args.out else word_clusters_file()
    if out.suffix != ".npz":
        raise StancemapError(f"--out {out}: a word-cluster table is a .npz file. Name one, e.g. --out "
                             f"{out.with_suffix('.npz')}.")
    options.check_out_dir(argparse.Namespace(out=str(out.parent)))  # before any work
    t0 = time.perf_counter()
    table = learn_bundled_clusters(args.data_dir)
    blas = sorted({f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')}, "
                   f"{i.get('num_threads')} thread(s)" for i in threadpool_info() if i.get("internal_api") != "openmp"})
    about = {"datasets": cluster_datasets(), "settings": CLUSTER_SETTINGS,
             "stems": int(len(table.columns)),
             "learned": f"stancemap model clusters with numpy {np.__version__}, scikit-learn {sklearn.__version__}, "
                        f"BLAS: {'; '.join(blas) or 'unknown'}"}
    try:
        before = load_cluster_table(out) if out.is_file() else None
    except StancemapError:  # not a table: it is replaced, with nothing to compare
        before = None
    save_cluster_table(table, out, about)
    said = f"Learned {len(table.columns):,} stem columns in {table.k} clusters in {time.perf_counter() - t0:.0f} s → {out}"
    if before is not None:
        if np.array_equal(before.columns, table.columns) and before.k == table.k:
            changed = int((before.ids != table.ids).sum())
            news = f"{changed:,} columns changed cluster" if changed else ""
        else:
            news = "other columns than before"
        said += (f"; {news} (run `stancemap model build` to rebuild the model with it)" if news
                 else "; the same table as before")
    print(said, file=sys.stderr)
    return 0


def run_card(args) -> int:
    from ..modelcard import model_card
    from ..modelfile import StanceMapModel

    d = _dir(args.model)
    card = model_card(StanceMapModel.load(d), d)
    print(f"Wrote {card}", file=sys.stderr)
    return 0


def run_info(args) -> int:
    from ..modelfile import StanceMapModel

    d = _dir(args.model)
    StanceMapModel.load(d)  # checks that it loads
    print(json.dumps(json.loads((d / "model.json").read_text(encoding="utf-8")), indent=2, ensure_ascii=False))
    return 0

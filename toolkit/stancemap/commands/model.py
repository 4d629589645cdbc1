"""``stancemap model``: build the default model, write model cards, show a model."""
from __future__ import annotations

import json
import sys
import time

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
    c = sub.add_parser("card", help="write MODEL_CARD.md next to a model")
    options.add_model(c)
    c.set_defaults(func=run_card)
    i = sub.add_parser("info", help="print a model's metadata as JSON")
    options.add_model(i)
    i.set_defaults(func=run_info)


def _dir(arg):
    from pathlib import Path

    from ..modelstore import repo_models_dir

    return Path(arg) if arg is not None else repo_models_dir() / "default"


def run_build(args) -> int:
    from ..build import build_default_model
    from ..modelcard import model_card

    options.check_out_dir(args)  # before any work
    t0 = time.perf_counter()
    model, d = build_default_model(args.out, cv=args.folds, random_state=args.seed)
    card = model_card(model, d)
    size = sum(f.stat().st_size for f in d.iterdir() if f.is_file())
    print(f"Built the default model in {time.perf_counter() - t0:.1f} s → {d} ({size / 1e6:.2f} MB); "
          f"model card: {card}", file=sys.stderr)
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

"""Build the default model: train it from the bundled files, cross-validate it, save it
and (optionally) write its model card. ``stancemap model build`` (``make model``) runs it,
then writes the card.

Deterministic: the same files and seed give the same bytes in ``models/default``.
"""
from __future__ import annotations

import os
import warnings
from pathlib import Path

from .crossval import cross_validate
from .modelcard import model_card
from .modelfile import StanceMapModel
from .modelstore import repo_models_dir
from .training import bundled_training, train_model


def build_default_model(directory: str | os.PathLike | None = None, *, cv: int | None = 5,
                        random_state: int = 0, card: bool = False) -> tuple[StanceMapModel, Path]:
    """Train the default model from the bundled data, cross-validate it (``cv`` folds; 0 or
    None skips it), save it (default ``models/default``) and, with ``card``, write its
    ``MODEL_CARD.md`` (:func:`~stancemap.modelcard.model_card`). Returns the model and
    its directory."""
    data, cb = bundled_training()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model = train_model(data, cb, random_state=random_state, table="bundled training data")
    if cv:
        model.metadata["crossval"] = cross_validate(data, cb, folds=cv, random_state=random_state).to_dict()
    d = Path(directory) if directory is not None else repo_models_dir() / "default"
    model.save(d)
    if card:
        model_card(model, d)
    return model, d


__all__ = ["build_default_model"]

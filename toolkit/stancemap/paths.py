"""Where data lives: the bundled corpora folder and the public datasets' data directory."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import StancemapError


def corpora_dir() -> Path:
    """The bundled ``corpora/`` folder (``STANCEMAP_CORPORA`` overrides it)."""
    env = os.environ.get("STANCEMAP_CORPORA")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parents[2] / "corpora"
    if here.is_dir():
        return here
    raise StancemapError(
        "Cannot find the bundled corpora/ folder. Install stancemap from a checkout "
        "with `pip install -e .`, or set STANCEMAP_CORPORA to the corpora/ folder.")


def bundled(*parts: str) -> Path:
    """Path of a file under the bundled corpora folder."""
    return corpora_dir().joinpath(*parts)


def real_labels_file() -> Path:
    """The double-coded real labels, ``corpora/real-labels/labels.csv`` (read by
    :mod:`stancemap.datasets.labelrefs`; hashed into the default model's fingerprint)."""
    return bundled("real-labels", "labels.csv")


def word_clusters_file() -> Path:
    """The default model's pinned word-cluster table, ``corpora/word-clusters/clusters.npz``
    (read by :func:`stancemap.training.bundled_clusters`; hashed into the default model's fingerprint)."""
    return bundled("word-clusters", "clusters.npz")


# --------------------------------------------------------------------------- the public datasets' folder

#: Environment variable naming the data directory of the public datasets.
DATA_ENV = "STANCEMAP_DATA"


def checkout_datasets_dir() -> Path | None:
    """``../shared/datasets`` beside the repository checkout, when that folder exists."""
    candidate = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
    return candidate if candidate.is_dir() else None


def user_cache_dir() -> Path:
    """The per-user cache folder for the public datasets (``pooch.os_cache("stancemap")``)."""
    import pooch  # light import; only for the platform's cache folder

    return Path(pooch.os_cache("stancemap"))


def data_dir_origin(explicit: str | os.PathLike | None = None) -> str:
    """Which step of :func:`data_dir` applies: ``"argument"``, ``"environment"`` or ``"default"``."""
    if explicit is not None and str(explicit) != "":
        return "argument"
    return "environment" if os.environ.get(DATA_ENV) else "default"


def data_dir(explicit: str | os.PathLike | None = None, *, checkout: bool = True,
             cache: bool = True) -> Path | None:
    """The data directory of the public datasets (``DATA/<dataset>/<file>``), the one policy:

    1. ``explicit`` (a ``data_dir=`` argument, ``--data-dir``), unless None or "";
    2. else ``$STANCEMAP_DATA``, unless unset or "";
    3. else ``../shared/datasets`` beside the checkout when it exists (development
       and CI) — skipped with ``checkout=False``;
    4. else the per-user cache (:func:`user_cache_dir`) — skipped with ``cache=False``,
       and then None is returned.

    ``~`` is expanded; nothing is checked for existence (the callers say what is missing).
    The registry commands (list, fetch, path) use ``checkout=False``, so a fetch never
    writes into the shared copy unless asked; the real-text evaluation set uses
    ``cache=False`` and reports a missing folder itself.
    """
    origin = data_dir_origin(explicit)
    if origin == "argument":
        return Path(explicit).expanduser()
    if origin == "environment":
        return Path(os.environ[DATA_ENV]).expanduser()
    found = checkout_datasets_dir() if checkout else None
    if found is not None:
        return found
    return user_cache_dir() if cache else None

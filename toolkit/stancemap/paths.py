"""Where bundled data lives."""
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

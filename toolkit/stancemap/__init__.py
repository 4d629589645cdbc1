"""stancemap: compare what political actors say.

load → clean → extract → score → compare → plot, each a function that takes a
tidy pandas table and returns a new one.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .actors import ActorRegistry, load_actors  # noqa: E402
from .errors import StancemapError  # noqa: E402

__all__ = ["ActorRegistry", "StancemapError", "__version__", "load_actors"]

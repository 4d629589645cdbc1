"""stancemap: compare what political actors say.

load → extract → score → compare → plot, each a function that takes a tidy
pandas table and returns a new one::

    import stancemap as sm
    docs = sm.load_bundled()            # or sm.load("my-articles/")
    statements = sm.extract(docs)       # who said what
    scored = sm.score(statements)       # frames, stance, tone
    sm.compare.frame_shares(scored)     # per-actor shares with intervals
    sm.search(scored, "sanctions")      # the statements behind a number, in context
"""
from __future__ import annotations

__version__ = "0.1.0"

from .actors import ActorRegistry, load_actors  # noqa: E402
from .errors import StancemapError  # noqa: E402


def __getattr__(name: str):
    """Import the heavier modules and verbs on first use, so ``import stancemap`` stays fast."""
    import importlib

    lazy = {
        "load": ("corpus", "load"), "load_bundled": ("corpus", "load_bundled"),
        "clean_text": ("clean", "clean_text"), "extract_text": ("extract", "extract_text"),
        "explain": ("models", "explain"),
        "load_codebook": ("codebook", "load_codebook"), "load_model": ("models", "load_model"),
        "save_figure": ("figures", "save_figure"), "save_figures": ("figures", "save_figures"),
        "load_dataset": ("datasets", "load_dataset"), "list_datasets": ("datasets", "list_datasets"),
    }
    # modules; score, extract, report, keyness, clean and search are also callable: stancemap.score(table)
    modules = {"compare", "plots", "figures", "datasets", "corpus", "models", "validate", "codebook", "lexicon",
               "score", "extract", "report", "keyness", "clean", "search"}
    if name in lazy:
        mod, attr = lazy[name]
        return getattr(importlib.import_module(f".{mod}", __name__), attr)
    if name in modules:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'stancemap' has no attribute {name!r}")


__all__ = ["ActorRegistry", "StancemapError", "__version__", "clean", "clean_text", "compare", "explain",
           "extract", "extract_text", "keyness", "load", "load_actors", "load_bundled", "load_codebook",
           "load_model", "load_dataset", "list_datasets", "plots", "report", "save_figure", "save_figures", "score",
           "search"]

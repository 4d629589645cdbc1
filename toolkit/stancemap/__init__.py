"""stancemap: compare what political actors say.

load → extract → score → compare → plot, each a function that takes a tidy
pandas table and returns a new one::

    import stancemap as sm
    docs = sm.load_bundled()            # or sm.load("my-articles/")
    statements = sm.extract(docs)       # who said what
    scored = sm.score(statements)       # frames, stance, tone
    sm.compare.frame_shares(scored)     # per-actor shares with intervals
    sm.search(scored, "sanctions")      # the statements behind a number, in context

Verbs (imported on first use, so ``import stancemap`` stays fast):

    load(paths)            documents table from files/folders (.txt .md .html .csv .jsonl .parquet)
    load_bundled(name)     a bundled corpus (default: ceasefire-2025-03)
    load_dataset(name)     a public dataset from the data directory; list_datasets() lists them
    extract(docs)          statements table: who said what (extract_text(str) for one text)
    score(statements)      frames, stance per target and tone
    report(inputs, out)    the whole job: figures, tables and index.html
    search(scored, terms)  the statements behind a number: keyword in context, with filters
    topic_filter(table, "war")   only the statements on a codebook topic (in_topic: the mask)
    explain(text)          the n-grams that pushed a prediction
    save_figure(fig, path) / save_figures(figs, folder)   HTML (and PNG/SVG) files
    clean_text(text)       the cleaning rules behind documents' ``text``
    load_actors / load_codebook / load_model   the registry, codebook and model

Modules: compare (shares with intervals, differences), keyness, plots, figures,
datasets, corpus, models, validate, codebook, lexicon, topics. ``help(stancemap.score)``
and the others give each verb's arguments.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import StancemapError  # noqa: E402


#: Verbs imported on first use: name → (module, attribute).
_LAZY = {
    "ActorRegistry": ("actors", "ActorRegistry"), "load_actors": ("actors", "load_actors"),
    "load": ("corpus", "load"), "load_bundled": ("corpus", "load_bundled"),
    "clean_text": ("clean", "clean_text"), "extract_text": ("extract", "extract_text"),
    "explain": ("models", "explain"),
    "load_codebook": ("codebook", "load_codebook"), "load_model": ("models", "load_model"),
    "save_figure": ("figures", "save_figure"), "save_figures": ("figures", "save_figures"),
    "load_dataset": ("datasets", "load_dataset"), "list_datasets": ("datasets", "list_datasets"),
    "topic_filter": ("topics", "topic_filter"), "in_topic": ("topics", "in_topic"),
}
#: Modules imported on first use; score, extract, report, keyness, clean and search are also callable:
#: ``stancemap.score(table)``.
_MODULES = frozenset({"actors", "compare", "plots", "figures", "datasets", "corpus", "models", "validate", "codebook",
                      "lexicon", "score", "extract", "report", "keyness", "clean", "search", "cues", "topics"})


def __getattr__(name: str):
    """Import the heavier modules and verbs on first use, so ``import stancemap`` stays fast."""
    import importlib

    if name in _LAZY:
        mod, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{mod}", __name__), attr)
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'stancemap' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The loaded names and every lazily loaded verb and module (``dir(stancemap)``, tab completion)."""
    return sorted(set(globals()) | set(_LAZY) | set(_MODULES))


__all__ = ["ActorRegistry", "StancemapError", "__version__", "clean", "clean_text", "codebook", "compare", "corpus",
           "cues", "datasets", "explain", "extract", "extract_text", "figures", "in_topic", "keyness", "lexicon",
           "list_datasets", "load", "load_actors", "load_bundled", "load_codebook", "load_dataset", "load_model",
           "models", "plots", "report", "save_figure", "save_figures", "score", "search", "topic_filter", "topics",
           "validate"]

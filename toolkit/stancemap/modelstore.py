"""Where models come from: the shipped default model, the cache, a model directory.

:func:`default_model` is ``models/default`` when it matches the bundled training
data (a saved model is numbers, read by any scikit-learn), else a model trained once from the bundled files
(and the real sentences of ``corpora/real-labels`` when the data directory is found) and cached. :func:`resolve_model` and :func:`resolve_codebook`
turn the ``model`` and ``codebook`` arguments of the public verbs into objects.
"""
from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import Path

from .errors import StancemapError, StancemapWarning
from .modelfile import MODEL_FORMAT, StanceMapModel
from .training import (bundled_clusters, bundled_fingerprint, bundled_params, bundled_sources,
                       bundled_training, train_model)


#: The modules whose code turns texts into a model's numbers. A model trained and cached by one version
#: of them is not reused by another: the cache key holds their digest (:func:`model_code_digest`). The
#: shipped model is checked against the code by the byte-identical build test instead.
MODEL_CODE = ("codebook", "estimators", "frame_lexicons", "modelfile", "rule_features", "sparse_features",
              "target_features", "text", "training", "voice_features")


def model_code_digest() -> str:
    """A short sha256 of the source files of :data:`MODEL_CODE` (read as bytes, never imported)."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in MODEL_CODE:
        h.update(name.encode() + b"\0" + (here / f"{name}.py").read_bytes() + b"\0")
    return h.hexdigest()[:12]


def repo_models_dir() -> Path:
    """``models/`` at the top of the checkout (``STANCEMAP_MODELS`` overrides it)."""
    env = os.environ.get("STANCEMAP_MODELS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models"


def cache_dir() -> Path:
    """Where models trained on first use are cached (``STANCEMAP_CACHE`` or ``~/.cache/stancemap``)."""
    env = os.environ.get("STANCEMAP_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "stancemap"


_DEFAULT: dict[str, StanceMapModel] = {}


def default_model() -> StanceMapModel:
    """The default model: ``models/default`` when it matches the bundled training data
    (same fingerprint — the constructed examples, the codebook, the settings and the sha256
    of ``corpora/real-labels/labels.csv``, computed without reading the datasets), else
    trained once and cached under :func:`cache_dir` (a warning says so): from the constructed
    examples and the real train and dev sentences when the data directory is found, from the
    constructed examples only otherwise (the warning says that too)."""
    from .codebook import load_codebook

    cb = load_codebook()
    fp = bundled_fingerprint(cb)
    if fp in _DEFAULT:
        return _DEFAULT[fp]
    shipped = repo_models_dir() / "default"
    if (shipped / "model.json").is_file():
        info = json.loads((shipped / "model.json").read_text(encoding="utf-8"))
        meta = info.get("metadata", {})
        if meta.get("data_fingerprint") == fp and info.get("format") == MODEL_FORMAT:
            _DEFAULT[fp] = StanceMapModel.load(shipped)
            return _DEFAULT[fp]
        warnings.warn(f"The shipped model in {shipped} was built from other training data or by another "
                      "stancemap (model format); training a fresh default model (run `make model` or "
                      "`stancemap model build` to update the shipped one).", StancemapWarning, stacklevel=2)
    try:
        data, cb = bundled_training(cb, real=True)
        sources, key, params = bundled_sources(), fp, bundled_params(True)
    except StancemapError as e:
        warnings.warn(f"Training the default model from the constructed examples ONLY, not from the real "
                      f"sentences the shipped model learns from: {e}", StancemapWarning, stacklevel=2)
        data, cb = bundled_training(cb)
        sources, key, params = None, bundled_fingerprint(cb, real=False), bundled_params(False)
    if key in _DEFAULT:
        return _DEFAULT[key]
    import sklearn  # training needs it anyway; loading a saved model does not
    import Stemmer

    # the feature code (and the stemmer's version) is part of the key: an upgrade of stancemap with the
    # same training data retrains
    cached = cache_dir() / "models" / (f"default-{key}-code{model_code_digest()}-sklearn{sklearn.__version__}"
                                       f"-stemmer{Stemmer.version()}")
    if (cached / "model.json").is_file():
        model = StanceMapModel.load(cached)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            clusters = bundled_clusters() if params.get("cluster_weight") else None
            model = train_model(data, cb, params=params, table="bundled training data", sources=sources,
                                clusters=clusters)
        try:
            model.save(cached)
        except OSError as e:  # read-only home: keep it in memory
            warnings.warn(f"Could not cache the default model in {cached}: {e}", StancemapWarning, stacklevel=2)
    _DEFAULT[fp] = _DEFAULT[key] = model
    return model


def load_model(directory: str | os.PathLike | None = None) -> StanceMapModel:
    """:func:`default_model` when ``directory`` is None, else :meth:`StanceMapModel.load`."""
    return default_model() if directory is None else StanceMapModel.load(directory)


def resolve_model(model) -> StanceMapModel:
    """``model`` as a :class:`StanceMapModel`: itself, loaded from a directory, or the
    default model for None."""
    if model is None or isinstance(model, (str, os.PathLike)):
        return load_model(model)
    if isinstance(model, StanceMapModel):
        return model
    raise StancemapError(f"model must be a StanceMapModel, a model directory or None (the default model), "
                         f"not {type(model).__name__}.")


def resolve_codebook(codebook, model: StanceMapModel):
    """The codebook to score with: the one given (a Codebook or a YAML path), else the
    model's own copy (``codebook.yaml`` in its directory), else the bundled one."""
    from .codebook import load_codebook

    if codebook is None:
        own = getattr(model, "codebook_file", None)
        codebook = load_codebook(own) if own else load_codebook()
    elif isinstance(codebook, (str, os.PathLike)):
        codebook = load_codebook(codebook)
    model.check_codebook(codebook)
    return codebook


def model_and_codebook(model=None, codebook=None):
    """``(model, codebook)`` resolved once (:func:`resolve_model`, :func:`resolve_codebook`):
    what the pipeline and the engines score with."""
    mdl = resolve_model(model)
    return mdl, resolve_codebook(codebook, mdl)


__all__ = ["MODEL_CODE", "cache_dir", "default_model", "model_code_digest", "load_model", "model_and_codebook", "repo_models_dir", "resolve_codebook",
           "resolve_model"]

"""Build the default model: train it from the bundled files and the real train and dev sentences,
cross-validate it, save it and (optionally) write its model card. ``stancemap model build``
(``make model``) runs it, then writes the card.

Deterministic: the same repository, data directory and seed give the same bytes in
``models/default``. Without the data directory it stops with an error naming
``STANCEMAP_DATA`` (it never silently builds a different model). The last digits of floating point
depend on the machine: the model built in stop 43 was not rebuilt byte for byte on another machine
(an AMD EPYC with AVX2; a CI failure, 7 Dec 2026), whose own builds differed again between two BLAS and
OpenMP threads and one (the same with numpy's AVX2 code or without it). ``stancemap model build``
therefore runs in a process whose numerics are pinned (:func:`pinned_numerics`).
"""
from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np

from .crossval import grouped_oof, oof_labels
from .evaluate import compare_labels
from .modelcard import model_card
from .modelfile import StanceMapModel
from .modelstore import repo_models_dir
from .training import BUNDLED_PARAMS, REAL_PART, bundled_clusters, bundled_sources, bundled_training, train_model


def pinned_numerics() -> dict[str, str]:
    """Environment under which a build's floating point should not depend on the x86-64 machine: one
    thread for BLAS and OpenMP (two threads gave other bytes than one), OpenBLAS's kernels at Haswell's
    (``OPENBLAS_CORETYPE``, where the CPU has AVX2 and FMA) and numpy's SIMD dispatch held below AVX-512
    (``NPY_DISABLE_CPU_FEATURES``: its exp, log and reductions have AVX-512 code of their own). It takes
    effect in a new process only (numpy and OpenBLAS read it on import)."""
    env = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    try:
        from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    except ImportError:  # another numpy layout: leave its dispatch alone
        return env
    wide = sorted(f for f in __cpu_dispatch__ if "AVX512" in f or f == "X86_V4")
    if wide:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(wide)
    if __cpu_features__.get("AVX2") and __cpu_features__.get("FMA3"):
        env["OPENBLAS_CORETYPE"] = "Haswell"
    return env


def numerics_pinned() -> bool:
    """Whether this process runs under :func:`pinned_numerics` (set before numpy was imported)."""
    return all(os.environ.get(k) == v for k, v in pinned_numerics().items())


def build_default_model(directory: str | os.PathLike | None = None, *, cv: int | None = 5,
                        random_state: int = 0, card: bool = False, data_dir=None) -> tuple[StanceMapModel, Path]:
    """Train the default model (:data:`~stancemap.training.BUNDLED_PARAMS`) on the constructed
    examples and the real sentences of :data:`~stancemap.training.REAL_PART` (train and dev;
    hydrated from ``data_dir``, else the data directory policy), cross-validate it on those real
    sentences (``cv`` folds grouped by document, the
    constructed examples in every training fold; 0 or None skips it), save it (default
    ``models/default``) and, with ``card``, write its ``MODEL_CARD.md``
    (:func:`~stancemap.modelcard.model_card`). Returns the model and its directory."""
    data, cb = bundled_training(real=True, data_dir=data_dir)
    clusters = bundled_clusters() if BUNDLED_PARAMS.get("cluster_weight") else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model = train_model(data, cb, params=BUNDLED_PARAMS, random_state=random_state,
                            table="bundled training data", sources=bundled_sources(), clusters=clusters)
    if cv:
        real = (data["origin"] == "real").to_numpy()
        sided = np.array([any(data[f"stance_{t}"].iloc[i] not in ("none", "") for t in cb.targets)
                          for i in range(len(data))]).astype(int)
        oof = grouped_oof(data, cb, scored=real, groups=data["group"].to_numpy(), strata=sided, folds=cv,
                          random_state=random_state, params=BUNDLED_PARAMS, clusters=clusters)
        gold = data[real]
        pred = oof_labels(oof, cb, model.frames.threshold)
        model.metadata["crossval"] = compare_labels(gold, pred, cb).to_dict()
        model.metadata["crossval_protocol"] = (
            f"{cv}-fold StratifiedGroupKFold over the {int(real.sum())} real {REAL_PART.replace('+', ' and ')} "
            "sentences (groups = documents, "
            f"strata = takes a side on any target), seed {random_state}; the {int((~real).sum())} constructed "
            "examples in every training fold; scored on the real sentences only")
    d = Path(directory) if directory is not None else repo_models_dir() / "default"
    model.save(d)
    if card:
        model_card(model, d)
    return model, d


__all__ = ["build_default_model", "numerics_pinned", "pinned_numerics"]

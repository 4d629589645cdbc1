"""Where the modelling and evaluation code lives: saved models are numbers and JSON,
the old module names keep working, the estimators module loads nothing above it."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import stancemap.external as external
import stancemap.models as models
import stancemap.validate as validate

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "models" / "default"


@pytest.mark.skipif(not (SHIPPED / "model.npz").is_file(), reason="models/default has no model.npz")
def test_the_shipped_model_is_numbers_and_json_only():
    """No pickle, no skops: the arrays load with allow_pickle=False, nothing else is a model file."""
    import numpy as np

    assert not list(SHIPPED.glob("*.skops")) and not list(SHIPPED.glob("*.pkl"))
    with np.load(SHIPPED / "model.npz", allow_pickle=False) as z:
        assert z.files and all(z[k].dtype.kind in "iuf" for k in z.files)
    with zipfile.ZipFile(SHIPPED / "model.npz") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert json.loads((SHIPPED / "model.json").read_text(encoding="utf-8"))["format"] == models.MODEL_FORMAT


def test_no_types_are_trusted_any_more():
    assert models.TRUSTED_TYPES == []


def test_public_names_stay_importable_from_the_old_modules():
    import importlib

    homes = {"train_model": "training", "load_model": "modelstore", "default_model": "modelstore",
             "explain": "explanations", "frame_labels": "labels", "StanceMapModel": "modelfile",
             "StanceClassifier": "estimators", "word_tokens": "estimators"}
    for name, home in homes.items():
        assert getattr(models, name) is getattr(importlib.import_module(f"stancemap.{home}"), name)
    for mod in (models, validate, external):
        for name in mod.__all__:
            assert getattr(mod, name) is not None, (mod.__name__, name)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        models.nope  # noqa: B018


def test_saved_classes_live_in_estimators_under_their_public_path():
    import stancemap.estimators as est

    for name in ("CueFeatures", "HashedFeatures", "FrameClassifier", "StanceClassifier", "word_tokens"):
        assert getattr(est, name) is getattr(models, name)
        assert getattr(est, name).__module__ == est.PUBLIC_MODULE == "stancemap.models"


def test_the_estimators_module_loads_nothing_above_it():
    code = ("import sys, stancemap.estimators\n"
            "print(sorted(m for m in sys.modules if m.startswith('stancemap.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = set(eval(out))  # noqa: S307 - our own printed list
    above = {"stancemap.labels", "stancemap.modelfile", "stancemap.training", "stancemap.modelstore",
             "stancemap.explanations", "stancemap.validate", "stancemap.evaluate", "stancemap.crossval"}
    assert not loaded & above


def test_loading_the_default_model_leaves_the_dataset_loaders_unimported():
    """``default_model()`` checks the shipped model's fingerprint on every load, which hashes the real labels
    file: it finds that file without importing ``stancemap.datasets`` (a tenth of a second of imports)."""
    code = ("import sys, warnings; warnings.simplefilter('ignore'); import stancemap.modelstore as ms; "
            "ms.load_model(None); print('stancemap.datasets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_fingerprint_hashes_the_labels_file_the_loaders_read():
    import hashlib

    from stancemap.datasets.labelrefs import labels_path
    from stancemap.training import real_labels_sha256

    assert real_labels_sha256() == hashlib.sha256(labels_path().read_bytes()).hexdigest()

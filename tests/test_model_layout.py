"""Where the modelling and evaluation code lives: saved models find their classes,
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
SAVED = sorted((ROOT / "models" / "default").glob("*.skops"))


def _stancemap_nodes(node, out):
    if isinstance(node, dict):
        if str(node.get("__module__", "")).startswith("stancemap"):
            out.add((node["__module__"], node["__class__"]))
        for v in node.values():
            _stancemap_nodes(v, out)
    elif isinstance(node, list):
        for v in node:
            _stancemap_nodes(v, out)
    return out


@pytest.mark.skipif(not SAVED, reason="models/default has no saved files")
def test_saved_model_classes_are_defined_in_stancemap_models():
    found = set()
    for f in SAVED:
        with zipfile.ZipFile(f) as z:
            _stancemap_nodes(json.loads(z.read("schema.json")), found)
    assert found == {("stancemap.models", n) for n in ("CueFeatures", "FrameClassifier", "StanceClassifier",
                                                       "word_tokens")}
    for module, name in found:
        assert getattr(models, name).__module__ == module  # defined there, not re-exported


def test_trusted_types_of_stancemap_are_defined_in_models():
    for t in models.TRUSTED_TYPES:
        if t.startswith("stancemap."):
            module, name = t.rsplit(".", 1)
            assert module == "stancemap.models" and getattr(models, name).__module__ == module


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

    for name in ("CueFeatures", "FrameClassifier", "StanceClassifier", "word_tokens"):
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

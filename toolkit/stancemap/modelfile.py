"""The model bundle a scored table comes from, and its files.

:class:`StanceMapModel` holds the frame classifier, one stance classifier per
codebook target, the codebook's name and version and training metadata. It is
saved with skops, never pickle (:meth:`StanceMapModel.save`), byte-reproducibly,
and loaded accepting only :data:`TRUSTED_TYPES`.
"""
from __future__ import annotations

import copy
import json
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.pipeline import FeatureUnion

from . import sparse_features
from .atomic import replace_file, write_bytes, write_text
from .errors import StancemapError, StancemapWarning
from .estimators import (FrameClassifier, StanceClassifier, cue_block_counts, slim_features, text_list,
                     trailing_cue_features)

#: Format version of a saved model directory.
MODEL_FORMAT = 1

@dataclass
class StanceMapModel:
    """Frames + a stance classifier per target, for one codebook.

    ``metadata`` records how it was trained (data fingerprint, counts, parameters,
    versions, seconds, cross-validation results when computed).
    """

    frames: FrameClassifier
    stance: dict[str, StanceClassifier]
    codebook_name: str
    codebook_version: str
    metadata: dict = field(default_factory=dict)
    #: YAML file of the codebook; saved as ``codebook.yaml`` beside the model.
    codebook_file: str | None = None

    @property
    def frame_keys(self) -> list[str]:
        return [str(c) for c in self.frames.classes_]

    @property
    def targets(self) -> list[str]:
        return list(self.stance)

    @property
    def shared_features(self) -> FeatureUnion | None:
        """The feature union when every classifier uses the same one (as :func:`train_model` builds it)."""
        f = getattr(self.frames, "features_", None)
        if f is not None and all(getattr(c, "features_", None) is f for c in self.stance.values()):
            return f
        return None

    @property
    def cue_terms(self) -> dict[str, list[str]]:
        """The cue terms of the shared cue features (``{"frame:diplomacy": [...], …}``; empty
        when there are none): the counts :meth:`predict_with_cues` returns are of these."""
        cue = trailing_cue_features(self.shared_features)
        return {k: list(v) for k, v in (cue.cues or {}).items()} if cue is not None else {}

    def predict(self, texts) -> pd.DataFrame:
        """Model columns for ``texts``: ``frame_<f>`` probabilities, ``frames``
        (``;``-joined, codebook order), ``stance_<t>`` and ``stance_<t>_p``."""
        return self.predict_with_cues(texts)[0]

    def predict_with_cues(self, texts) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
        """:meth:`predict`, plus the cue-term counts the model's cue features found:
        ``{"frame:diplomacy": counts, …}`` (empty when the model has no cue features)."""
        texts = text_list(texts, "texts")
        out: dict[str, object] = {}
        shared = self.shared_features
        Xf = sparse_features.transform(shared, texts) if (shared is not None and texts) else None

        def proba(clf):
            return clf.proba_transformed(Xf) if Xf is not None else clf.predict_proba(texts)

        P = proba(self.frames) if texts else np.empty((0, len(self.frame_keys)))
        for j, k in enumerate(self.frame_keys):
            out[f"frame_{k}"] = P[:, j]
        thr = self.frames.threshold
        out["frames"] = [";".join(k for j, k in enumerate(self.frame_keys) if row[j] >= thr) for row in P]
        for t, clf in self.stance.items():
            if texts:
                pr = proba(clf)
                best = np.argmax(pr, axis=1)
                out[f"stance_{t}"] = [str(clf.classes_[b]) for b in best]
                out[f"stance_{t}_p"] = pr[np.arange(len(texts)), best]
            else:
                out[f"stance_{t}"] = []
                out[f"stance_{t}_p"] = np.empty(0)
        return pd.DataFrame(out), cue_block_counts(shared, Xf)

    def check_codebook(self, codebook) -> None:
        """Raise if ``codebook`` does not have exactly this model's frames and targets."""
        want_f, want_t = list(codebook.frames), list(codebook.targets)
        if set(want_f) != set(self.frame_keys) or set(want_t) != set(self.targets):
            raise StancemapError(
                f"The model was trained for codebook {self.codebook_name} {self.codebook_version} "
                f"(frames: {', '.join(self.frame_keys)}; targets: {', '.join(self.targets)}) but the codebook "
                f"given is {codebook.name} {codebook.version} (frames: {', '.join(want_f)}; targets: "
                f"{', '.join(want_t)}). Retrain with `stancemap train LABELS.csv --codebook FILE --out DIR` "
                "or pass the matching codebook.")
        if str(codebook.version) != str(self.codebook_version) or codebook.name != self.codebook_name:
            warnings.warn(f"Model trained with codebook {self.codebook_name} {self.codebook_version}; "
                          f"scoring with {codebook.name} {codebook.version} (same frames and targets).", StancemapWarning,
                          stacklevel=2)

    # ---- persistence (skops) -------------------------------------------------

    def save(self, directory: str | os.PathLike) -> Path:
        """Write the model into ``directory`` with skops (never pickle).

        Files: ``features.skops`` (the shared vocabulary, when the classifiers share
        one), ``frames.skops``, ``stance_<target>.skops``, ``model.json`` (codebook,
        metadata) and ``codebook.yaml`` (a copy of the codebook, when known).
        """
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        # model.json names the files and goes last: a save stopped half-way leaves no model.json,
        # so no mix of an older and a newer model is ever loaded (each file is written whole)
        (d / "model.json").unlink(missing_ok=True)
        shared = self.shared_features
        files = {}

        for clf in (self.frames, *self.stance.values()):
            slim_features(clf.features_)

        def dump(name: str, obj) -> None:
            if shared is not None and obj is not shared:
                obj = copy.copy(obj)  # the shared vocabulary is stored once, in features.skops
                obj.features_ = None
            _dump_skops(obj, d / f"{name}.skops")
            files[name] = f"{name}.skops"

        if shared is not None:
            dump("features", shared)
        dump("frames", self.frames)
        for t, clf in self.stance.items():
            dump(f"stance_{t}", clf)
        if self.codebook_file and Path(self.codebook_file).is_file():
            src = Path(self.codebook_file).resolve()
            if src != (d / "codebook.yaml").resolve():
                write_bytes(d / "codebook.yaml", src.read_bytes())
            files["codebook"] = "codebook.yaml"
        info = {"format": MODEL_FORMAT, "codebook": {"name": self.codebook_name,
                                                     "version": str(self.codebook_version)},
                "frames": self.frame_keys, "targets": self.targets, "files": files,
                "shared_features": shared is not None, "metadata": self.metadata}
        write_text(d / "model.json", json.dumps(info, indent=2, default=_jsonable) + "\n")
        return d

    @classmethod
    def load(cls, directory: str | os.PathLike) -> StanceMapModel:
        """Load a model saved by :meth:`save`; only the types in :data:`TRUSTED_TYPES` are accepted."""
        d = Path(directory)
        meta = d / "model.json"
        if not meta.is_file():
            raise StancemapError(f"No model found in {str(d)!r}: model.json is missing. Build one with "
                                 "`stancemap train LABELS.csv --out DIR` or `stancemap model build`.")
        info = json.loads(meta.read_text(encoding="utf-8"))
        if info.get("format") != MODEL_FORMAT:
            raise StancemapError(f"Model in {str(d)!r} has format {info.get('format')!r}; this stancemap reads "
                                 f"format {MODEL_FORMAT}. Rebuild it with `stancemap train` or "
                                 "`stancemap model build`.")
        files = info["files"]
        frames = _load_skops(d / files["frames"])
        stance = {t: _load_skops(d / files[f"stance_{t}"]) for t in info["targets"]}
        if info.get("shared_features"):
            features = _load_skops(d / files["features"])
            for clf in (frames, *stance.values()):
                clf.features_ = features
        own = d / "codebook.yaml"
        return cls(frames=frames, stance=stance, codebook_name=info["codebook"]["name"],
                   codebook_version=info["codebook"]["version"], metadata=info.get("metadata", {}),
                   codebook_file=str(own) if own.is_file() else None)


def _dump_skops(obj, path: Path) -> None:
    """``skops.io.dump``, then made byte-reproducible: skops names nodes and array files
    after ``id()`` (memory addresses) and stamps zip members with the current time, so the
    same model would give different bytes on every save. Ids are renumbered in order of
    appearance (a bijection, so shared references stay shared) and times fixed."""
    import io
    import zipfile

    import skops.io as sio

    buf = io.BytesIO()
    sio.dump(obj, buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin:
        members = {name: zin.read(name) for name in zin.namelist()}
    schema = json.loads(members.pop("schema.json"))
    ids: dict[int, int] = {}

    def walk(node):
        if isinstance(node, dict):
            if "__id__" in node:
                node["__id__"] = ids.setdefault(node["__id__"], len(ids) + 1)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    renamed = {}

    def files(node):
        if isinstance(node, dict):
            f = node.get("file")
            if isinstance(f, str) and f in members:
                stem, ext = f.rsplit(".", 1)
                new = f"{ids.get(int(stem), stem) if stem.isdigit() else stem}.{ext}"
                renamed[f] = new
                node["file"] = new
            for v in node.values():
                files(v)
        elif isinstance(node, list):
            for v in node:
                files(v)

    files(schema)
    out = {"schema.json": json.dumps(schema, indent=2).encode("utf-8")}
    out.update({renamed.get(name, name): data for name, data in members.items()})
    with replace_file(path) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED,
                                                    compresslevel=9) as zout:
        for name in sorted(out):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, out[name], compresslevel=9)


def _jsonable(o):
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)


#: The only types a saved model may contain (skops refuses anything else).
TRUSTED_TYPES = sorted({
    "stancemap.models.CueFeatures",
    "stancemap.models.FrameClassifier",
    "stancemap.models.StanceClassifier",
    "stancemap.models.word_tokens",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.model_selection._split.StratifiedKFold",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.svm._classes.LinearSVC",
    "numpy.float64",
    "numpy.int64",
    "builtins.dict",
    "builtins.list",
    "builtins.tuple",
    "builtins.int",
    "builtins.float",
    "builtins.str",
    "builtins.bool",
    "builtins.NoneType",
})


def _load_skops(path: Path):
    import skops.io as sio

    if not path.is_file():
        raise StancemapError(f"Model file {str(path)!r} is missing. Rebuild the model directory.")
    untrusted = sio.get_untrusted_types(file=path)
    unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unexpected:
        raise StancemapError(f"Refusing to load {str(path)!r}: it contains types stancemap does not trust "
                             f"({', '.join(unexpected)}). Only load models built by stancemap.")
    return sio.load(path, trusted=[t for t in untrusted if t in TRUSTED_TYPES])


__all__ = ["MODEL_FORMAT", "TRUSTED_TYPES", "StanceMapModel"]

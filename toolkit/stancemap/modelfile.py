"""The model bundle a scored table comes from, and its files.

:class:`StanceMapModel` holds the frame classifier, one stance classifier per
codebook target, the codebook's name and version and training metadata. It is
saved as numbers and text only (:meth:`StanceMapModel.save`): ``model.npz``
(arrays, read with ``allow_pickle=False``) and ``model.json`` (settings, class
names, cue terms, metadata) — loading executes no code from the files — and
byte-reproducibly (fixed member order, fixed zip times).
Scoring (:meth:`StanceMapModel.predict`) transforms the texts once and computes
every frame's and every target's decision scores with one sparse × dense product.
"""
from __future__ import annotations

import io
import json
import os
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .atomic import replace_file, write_bytes, write_text
from .errors import StancemapError, StancemapWarning
from .estimators import (EXTRA_BLOCKS, ExtraBlock, FrameClassifier, HashedFeatures, LinearProba, StanceClassifier,
                         text_list)
from .runtime import paused_gc

#: Format version of a saved model directory (1: skops files, no longer read; 2: model.npz + model.json;
#: 3: the same, large float arrays stored as distinct values + indices, :func:`pack_arrays`).
MODEL_FORMAT = 3
#: Formats :meth:`StanceMapModel.load` reads.
READABLE_FORMATS = (2, 3)

#: Texts transformed at a time when scoring (the numbers do not depend on it).
BLOCK = 2_000

#: Kept for callers of format 1: a saved model now holds no Python types at all.
TRUSTED_TYPES: list[str] = []


def _joined_sets(above: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Per row of the boolean matrix ``above``, the ``;``-joined ``keys`` of its true columns (in
    column order): each distinct row is joined once, found by its columns as bits of one integer
    (a sort of integers, not of rows)."""
    if above.shape[1] > 62:
        rows, which = np.unique(above, axis=0, return_inverse=True)
    else:
        codes, which = np.unique(above.astype(np.int64) @ (1 << np.arange(above.shape[1], dtype=np.int64)),
                                 return_inverse=True)
        rows = (codes[:, None] >> np.arange(above.shape[1], dtype=np.int64)) & 1 == 1
    return np.asarray([";".join(keys[row]) for row in rows], dtype=object)[np.ravel(which)]


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
    def shared_features(self) -> HashedFeatures | None:
        """The features when every classifier uses the same ones (as :func:`train_model` builds them)."""
        f = getattr(self.frames, "features_", None)
        if f is not None and all(getattr(c, "features_", None) is f for c in self.stance.values()):
            return f
        return None

    @property
    def cue_terms(self) -> dict[str, list[str]]:
        """The cue terms of the shared cue block (``{"frame:diplomacy": [...], …}``; empty
        when there are none): the counts :meth:`predict_with_cues` returns are of these."""
        f = self.shared_features
        if f is None or not getattr(f, "cue_names_", None):
            return {}
        return {k: list(f.cues[k]) for k in f.cue_names_}

    def _layout(self):
        """Every frame's and target's coefficients on the shared columns (``(r, d)`` blocks, in
        stacking order), the ``K`` intercepts, each classifier's slice and ``d`` (built once)."""
        got = self.__dict__.get("_layout_cache")
        if got is not None:
            return got
        d = self.shared_features.n_features_out_
        coefs, icpts, slices, k = [], [], {}, 0
        parts = [("frame", key, clf) for key, clf in zip(self.frame_keys, self.frames.estimators_) if clf is not None]
        parts += [("stance", t, clf.classifier_) for t, clf in self.stance.items()]
        for kind, key, lp in parts:
            r = lp.coef.shape[0]
            coefs.append(lp.coef[:, :d])
            icpts.append(lp.intercept)
            slices[(kind, key)] = slice(k, k + r)
            k += r
        got = (coefs, np.concatenate(icpts) if icpts else np.zeros(0), slices, d)
        self.__dict__["_layout_cache"] = got
        return got

    def _stacked(self):
        """Every frame's and target's coefficients on the shared columns as one ``(d, K)``
        matrix and ``K`` intercepts (built once), with each classifier's slice."""
        got = self.__dict__.get("_stack_cache")
        if got is not None:
            return got
        coefs, b, slices, d = self._layout()
        W = np.ascontiguousarray(np.vstack(coefs).T) if coefs else np.zeros((d, 0))
        got = (W, b, slices, d)
        self.__dict__["_stack_cache"] = got
        return got

    def _stacked_rows(self, columns: np.ndarray) -> np.ndarray:
        """``W[columns]`` of :meth:`_stacked`'s ``W`` without building it (25 MB for the default
        model): what a few texts, using a few of the columns, are scored with."""
        coefs = self._layout()[0]
        if not coefs:
            return np.zeros((len(columns), 0))
        return np.ascontiguousarray(np.vstack([c[:, columns] for c in coefs]).T)

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
        n = len(texts)
        counts: dict[str, np.ndarray] = {}
        with paused_gc():  # the features' many small objects: no collector passes over them
            if shared is not None and n:
                # one block of texts and no W yet: only the rows of the columns they use are taken
                small = n <= BLOCK and "_stack_cache" not in self.__dict__
                W, b, slices, d = (self._stacked_rows, *self._layout()[1:]) if small else self._stacked()
                blocks, parts = [], []
                for i in range(0, n, BLOCK):  # small blocks: their arrays reuse memory (no fresh pages)
                    Df, got = shared.decision_with_counts(texts[i:i + BLOCK], W)
                    blocks.append(Df + b)
                    parts.append(got)
                D = np.vstack(blocks)
                counts = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
                P = np.empty((n, len(self.frame_keys)))
                for j, (key, clf) in enumerate(zip(self.frame_keys, self.frames.estimators_)):
                    if clf is None:
                        P[:, j] = self.frames.prior_[j]
                    else:
                        P[:, j] = clf.proba_from_decision(D[:, slices[("frame", key)]])[:, list(clf.classes).index(1)]
                stance_p = {}
                for t, clf in self.stance.items():
                    Dt = D[:, slices[("stance", t)]]
                    extra = getattr(clf, "extra_", None)
                    if extra is not None:
                        Dt = Dt + np.asarray(extra.transform(texts) @ clf.classifier_.coef[:, d:].T)
                    stance_p[t] = clf.classifier_.proba_from_decision(Dt)
            else:
                P = self.frames.predict_proba(texts) if n else np.empty((0, len(self.frame_keys)))
                stance_p = {t: clf.predict_proba(texts) for t, clf in self.stance.items()} if n else {}
        for j, k in enumerate(self.frame_keys):
            out[f"frame_{k}"] = P[:, j]
        thr = self.frames.threshold
        keys = np.asarray(self.frame_keys, dtype=object)
        out["frames"] = _joined_sets(P >= thr, keys)
        for t, clf in self.stance.items():
            if n:
                pr = stance_p[t]
                best = np.argmax(pr, axis=1)
                out[f"stance_{t}"] = np.asarray(clf.classes_, dtype=object)[best].astype(str).astype(object)
                out[f"stance_{t}_p"] = pr[np.arange(n), best]
            else:
                out[f"stance_{t}"] = []
                out[f"stance_{t}_p"] = np.empty(0)
        return pd.DataFrame(out), counts

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

    # ---- persistence (arrays + JSON) ------------------------------------------

    def save(self, directory: str | os.PathLike) -> Path:
        """Write the model into ``directory``: ``model.npz`` (arrays only), ``model.json``
        (settings, class names, cue terms, metadata) and ``codebook.yaml`` (a copy of the
        codebook, when known). The bytes depend only on the model. Skops files of an
        earlier model (format 1) in ``directory`` are removed."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        # model.json goes last: a save stopped half-way leaves no model.json, so no mix of an
        # older and a newer model is ever loaded (each file is written whole)
        (d / "model.json").unlink(missing_ok=True)
        for stale in d.glob("*.skops"):  # an earlier model's files (format 1): the folder holds one model
            stale.unlink()
        f = self.shared_features
        if f is None:
            raise StancemapError("Only a model whose classifiers share one feature space (as train_model builds "
                                 "it) can be saved.")
        arrays = {f"features.{k}": v for k, v in f.arrays().items()}
        frames_info = {"labels": self.frame_keys, "threshold": float(self.frames.threshold),
                       "prior": [float(v) for v in self.frames.prior_], "methods": list(self.frames.probability_methods_),
                       "constant": list(self.frames.constant_labels_), "label_counts": self.frames.label_counts_,
                       "params": _params(self.frames)}
        for key, clf in zip(self.frame_keys, self.frames.estimators_):
            if clf is not None:
                frames_info.setdefault("classifiers", {})[key] = {"method": clf.method,
                                                                  "classes": [int(c) for c in clf.classes]}
                arrays.update({f"frames.{key}.{k}": v for k, v in clf.arrays().items()})
        stance_info = {}
        for t, clf in self.stance.items():
            lp = clf.classifier_
            extra = getattr(clf, "extra_", None)
            stance_info[t] = {"classes": [str(c) for c in lp.classes], "method": lp.method,
                              "probability_method": clf.probability_method_, "class_counts": clf.class_counts_,
                              "extra": extra.name if extra is not None else None, "params": _params(clf)}
            if extra is not None and extra.weight != 1.0:
                stance_info[t]["extra_weight"] = float(extra.weight)
            arrays.update({f"stance.{t}.{k}": v for k, v in lp.arrays().items()})
        files = {"arrays": "model.npz"}
        write_npz(d / "model.npz", pack_arrays(arrays))
        if self.codebook_file and Path(self.codebook_file).is_file():
            src = Path(self.codebook_file).resolve()
            if src != (d / "codebook.yaml").resolve():
                write_bytes(d / "codebook.yaml", src.read_bytes())
            files["codebook"] = "codebook.yaml"
        info = {"format": MODEL_FORMAT, "codebook": {"name": self.codebook_name,
                                                     "version": str(self.codebook_version)},
                "frames": self.frame_keys, "targets": self.targets, "files": files,
                "features": f.settings(), "cues": {k: list(f.cues[k]) for k in f.cue_names_},
                "frame_classifier": frames_info, "stance_classifiers": stance_info, "metadata": self.metadata}
        write_text(d / "model.json", json.dumps(info, indent=2, default=_jsonable) + "\n")
        return d

    @classmethod
    def load(cls, directory: str | os.PathLike) -> StanceMapModel:
        """Load a model saved by :meth:`save`: JSON and ``numpy.load(allow_pickle=False)``, no code run."""
        d = Path(directory)
        meta = d / "model.json"
        if not meta.is_file():
            raise StancemapError(f"No model found in {str(d)!r}: model.json is missing. Build one with "
                                 "`stancemap train LABELS.csv --out DIR` or `stancemap model build`.")
        info = json.loads(meta.read_text(encoding="utf-8"))
        if info.get("format") not in READABLE_FORMATS:
            old = " (skops files, from an earlier stancemap)" if info.get("format") == 1 else ""
            raise StancemapError(f"Model in {str(d)!r} has format {info.get('format')!r}{old}; this stancemap reads "
                                 f"formats {', '.join(map(str, READABLE_FORMATS))} (model.npz + model.json). Rebuild "
                                 "it: `make model` or `stancemap model build` for the default model, `stancemap train "
                                 "LABELS.csv --out DIR` for your own.")
        path = d / info["files"]["arrays"]
        if not path.is_file():
            raise StancemapError(f"Model file {str(path)!r} is missing. Rebuild the model directory.")
        with np.load(path, allow_pickle=False) as z:
            arrays = unpack_arrays({k: z[k] for k in z.files})
        own = d / "codebook.yaml"
        codebook_file = str(own) if own.is_file() else None
        features = HashedFeatures.from_saved(info["features"], {k[len("features."):]: v for k, v in arrays.items()
                                                                if k.startswith("features.")}, info["cues"])
        fi = info["frame_classifier"]
        frames = FrameClassifier(**_restore(fi["params"]))
        frames.features_ = features
        frames.classes_ = np.asarray(fi["labels"], dtype=object)
        frames.prior_ = np.asarray(fi["prior"], dtype=np.float64)
        frames.probability_methods_ = list(fi["methods"])
        frames.constant_labels_ = list(fi["constant"])
        frames.label_counts_ = dict(fi["label_counts"])
        frames.estimators_ = []
        for key in fi["labels"]:
            c = fi.get("classifiers", {}).get(key)
            frames.estimators_.append(None if c is None else _linear_proba(arrays, f"frames.{key}", c["classes"],
                                                                             c["method"]))
        stance = {}
        for t in info["targets"]:
            si = info["stance_classifiers"][t]
            clf = StanceClassifier(**_restore(si["params"]))
            clf.features_ = features
            clf.extra_ = clf.extra = (ExtraBlock(si["extra"], t, codebook_file, float(si.get("extra_weight", 1.0)))
                                      if si.get("extra") else None)
            if clf.extra_ is not None and si["extra"] not in EXTRA_BLOCKS:
                clf.extra_.names()  # raises: names what to do
            clf.classifier_ = _linear_proba(arrays, f"stance.{t}", si["classes"], si["method"])
            clf.classes_ = np.asarray(si["classes"], dtype=object)
            clf.probability_method_ = si["probability_method"]
            clf.class_counts_ = dict(si["class_counts"])
            stance[t] = clf
        return cls(frames=frames, stance=stance, codebook_name=info["codebook"]["name"],
                   codebook_version=info["codebook"]["version"], metadata=info.get("metadata", {}),
                   codebook_file=codebook_file)


def _params(clf) -> dict:
    """Constructor parameters of a classifier for model.json (cue terms are stored once, apart;
    the extra block by its name)."""
    p = clf.get_params()
    p.pop("extra", None)
    p["cues"] = bool(getattr(getattr(clf, "features_", None), "cue_names_", None) or p.get("cues"))
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in p.items()}


def _restore(params: dict) -> dict:
    p = dict(params)
    p["cues"] = None  # the shared features hold the cue terms
    for k in ("word_ngrams", "char_ngrams"):
        if isinstance(p.get(k), list):
            p[k] = tuple(p[k])
    return p


def _linear_proba(arrays, prefix: str, classes, method: str) -> LinearProba:
    a = arrays.get(f"{prefix}.a")
    return LinearProba(np.asarray(classes, dtype=object), arrays[f"{prefix}.coef"], arrays[f"{prefix}.intercept"],
                       method, a, arrays.get(f"{prefix}.b") if a is not None else None, arrays.get(f"{prefix}.weights"))


#: Float arrays of at least this many values are packed (:func:`pack_arrays`).
PACK_FROM = 1_000


def pack_arrays(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each float64 array ``name`` of :data:`PACK_FROM` values or more as ``name.values`` (its
    distinct 64-bit patterns, sorted, as an ``(8, m)`` uint8 array: byte ``i`` of every value
    in row ``i``, little-endian) and ``name.index`` (uint16 or uint32, the array's shape):
    lossless, and several times smaller once compressed (a linear model's coefficients repeat:
    zeros, and one value for the columns of a training text seen nowhere else)."""
    out = {}
    for name, arr in arrays.items():
        if arr.dtype != np.float64 or arr.size < PACK_FROM:
            out[name] = arr
            continue
        bits = np.ascontiguousarray(arr, dtype="<f8").view("<u8")
        values, index = np.unique(bits.ravel(), return_inverse=True)
        out[f"{name}.values"] = np.ascontiguousarray(values.view(np.uint8).reshape(-1, 8).T)
        out[f"{name}.index"] = index.reshape(arr.shape).astype(np.uint16 if len(values) <= 2 ** 16 else np.uint32)
    return out


def unpack_arrays(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The arrays :func:`pack_arrays` packed, bit for bit (others as they are)."""
    out = {}
    for name, arr in arrays.items():
        if name.endswith(".index") and name[:-len(".index")] + ".values" in arrays:
            base = name[:-len(".index")]
            values = np.ascontiguousarray(arrays[base + ".values"].T).view("<f8").ravel().astype(np.float64)
            out[base] = values[arr]
        elif not (name.endswith(".values") and name[:-len(".values")] + ".index" in arrays):
            out[name] = arr
    return out


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An ``.npz`` that ``numpy.load`` reads, byte-reproducibly: members in sorted order, each a
    ``.npy`` of a plain (non-object) array, zip times fixed at 1980-01-01, deflate level 6."""
    with replace_file(path) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in sorted(arrays):
            arr = np.ascontiguousarray(arrays[name])
            if arr.dtype == object:
                raise StancemapError(f"Array {name!r} holds Python objects; a model file holds numbers only.")
            buf = io.BytesIO()
            np.lib.format.write_array(buf, arr, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, buf.getvalue(), compresslevel=6)


def _jsonable(o):
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)


__all__ = ["MODEL_FORMAT", "READABLE_FORMATS", "TRUSTED_TYPES", "StanceMapModel", "pack_arrays", "unpack_arrays",
           "write_npz"]

"""The public home of the frame and stance models: one import for notebooks and scripts.

Re-exports the modelling layer: the estimators (:mod:`stancemap.estimators`:
:class:`StanceClassifier`, :class:`FrameClassifier`, :class:`HashedFeatures`,
:class:`CueFeatures` and :func:`word_tokens` carry this module's path), labels
tables (:mod:`~stancemap.labels`), the model bundle (:mod:`~stancemap.modelfile`),
training (:mod:`~stancemap.training`), the default model and loading
(:mod:`~stancemap.modelstore`) and explanations (:mod:`~stancemap.explanations`).
Nothing inside the package imports this module; it imports only the modules
above, so it adds no cycle.
"""
from __future__ import annotations

from .estimators import (ESTIMATORS, EXTRA_BLOCKS, CueFeatures, ExtraBlock, FrameClassifier, HashedFeatures,
                         LinearProba, StanceClassifier, codebook_cues, linear_parts, make_features, text_list,
                         word_tokens)
from .explanations import explain
from .labels import STANCE_LABELS, coded_mask, frame_labels, stance_labels, standard_labels
from .modelfile import MODEL_FORMAT, TRUSTED_TYPES, StanceMapModel
from .modelstore import cache_dir, default_model, load_model, repo_models_dir
from .training import DEFAULT_PARAMS, bundled_training, estimator_params, train_model, training_fingerprint

__all__ = ["DEFAULT_PARAMS", "ESTIMATORS", "EXTRA_BLOCKS", "MODEL_FORMAT", "STANCE_LABELS", "TRUSTED_TYPES",
           "CueFeatures", "ExtraBlock", "FrameClassifier", "HashedFeatures", "LinearProba", "StanceClassifier", "StanceMapModel", "bundled_training", "cache_dir",
           "codebook_cues", "coded_mask", "default_model", "estimator_params", "explain", "frame_labels",
           "linear_parts", "load_model", "make_features", "repo_models_dir", "stance_labels", "standard_labels",
           "text_list", "train_model", "training_fingerprint", "word_tokens"]

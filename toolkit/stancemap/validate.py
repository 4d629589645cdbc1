"""The validation workflow in one place: sample statements for hand-coding, measure
agreement between coders, evaluate a model against hand labels, cross-validate.

This module gathers the public functions of the evaluation layer (``sm.validate.*``);
each lives in its own module:

* :func:`sample` (:mod:`stancemap.sampling`) — a stratified random sample with an
  empty column for every frame and stance target and a ``coder`` column, ready
  for a spreadsheet.
* :func:`agreement` (:mod:`stancemap.agreement`) — Krippendorff's alpha
  (Krippendorff 2004/2011), nominal, per label column, between two or more coders.
* :func:`evaluate`, :func:`compare_labels`, :func:`lexicon_baseline`
  (:mod:`stancemap.evaluate`) — per-class precision, recall and F1, confusion
  matrices, macro-F1 (and micro-F1 for frames, F_avg = mean F1 of favor and
  against for stance as in SemEval-2016 Task 6), by the rules of :mod:`stancemap.metrics`.
* :func:`cross_validate` (:mod:`stancemap.crossval`) — the same report from
  stratified k-fold out-of-fold predictions of freshly trained classifiers (seeded).
* :func:`seed_gold`, :func:`real_eval` (:mod:`stancemap.heldout`) — the bundled
  held-out sets; :func:`model_card` (:mod:`stancemap.modelcard`).

A labels table has a ``text`` column, frame labels (``frames`` ``;``-joined, or
one ``frame_<key>`` column of 1/0 per frame) and ``stance_<target>`` columns
(favor/against/none; empty = not coded). A row with no label at all is
treated as not coded and skipped, with a warning (:mod:`stancemap.labels`).
"""
from __future__ import annotations

from .agreement import agreement
from .crossval import check_cross_validation, check_cv, cross_validate, frame_strata
from .evaluate import Evaluation, compare_labels, evaluate, frame_metrics, lexicon_baseline, stance_metrics
from .heldout import real_eval, seed_gold
from .labels import coded_mask
from .modelcard import model_card
from .sampling import SAMPLE_CONTEXT, sample

__all__ = ["SAMPLE_CONTEXT", "Evaluation", "agreement", "check_cross_validation", "check_cv", "coded_mask",
           "compare_labels", "cross_validate", "evaluate", "frame_metrics", "frame_strata", "lexicon_baseline",
           "model_card", "real_eval", "sample", "seed_gold", "stance_metrics"]

"""The real-text labelled set, for evaluation: :mod:`stancemap.datasets.labelrefs` re-exported.

The labels are stored by reference (dataset, record, character span, sha256 —
never the text) and hydrated from the data directory; the loading code lives in
the io layer so that training can read the real training part too.
"""
from __future__ import annotations

from .datasets.labelrefs import (DATA_ENV, LABEL_COLUMNS, REF_COLUMNS, STANCE_LABELS, labels_path, load_labels,
                                 load_real_eval, read_records, resolve_data_dir, span_hash)

__all__ = ["DATA_ENV", "LABEL_COLUMNS", "REF_COLUMNS", "STANCE_LABELS", "labels_path", "load_labels",
           "load_real_eval", "read_records", "resolve_data_dir", "span_hash"]

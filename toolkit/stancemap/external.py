"""The external benchmark corpora and their harness, in one namespace (``stancemap.external``).

* Readers of SemEval-2016 Task 6, RUW and SemEval-2023 Task 3 subtask 2, and the
  decoding of their byte quirks: :mod:`stancemap.readers`.
* Stance configurations, the seeded grid search, the benchmark body and its
  scores (F_avg, SemEval-2016 Task 6): :mod:`stancemap.benchmarking`.
"""
from __future__ import annotations

from .benchmarking import (STANCE_BASE_CONFIG, STANCE_GRID, STANCE_ORDER, decide, decode_lines_alike, json_option,
                           jsonable_config, load_decoded_alike, overlap_counts, select_stance_config, semeval_f_avg,
                           stance_benchmark, stance_config, stance_folds, stance_probabilities, stance_scores,
                           target_marker, text_groups, text_key, tfidf_svm_baseline)
from .readers import (FRAMES_2023, RUW_COLUMNS, RUW_FILES, RUW_HEADER, RUW_TARGETS, SEMEVAL2016_COLUMNS,
                      SEMEVAL2016_FILES, SEMEVAL2016_HEADER, SEMEVAL2023_ARTICLES, SEMEVAL2023_COLUMNS,
                      SEMEVAL2023_LABELS, STANCE_CODES, decode_bytes, frame_indicators, load_ruw, load_semeval2016,
                      load_semeval2023_frames, read_article, read_ruw, read_semeval2016, read_semeval2023_labels,
                      read_text)

__all__ = ["FRAMES_2023", "RUW_COLUMNS", "RUW_FILES", "RUW_HEADER", "RUW_TARGETS", "SEMEVAL2016_COLUMNS",
           "SEMEVAL2016_FILES", "SEMEVAL2016_HEADER", "SEMEVAL2023_ARTICLES", "SEMEVAL2023_COLUMNS",
           "SEMEVAL2023_LABELS", "STANCE_BASE_CONFIG", "STANCE_CODES", "STANCE_GRID", "STANCE_ORDER", "decide",
           "decode_bytes", "decode_lines_alike", "load_decoded_alike", "overlap_counts", "text_groups", "text_key",
           "tfidf_svm_baseline", "frame_indicators", "json_option", "jsonable_config", "load_ruw", "load_semeval2016",
           "load_semeval2023_frames", "read_article", "read_ruw", "read_semeval2016", "read_semeval2023_labels",
           "read_text", "select_stance_config", "semeval_f_avg", "stance_config", "stance_folds",
           "stance_benchmark", "stance_probabilities", "stance_scores", "target_marker"]

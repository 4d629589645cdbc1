"""The who-said-what gold set (corpora/attribution-gold): references only, and it hydrates."""
from __future__ import annotations

import warnings

import pandas as pd

from stancemap.datasets.labelrefs import SPAN_DOC_COLUMNS, SPAN_GOLD_COLUMNS, load_span_gold, span_gold_folder, span_hash

FOLDER = span_gold_folder()


def test_gold_files_hold_references_not_text():
    docs = pd.read_csv(FOLDER / "documents.csv", dtype=str, keep_default_na=False)
    gold = pd.read_csv(FOLDER / "statements.csv", dtype=str, keep_default_na=False)
    assert list(docs.columns) == SPAN_DOC_COLUMNS
    assert list(gold.columns[:len(SPAN_GOLD_COLUMNS)]) == SPAN_GOLD_COLUMNS
    assert not {"text", "title", "content"} & (set(docs.columns) | set(gold.columns))
    assert len(docs) >= 40 and docs["doc_ref"].is_unique and gold["gold_id"].is_unique
    assert set(gold["doc_ref"]) == set(docs["doc_ref"])
    assert set(gold["kind"]) == {"statement", "question"}
    assert docs["format"].nunique() == 9 and docs["dataset"].nunique() == 5   # zelensky-speeches-2022 repeats the 2022-23 addresses
    spans = gold.astype({"char_start": int, "char_end": int})
    assert (spans["char_start"] < spans["char_end"]).all()


def test_every_adjudicated_case_has_a_decision_and_a_reason():
    log = pd.read_csv(FOLDER / "adjudication.csv", dtype=str, keep_default_na=False)
    assert set(log["decision"]) <= {"A", "B", "edit", "drop"}
    assert (log["reason"].str.len() > 0).all()


def test_gold_hydrates_from_the_datasets(datasets_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # nothing may be dropped
        docs, gold = load_span_gold(datasets_dir)
    assert len(docs) == len(pd.read_csv(FOLDER / "documents.csv"))
    assert (gold["text"].map(span_hash) == gold["sha256_16"]).all()
    assert (gold["text"].str.strip() == gold["text"]).mean() > 0.99
    raw = dict(zip(docs["doc_ref"], docs["raw_text"]))
    row = gold.iloc[0]
    assert raw[row["doc_ref"]][row["char_start"]:row["char_end"]] == row["text"]

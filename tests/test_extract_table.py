"""Tests for stancemap.extract.table: assembling the statements table (constructed texts)."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from stancemap.actors import load_actors
from stancemap.errors import LossyStepWarning, StancemapError
from stancemap.extract.table import EXTRACTOR, as_documents, day, finish, statement_id, statements_table
from stancemap.schema import STATEMENT_COLUMNS


def test_day_and_statement_id():
    assert day("2025-03-13T12:33:00Z") == "2025-03-13" and day(" 2025-03-13") == "2025-03-13"
    assert day("March 2025") is None and day("") is None
    a = statement_id("d1", 0, 10, "Ada Quill")
    assert a == statement_id("d1", 0, 10, "Ada Quill") and len(a) == 12
    assert a != statement_id("d1", 0, 10, "Bram Oduya")


def test_as_documents_checks_its_input():
    with pytest.raises(StancemapError, match="'text'"):
        as_documents(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(StancemapError, match="got int"):
        as_documents(3)


def test_statements_table_columns_and_official_speaker(tiny_registry_yaml):
    reg = load_actors(tiny_registry_yaml)
    docs = pd.DataFrame({"doc_id": ["b", "a"], "text": ["Quill said that talks resume.", "Talks resume."],
                         "doc_kind": ["article", "official"], "doc_speaker": ["", "the Ministry"],
                         "date": ["2025-03-01", ""]})
    df = statements_table(docs, reg, speaker_spans=True)
    assert list(df.columns) == STATEMENT_COLUMNS + ["speaker_start", "speaker_end"]
    assert df[["doc_id", "actor", "speaker", "kind", "text"]].values.tolist() == [
        ["b", "north", "Ada Quill", "indirect", "talks resume"],
        ["a", "north", "the Ministry", "official", "Talks resume."]]
    assert (df["extractor"] == EXTRACTOR).all() and df["speaker_start"].tolist() == [0, -1]
    assert df["raw_start"].tolist() == df["char_start"].tolist()


def test_finish_sorts_drops_repeats_and_counts_losses():
    base = {c: "" for c in STATEMENT_COLUMNS}
    rows = [dict(base, statement_id="x", doc_id="b", char_start=0, char_end=1, raw_start=0, actor="north"),
            dict(base, statement_id="y", doc_id="a", char_start=5, char_end=6, raw_start=-1, actor="unattributed"),
            dict(base, statement_id="x", doc_id="b", char_start=0, char_end=1, raw_start=0, actor="north")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = finish(pd.DataFrame(rows), stacklevel=2)
    assert df["statement_id"].tolist() == ["y", "x"]
    assert [str(w.message)[:10] for w in caught] == ["1 of 2 sta", "1 of 2 sta"]
    assert all(issubclass(w.category, LossyStepWarning) for w in caught)


def test_statements_table_dtypes_and_per_document_values(tiny_registry_yaml):
    """Built column by column: strings stay Python objects (not pandas' str dtype), spans int64,
    each row carries its own document's provenance, and a table without rows has every column."""
    reg = load_actors(tiny_registry_yaml)
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["Quill said that talks resume. Oduya agreed.", "",
                                                            "Talks resume."],
                         "doc_kind": ["article", "article", "official"], "doc_speaker": ["", "", "the Ministry"],
                         "outlet": ["North Post", "", "Ministry site"], "date": ["2025-03-01", "", "2025-03-02"]})
    df = statements_table(docs, reg)
    assert set(df["doc_id"]) == {"a", "c"}
    assert df.groupby("doc_id")["outlet"].unique().map(list).to_dict() == {"a": ["North Post"], "c": ["Ministry site"]}
    assert df.groupby("doc_id")["date"].unique().map(list).to_dict() == {"a": ["2025-03-01"], "c": ["2025-03-02"]}
    for c in ("char_start", "char_end", "raw_start", "raw_end"):
        assert df[c].dtype == "int64"
    assert df["confidence"].dtype == "float64"
    assert all(df[c].dtype == object for c in STATEMENT_COLUMNS
               if c not in ("char_start", "char_end", "raw_start", "raw_end", "confidence"))
    assert [t == docs.set_index("doc_id").at[d, "text"][s:e]
            for t, d, s, e in df[["text", "doc_id", "char_start", "char_end"]].values] == [True] * len(df)
    empty = statements_table(docs.iloc[[1]], reg, speaker_spans=True)
    assert list(empty.columns) == STATEMENT_COLUMNS + ["speaker_start", "speaker_end"] and len(empty) == 0
    assert empty["char_start"].dtype == "int64" and empty["doc_id"].dtype == object

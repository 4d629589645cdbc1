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

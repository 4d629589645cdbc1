"""Tests for stancemap.extract.offsets: spans of the cleaned text in the raw text (constructed texts)."""
from __future__ import annotations

from stancemap.clean import clean_text
from stancemap.extract.offsets import firm, raw_spans


def test_identity_when_nothing_was_cleaned():
    assert raw_spans("abc", "abc", [(0, 2)]) == [(0, 2)]


def test_the_exact_map_of_clean_text():
    raw = "Quill said \"the harbour\n stays open\" on Monday."
    text = clean_text(raw).text
    s = text.index("the harbour")
    e = text.index("open") + 4
    (rs, re_), = raw_spans(text, raw, [(s, e)])
    assert raw[rs:re_].replace("\n", "").replace("  ", " ") == "the harbour stays open"


def test_loose_look_up_when_cleaned_another_way():
    raw = "Oduya: 'we agree' -- and Oduya: 'we agree' again"
    text = "Oduya: ‘we agree’ — and Oduya: ‘we agree’ again"
    second = text.rindex("‘we agree’")
    (rs, re_), = raw_spans(text, raw, [(second, second + len("‘we agree’"))])
    assert raw[rs:re_] == "'we agree'" and rs == raw.rindex("'we agree'")
    assert raw_spans(text, "something else entirely", [(0, 5)]) == [(-1, -1)]


def test_firm_drops_spaces_quotes_and_dashes():
    kept, where = firm("a “b” — c")
    assert kept == "abc" and list(where) == [0, 3, 8]

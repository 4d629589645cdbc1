"""Tests for stancemap.extract.sentences: the extractor's regex sentence splitter (constructed texts)."""
from __future__ import annotations

from stancemap.extract.sentences import fast_sentence_spans


def pieces(text, *a):
    return [text[s:e] for s, e in fast_sentence_spans(text, *a)]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Mr. Quill met Dr. Oduya in Eastport. A. B. Voss stayed. They left."
    assert pieces(text) == ["Mr. Quill met Dr. Oduya in Eastport.", "A. B. Voss stayed.", "They left."]


def test_a_line_break_always_ends_a_sentence_and_spaces_are_trimmed():
    text = "  Ada Quill spoke\nof the harbour  \n\n Talks resume. "
    assert pieces(text) == ["Ada Quill spoke", "of the harbour", "Talks resume."]


def test_offsets_are_absolute_in_a_window():
    text = "Skip this. Quill said nothing. Oduya agreed. Skip that."
    start = text.index("Quill")
    end = text.index(" Skip that")
    spans = fast_sentence_spans(text, start, end)
    assert [text[s:e] for s, e in spans] == ["Quill said nothing.", "Oduya agreed."]
    assert spans[0][0] == start


def test_quotes_and_lower_case_continuations():
    text = "“We will stay,” she said. “No.” the crowd answered? Maybe."
    assert pieces(text) == ["“We will stay,” she said.", "“No.” the crowd answered?", "Maybe."]
    assert fast_sentence_spans("") == [] and fast_sentence_spans("   \n ") == []


"""Tests for stancemap.extract.index: the frozen document index (constructed texts, fictional people)."""
from __future__ import annotations

import dataclasses

import pytest

from stancemap.actors import load_actors
from stancemap.extract.index import DocIndex, build_index, covered, covered_any, find_quotes, in_quote
from stancemap.extract.matchers import matchers_for


@pytest.fixture
def tiny(tiny_registry_yaml):
    return matchers_for(load_actors(tiny_registry_yaml))


def quotes(text):
    return [(text[q[2]:q[3]], q[4]) for q in find_quotes(text, 0, len(text))]


def test_curly_straight_and_single_quotes():
    text = "“We stay,” Quill said. He said \"no deal\" twice. ‘Fine,’ said Oduya. Quill's aide's car."
    assert quotes(text) == [("We stay,", True), ("no deal", True), ("Fine,", True)]


def test_a_quote_inside_a_quote_is_part_of_it():
    text = "“They call it \"a deal\", but it is not,” Quill said."
    assert quotes(text) == [("They call it \"a deal\", but it is not,", True)]


def test_an_unclosed_quote_ends_with_its_paragraph_or_at_the_next_opening():
    text = "Quill said: “The harbour stays open.\nOduya left."
    assert quotes(text) == [("The harbour stays open.", False)]
    text = "“The harbour stays open. “We will see,” Oduya said."
    assert quotes(text) == [("The harbour stays open.", False), ("We will see,", True)]


def test_in_quote_and_spans():
    text = "A “b c” d"
    qs = find_quotes(text, 0, len(text))
    starts = tuple(q[0] for q in qs)
    assert [i for i in range(len(text)) if in_quote(qs, starts, i)] == [3, 4, 5]
    assert covered([(0, 10), (20, 30)], 21, 31) and not covered([(0, 10)], 5, 12)
    assert covered_any([(0, 10), (20, 30)], 9, 15) and not covered_any([(0, 10)], 10, 15)


def test_index_holds_sentences_mentions_and_cues_outside_quotes(tiny):
    text = "Headline\n“Quill said nothing,” Oduya said. The Ministry denied it."
    ix = build_index(tiny, text, 9, len(text))
    assert [text[s:e] for s, e in ix.sents] == ["“Quill said nothing,” Oduya said.", "The Ministry denied it."]
    assert [text[s:e] for s, e, _ in ix.mentions] == ["Oduya", "The Ministry"]
    assert {m.name for _, m in ix.by_end.values()} == {"Ada Quill", "Bram Oduya", "Northland Ministry"}
    assert [w for _, _, w in ix.cues] == ["said", "denied"]
    assert ix.cue_starts == tuple(c[0] for c in ix.cues) and ix.sent_starts == tuple(s for s, _ in ix.sents)
    assert build_index(tiny, "   ", 0, 3) is None


def test_index_is_immutable(tiny):
    text = "Quill said that talks resume."
    ix = build_index(tiny, text, 0, len(text))
    assert isinstance(ix, DocIndex)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ix.start = 3
    with pytest.raises(TypeError):
        ix.by_end[0] = None


def test_lookups(tiny):
    text = "Quill spoke. Oduya said “no deal” and, “we leave.” Then"
    ix = build_index(tiny, text, 0, len(text))
    assert ix.sent_idx(0) == 0 and ix.sent_idx(text.index("Oduya")) == 1 and ix.sent_idx(-5) == 0
    assert ix.sent_start(text.index("deal")) == text.index("Oduya")
    assert ix.sent_end(0) == text.index(" Oduya")
    assert text[slice(*ix.trim(12, 19))] == "Oduya"
    assert text[slice(*ix.strip(12, text.index(" and") + 5))] == "Oduya said “no deal”"  # "and," dropped
    s = text.index("“no")
    assert ix.quote_kind(s, s + len("“no deal”")) == "direct"
    assert ix.quote_kind(12, len(text)) == "mixed" and ix.quote_kind(0, 12) == "indirect"
    assert ix.in_quote(s + 2) and not ix.in_quote(s)
    assert [w for _, _, w in ix.tokens(0, 12)] == ["Quill", "spoke", "."]
    assert ix.boundary_before(text.index("“we")) and not ix.boundary_before(text.index("spoke"))

"""Tests for stancemap.extract.lexicon: cue forms, their classes, and the trie patterns."""
from __future__ import annotations

import re

import pytest

from stancemap.extract.lexicon import CUE_RE, CUES, DOCNOUN_RE, TITLE_LAST, TITLES, trie_regex


@pytest.mark.parametrize("form, entry", [
    ("said", ("say", "that", "past")), ("saying", ("say", "that", "ing")), ("says", ("say", "that", "pres")),
    ("told", ("tell", "tell", "past")), ("accused", ("accuse", "object", "past")),
    ("denied", ("deny", "that", "past")), ("called for", ("call", "object", "past")),
    ("according to", ("according", "according", "ing")), ("pointed out", ("point", "that", "past")),
])
def test_cue_forms(form, entry):
    assert CUES[form] == entry


def test_question_is_not_a_cue_and_call_needs_its_particle():
    assert "question" not in CUES and "questioned" not in CUES
    assert "call" not in CUES and "call for" in CUES


def test_cue_pattern_finds_whole_words_only():
    text = "Quill said, soothsaying aside, that Oduya had called  for calm, according to Voss."
    found = [m.group() for m in CUE_RE.finditer(text)]
    assert found == ["said", "called  for", "according to"]


def test_document_nouns():
    text = "The Northland press release and its statement, not the statesman."
    assert [m.group() for m in DOCNOUN_RE.finditer(text)] == ["press release", "statement"]


def test_title_keys_end_in_their_last_word():
    assert TITLE_LAST["minister"] == "minister" and TITLE_LAST["state"] in TITLES


@pytest.mark.parametrize("words", [["Ada", "Ada Quill", "the Northland leader", "Quill’s"], ["x"], ["ab", "a"]])
def test_trie_regex_matches_exactly_its_words(words):
    pat = re.compile(trie_regex(words, the_optional_case=True))
    for w in words:
        assert pat.fullmatch(w)
    assert not pat.fullmatch("zzz")
    if "the Northland leader" in words:
        assert pat.fullmatch("The Northland  leader") and pat.fullmatch("Quill's")

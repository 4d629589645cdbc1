"""Tests for stancemap.extract.reported: reported speech, its subjects' heads and contents
(constructed texts about fictional people and places)."""
from __future__ import annotations

import pytest

from stancemap.actors import load_actors
from stancemap.extract.index import build_index
from stancemap.extract.matchers import matchers_for
from stancemap.extract.quotes import attribute_quotes
from stancemap.extract.reported import clause_end, find_heads, passive_by, reported_attributions


@pytest.fixture
def index(tiny_registry_yaml):
    m = matchers_for(load_actors(tiny_registry_yaml))
    return lambda text: build_index(m, text, 0, len(text))


def reported(ix):
    q = attribute_quotes(ix)
    atts = reported_attributions(ix, find_heads(ix, q.cues), q.quotes)
    return [(a.rule, a.subj.text, a.cue, a.kind, ix.text[a.start:a.end]) for a in atts]


def test_that_clause_object_and_according_to(index):
    text = ("Quill said on Monday that the harbour will stay open. Oduya accused the Ministry of stalling. "
            "According to Lena Voss, the talks failed.")
    assert reported(index(text)) == [
        ("reported", "Quill", "said", "indirect", "the harbour will stay open"),
        ("reported", "Oduya", "accused", "indirect", "the Ministry of stalling"),
        ("according", "Lena Voss", "according to", "indirect", "the talks failed"),
    ]


def test_post_posed_attribution_and_mixed_content(index):
    text = "The talks were productive, Quill said. Oduya warned that a “hard winter” lies ahead."
    assert reported(index(text)) == [
        ("post-posed", "Quill", "said", "indirect", "The talks were productive"),
        ("reported", "Oduya", "warned", "mixed", "a “hard winter” lies ahead"),
    ]


def test_a_later_speaker_ends_the_content(index):
    text = "Quill said that talks resume, while Oduya insisted that trade comes first."
    assert [r[4] for r in reported(index(text))] == ["talks resume", "trade comes first"]


def test_clause_end_at_a_semicolon_or_a_gloss_dash(index):
    text = "talks resume; trade follows — a view Southland rejects"
    ix = index(text)
    assert clause_end(ix, 0, len(text)) == text.index(";")
    start = text.index("trade")
    assert clause_end(ix, start, len(text)) == text.index("—")
    text = "talks resume — including trade"
    assert clause_end(index(text), 0, len(text)) == len(text)


def test_cues_used_by_quotes_have_no_head(index):
    text = "“The harbour stays open,” Quill said. Oduya said that it would close."
    ix = index(text)
    q = attribute_quotes(ix)
    assert [h[3] for h in find_heads(ix, q.cues)] == ["said"]
    assert [h[4].text for h in find_heads(ix, frozenset())] == ["Quill", "Oduya"]


def test_document_heads(index):
    text = "The Ministry’s statement after the call omitted any mention of Eastport."
    heads = find_heads(index(text), frozenset())
    assert [(h[3], h[4].kind, h[4].owner.text) for h in heads] == [("omitted", "doc", "The Ministry")]


def test_this_was_stated_by(index):
    text = "The border will reopen in May. This was stated by Oduya during the talks."
    ix = index(text)
    atts = passive_by(ix, [])
    assert [(a.rule, a.cue, a.subj.text, text[a.start:a.end]) for a in atts] == [
        ("passive-by", "stated by", "Oduya", "The border will reopen in May")]
    assert passive_by(ix, atts) == []       # already held by an earlier attribution


def test_a_fronted_conditional_ends_the_content_at_the_main_clause(index):
    """Found in a real speech: "And if <capital> is claiming that A, the West should B" gave B to the capital."""
    text = "And if Quill is openly claiming that the harbour is at risk, the allies should protect the harbour."
    assert [r[4] for r in reported(index(text))] == ["the harbour is at risk"]
    text = "When Oduya said that Kyiv, Lviv and Odesa were calm, the markets rallied."
    assert [r[4] for r in reported(index(text))] == ["Kyiv, Lviv and Odesa were calm"]
    # not fronted: the content runs on
    text = "The allies should act, because Quill said that the harbour is at risk, the mines are set and trade suffers."
    assert [r[4] for r in reported(index(text))] == ["the harbour is at risk, the mines are set and trade suffers"]


def test_responding_by_acting_is_not_speech(index):
    """Found in a real speech: "The Union is responding to the aggression by building up sanctions" is an action."""
    text = "The Ministry is responding to the blockade by gradually building up sanctions on Southland."
    assert reported(index(text)) == []
    text = "Quill responded to the blockade with sanctions. Oduya responded that the blockade is lawful."
    assert [r[4] for r in reported(index(text))] == ["the blockade is lawful"]


def test_an_announced_object_then_the_narrators_clause(index):
    """Found in a real address: "the Union announced the first details of the new package, and the task of
    our diplomats is to …" gave the diplomats' task to the Union."""
    text = ("Today the Ministry announced the first details of the new harbour package, and the task of our "
            "diplomats is to strengthen this package.")
    assert [r[4] for r in reported(index(text))] == ["the first details of the new harbour package"]
    for text in ("Quill said the harbour stays open, and the allies must guard it.",      # clauses: left as they were
                 "Quill announced the harbour will stay open, and the allies must guard it."):
        assert [r[4] for r in reported(index(text))] == [text[text.index("the harbour"):-1]]


def test_slamming_the_door_is_no_cue_but_calling_for_the_doors_is(tiny_registry_yaml):
    # the White House's Politico-interview lead "… detailing how he is reversing …, slamming the door on illegal
    # border crossings …" was read as Trump's reported words; "He also called for the doors of the European Union
    # and NATO to be open to Ukraine" (a Kyiv release) stays a statement
    from stancemap.extract import extract_text

    reg = load_actors(tiny_registry_yaml)
    st = extract_text("President Quill reflected on the year, detailing how she is slamming the door on smuggling "
                      "and opening the harbour.\n", reg)
    assert "slamming" not in set(st["cue"])
    st = extract_text("President Quill called for the doors of the harbour to be open to Southland.\n", reg)
    assert [(r.speaker, r.cue) for r in st.itertuples()] == [("Ada Quill", "called for")]

"""Tests for stancemap.extract.quotes: quotations attributed by their marks, and the unclaimed ones
(constructed texts about fictional people)."""
from __future__ import annotations

import pytest

from stancemap.actors import load_actors
from stancemap.extract.index import build_index
from stancemap.extract.matchers import matchers_for
from stancemap.extract.quotes import attribute_quotes, direct_quote, unclaimed_quotes


@pytest.fixture
def index(tiny_registry_yaml):
    m = matchers_for(load_actors(tiny_registry_yaml))
    return lambda text: build_index(m, text, 0, len(text))


def found(ix):
    q = attribute_quotes(ix)
    return [(a.rule, a.subj.text, a.cue, ix.text[a.start:a.end]) for a in q.attributions]


def test_after_before_and_inverted(index):
    text = ("“The harbour stays open,” Quill said. Oduya said: “We will see.” "
            "“Trade first,” said the Southland premier.")
    assert found(index(text)) == [
        ("after", "Quill", "said", "The harbour stays open,"),
        ("before", "Oduya", "said", "We will see."),
        ("after-inverted", "the Southland premier", "said", "Trade first,"),
    ]


def test_the_quotes_and_cues_used_are_returned(index):
    text = "“The harbour stays open,” Quill said. A “so-called” deal was signed."
    ix = index(text)
    q = attribute_quotes(ix)
    assert q.quotes == frozenset({0}) and q.cues == frozenset({text.index("said")})


def test_a_quote_ending_its_sentence_takes_no_attribution_after(index):
    text = "“The harbour stays open.” Quill said that it would."
    ix = index(text)
    assert direct_quote(ix, ix.quotes[0]) is None


def test_a_colon_on_the_previous_line_introduces_the_quote(index):
    text = "In a statement, the Ministry said:\n“Talks will resume in Eastport.”"
    assert found(index(text)) == [("before", "the Ministry", "said", "Talks will resume in Eastport.")]


def test_unclaimed_quotes_continue_and_scare_quotes_are_skipped(index):
    text = ("“The harbour stays open,” Quill said. “We will not close it while I serve.” "
            "Oduya called it a “gesture”.")
    ix = index(text)
    q = attribute_quotes(ix)
    more = unclaimed_quotes(ix, q.quotes, q.attributions)
    assert [(a.kind, a.subj, text[a.start:a.end]) for a in more] == [
        ("continuation", None, "We will not close it while I serve.")]


@pytest.mark.parametrize("text, expected", [
    ("“Talks are dead.” That was the view of Ada Quill, the Northland foreign minister.",
     [("next-sentence", "Ada Quill", "was the view of", "Talks are dead.")]),
    ("Oduya arrived. “The ferries will not run.” So said Bram Oduya on Tuesday.",
     [("next-sentence", "Bram Oduya", "said", "The ferries will not run.")]),
    ("“We will hold the bridge.” The words were Quill’s.",
     [("next-sentence", "Quill", "words were", "We will hold the bridge.")]),
    ("“We will hold the bridge.”\nThose were the words of the Southland premier.",
     [("next-sentence", "the Southland premier", "were the words of", "We will hold the bridge.")]),
])
def test_the_next_sentence_names_the_speaker(index, text, expected):
    """Issue #11 item 3: a closed list of sentences that name the speaker of the quotation before them."""
    assert found(index(text)) == expected


@pytest.mark.parametrize("text", [
    "“Never.” That was the view of Oduya, but not of Quill.",         # a clause of its own after the name
    "Quill said the talks were “dead.” That was the view of Oduya.",  # the quote is inside a sentence
    "“Talks are dead.” That was the view of many.",                   # no name
    "“Talks are dead.” That was the view of Oduya and it still is.",  # more than a name
    "“Talks are dead” That was the view of Oduya.",                   # the quote ends in no stop
    "“Talks are dead.” This was the day Quill left.",                 # not an attribution sentence
])
def test_the_next_sentence_rule_is_precise(index, text):
    assert [a for a in found(index(text)) if a[0] == "next-sentence"] == []


def test_a_quote_named_by_the_next_sentence_is_no_continuation(index):
    text = "“The harbour stays open,” Quill said. “Talks are dead.” So said Oduya."
    ix = index(text)
    q = attribute_quotes(ix)
    assert q.quotes == frozenset({0, 1}) and text.index("said Oduya") in q.cues
    assert unclaimed_quotes(ix, q.quotes, q.attributions) == []


def embedded(index, text):
    from stancemap.extract.document import article_attributions
    from stancemap.extract.quotes import embedded_quotes

    ix = index(text)
    return [(b.speakers[0].name, b.cue, text[b.start:b.end]) for b in embedded_quotes(ix, article_attributions(ix))]


@pytest.mark.parametrize("text, expected", [
    ("Quill said: “Oduya told me ‘we will never cede Eastport’, and I believe him.”",
     [("Bram Oduya", "told", "we will never cede Eastport")]),
    ("“Oduya told us that ‘the crews won’t wait’ and I agree,” Quill said.",
     [("Bram Oduya", "told", "the crews won’t wait")]),
    ("Quill said: “‘We will never cede Eastport,’ Lena Voss said, and I believe her.”",
     [("Lena Voss", "said", "We will never cede Eastport,")]),
    ("Quill said: “Oduya said, ‘We will never cede Eastport.’ I believe him.”",
     [("Bram Oduya", "said", "We will never cede Eastport.")]),
    # not another person's words: the outer speaker themself, a pronoun, a term in marks, a possessive
    ("Quill said: “I told him ‘we will never cede Eastport’, and he agreed.”", []),
    ("Quill said: “He told me ‘we will never cede Eastport’.”", []),
    ("Quill said: “This is a ‘special operation’ in name only.”", []),
    ("Quill said: “Oduya’s ‘final offer’ is no offer.”", []),
    ("Quill said: “The harbour master told me ‘we are ready’.”", []),
    ("Quill said: “The Southland premier told me ‘we are ready’.”", [("Bram Oduya", "told", "we are ready")]),
])
def test_a_quotation_inside_a_quotation_is_the_inner_speakers(index, text, expected):
    """Issue #11 item 3: nested quotes — the inner words get their own (embedded) attribution."""
    assert embedded(index, text) == expected

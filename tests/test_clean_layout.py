"""Layout repairs of clean_text (issue 11, item 2): inline HTML, Markdown, paragraph breaks a scrape
turned into ", " and sentences run together, all through the one offset map back to the raw text.

Every text is constructed, with fictional people and places.
"""
from __future__ import annotations

import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancemap.clean import (LAYOUT_REPAIRS, clean, clean_text, clean_text_map, comma_joined, describe_repairs,
                             split_comma_joins)
from stancemap.errors import LossyStepWarning


def _roundtrip(raw: str) -> None:
    """The map is clean_text's text, and every word of the cleaned text maps to the same word of the raw."""
    m = clean_text_map(raw)
    assert m.text == clean_text(raw).text
    assert clean_text(m.text).text == m.text                       # idempotent
    pos = 0
    for word in m.text.split():
        i = m.text.index(word, pos)
        pos = i + len(word)
        s, e = m.raw_span(i, pos)
        if word.isalpha():                                         # (with its markup, if any)
            assert word in raw[s:e] and len(raw[s:e]) <= len(word) + 50, (word, raw[s:e])


# -- inline HTML ----------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("<p>Ada Quill spoke.</p><p>Bram Oduya replied.</p>", "Ada Quill spoke.\n\nBram Oduya replied."),
    ("Quill said <em>no</em> &amp; left.", "Quill said no & left."),
    ("line one<br>line two<br/>line three", "line one\nline two\nline three"),
    ("It is time to stop pointing <s>figers</s> [fingers] at Southland.",
     "It is time to stop pointing [fingers] at Southland."),         # a struck-out slip goes with its words
    ("A table:<!-- comment --> <span style=\"x\">kept</span> &ldquo;quoted&rdquo;", "A table: kept “quoted”"),
    ("<ul><li>grain</li><li>timber</li></ul>", "- grain\n- timber"),
    ("x < 5 and y > 3, (Laughter.) <Applause> <inaudible>", "x < 5 and y > 3, (Laughter.) <Applause> <inaudible>"),
    ("Fish &amp; chips &notanentity; AT&T", "Fish & chips &notanentity; AT&T"),
])
def test_inline_html(raw, expected):
    r = clean_text(raw)
    assert r.text == expected
    assert ("html" in r.repairs) == (raw != expected)
    _roundtrip(raw)


def test_script_and_unknown_tags_stay_as_written():
    raw = "Quill: “<script>alert(‘x’)</script> peace” <Applause>"
    assert clean_text(raw).text == raw and clean_text(raw).repairs == {}


def test_html_map_points_at_the_words_between_tags():
    raw = "<p>Quill said the talks were <strong>over</strong> for this year.</p>"
    m = clean_text_map(raw)
    i = m.text.index("the talks")
    s, e = m.raw_span(i, m.text.index(" for"))
    assert raw[s:e] == "the talks were <strong>over</strong>"       # the tags around a word go with it
    s, e = m.raw_span(m.text.index("over"), m.text.index(" for"))
    assert raw[s:e] == "<strong>over</strong>"


# -- Markdown -------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("[Ada Quill](https://example.org/quill) said **no**.", "Ada Quill said no."),
    ("She said *no* and _never_, not snake_case_names.", "She said no and never, not snake_case_names."),
    ("# Talks stall\nAda Quill said no.", "Talks stall\n\nAda Quill said no."),
    ("Intro.\n## Reactions ##\n\nOduya replied.", "Intro.\n\nReactions\n\nOduya replied."),
    ("![a map](map.png)The river. See <https://example.org/x>.", "The river. See https://example.org/x."),
    ("> Quoted line\n* item one\n+ item two", "Quoted line\n- item one\n- item two"),
    ("\\[Witkoff\\] said \\*nothing at all.", "[Witkoff] said *nothing at all."),
    ("He said \\*nothing\\*.\n\\> not a quote\n\\[a\\](b)", "He said \\*nothing\\*.\n\\> not a quote\n\\[a\\](b)"),
    ("See [the report][1].\n\n[1]: https://example.org/report", "See the report."),
    ("Ada Quill said it was a [deal\nof the century](https://example.org/a) on Monday.",
     "Ada Quill said it was a deal\nof the century on Monday."),
    ("Body.\n\n\\###", "Body."),
    ("* * *\n\n***", "* * *\n\n***"),                                   # section marks stay
])
def test_markdown(raw, expected):
    assert clean_text(raw).text == expected
    _roundtrip(raw)


def test_markdown_link_maps_to_its_words_not_its_url():
    raw = "Then [Ada Quill](https://example.org/quill) said the border stays **closed**."
    m = clean_text_map(raw)
    i = m.text.index("Ada Quill")
    s, e = m.raw_span(i, i + len("Ada Quill"))
    assert raw[s:e] == "[Ada Quill](https://example.org/quill)"     # the whole link, as in the file
    s, e = m.raw_span(i + 4, i + len("Ada Quill"))
    assert raw[s:e] == "Quill](https://example.org/quill)"
    i = m.text.index("the border")
    s, e = m.raw_span(i, len(m.text) - 1)
    assert raw[s:e] == "the border stays **closed**"
    s, e = m.raw_span(m.text.index("the border"), m.text.index(" stays"))
    assert raw[s:e] == "the border"


# -- ", " paragraph joins -------------------------------------------------------------------

_SPEECH = [
    "Good health to you, fellow Northlanders!",
    "Today I was in Eastport. I met our border guards and thanked them for their work, their patience and "
    "their courage in the long winter that is now behind us, and I presented state awards to eleven of them.",
    "The talks with Southland are over for this year. We will not sign a deal that gives away the river "
    "crossings, and every partner of ours knows this, in Westmark, in Saltholm and in the capital.",
    "I held a long meeting on the grain harvest. The ministers reported on the storage, on the roads and on "
    "the prices, which have fallen by a third since the autumn, and we agreed on new support for farmers.",
    "Glory to Northland!",
]


def test_comma_joins_are_split_into_paragraphs():
    raw = ", " + ", ".join(_SPEECH) + ", "
    r = clean_text(raw)
    assert r.text == "\n\n".join(_SPEECH)
    assert r.repairs == {"comma_joins": 6}                             # 4 joins, the leading and the trailing ", "
    _roundtrip(raw)
    m = clean_text_map(raw)
    i = m.text.index("Today")
    s, e = m.raw_span(i, i + len(_SPEECH[1]))
    assert raw[s:e] == _SPEECH[1]


def test_comma_joins_also_after_a_space_a_comma_or_a_colon():
    raw = ("Dear friends,, " + _SPEECH[1] + " , " + _SPEECH[2] + ", " + _SPEECH[3] + ", " + _SPEECH[1]
           + " I said this:, " + _SPEECH[4])
    assert clean_text(raw).text.split("\n\n") == ["Dear friends,", _SPEECH[1], _SPEECH[2], _SPEECH[3],
                                                  _SPEECH[1] + " I said this:", _SPEECH[4]]


@pytest.mark.parametrize("raw", [
    # ordinary commas, abbreviations and quotations: never split
    "Ada Quill met officials from the U.S., UK and Southland in Eastport, Westmark and Saltholm. " * 8,
    ("“We will win.”, Quill said. The talks went on. Acme Inc., Northland’s largest firm, agreed. "
     "Mr. Oduya left at 5 p.m., Tuesday. ") * 6,
    # one join in a normal text with paragraphs is not enough evidence
    "Quill spoke first., Then Oduya replied.\n\nThe talks went on until late in the evening.\n\n" * 2,
])
def test_ordinary_commas_are_never_split(raw):
    r = clean_text(raw)
    assert "comma_joins" not in r.repairs
    assert r.text == clean_text(raw).text


def test_comma_join_detection_needs_long_paragraphs():
    short = ", ".join(["One.", "Two.", "Three.", "Four.", "Five."])
    assert not comma_joined(short)
    assert comma_joined(", ".join(_SPEECH[1:4] * 2))


def test_split_comma_joins_of_the_dataset_loaders_is_unchanged():
    assert split_comma_joins(", Hello, friends!, Today we met., The end, ") == \
        "Hello, friends!\n\nToday we met.\n\nThe end"


# -- sentences run together -----------------------------------------------------------------

def test_lost_breaks_in_a_flat_text_become_paragraphs():
    paragraphs = [_SPEECH[1], _SPEECH[2], "“We will not sign,” Quill said after the meeting in Eastport.",
                  _SPEECH[3], "Oduya said the commission would meet in the spring.", _SPEECH[1]]
    raw = "".join(paragraphs)
    r = clean_text(raw)
    assert r.text == "\n\n".join(paragraphs)
    assert r.repairs == {"lost_breaks": 5}
    _roundtrip(raw)


@pytest.mark.parametrize("raw, expected", [
    ("The talks ended.Then it rained.\n\nShort.", "The talks ended. Then it rained.\n\nShort."),   # not flat: a space
    ("“We will fight.We will win,” Quill said.", "“We will fight. We will win,” Quill said."),    # inside a quote
    ("Visit www.example.org or www.Northland.gov today.", "Visit www.example.org or www.Northland.gov today."),
    ("Mrs.Quill and Dr.Oduya met at St.Anne’s and e.g.The end.",
     "Mrs.Quill and Dr.Oduya met at St.Anne’s and e.g.The end."),
    ("It ended at 5.Then more.", "It ended at 5.Then more."),
])
def test_lost_breaks_only_where_safe(raw, expected):
    assert clean_text(raw).text == expected
    _roundtrip(raw)


# -- properties -----------------------------------------------------------------------------

_LAYOUT_PIECES = ["word", "Quill", " ", "\n", "\n\n", ".", ",", ", ", "., ", "!", "**", "*", "_", "#", "## ", "[",
                  "](http://x.org/a)", "<p>", "</p>", "<em>", "<br>", "&amp;", "<s>x</s>", "\\[", "> ", "- ",
                  "“", "”", '"', "The", "war.Next", "A"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LAYOUT_PIECES), max_size=40))
def test_layout_map_is_clean_text_with_a_monotone_map(pieces):
    raw = "".join(pieces)
    m = clean_text_map(raw)
    assert m.text == clean_text(raw).text
    last = 0
    for i, ch in enumerate(m.text):
        s, e = m.raw_span(i, i + 1)
        assert last <= s < e <= len(raw)                           # every character has a source
        last = s
        if ch.isascii() and ch.isalpha():                          # (with the markup next to it)
            assert ch in raw[s:e] and (raw[s:e].startswith((ch, "[", "*", "_", "<")) or raw[s:e].endswith(ch))


# -- reporting ------------------------------------------------------------------------------

def test_describe_repairs_names_each_repair_and_count():
    note = describe_repairs([("a", {"comma_joins": 3}), ("b", {}), ("c", {"comma_joins": 2, "html": 4})], 3)
    assert note.startswith("Repaired the layout of 2 of 3 document(s)")
    assert f"{LAYOUT_REPAIRS['comma_joins']}: 5 in 2 (a, c)" in note
    assert f"{LAYOUT_REPAIRS['html']}: 4 in 1 (c)" in note
    assert describe_repairs([("a", {})], 1) == ""


def test_clean_documents_warns_about_repairs():
    docs = pd.DataFrame({"doc_id": ["joined", "plain"],
                         "raw_text": [", ".join(_SPEECH), "Ada Quill said no."]})
    with pytest.warns(LossyStepWarning, match=r"1 of 2 document\(s\).*\", \": 4 in 1 \(joined\)"):
        out = clean(docs)
    assert out["text"][0] == "\n\n".join(_SPEECH)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        clean(docs.iloc[[1]])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LAYOUT_PIECES + ["\\]", "\\*", "\\>", "\\\\", "\\#", "(x)"]), max_size=40))
def test_layout_repairs_are_idempotent(pieces):
    once = clean_text("".join(pieces)).text
    assert clean_text(once).text == once

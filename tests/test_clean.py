"""Tests for stancemap.clean: quotation marks, dashes, whitespace, boilerplate, datelines."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancemap.clean import (DEFAULT_BOILERPLATE, CleanText, clean, clean_text, clean_text_map, clean_whitespace,
                             detect_dateline, repair_text, restore_turn_breaks, turn_labels, unwrap_lines)
from stancemap.errors import StancemapError
from stancemap.text import sentences

SEED = Path(__file__).resolve().parents[1] / "corpora" / "ceasefire-2025-03" / "ceasefire-talks-stall.txt"
FORBIDDEN = ["\r", "\u00a0", "\u2009", "\u202f", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", '"']


@pytest.fixture(scope="module")
def seed_raw() -> str:
    return SEED.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the seed article

def test_seed_getty_artefact_removed_and_sentence_starts(seed_raw):
    result = clean_text(seed_raw)
    assert isinstance(result, CleanText)
    assert "Getty" not in result.text
    assert result.removed == ["Embed from Getty Images"]
    assert "\nMeanwhile, Russia also reported" in result.text
    assert any(s.startswith("Meanwhile, Russia also reported") for s in sentences(result.text))


def test_seed_dateline_detected_and_kept(seed_raw):
    result = clean_text(seed_raw)
    assert result.dateline == "WASHINGTON/LONDON"
    assert result.text.split("\n")[1].startswith("WASHINGTON/LONDON – Russian President Vladimir Putin")


def test_seed_is_otherwise_unchanged(seed_raw):
    # the seed already uses typographic quotes and dashes: cleaning only removes the artefact
    assert clean_text(seed_raw).text == seed_raw.replace("Embed from Getty Images", "").strip()


# --------------------------------------------------------------------------- normalisation

@pytest.mark.parametrize("raw, expected", [
    ('He said "yes" today.', "He said “yes” today."),
    ('"Start" of text', "“Start” of text"),
    ('(as "first step")', "(as “first step”)"),
    ('a—"quoted"—b', "a—“quoted”—b"),
    ('„Wir sind bereit“, sagte er', "“Wir sind bereit”, sagte er"),
    ("«Bonjour» dit-il", "“Bonjour” dit-il"),
    ("``quoted'' text", "“quoted” text"),
    ("＂wide＂ marks", "“wide” marks"),
    ("it's Ukraine's plan", "it’s Ukraine’s plan"),
    ("she said 'no' twice", "she said ‘no’ twice"),
    ("the allies' plan", "the allies’ plan"),
    ("don`t", "don’t"),
    ("Zelensky´s call", "Zelensky’s call"),
    ("“already typographic”", "“already typographic”"),
])
def test_quotation_marks(raw, expected):
    assert clean_text(raw).text == expected


@pytest.mark.parametrize("raw, expected", [
    ("talks -- and more", "talks — and more"),
    ("talks---and more", "talks—and more"),
    ("pages 3–5 and 18–19 March", "pages 3–5 and 18–19 March"),
    ("a well-known x", "a well-known x"),
    ("quotation―dash", "quotation—dash"),
])
def test_dashes(raw, expected):
    assert clean_text(raw).text == expected


def test_whitespace():
    raw = "\ufeffFirst\u00a0line  \t with\u2009spaces \r\nsec\u200bond\u200d line\r\n\r\n\r\n\r\n  third\u2028fourth\n\n"
    assert clean_text(raw).text == "First line with spaces\nsecond line\n\nthird\nfourth"


# --------------------------------------------------------------------------- boilerplate

@pytest.mark.parametrize("raw, expected", [
    ("Para one.\nAdvertisement\nPara two.", "Para one.\nPara two."),
    ("Para one.\nADVERTISEMENT - Scroll to continue\nPara two.", "Para one.\nPara two."),
    ("It ended.AdvertisementThen it rained.", "It ended. Then it rained."),
    ("Para one.\nRead more: Why the talks stalled\nPara two.", "Para one.\nPara two."),
    ("Para one.\nRELATED: Earlier coverage\nPara two.", "Para one.\nPara two."),
    ("Para one. Click here to subscribe.\nPara two.", "Para one.\nPara two."),
    ("Great call! pic.twitter.com/AbC123\n— Ada Quill (@PresidentQuill) March 18, 2025\nNext.",
     "Great call!\nNext."),
    ("Text https://t.co/xyz123 more", "Text more"),
    ("Para.\nA post shared by Ada Quill (@quill) on Mar 18, 2025 at 9:00am\nNext.", "Para.\nNext."),
    ("Para.\nShare this article\nSign up for our daily newsletter\nNext.", "Para.\nNext."),
    ("Para.\nImage source, Getty Images\nNext.", "Para.\nNext."),
    ("Para.\nEmbed from Getty Images\nNext.", "Para.\nNext."),
])
def test_default_boilerplate_removed(raw, expected):
    result = clean_text(raw)
    assert result.text == expected
    assert result.removed


@pytest.mark.parametrize("raw", [
    "Advertisement revenue fell by a third.",
    "Readers who read more: that is the trend.",
    "He shared the article with colleagues.",
    "Getty is a photo agency.",
    "The pilot said - calmly - that all was well.",
])
def test_prose_is_not_boilerplate(raw):
    result = clean_text(raw)
    assert result.removed == []
    assert result.text == raw


def test_custom_literal_and_regex_boilerplate():
    raw = "Body text.\nListen to this story\nMore text.Listen to this storyNext.\nAD-42 code here"
    result = clean_text(raw, boilerplate=("Listen to this story", r"re:\bAD-\d+ "))
    assert result.text == "Body text.\nMore text. Next.\ncode here"
    assert result.removed.count("Listen to this story") == 2
    # a literal inside a sentence is left alone
    assert clean_text("Please listen to this story now.", ("listen to this story",)).removed == []


def test_boilerplate_can_be_disabled(seed_raw):
    result = clean_text(seed_raw, boilerplate=())
    assert "Embed from Getty Images" in result.text and result.removed == []


def test_default_boilerplate_is_a_tuple_of_strings():
    assert isinstance(DEFAULT_BOILERPLATE, tuple)
    assert all(isinstance(e, str) and e for e in DEFAULT_BOILERPLATE)


@pytest.mark.parametrize("bad, match", [((r"re:(unclosed",), "not a valid regular expression"),
                                         ((42,), "is a int"), (("",), "empty")])
def test_bad_boilerplate_entries(bad, match):
    with pytest.raises(StancemapError, match=match):
        clean_text("text", boilerplate=bad)


# --------------------------------------------------------------------------- datelines

@pytest.mark.parametrize("raw, expected", [
    ("WASHINGTON/LONDON – Russian President said", "WASHINGTON/LONDON"),
    ("KYIV, March 18 (Reuters) - Ukraine said", "KYIV"),
    ("BRUSSELS/KYIV, March 18 (Reuters) - The EU said", "BRUSSELS/KYIV"),
    ("MOSCOW (AP) — The Kremlin said", "MOSCOW"),
    ("KYIV, Ukraine (AP) — Officials said", "KYIV, Ukraine"),
    ("NEW YORK -- The council met", "NEW YORK"),
    ("Headline without a full stop\nLONDON – Body starts here.", "LONDON"),
    ("BREAKING: talks collapse", ""),
    ("THE PRESIDENT: Thank you all.", ""),
    ("Meanwhile – the talks went on", ""),
    ("The talks in KYIV – resumed", ""),
    ("LONDON –", ""),
    ("", ""),
])
def test_dateline(raw, expected):
    result = clean_text(raw)
    assert result.dateline == expected
    if expected:
        assert expected in result.text


def test_detect_dateline_only_near_the_start():
    text = "Headline\nBy A Reporter\nLONDON – Body.\nPARIS – later paragraph."
    assert detect_dateline(text) == "LONDON"
    assert detect_dateline("One.\nTwo.\nThree.\nPARIS – late.") == ""


# --------------------------------------------------------------------------- properties

_TOKENS = list("aB .,\n\r\t\"'`-—–(:!?/") + [
    "Embed from Getty Images", "Advertisement", "Read more:", "WASHINGTON/LONDON – ", "KYIV, March 18 (Reuters) - ",
    "Click here to go.", "— A (@b) March 1, 2025", "pic.twitter.com/x", "Share this article", "Meanwhile",
    "\u00a0", "\u200b", "\ufeff", "\u2028", "„", "“", "”", "«", "»", "''", "``", "--", "e\u0301", "\u0301",
    "\u2000", "\x0c", "\x00",
]
_NEWSY = st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join)


def _check(text: str, result: CleanText) -> None:
    assert isinstance(result.text, str) and isinstance(result.dateline, str)
    for ch in FORBIDDEN:
        assert ch not in result.text, (text, ch)
    assert "\n\n\n" not in result.text
    assert not re.search(r"[ \t]\n|\n[ \t]|  ", result.text)
    again = clean_text(result.text)
    assert again.text == result.text, (text, result.text, again.text)
    assert again.dateline == result.dateline


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_clean_text_arbitrary_text(text):
    _check(text, clean_text(text))


@settings(max_examples=300, deadline=None)
@given(_NEWSY)
def test_clean_text_newsy_text(text):
    _check(text, clean_text(text))


@settings(max_examples=100, deadline=None)
@given(_NEWSY, st.sampled_from([(), ("Meanwhile",), (r"re:(?i)march \d+",), ("Advertisement", "Read more:")]))
def test_clean_text_idempotent_with_custom_boilerplate(text, boilerplate):
    once = clean_text(text, boilerplate)
    assert clean_text(once.text, boilerplate).text == once.text


def test_clean_text_none_and_bad_types():
    assert clean_text(None) == CleanText("", "", [])
    with pytest.raises(StancemapError, match="expects a string"):
        clean_text(12)


# --------------------------------------------------------------------------- clean(documents)

def _docs() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "raw_text": ['Headline\nLONDON – He said "no".', "Para.\nAdvertisement\nMore.", "PARIS – Quiet day."],
        "text": ["", "", ""],
        "dateline": ["", "", "KEEP-ME"],
    })


def test_clean_documents_fills_text_and_dateline_and_warns():
    docs = _docs()
    before = docs.copy()
    with pytest.warns(UserWarning, match=r"Removed boilerplate from 1 of 3 document"):
        out = clean(docs)
    pd.testing.assert_frame_equal(docs, before)        # input not mutated
    assert out is not docs
    assert list(out.columns) == list(docs.columns)
    assert out["text"].tolist() == ["Headline\nLONDON – He said “no”.", "Para.\nMore.", "PARIS – Quiet day."]
    assert out["dateline"].tolist() == ["LONDON", "", "KEEP-ME"]


def test_clean_documents_without_boilerplate_does_not_warn():
    docs = _docs().iloc[[0, 2]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = clean(docs)
    assert out["text"].iloc[0].endswith("“no”.")


def test_clean_documents_from_text_only_and_idempotent():
    docs = pd.DataFrame({"text": ['"Quote" -- end.', None]})
    out = clean(docs)
    assert out["text"].tolist() == ["“Quote” — end.", ""]
    assert out["raw_text"].tolist() == ['"Quote" -- end.', ""]
    assert clean(out.assign(raw_text=out["text"]))["text"].tolist() == out["text"].tolist()


def test_clean_documents_needs_a_text_column():
    with pytest.raises(StancemapError, match=r"missing column.*'text'.*Columns are: body"):
        clean(pd.DataFrame({"body": ["x"]}))


# --------------------------------------------------------------------------- the public datasets' repair (repair_text)

def test_clean_whitespace_keeps_line_breaks():
    assert clean_whitespace("  a\u00a0 b\t c \r\n\n\n\n d\u200b e \n") == "a b c\n\nd e"


def test_unwrap_lines_joins_pdf_wraps_and_keeps_paragraphs():
    text = ("The first line is \nwrapped here and a well-\nknown word too. \n\nNew paragraph \nhere, the "
            "Secretary-\nGeneral said, and a page \n\n\nbreak mid-sentence.\nA kept line.\n\nLast.")
    assert unwrap_lines(text) == (
        "The first line is wrapped here and a well-known word too.\n\nNew paragraph here, the "
        "Secretary-General said, and a page break mid-sentence.\nA kept line.\n\nLast.")


def test_restore_turn_breaks_on_a_constructed_transcript():
    flat = ("Ada Quill held a meeting. * * * Opening remarks at the meeting President of Northland Ada Quill: "
            "Colleagues, welcome. Minister of Things Bram Oduya Oduya BramMinister of Things: Thank you. "
            "Question: Will it rain? Ada Quill:(laughing) No. <…> Bram Oduya (retranslated): Yes. "
            "We say: this is not a label.")
    text = restore_turn_breaks(flat)
    assert text.split("\n") == [
        "Ada Quill held a meeting.", "", "* * *", "",
        "Opening remarks at the meeting",
        "President of Northland Ada Quill: Colleagues, welcome.",
        "Minister of Things Bram Oduya: Thank you.",
        "Question: Will it rain?",
        "Ada Quill:(laughing) No. <…>",
        "Bram Oduya (retranslated): Yes. We say: this is not a label."]
    labels = turn_labels(text)
    assert [lab for lab, _, _ in labels] == ["President of Northland Ada Quill", "Minister of Things Bram Oduya",
                                             "Question", "Ada Quill", "Bram Oduya (retranslated)"]
    lab, start, turn = labels[1]
    assert text[start:].startswith(lab + ":") and text[turn:].startswith("Thank you.")


def test_repair_text_is_the_loaders_composition():
    raw = ("  Opening \u00a0remarks at the talks President of Northland Ada Quill: Colleagues, \nwelcome.\r\n"
           "\n\n\nQuestion: Will it rain?\u200b  ")
    assert repair_text(raw) == clean_whitespace(raw)
    assert repair_text(raw, unwrap=True) == clean_whitespace(unwrap_lines(raw))
    assert repair_text(raw, turns=True) == restore_turn_breaks(clean_whitespace(raw))
    assert repair_text(None) == repair_text(float("nan")) == repair_text(pd.NA) == ""


def test_missing_values_are_empty_text():
    assert clean_text(None).text == clean_text(float("nan")).text == clean_text(pd.NA).text == ""
    with pytest.raises(StancemapError, match="expects a string"):
        clean_text(3)
    out = clean(pd.DataFrame({"raw_text": ["a  b", None, pd.NA], "dateline": [None, "X", pd.NA]}))
    assert out["raw_text"].tolist() == ["a  b", "", ""] and out["text"].tolist() == ["a b", "", ""]
    assert out["dateline"].tolist() == ["", "X", ""]


# -- the way back to raw_text (issue 14, item 7) ----------------------------------------

_PIECES = ["word", "Quill", " ", "  ", "\n", "\n\n\n", "\r\n", '"', "'", "“", "”", "‘", "’", "--", "―", "\u00a0",
           "\u200b", "e\u0301", "\t", "don't", ".", ",", "Advertisement\n", "Embed from Getty Images", "Read more: x\n",
           "``", "''", "„", "«", "»", "\u00ad", " \n ", "A", "said"]


def test_clean_text_map_gives_the_source_characters_of_a_span():
    raw = 'He said "no  deal" -- twice.\r\nShe said\u00a0‘maybe’.'
    m = clean_text_map(raw)
    assert m.text == clean_text(raw).text == "He said “no deal” — twice.\nShe said ‘maybe’."
    s, e = m.raw_span(8, 17)
    assert raw[s:e] == '"no  deal"'
    s, e = m.raw_span(18, 19)
    assert raw[s:e] == "--"
    s, e = m.raw_span(0, len(m.text))
    assert raw[s:e] == raw
    i = m.text.index("‘maybe’")
    s, e = m.raw_span(i, i + len("‘maybe’"))
    assert raw[s:e] == "‘maybe’"


def test_clean_text_map_keeps_removed_boilerplate_inside_a_span_only():
    raw = 'Quill said "yes".Embed from Getty ImagesMeanwhile, it rained.'
    m = clean_text_map(raw)
    assert m.text == clean_text(raw).text
    s, e = m.raw_span(0, len(m.text))
    assert raw[s:e] == raw                   # the removed widget lies inside the whole text
    i = m.text.index("Meanwhile")
    s, e = m.raw_span(i, len(m.text))
    assert raw[s:e] == "Meanwhile, it rained."


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_clean_text_map_is_clean_text_with_a_monotone_map(pieces):
    raw = "".join(pieces)
    m = clean_text_map(raw)
    assert m.text == clean_text(raw).text
    last = 0
    for i, ch in enumerate(m.text):
        s, e = m.raw_span(i, i + 1)
        assert last <= s < e <= len(raw)
        last = s
        if ch.isascii() and ch.isalpha():
            assert raw[s:e] == ch
        if ch in "“”‘’":
            assert set(raw[s:e]) <= set("\"'`“”‘’„«»\u00ad\u200b")


# -- hard-wrapped text (issue 11, item 2) ------------------------------------------------

_WORDS = ["the", "talks", "Quill", "said", "that", "border", "would", "stay", "closed", "“we", "will”", "not,",
          "sign", "Northland’s", "ceasefire", "commission", "well-known", "a", "river", "crossings.", "Oduya", "--",
          '"no', 'deal"', "it's", "and"]
_PARAGRAPH = st.lists(st.sampled_from(_WORDS), min_size=25, max_size=70).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=4), st.integers(min_value=58, max_value=80))
def test_clean_text_map_on_wrapped_paragraphs(paragraphs, width):
    """Wrapped at 58–80 columns: the map is clean_text's text, the words and paragraphs of the
    unwrapped copy, idempotent, and each cleaned character maps to itself (a joining space to the raw newline)."""
    import textwrap

    flat = "\n\n".join(paragraphs)
    raw = "\n\n".join(textwrap.fill(p, width, break_on_hyphens=False) for p in paragraphs)
    m = clean_text_map(raw)
    assert m.text == clean_text(raw).text
    assert clean_text(m.text).text == m.text
    assert m.text.split() == clean_text(flat).text.split()               # the same words,
    assert m.text.count("\n\n") == clean_text(flat).text.count("\n\n")   # the same paragraphs
    last = 0
    for i, ch in enumerate(m.text):
        s, e = m.raw_span(i, i + 1)
        assert last <= s < e <= len(raw)
        last = s
        if ch.isalpha():
            assert raw[s:e] == ch
        if ch == " " and raw[s:e] == "\n":
            assert m.text[i - 1] != "\n"


def test_hard_wrapped_text_is_joined_and_unwrap_lines_unchanged():
    import textwrap

    para = ("Ada Quill said on Monday that the talks with Southland were over for this year and that the "
            "border would stay closed until the spring, and Bram Oduya said that the ceasefire would hold.")
    raw = textwrap.fill(para, 60) + "\n\n" + textwrap.fill(para, 60)
    assert clean_text(raw).text == para + "\n\n" + para
    # the dataset loaders' PDF unwrapping shares the hyphen and continuation rules, unchanged
    assert unwrap_lines("a well-\nknown word\nand More") == "a well-known word and More"

"""Provenance (issue 14, item 7): a statement can be quoted in the source's own characters.

Cleaning makes quotation marks typographic, joins spaces and drops invisible
characters, so a statement's ``text`` is not the source's characters. Every
statement also carries ``raw_start``/``raw_end`` (its span in the document's
``raw_text``) and ``source_text`` (those exact characters). The texts are
constructed, with fictional people.
"""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from stancemap.clean import repair_text
from stancemap.corpus import load
from stancemap.errors import LossyStepWarning
from stancemap.extract import extract, extract_text

STRAIGHT = ('Northland talks\n\n'
            'Ada Quill said "we will not sign this deal -- not today," on Monday.\n'
            'Quill said: “Talks are over.”\n\n'
            'Ada Quill said:\u00a0"The border must\u200b stay open."\n\n'
            'Quill insisted that the  ministry\'s plan was "dead on arrival" and must go.\n')
WINDOWS = ('Southland reply\r\n\r\n'
           'Bram Oduya said "the ceasefire holds for now, and we will keep our promise,"   after the vote.\r\n'
           "Oduya said that the talks\twill go on ``next week''.\r\n")
HTML = ('<html><head><title>T</title></head><body><article><h1>A long headline about the talks</h1>'
        '<p>Ada Quill said &quot;we want peace talks now,&quot; in the capital on Monday evening after a long day.</p>'
        '<p>Oduya added that the ministry&#8217;s plan was &ldquo;dead on arrival&rdquo; and should be withdrawn.</p>'
        '</article></body></html>')


@pytest.fixture
def corpus(tmp_path, tiny_registry_yaml):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "straight.txt").write_text(STRAIGHT, encoding="utf-8")
    (tmp_path / "docs" / "windows.txt").write_bytes(WINDOWS.encode("utf-8"))
    (tmp_path / "docs" / "page.html").write_text(HTML, encoding="utf-8")
    docs = load(tmp_path / "docs")
    return docs, extract(docs, tiny_registry_yaml)


def test_source_text_is_exactly_the_raw_characters(corpus):
    docs, st = corpus
    raw = docs.set_index("doc_id")["raw_text"]
    assert set(st["doc_id"]) == {"straight", "windows", "page"}
    for r in st.itertuples():
        assert r.raw_start >= 0, r.text
        assert raw[r.doc_id][r.raw_start:r.raw_end] == r.source_text
    by_text = dict(zip(st["text"], st["source_text"]))
    # straight quotes, the double hyphen, doubled spaces, NBSP, a zero-width space and a hard wrap are kept
    assert any('"we will not sign this deal -- not today,"' in s for s in st["source_text"])
    assert any('“' in t for t in st["text"]) and any('"' in s for s in st["source_text"])
    assert any("must\u200b stay open" in s for s in st["source_text"])
    assert any("the  ministry's plan was \"dead on arrival\"" in s for s in st["source_text"])
    # Windows line endings, a tab and TeX-style quotes
    assert any("talks\twill go on ``next week''" in s for s in st["source_text"])
    assert any("talks will go on “next week”" in t for t in st["text"])
    # typographic marks already in the source stay as they were
    assert by_text.get("Talks are over.") == "Talks are over."
    # HTML: raw_text is the page's main text (entities decoded); the straight quotes are those of the page
    page = st[st["doc_id"] == "page"]
    assert any('"we want peace talks now,"' in s for s in page["source_text"])


def test_cleaned_span_and_source_span_hold_the_same_words(corpus):
    _, st = corpus
    for t, s in zip(st["text"], st["source_text"]):
        norm = lambda x: "".join(ch for ch in x if ch.isalnum())  # noqa: E731
        assert norm(t) == norm(s)


def test_text_given_without_raw_text_is_its_own_source(tiny_registry_yaml):
    st = extract_text('Ada Quill said "we will keep talking to everyone," on Monday.', tiny_registry_yaml)
    assert len(st) == 1
    r = st.iloc[0]
    assert r["source_text"] == r["text"] and (r["raw_start"], r["raw_end"]) == (r["char_start"], r["char_end"])


def test_text_cleaned_another_way_is_found_in_the_raw_text(tiny_registry_yaml):
    """Hard wraps: the public datasets' text is repair_text(raw_text) (PDF line wraps undone,
    quotes as published); the statement's words are found in the raw text, wraps and all."""
    raw = ('Ada Quill said that the talks\nwere over for this year and that the\nborder stays closed.\n\n'
           'Ada Quill said that the talks\nwere over for this year and that the\nborder stays closed.')
    docs = pd.DataFrame([{"doc_id": "d", "raw_text": raw, "text": repair_text(raw, unwrap=True)}])
    st = extract(docs, tiny_registry_yaml)
    assert len(st) == 2
    assert list(st["source_text"]) == [raw[s:e] for s, e in zip(st["raw_start"], st["raw_end"])]
    assert st["raw_start"].iloc[0] < st["raw_start"].iloc[1]          # the k-th repeat maps to the k-th
    assert all("\n" in s for s in st["source_text"])


def test_a_span_that_cannot_be_traced_is_marked_and_counted(tiny_registry_yaml):
    docs = pd.DataFrame([{"doc_id": "d", "raw_text": "something else entirely",
                          "text": 'Ada Quill said "we will keep talking to everyone," on Monday.'}])
    with pytest.warns(LossyStepWarning, match="1 of 1 statements could not be traced"):
        st = extract(docs, tiny_registry_yaml)
    assert (st["raw_start"].iloc[0], st["raw_end"].iloc[0], st["source_text"].iloc[0]) == (-1, -1, "")


def test_provenance_columns_are_in_the_written_statements(tmp_path, tiny_registry_yaml):
    from stancemap.cli import main

    doc = tmp_path / "a.txt"
    doc.write_text(STRAIGHT, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["extract", str(doc), "--actors", str(tiny_registry_yaml), "--out",
                     str(tmp_path / "st.csv")]) == 0
    st = pd.read_csv(tmp_path / "st.csv", keep_default_na=False)
    assert {"raw_start", "raw_end", "source_text"} <= set(st.columns)
    assert any('"' in s for s in st["source_text"])


def test_statements_of_a_hard_wrapped_file_map_to_its_raw_characters(tmp_path, tiny_registry_yaml):
    """clean_text joins hard-wrapped lines (issue 11, item 2); a statement spanning a wrap is
    quoted from the raw text with its newline."""
    import textwrap

    para = ('Ada Quill said "we will not sign this deal -- not today, and not after the vote in the '
            'northern provinces next month," on Monday in Northgate.')
    para2 = ("Bram Oduya said that the ceasefire would hold until the spring and that the ministry's plan for "
             "the river crossings was dead on arrival.")
    raw = textwrap.fill(para, 60) + "\n\n" + textwrap.fill(para2, 60) + "\n"
    (tmp_path / "wrapped.txt").write_text(raw, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = load(tmp_path / "wrapped.txt")
        st = extract(docs, tiny_registry_yaml)
    assert docs["raw_text"].iloc[0] == raw
    assert "\n" not in docs["text"].iloc[0].replace("\n\n", "")
    assert len(st) == 2
    for r in st.itertuples():
        assert raw[r.raw_start:r.raw_end] == r.source_text
        assert "\n" in r.source_text and "\n" not in r.text
    assert any('"we will not sign this deal -- not today,' in s for s in st["source_text"])

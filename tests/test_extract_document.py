"""Tests for stancemap.extract.document: one document's rows along the flow (constructed texts)."""
from __future__ import annotations

import pytest

from stancemap.actors import load_actors
from stancemap.extract.document import author_names, headline_end, statement_rows
from stancemap.extract.matchers import matchers_for


@pytest.fixture
def matchers(tiny_registry_yaml):
    return matchers_for(load_actors(tiny_registry_yaml))


def rows(matchers, text, **kw):
    return [(r[2], r[3], r[5], text[r[0]:r[1]]) for r in statement_rows(matchers, text, **kw)]


def test_headline_is_skipped():
    text = "Harbour talks in Eastport\nQuill said that talks resume."
    assert headline_end(text, len(text)) == text.index("\n")
    assert headline_end("One line said so.", 17) == 0
    assert headline_end("Harbour talks end.\nMore text.", 29) == 0    # final punctuation: not a headline


def test_article_rows(matchers):
    text = "Harbour talks in Eastport\nQuill said that talks resume. Prices rose."
    assert rows(matchers, text) == [("north", "Ada Quill", "indirect", "talks resume")]
    assert statement_rows(matchers, "  \n ") == []


def test_official_text_keeps_its_own_sentences(matchers):
    text = "The Ministry welcomes the talks. Oduya said that trade comes first. They said more."
    assert rows(matchers, text, official=("north", "Northland Ministry")) == [
        ("south", "Bram Oduya", "indirect", "trade comes first"),          # attributions first,
        ("north", "Northland Ministry", "official", "The Ministry welcomes the talks."),   # then the author's
        ("north", "Northland Ministry", "official", "They said more."),
    ]
    assert author_names(matchers, ("north", "the Ministry")) == {"the Ministry", "Northland Ministry"}
    assert author_names(matchers, None) == frozenset()


def test_article_rows_come_before_turn_rows(matchers):
    text = "Quill said that talks resume.\nBram Oduya: We agree.\nAda Quill: Good."
    assert rows(matchers, text) == [("north", "Ada Quill", "indirect", "talks resume"),
                                    ("south", "Bram Oduya", "direct", "We agree."),
                                    ("north", "Ada Quill", "direct", "Good.")]

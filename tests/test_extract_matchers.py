"""Tests for stancemap.extract.matchers: one compiled pattern and cached look-ups per registry."""
from __future__ import annotations

import pytest

from stancemap.actors import load_actors
from stancemap.extract.matchers import Matchers, matchers_for


@pytest.fixture
def tiny(tiny_registry_yaml):
    return load_actors(tiny_registry_yaml)


def test_built_once_per_registry(tiny, tiny_registry_yaml):
    m = matchers_for(tiny)
    assert isinstance(m, Matchers) and matchers_for(tiny) is m
    assert matchers_for(load_actors(tiny_registry_yaml)) is not m


def test_mentions_longest_first_and_the_article_in_either_case(tiny):
    m = matchers_for(tiny)
    text = "The Northland leader met Ada Quill; Quill-style talks; Prime Minister Oduya left."
    assert [x.group() for x in m.mention_re.finditer(text)] == ["The Northland leader", "Ada Quill",
                                                               "Prime Minister Oduya"]
    assert m.resolve("Quill").name == "Ada Quill" and m.resolve("Nobody") is None


def test_members_by_title(tiny):
    m = matchers_for(tiny)
    assert [x.name for x in m.title_members["president"]] == ["Ada Quill"]
    assert [x.name for x in m.title_members["prime minister"]] == ["Bram Oduya"]
    assert m.title_members["chancellor"] == []


def test_labels_resolve_and_are_cached(tiny, monkeypatch):
    from stancemap.extract import turns

    calls = []
    real = turns.resolve_label
    monkeypatch.setattr(turns, "resolve_label", lambda *a: calls.append(a) or real(*a))
    m = Matchers(tiny)
    assert m.resolve_label("PRIME MINISTER ODUYA", None).name == "Bram Oduya"
    assert m.resolve_label("PRIME MINISTER ODUYA", None).name == "Bram Oduya"
    assert m.resolve_label("Lena Voss", "2025-01-01") is None
    assert len(calls) == 2


def test_an_alias_that_is_a_dated_title_names_that_days_holder():
    from stancemap.actors import ActorRegistry

    reg = ActorRegistry.from_dict({
        "actors": {"north": {"label": "Northland", "color": "#117733", "members": [
            {"name": "Ada Quill", "aliases": ["the Northland President"]}, {"name": "Wim Harlow"}]}},
        "titles": {"President of Northland": {
            "aliases": ["the Northland President"],
            "holders": [{"name": "Wim Harlow", "from": "2019-01-01", "to": "2024-12-31"},
                        {"name": "Ada Quill", "from": "2025-01-01"}]}}})
    m = matchers_for(reg)
    assert m.resolve_on("the Northland President", "2022-05-01").name == "Wim Harlow"
    assert m.resolve_on("the Northland President", "2025-05-01").name == "Ada Quill"
    assert m.resolve_on("the Northland President", "2010-05-01").name == "Ada Quill"  # nobody registered then
    assert m.resolve_on("the Northland President", None).name == "Ada Quill"
    assert m.resolve_on("Wim Harlow", "2025-05-01").name == "Wim Harlow"              # a name is always its own

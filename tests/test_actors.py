from __future__ import annotations

import pytest
import yaml

from stancemap.actors import ActorRegistry, load_actors
from stancemap.errors import StancemapError
from stancemap.schema import UNATTRIBUTED


def test_bundled_registry_has_the_four_groups_in_order():
    reg = load_actors()
    assert reg.actors == ["us", "russia", "ukraine", "europe"]
    assert reg.order[-1] == UNATTRIBUTED
    assert reg.colors["us"] == "#88CCEE"
    assert len(set(reg.colors.values())) == len(reg.colors)


@pytest.mark.parametrize("mention,name,actor", [
    ("Trump", "Donald Trump", "us"), ("the White House", "White House", "us"), ("The White House", "White House", "us"),
    ("Washington", "US government", "us"), ("Vance", "JD Vance", "us"), ("Leavitt", "Karoline Leavitt", "us"),
    ("the Kremlin", "Kremlin", "russia"), ("Moscow", "Russian government", "russia"), ("Peskov", "Dmitry Peskov", "russia"),
    ("Lavrov", "Sergei Lavrov", "russia"), ("Russia's foreign ministry", "Russian Foreign Ministry", "russia"),
    ("the Russian leader", "Vladimir Putin", "russia"), ("Russia’s foreign ministry", "Russian Foreign Ministry", "russia"),
    ("Zelensky", "Volodymyr Zelenskyy", "ukraine"), ("Zelenskiy", "Volodymyr Zelenskyy", "ukraine"),
    ("the Ukrainian leader", "Volodymyr Zelenskyy", "ukraine"), ("Kiev", "Ukrainian government", "ukraine"),
    ("Sybiha", "Andrii Sybiha", "ukraine"), ("Scholz", "Olaf Scholz", "europe"), ("Merz", "Friedrich Merz", "europe"),
    ("Macron", "Emmanuel Macron", "europe"), ("Sir Keir Starmer", "Keir Starmer", "europe"),
    ("von der Leyen", "Ursula von der Leyen", "europe"), ("Kallas", "Kaja Kallas", "europe"),
    ("European leaders", "European leaders", "europe"),
])
def test_aliases_resolve(mention, name, actor):
    m = load_actors().resolve(mention)
    assert m is not None and (m.name, m.actor) == (name, actor)


def test_unknown_mention_is_unattributed():
    reg = load_actors()
    assert reg.resolve("analysts") is None
    assert reg.actor_of("analysts") == UNATTRIBUTED


def test_find_mentions_prefers_longest_alias_and_whole_words():
    reg = load_actors()
    text = "US President Donald Trump spoke to Putin; the Trump-Putin call and Trumpism aside."
    found = [(text[s:e], m.name) for s, e, m in reg.find_mentions(text)]
    assert found == [("US President Donald Trump", "Donald Trump"), ("Putin", "Vladimir Putin")]


def test_any_registry_of_the_same_shape_works(tiny_registry_yaml):
    reg = load_actors(tiny_registry_yaml)
    assert reg.actors == ["north", "south"]
    assert reg.resolve("the Northland leader").name == "Ada Quill"
    assert reg.resolve("Northgate").kind == "institution"
    assert reg.labels["south"] == "Southland"
    df = reg.to_frame()
    assert list(df.columns) == ["actor", "label", "color", "name", "kind", "alias"]
    assert set(df["actor"]) == {"north", "south"}


def test_missing_colour_gets_a_palette_colour():
    reg = ActorRegistry.from_dict({"actors": {"a": {"members": [{"name": "A"}]}, "b": {"members": ["B"]}}})
    assert reg.colors["a"] != reg.colors["b"]
    assert reg.labels["a"] == "a"


@pytest.mark.parametrize("data,needle", [
    ({}, "top-level 'actors:'"),
    ({"actors": {"x": {"members": []}}}, "group 'x' has no members"),
    ({"actors": {"x": {"members": [{"aliases": ["y"]}]}}}, "has no 'name'"),
    ({"actors": {"x": {"members": [{"name": "X", "kind": "persn"}]}}}, "Did you mean 'person'"),
    ({"actors": {"unattributed": {"members": ["X"]}}}, "reserved"),
    ({"actors": {"a": {"members": [{"name": "A", "aliases": ["Z"]}]},
                 "b": {"members": [{"name": "B", "aliases": ["Z"]}]}}}, "belongs to both"),
])
def test_bad_registries_explain_themselves(data, needle):
    with pytest.raises(StancemapError, match=needle.replace("(", r"\(").replace("'", "'")):
        ActorRegistry.from_dict(data, "test.yaml")


def test_missing_and_invalid_files(tmp_path):
    with pytest.raises(StancemapError, match="does not exist"):
        load_actors(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [unclosed", encoding="utf-8")
    with pytest.raises(StancemapError, match="not valid YAML"):
        load_actors(bad)


def test_bundled_file_has_the_documented_shape(root):
    data = yaml.safe_load((root / "corpora" / "actors.yaml").read_text(encoding="utf-8"))
    for key, group in data["actors"].items():
        assert set(group) <= {"label", "color", "members"}, key
        for m in group["members"]:
            assert set(m) <= {"name", "kind", "aliases"}, m

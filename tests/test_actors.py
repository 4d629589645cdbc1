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
    ({"actors": {"x": {"members": []}}}, r"\(actors.x.members\): is an empty list"),
    ({"actors": {"x": {"members": [{"aliases": ["y"]}]}}}, r"\(actors.x.members\[0\]\): missing required key 'name'"),
    ({"actors": {"x": {"members": [{"name": "X", "kind": "persn"}]}}}, "Did you mean 'person'"),
    ({"actors": {"unattributed": {"members": ["X"]}}}, "reserved"),
    ({"actors": {"a": {"members": [{"name": "A", "aliases": ["Z"]}]},
                 "b": {"members": [{"name": "B", "aliases": ["Z"]}]}}}, "belongs to both"),
])
def test_bad_registries_explain_themselves(data, needle):
    with pytest.raises(StancemapError, match=needle):
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


# -- schema: typos are errors, not silently different results (issue 14, item 3) -------------

TYPO = """actors:
  russia:
    label: Russia
    members:
      - name: Vladimir Putin
        alias: [Putin, the Russian leader]
  ukraine:
    label: Ukraine
    members:
      - name: Volodymyr Zelenskyy
        aliases: [Zelenskyy, Zelensky]
"""


def test_alias_typo_is_an_error_naming_file_line_key_and_fix(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(TYPO, encoding="utf-8")
    with pytest.raises(StancemapError) as e:
        load_actors(path)
    msg = str(e.value)
    assert f"{path}, line 6 (actors.russia.members[0].alias): unknown key 'alias'" in msg
    assert "Valid keys here: name, kind, aliases. Did you mean 'aliases'?" in msg
    assert "Fix: rename 'alias' to 'aliases'." in msg and "\n" not in msg


def test_unknown_keys_and_wrong_types_in_dicts_are_errors():
    with pytest.raises(StancemapError, match=r"\(actors.a\.colour\): unknown key 'colour'.*Did you mean 'color'"):
        ActorRegistry.from_dict({"actors": {"a": {"colour": "#112233", "members": ["A"]}}}, "t.yaml")
    with pytest.raises(StancemapError, match=r"'88CCEE' is not a colour.*quotes"):
        ActorRegistry.from_dict({"actors": {"a": {"color": "88CCEE", "members": ["A"]}}}, "t.yaml")
    with pytest.raises(StancemapError, match=r"\(actors.a.members\): must be a list, got text \('A'\)"):
        ActorRegistry.from_dict({"actors": {"a": {"members": "A"}}}, "t.yaml")
    with pytest.raises(StancemapError, match=r"members\[0\].aliases\[1\]\): must be a single value"):
        ActorRegistry.from_dict({"actors": {"a": {"members": [{"name": "A", "aliases": ["x", ["y"]]}]}}}, "t")
    # a single alias as a bare string stays allowed, as does a member given by name only
    reg = ActorRegistry.from_dict({"actors": {"a": {"members": [{"name": "Ann", "aliases": "Annie"}, "Bo"]}}})
    assert reg.actor_of("Annie") == "a" and reg.actor_of("Bo") == "a"


def test_unquoted_hex_colour_is_caught(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  a:\n    color: #88CCEE\n    members: [A]\n", encoding="utf-8")
    with pytest.raises(StancemapError, match=r"line 3 \(actors.a.color\): the colour is empty.*quote it"):
        load_actors(path)

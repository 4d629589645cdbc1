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


def test_a_surname_that_is_a_common_word_is_not_an_alias():
    reg = load_actors()
    assert reg.resolve("Finer") is None and reg.resolve("finer") is None     # "a finer point"


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
            assert set(m) <= {"name", "kind", "aliases", "pronouns", "head", "in_office"}, m


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
    assert "Valid keys here: name, kind, aliases, pronouns, head, in_office. Did you mean 'aliases'?" in msg
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


# -- 2025–26 people and dated titles (issue 13, item 2) ---------------------------------------

@pytest.mark.parametrize("mention,name,actor", [
    ("Rubio", "Marco Rubio", "us"), ("Witkoff", "Steve Witkoff", "us"), ("Waltz", "Mike Waltz", "us"),
    ("Hegseth", "Pete Hegseth", "us"), ("Leavitt", "Karoline Leavitt", "us"), ("MS. LEAVITT", "Karoline Leavitt", "us"),
    ("Vance", "JD Vance", "us"), ("Kellogg", "Keith Kellogg", "us"), ("PRESIDENT TRUMP", "Donald Trump", "us"),
    ("Biden", "Joe Biden", "us"),
    ("Starmer", "Keir Starmer", "europe"), ("Merz", "Friedrich Merz", "europe"), ("Macron", "Emmanuel Macron", "europe"),
    ("Meloni", "Giorgia Meloni", "europe"), ("SECRETARY GENERAL RUTTE", "Mark Rutte", "europe"),
    ("von der Leyen", "Ursula von der Leyen", "europe"), ("António Costa", "António Costa", "europe"),
    ("Kallas", "Kaja Kallas", "europe"), ("the coalition of the willing", "Coalition of the willing", "europe"),
    ("Coalition of the Willing", "Coalition of the willing", "europe"), ("NATO", "NATO", "europe"),
    ("Yermak", "Andriy Yermak", "ukraine"), ("Sybiha", "Andrii Sybiha", "ukraine"), ("Umerov", "Rustem Umerov", "ukraine"),
    ("PRESIDENT ZELENSKYY", "Volodymyr Zelenskyy", "ukraine"),
    ("PRESIDENT ZELENSKKY", "Volodymyr Zelenskyy", "ukraine"),   # the White House's misspelt label, 2024-02-17
    ("Duda", "Andrzej Duda", "europe"), ("Morawiecki", "Mateusz Morawiecki", "europe"),
    ("Steinmeier", "Frank-Walter Steinmeier", "europe"), ("Draghi", "Mario Draghi", "europe"),
    ("PRESIDENT SÁNCHEZ", "Pedro Sánchez", "europe"), ("Pedro Sanchez", "Pedro Sánchez", "europe"),
    ("MS. DALTON", "Olivia Dalton", "us"), ("MR. FINER", "Jon Finer", "us"), ("MS. SLOAT", "Amanda Sloat", "us"),
    ("MS. BEDINGFIELD", "Kate Bedingfield", "us"),
    ("Putin", "Vladimir Putin", "russia"), ("Peskov", "Dmitry Peskov", "russia"), ("Lavrov", "Sergei Lavrov", "russia"),
    ("Ushakov", "Yuri Ushakov", "russia"), ("Dmitriev", "Kirill Dmitriev", "russia"),
])
def test_ceasefire_period_people_resolve(mention, name, actor):
    m = load_actors().resolve(mention)
    assert m is not None and (m.name, m.actor) == (name, actor)


@pytest.mark.parametrize("mention,name,actor", [
    ("SECRETARY YELLEN", "Janet Yellen", "us"), ("Secretary Buttitgieg", "Pete Buttigieg", "us"),   # a misspelt label
    ("Zients", "Jeff Zients", "us"), ("Kevin Hassett", "Kevin Hassett", "us"), ("MR. SULLIAN", "Jake Sullivan", "us"),
    ("Golikova", "Tatyana Golikova", "russia"), ("Dmitry Patrushev", "Dmitry Patrushev", "russia"),
    ("Maria Lvova-Belova", "Maria Lvova-Belova", "russia"), ("Olena Zelenska", "Olena Zelenska", "ukraine"),
    ("Vereshchuk", "Iryna Vereshchuk", "ukraine"), ("Kyrylo Tymoshenko", "Kyrylo Tymoshenko", "ukraine"),
    ("Zaluzhny", "Valerii Zaluzhnyi", "ukraine"),
])
def test_each_sides_executive_resolves(mention, name, actor):
    """Stop 46: each national group registers the executive that speaks for the state (corpora/README.md)."""
    m = load_actors().resolve(mention)
    assert m is not None and (m.name, m.actor) == (name, actor)


@pytest.mark.parametrize("mention", ["Elon Musk", "Musk", "Jha", "McCarthy", "Patrushev", "Tymoshenko", "Miller",
                                     "Lyashko", "Haaland", "Reynoso"])
def test_names_the_executive_rule_leaves_out_resolve_to_nobody(mention):
    """A special government employee (no member dates: Musk is quoted as a businessman in 2022) and surnames
    other people share, in the datasets or in the news (Oleh Lyashko leads a party in Kyiv)."""
    assert load_actors().resolve(mention) is None


@pytest.mark.parametrize("label,date,name", [
    ("the President", "2023-05-01", "Joe Biden"), ("THE PRESIDENT", "2025-01-19", "Joe Biden"),
    ("THE PRESIDENT", "2025-01-20", "Donald Trump"), ("the President", "2025-03-13", "Donald Trump"),
    ("THE VICE PRESIDENT", "2024-06-01", "Kamala Harris"), ("the Vice President", "2025-02-28", "JD Vance"),
    ("the Secretary of State", "2022-03-01", "Antony Blinken"), ("the Secretary of State", "2025-03-11", "Marco Rubio"),
    ("the National Security Adviser", "2025-03-19", "Mike Waltz"),
    ("the National Security Adviser", "2025-06-01", "Marco Rubio"),
    ("the Press Secretary", "2022-03-03", "Jen Psaki"), ("the Press Secretary", "2025-03-18", "Karoline Leavitt"),
    ("the German Chancellor", "2022-03-01", "Olaf Scholz"), ("the German Chancellor", "2025-08-18", "Friedrich Merz"),
    ("the Federal Chancellor of Germany", "2021-06-01", "Angela Merkel"),    # the Kremlin's style
    ("the British Prime Minister", "2022-03-01", "Boris Johnson"),
    ("the UK Prime Minister", "2025-03-03", "Keir Starmer"),
    ("the UK Prime Minister", "2026-07-20", "Andy Burnham"),   # pm_tenures.parquet of the UK dataset
    ("THE FIRST LADY", "2023-03-01", "Jill Biden"), ("THE FIRST LADY", "2025-03-01", "Melania Trump"),
    ("MR. KIRBY", "2022-10-01", "John Kirby"),
    ("SENIOR ADMINISTRATION OFFICIAL", "2022-03-01", "Senior administration official"),
    ("the NATO Secretary General", "2022-03-01", "Jens Stoltenberg"),
    ("the NATO Secretary General", "2025-03-13", "Mark Rutte"),
    ("Ukraine's foreign minister", "2022-03-01", "Dmytro Kuleba"),
    ("Ukraine's foreign minister", "2025-03-11", "Andrii Sybiha"),
    ("the US President", "2022-03-01", "Joe Biden"),     # a title alias wins over the undated alias
])
def test_titles_resolve_by_date(label, date, name):
    assert load_actors().resolve(label, date=date).name == name


def test_dates_are_optional_and_accept_date_objects():
    import datetime as dt

    reg = load_actors()
    assert reg.resolve("the President") is None                      # titles need a date
    assert reg.resolve("the US President").name == "Donald Trump"    # undated aliases unchanged
    assert reg.resolve("Trump", date="2022-03-01").name == "Donald Trump"   # not a title: as without a date
    assert reg.resolve("the President", date=dt.date(2021, 6, 1)).name == "Joe Biden"
    assert reg.resolve("the President", date="1999-01-01") is None   # nobody registered then
    assert reg.holder("President of the United States", "2025-01-20").name == "Donald Trump"
    assert [r.title for r in reg.roles_of("Rubio")] == ["US Secretary of State", "US National Security Advisor"]
    with pytest.raises(StancemapError, match="Date '18 March 2025' is not an ISO date"):
        reg.resolve("the President", date="18 March 2025")
    with pytest.raises(StancemapError, match="Title 'President of Northland' not found"):
        reg.holder("President of Northland", "2025-01-01")
    assert "titles" not in reg.to_frame().columns and reg.pattern.search("the President said") is None


def _titled(holders, aliases=("the Premier",)):
    return {"actors": {"north": {"members": [{"name": "Ada Quill"}, {"name": "Bram Oduya"}]}},
            "titles": {"Premier of Northland": {"aliases": list(aliases), "holders": holders}}}


def test_title_holders_are_checked():
    reg = ActorRegistry.from_dict(_titled([{"name": "Ada Quill", "from": "2020-01-01", "to": "2022-12-31"},
                                           {"name": "Bram Oduya", "from": "2023-01-01"}]))
    assert reg.resolve("THE PREMIER", date="2022-12-31").name == "Ada Quill"
    assert reg.resolve("the Premier", date="2023-01-01").name == "Bram Oduya"
    with pytest.raises(StancemapError, match="both hold 'Premier of Northland' on 2022-06-01"):
        ActorRegistry.from_dict(_titled([{"name": "Ada Quill", "from": "2020-01-01"},
                                         {"name": "Bram Oduya", "from": "2022-06-01"}]), "t.yaml")
    with pytest.raises(StancemapError, match="ends before it starts"):
        ActorRegistry.from_dict(_titled([{"name": "Ada Quill", "from": "2022-01-01", "to": "2021-01-01"}]), "t.yaml")
    with pytest.raises(StancemapError, match="holder of 'Premier of Northland' 'Ada Quil' not found.*Did you mean"):
        ActorRegistry.from_dict(_titled([{"name": "Ada Quil"}]), "t.yaml")
    with pytest.raises(StancemapError, match=r"titles.Premier of Northland.holders\[0\].from\): '2022-13-01' is not a"):
        ActorRegistry.from_dict(_titled([{"name": "Ada Quill", "from": "2022-13-01"}]), "t.yaml")
    with pytest.raises(StancemapError, match=r"unknown key 'since'. Valid keys here: name, from, to."):
        ActorRegistry.from_dict(_titled([{"name": "Ada Quill", "since": "2022-01-01"}]), "t.yaml")


def test_bad_title_date_in_a_file_names_the_line(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  north:\n    members: [Ada Quill]\ntitles:\n  Premier:\n    holders:\n"
                    "      - {name: Ada Quill, from: 2025-02-30}\n", encoding="utf-8")
    with pytest.raises(StancemapError, match=r"line 7 \(titles.Premier.holders\[0\].from\): '2025-02-30' is not a date"):
        load_actors(path)


def test_bundled_titles_never_overlap_and_name_members():
    reg = load_actors()   # construction checks both; here: every title has a current or past holder
    assert len(reg.titles) >= 15 and "President of the United States" in reg.titles
    for title in reg.titles:
        assert any(r.title == title for r in reg.roles)


def test_first_ladies_are_not_the_presidents():
    reg = load_actors()
    text = "Jill Biden visited Kyiv; First Lady Melania Trump wrote to Putin; Biden and Trump spoke."
    found = [(text[s:e], m.name) for s, e, m in reg.find_mentions(text)]
    assert found == [("Jill Biden", "Jill Biden"), ("Kyiv", "Ukrainian government"),
                     ("First Lady Melania Trump", "Melania Trump"), ("Putin", "Vladimir Putin"),
                     ("Biden", "Joe Biden"), ("Trump", "Donald Trump")]
    # stop 53 (audit): "“…,” explained Mrs. Trump" on the First Lady's page was the President's
    text = "Mrs. Trump spoke; Dr. Biden and Mrs. Biden listened; Mr. Trump left."
    found = [(text[s:e], m.name) for s, e, m in reg.find_mentions(text)]
    assert found == [("Mrs. Trump", "Melania Trump"), ("Dr. Biden", "Jill Biden"), ("Mrs. Biden", "Jill Biden"),
                     ("Trump", "Donald Trump")]


def test_pronouns_are_an_optional_checked_key_of_persons():
    """Issue #11 item 3: ``pronouns:`` (he | she | they) lets the extractor resolve "she said"."""
    reg = ActorRegistry.from_dict({"actors": {"north": {"members": [
        {"name": "Ada Quill", "pronouns": "she"}, {"name": "Bram Oduya"}]}}})
    assert reg.resolve("Ada Quill").pronouns == "she" and reg.resolve("Bram Oduya").pronouns == ""
    with pytest.raises(StancemapError, match=r"'it' is not one of.*he, she, they|pronouns"):
        ActorRegistry.from_dict({"actors": {"north": {"members": [{"name": "Ada Quill", "pronouns": "it"}]}}})
    with pytest.raises(StancemapError, match="persons only"):
        ActorRegistry.from_dict({"actors": {"north": {"members": [
            {"name": "Northland Ministry", "kind": "institution", "pronouns": "she"}]}}})


def test_bundled_pronouns_are_given_only_for_heads_of_state_government_and_ministers():
    reg = load_actors()
    given = {m.name: m.pronouns for g in reg.groups.values() for m in g.members if m.pronouns}
    assert given["Vladimir Putin"] == "he" and given["Giorgia Meloni"] == "she"
    assert "Karoline Leavitt" not in given and "Dmitry Peskov" not in given     # spokespeople: left empty
    assert all(reg.resolve(n).kind == "person" for n in given)


def test_head_of_an_institution_is_its_titles_holder_that_day_or_a_member():
    """Issue #11: ``head:`` names who heads an institution (a readout's principal), dated by ``titles:``."""
    reg = ActorRegistry.from_dict({"actors": {"north": {"members": [
        {"name": "Ada Quill"}, {"name": "Tove Marr"},
        {"name": "Northland Palace", "kind": "institution", "head": "President of Northland",
         "aliases": ["the Palace"]},
        {"name": "Northland Ministry", "kind": "institution", "head": "Tove Marr"}]}},
        "titles": {"President of Northland": {"holders": [
            {"name": "Ada Quill", "from": "2020-01-01", "to": "2022-12-31"}, {"name": "Tove Marr", "from": "2023-01-01"}]}}})
    assert reg.head_of("the Palace", "2021-06-01").name == "Ada Quill"
    assert reg.head_of("Northland Palace", "2024-06-01").name == "Tove Marr"
    assert reg.head_of("Northland Ministry").name == "Tove Marr"
    assert reg.head_of("the Palace") is None and reg.head_of("Ada Quill", "2021-06-01") is None
    assert reg.head_of("Nobody") is None
    with pytest.raises(StancemapError, match="head of 'Northland Palace'.*'Queen of Northland'"):
        ActorRegistry.from_dict({"actors": {"north": {"members": [
            {"name": "Northland Palace", "kind": "institution", "head": "Queen of Northland"}]}}})
    with pytest.raises(StancemapError, match="institutions only"):
        ActorRegistry.from_dict({"actors": {"north": {"members": [{"name": "Ada Quill", "head": "Ada Quill"}]}}})


def test_bundled_publishers_heads_are_their_presidents_on_the_day():
    reg = load_actors()
    assert reg.head_of("Kremlin", "2021-11-02").name == "Vladimir Putin"
    assert reg.head_of("Office of the President of Ukraine", "2021-11-02").name == "Volodymyr Zelenskyy"
    assert reg.head_of("White House", "2022-03-01").name == "Joe Biden"
    assert reg.head_of("White House", "2025-03-01").name == "Donald Trump"


def _in_office(extra=None):
    data = _titled([{"name": "Ada Quill", "from": "2020-01-01", "to": "2022-12-31"},
                    {"name": "Bram Oduya", "from": "2023-01-01"}])
    data["actors"]["north"]["members"][0]["in_office"] = ["Premier of Northland"]
    data["actors"]["north"]["members"][0].update(extra or {})
    return data


def test_in_office_members_speak_for_their_group_only_while_holding_a_title():
    """Stop 49: a former office-holder quoted after their term (Trump by Biden's White House in 2023) speaks
    for no group; a member without ``in_office:`` speaks for its group on every date."""
    reg = ActorRegistry.from_dict(_in_office())
    assert list(reg.dated_members) == ["Ada Quill"]
    assert reg.group_on("Ada Quill", "2022-12-31") == "north"
    assert reg.group_on("Ada Quill", "2023-01-01") == UNATTRIBUTED
    assert reg.group_on("Ada Quill", "2019-12-31") == UNATTRIBUTED
    assert reg.group_on("Ada Quill", None) == "north"            # no date: as the registry says
    assert reg.group_on("Bram Oduya", "2010-01-01") == "north"    # no in_office: every date
    assert reg.group_on("Cleo Nobody", "2022-01-01") == UNATTRIBUTED
    with pytest.raises(StancemapError, match="'in_office' of 'Ada Quill' 'Premier of Southland' not found"):
        ActorRegistry.from_dict(_in_office({"in_office": ["Premier of Southland"]}), "t.yaml")
    with pytest.raises(StancemapError, match="no title under 'titles:' lists Cleo Vane among its holders. Add them"):
        ActorRegistry.from_dict({"actors": {"north": {"members": [{"name": "Cleo Vane", "in_office": "Premier"}]}}},
                                "t.yaml")
    bram = _in_office({"in_office": []})
    bram["actors"]["north"]["members"][1]["in_office"] = "Premier of Northland"   # one title: a string is fine
    assert ActorRegistry.from_dict(bram).group_on("Bram Oduya", "2022-01-01") == UNATTRIBUTED
    inst = {"actors": {"north": {"members": [{"name": "Northland Office", "kind": "institution",
                                              "in_office": ["Premier of Northland"]}, {"name": "Ada Quill"}]}},
            "titles": {"Premier of Northland": {"holders": [{"name": "Ada Quill"}]}}}
    with pytest.raises(StancemapError, match="persons only"):
        ActorRegistry.from_dict(inst, "t.yaml")


@pytest.mark.parametrize("name, date, actor", [
    ("Donald Trump", "2023-06-01", UNATTRIBUTED), ("Donald Trump", "2019-06-01", "us"),
    ("Donald Trump", "2025-01-20", "us"), ("Joe Biden", "2025-01-20", UNATTRIBUTED), ("Joe Biden", "2024-06-01", "us"),
    ("Barack Obama", "2022-04-05", UNATTRIBUTED), ("Jen Psaki", "2022-05-14", UNATTRIBUTED),
    ("Jake Sullivan", "2025-03-01", UNATTRIBUTED), ("Angela Merkel", "2022-03-01", UNATTRIBUTED),
    ("Angela Merkel", "2021-03-01", "europe"), ("Karine Jean-Pierre", "2021-03-01", "us"),
    ("Vladimir Putin", "2014-01-01", "russia"),
    # stop 51: Liz Truss as Foreign Secretary and as Prime Minister speaks for Europe; quoted by Starmer in 2025, not
    ("Liz Truss", "2022-02-20", "europe"), ("Liz Truss", "2022-10-01", "europe"),
    ("Liz Truss", "2025-12-10", UNATTRIBUTED), ("Liz Truss", "2021-09-14", UNATTRIBUTED)])
def test_bundled_former_office_holders_speak_for_their_group_in_office_only(name, date, actor):
    assert load_actors().group_on(name, date) == actor

"""stancemap.configcheck: the YAML schema checker shared by registry, codebook and dataset registry."""
from __future__ import annotations

from pathlib import Path

import pytest

from stancemap import configcheck as cc
from stancemap.errors import StancemapError


def test_bundled_yaml_files_pass(root):
    for rel, kind in [("corpora/actors.yaml", "registry"), ("corpora/codebook.yaml", "codebook"),
                      ("corpora/datasets.yaml", "datasets"), ("models/default/codebook.yaml", "codebook"),
                      ("tests/fixtures/models/codebook.yaml", "codebook")]:
        assert cc.check_any(root / rel) == (kind, []), rel


def test_check_dataset_registry_returns_the_parsed_file(root, tmp_path):
    data = cc.check_dataset_registry(root / "corpora" / "datasets.yaml")
    assert "ungdc-2014-2024" in data["datasets"]
    bad = tmp_path / "datasets.yaml"
    bad.write_text("datasets:\n  x:\n    repo: a/b\n    commit: main\n    license: CC0\n    sha265: 00\n")
    with pytest.raises(StancemapError, match=r"line 4 \(datasets.x.commit\): value 'main' is not valid. Fix: pin a "
                                             r"commit.*\(1 more problem\(s\): run `stancemap check"):
        cc.check_dataset_registry(bad)


def test_dicts_are_checked_without_line_numbers():
    problems = cc.check_node(cc.to_node({"actors": {"a": {"lable": "A", "members": ["A"]}}}), cc.REGISTRY, "<dict>")
    assert [str(p) for p in problems] == [
        "<dict> (actors.a.lable): unknown key 'lable'. Valid keys here: label, color, members. "
        "Did you mean 'label'? Fix: rename 'lable' to 'label'."]


def test_types_colours_dates_and_booleans(tmp_path):
    schema = cc.Map(fields={"c": cc.Scalar("color"), "d": cc.Scalar("date"), "n": cc.Scalar("int"),
                            "t": cc.Scalar("text"), "l": cc.Seq(cc.Scalar("text"))})
    ok = cc.to_node({"c": "#117733", "d": "2025-03-18", "n": 3, "t": "x", "l": ["a"]})
    assert cc.check_node(ok, schema, "s") == []
    for c in ("rgb(1, 2, 3)", "steelblue", "#ABC"):
        assert cc.check_node(cc.to_node({"c": c}), schema, "s") == [], c
    path = tmp_path / "f.yaml"
    path.write_text("c: blu\nd: 2025-02-30\nn: 1.5\nt: yes\nl: {a: 1}\n")
    msgs = [str(p) for p in cc.check_node(cc.compose(path), schema, str(path))]
    assert len(msgs) == 5
    assert "line 1 (c): 'blu' is not a colour" in msgs[0]
    assert "line 2 (d): '2025-02-30' is not a date" in msgs[1]
    assert "line 3 (n): must be a whole number, got a number ('1.5')" in msgs[2]
    assert "line 4 (t): 'yes' is read by YAML as true/false" in msgs[3] and 'quote it: "yes"' in msgs[3]
    assert "line 5 (l): must be a list, got a mapping" in msgs[4]


def test_duplicate_keys_are_reported(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("actors:\n  a:\n    members: [A]\n  a:\n    members: [B]\n")
    msgs = [str(p) for p in cc.check_node(cc.compose(path), cc.REGISTRY, str(path))]
    assert any("line 4 (actors.a): key 'a' appears twice (first on line 2)" in m for m in msgs)


def test_detect_kind_and_empty_files(tmp_path):
    path = tmp_path / "e.yaml"
    path.write_text("# nothing\n")
    with pytest.raises(StancemapError, match="the file is empty"):
        cc.check_any(path)
    path.write_text("frames: {}\n")
    kind, problems = cc.check_any(path)
    assert kind == "codebook" and any("missing required key 'name'" in str(p) for p in problems)


def test_dataset_loaders_can_declare_options():
    node = cc.to_node({"datasets": {"x": {"repo": "a/b", "commit": "abcdef1", "license": "CC0",
                                          "options": {"languages": ["en"]}}}})
    assert "unknown key 'languages'" in str(cc.check_node(node, cc.DATASET_REGISTRY, "<dict>")[0])
    cc.register_dataset_option("languages", cc.Seq(cc.Scalar("text")))
    try:
        assert cc.check_node(node, cc.DATASET_REGISTRY, "<dict>") == []
    finally:
        del cc.DATASET_OPTIONS["languages"]


def test_registry_titles_and_dataset_credit_keys():
    titles = {"actors": {"a": {"members": ["A"]}},
              "titles": {"Chief": {"aliases": ["the Chief"], "holders": [{"name": "A", "from": "2025-01-20"}]}}}
    assert cc.check_node(cc.to_node(titles), cc.REGISTRY, "<dict>") == []
    bad = {"actors": {"a": {"members": ["A"]}},
           "titles": {"Chief": {"holders": [{"name": "A", "from": "20 Jan 2025", "until": "2026-01-01"}]}}}
    msgs = [str(p) for p in cc.check_node(cc.to_node(bad), cc.REGISTRY, "<dict>")]
    assert any("(titles.Chief.holders[0].from): '20 Jan 2025' is not a date" in m for m in msgs)
    assert any("unknown key 'until'. Valid keys here: name, from, to." in m for m in msgs)
    empty = {"actors": {"a": {"members": ["A"]}}, "titles": {"Chief": {"aliases": ["x"]}}}
    assert "missing required key 'holders'" in str(cc.check_node(cc.to_node(empty), cc.REGISTRY, "<dict>")[0])
    ds = {"datasets": {"x": {"repo": "a/b", "commit": "abcdef1", "license": "OGL", "credit": "Contains X.",
                             "options": {"actor": "europe", "speaker": "Y", "president_title": ""}}}}
    assert cc.check_node(cc.to_node(ds), cc.DATASET_REGISTRY, "<dict>") == []


def test_compose_with_libyaml_gives_the_safe_loaders_data_and_marks():
    """compose() uses libyaml's safe loader when PyYAML has it (the codebook is composed on every
    start): the same data as yaml.safe_load and the same line/column marks as the pure-Python loader."""
    import yaml

    from stancemap import configcheck

    root = Path(__file__).resolve().parents[1]
    for path in [root / "corpora" / "codebook.yaml", root / "corpora" / "actors.yaml"]:
        text = path.read_text(encoding="utf-8-sig")
        node = configcheck.compose(path)
        assert configcheck.construct(node) == yaml.safe_load(text)
        slow = yaml.compose(text, Loader=yaml.SafeLoader)
        for a, b in zip(_scalars(node), _scalars(slow)):
            assert (a.value, a.tag, a.start_mark.line, a.start_mark.column) == (
                b.value, b.tag, b.start_mark.line, b.start_mark.column)


def _scalars(node):
    import yaml

    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for n in node.value:
            yield from _scalars(n)
    else:
        for k, v in node.value:
            yield from _scalars(k)
            yield from _scalars(v)


def test_invalid_yaml_is_worded_by_the_pure_python_loader(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("frames: [unclosed\n", encoding="utf-8")
    with pytest.raises(StancemapError, match=r"is not valid YAML: while parsing a flow sequence"):
        cc.compose(bad, "Codebook file")

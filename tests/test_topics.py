"""The topic filter: codebook topics, the on-topic rule, warnings with counts, errors, report --topic.

Every sentence here is constructed, about fictional places and people (Northland,
Southland, Eastmark, Ada Quill, Bo Marsh)."""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import stancemap as sm
from stancemap.cli import main
from stancemap.codebook import codebook_from_dict, load_codebook
from stancemap.errors import LossyStepWarning, StancemapError
from stancemap.interface import using
from stancemap.topics import in_topic, resolve_topics, topic_counts, topic_filter

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "ceasefire-2025-03"

ON_WAR = [
    "Northland's troops shelled the bridge outside Eastmark overnight.",
    "The invasion has cost Southland thousands of lives.",
    "We will liberate every occupied village along the front line.",
    "Bo Marsh said the drones came in waves.",
]
ON_CEASEFIRE = [
    "A 30-day ceasefire must start on Monday.",
    "Our delegation is ready for peace talks in Eastmark.",
    "Both sides agreed a moratorium on strikes against the Eastmark grid.",
]
OFF = [
    "The president congratulated the Eastmark music school on its fiftieth anniversary.",
    "Southland thanks the teachers of its rural schools.",
    "Northland and Southland signed a fisheries agreement.",  # country names alone do not count
]


def _table(texts, actors=None, doc_ids=None) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame({
        "statement_id": [f"s{i}" for i in range(n)], "doc_id": doc_ids or ["d1"] * n,
        "actor": actors or ["north"] * n, "text": texts, "char_start": [10 * i for i in range(n)],
    }, index=[100 + i for i in range(n)])


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def test_bundled_codebook_has_war_and_ceasefire_topics(codebook):
    assert list(codebook.topics)[:2] == ["war", "ceasefire"]
    assert codebook.version == "1.26.0"
    war = codebook.topic("war")
    assert war.label and war.definition and "invasion" in war.cues
    assert codebook.topic("ceasefire").targets == ()  # target cues are stance words, not topic words


def test_a_topic_counts_the_cues_of_its_targets():
    data = {"name": "tiny", "version": "0.1", "frames": {"f": {"label": "F", "definition": "d", "cues": ["x"]}},
            "stance": {"labels": ["favor", "against", "none"],
                       "targets": {"picnic": {"label": "Picnic", "definition": "d", "favor": "f", "against": "a",
                                              "cues": ["hamper*", "blanket"]}}},
            "topics": {"outing": {"label": "The outing", "definition": "d", "cues": ["excursion"],
                                  "targets": ["picnic"]}}}
    cb = codebook_from_dict(data)
    t = _table(["Ada Quill packed two hampers.", "The excursion starts at nine.", "Bo Marsh sang."])
    assert list(in_topic(t, "outing", cb)) == [True, True, False]


@pytest.mark.parametrize("text", ON_WAR)
def test_statements_about_the_war_are_on_topic(codebook, text):
    assert in_topic(_table([text]), "war", codebook).iat[0], text


@pytest.mark.parametrize("text", ON_CEASEFIRE)
def test_statements_about_a_ceasefire_are_on_topic(codebook, text):
    assert in_topic(_table([text]), "ceasefire", codebook).iat[0], text


@pytest.mark.parametrize("text", OFF)
def test_greetings_and_country_names_are_off_topic(codebook, text):
    assert not in_topic(_table([text]), ["war", "ceasefire"], codebook).iat[0], text


def test_the_sentence_counts_when_the_table_has_one(codebook):
    t = _table(["it must stop now"]).assign(sentence=["Quill said of the shelling that it must stop now."])
    assert in_topic(t, "war", codebook).iat[0]
    assert not in_topic(t.drop(columns="sentence"), "war", codebook).iat[0]


def test_filter_keeps_order_index_and_input(codebook):
    texts = [OFF[0], ON_WAR[0], OFF[1], ON_WAR[1]]
    t = _table(texts)
    before = t.copy()
    with pytest.warns(LossyStepWarning) as caught:
        out = topic_filter(t, "war", codebook)
    pd.testing.assert_frame_equal(t, before)  # the input is not changed
    assert list(out["text"]) == [ON_WAR[0], ON_WAR[1]] and list(out.index) == [101, 103]
    assert out is not t
    assert str(caught[0].message).startswith("kept 2 of 4 statements on topic 'war'; dropped 2")


def test_warning_counts_per_actor_and_several_topics(codebook):
    t = _table([ON_WAR[0], OFF[0], ON_CEASEFIRE[0], OFF[1]], actors=["north", "north", "south", "south"])
    with pytest.warns(LossyStepWarning, match=r"kept 2 of 4 statements on topics 'war' or 'ceasefire'; dropped 2 "
                                              r"\(north 1 of 2, south 1 of 2\)"):
        out = topic_filter(t, "war,ceasefire", codebook)
    assert list(out["text"]) == [ON_WAR[0], ON_CEASEFIRE[0]]
    with pytest.warns(LossyStepWarning):
        assert topic_filter(t, ["war", "ceasefire"], codebook).equals(out)


def test_nothing_dropped_gives_no_warning(codebook):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = topic_filter(_table(ON_WAR), "war", codebook)
    assert len(out) == len(ON_WAR)


def test_context_keeps_neighbours_in_the_same_document_only(codebook):
    t = _table(["It was a long night.", ON_WAR[0], "Nobody slept.", "The choir sang."],
               doc_ids=["d1", "d1", "d1", "d2"])
    assert list(in_topic(t, "war", codebook)) == [False, True, False, False]
    assert list(in_topic(t, "war", codebook, context=1)) == [True, True, True, False]
    shuffled = t.iloc[[3, 2, 0, 1]]  # order comes from doc_id and char_start, not the table's order
    assert in_topic(shuffled, "war", codebook, context=1).to_dict() == {103: False, 102: True, 100: True, 101: True}
    with pytest.raises(StancemapError, match="context=-1"):
        in_topic(t, "war", codebook, context=-1)


def test_unknown_topic_lists_the_valid_ones_and_the_fix(codebook):
    with pytest.raises(StancemapError) as e:
        topic_filter(_table(ON_WAR), "wars", codebook)
    msg = str(e.value)
    assert "Topic 'wars' not found" in msg and "war, ceasefire" in msg and "Did you mean 'war'" in msg
    assert "topic='war'" in msg
    with using("cli"), pytest.raises(StancemapError, match="--topic war"):
        resolve_topics("wars", codebook)
    with pytest.raises(StancemapError, match="No topic given"):
        resolve_topics(" , ", codebook)


def test_a_codebook_without_topics_says_how_to_add_them():
    data = {"name": "tiny", "version": "0.1", "frames": {"f": {"label": "F", "definition": "d", "cues": ["x"]}},
            "stance": {"labels": ["favor", "against", "none"],
                       "targets": {"t": {"label": "T", "definition": "d", "favor": "f", "against": "a", "cues": ["y"]}}}}
    cb = codebook_from_dict(data)
    with pytest.raises(StancemapError, match="has no 'topics:' section"):
        in_topic(_table(ON_WAR), "war", cb)


@pytest.mark.parametrize("topics, match", [
    ({"war": {"label": "War", "definition": "d"}}, "missing.*key.*'cues'"),
    ({"war": {"label": "War", "definition": "d", "cues": ["inva*sion"]}}, "'\\*' inside a word"),
    ({"war": {"label": "War", "definition": "d", "cues": ["war"], "targets": ["truce"]}},
     "stance target 'truce'.*Valid targets: t"),
    ({"War": {"label": "War", "definition": "d", "cues": ["war"]}}, "'War' is not (a )?valid"),
    ({"war": {"label": "War", "definition": "d", "cue": ["war"]}}, "cue"),
    ([], "topics"),
])
def test_bad_topics_sections_are_clear_errors(topics, match):
    data = {"name": "tiny", "version": "0.1", "frames": {"f": {"label": "F", "definition": "d", "cues": ["x"]}},
            "stance": {"labels": ["favor", "against", "none"],
                       "targets": {"t": {"label": "T", "definition": "d", "favor": "f", "against": "a",
                                         "cues": ["y"]}}},
            "topics": topics}
    with pytest.raises(StancemapError, match=match):
        codebook_from_dict(data)


def test_topic_counts_per_actor(codebook):
    t = _table([ON_WAR[0], OFF[0], ON_CEASEFIRE[0], OFF[1]], actors=["north", "north", "south", "south"])
    c = topic_counts(t, None, codebook).set_index(["group", "topic"])
    assert c.loc[("north", "war"), ["n", "on_topic"]].tolist() == [2, 1]
    assert c.loc[("south", "ceasefire"), "share"] == 0.5
    assert set(c.index.get_level_values("topic")) == set(codebook.topics)


def test_top_level_api_and_bad_tables(codebook):
    assert sm.topic_filter is topic_filter and sm.in_topic is in_topic
    with pytest.raises(StancemapError, match="'text'"):
        in_topic(pd.DataFrame({"body": ["war"]}), "war", codebook)
    with pytest.raises(StancemapError, match="DataFrame"):
        in_topic(["war"], "war", codebook)


def test_report_topic_states_the_filter_and_counts(tmp_path, capsys):
    out = tmp_path / "r"
    with pytest.warns(LossyStepWarning, match="on topic 'ceasefire'"):
        res = sm.report([CORPUS], out, formats=("html",), n_boot=100, progress=False, topic="ceasefire")
    kept = in_topic(res.scored, "ceasefire")
    assert kept.all() and 0 < len(res.scored) < 19
    assert len(pd.read_csv(out / "scored.csv")) == len(pd.read_csv(out / "statements.csv")) == len(res.scored)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert f"kept {len(res.scored)} of 19 statements on topic &#39;ceasefire&#39;" in page
    assert "Topic filter (ceasefire: Ceasefire and peace talks" in page


def test_cli_report_topic_end_to_end(tmp_path, capsys):
    out = tmp_path / "r"
    assert main(["report", str(CORPUS), "--out", str(out), "--formats", "html", "--quiet", "--n-boot", "100",
                 "--topic", "war,ceasefire", "--topic", "war"]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "statements on topics &#39;war&#39; or &#39;ceasefire&#39;" in page
    assert "Topic filter (war: The Russia–Ukraine war; ceasefire: Ceasefire and peace talks" in page
    assert main(["report", str(CORPUS), "--out", str(tmp_path / "bad"), "--topic", "wr", "--quiet",
                 "--formats", "html"]) != 0
    err = capsys.readouterr().err
    assert "Topic 'wr' not found" in err and "--topic war" in err
    assert not (tmp_path / "bad").exists()  # failed before any work


def test_report_with_no_statement_on_topic_is_a_clear_error(tmp_path):
    doc = tmp_path / "docs" / "x.txt"
    doc.parent.mkdir()
    doc.write_text("School news\nQuill said: “The Eastmark music school turns fifty this year.”\n", encoding="utf-8")
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors:\n  north:\n    label: Northland\n    members:\n      - name: Ada Quill\n"
                      "        aliases: [Quill]\n", encoding="utf-8")
    with pytest.raises(StancemapError, match=r"No statement is on topic war \(0 of 1;.*Leave out topic"):
        sm.report([doc.parent], tmp_path / "out", actors=actors, formats=("html",), n_boot=100, progress=False,
                  topic="war")
    assert not (tmp_path / "out").exists()

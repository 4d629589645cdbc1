"""Tests for benchmarks/attribution_polnear.py, extract_throughput.py and extract_linearity.py.

Scoring is checked on the constructed brat fixture (tests/fixtures/polnear)
against figures computed by hand; the scripts are run end to end with the
project's Python.
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stancemap.brat import read_attribution_corpus
from stancemap.clean import clean
from stancemap.span_matching import overlap_ratio
from stancemap.schema import UNATTRIBUTED

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "polnear"
HARBOUR = "fixture-news_2025-01-14_harbour-talks-stall"
VELMAR = "fixture-news_2025-01-20_velmar-budget-passes"
PYTHON = ROOT / ".venv" / "bin" / "python"
PY = str(PYTHON if PYTHON.exists() else sys.executable)


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


polnear = _load("attribution_polnear")
throughput = _load("extract_throughput")
linearity = _load("extract_linearity")


def has_extractor() -> bool:
    return importlib.util.find_spec("stancemap.extract") is not None


@pytest.fixture(scope="module")
def corpus():
    return read_attribution_corpus(FIXTURE, "test")


def span(text: str, frag: str, after: str = "") -> tuple[int, int]:
    s = text.index(frag, text.index(after) if after else 0)
    return s, s + len(frag)


def pred_row(doc_id, content, speaker=(-1, -1)):
    return {"doc_id": doc_id, "actor": UNATTRIBUTED, "speaker": "x", "kind": "direct",
            "char_start": content[0], "char_end": content[1], "speaker_start": speaker[0],
            "speaker_end": speaker[1], "speaker_method": "name"}


# -- span arithmetic ----------------------------------------------------------

@given(st.integers(0, 50), st.integers(1, 30), st.integers(0, 50), st.integers(1, 30))
def test_fragment_overlap_is_overlap_ratio_for_contiguous_spans(a, la, b, lb):
    assert polnear.fragment_overlap((a, a + la), [(b, b + lb)]) == pytest.approx(overlap_ratio((a, a + la), (b, b + lb)))


def test_fragment_overlap_ignores_the_gap_of_discontinuous_gold():
    gold = [(0, 10), (30, 40)]
    assert polnear.fragment_overlap((0, 10), gold) == 1.0          # one fragment, wholly
    assert polnear.fragment_overlap((0, 40), gold) == 1.0          # the hull: the gap does not count against it
    assert polnear.fragment_overlap((5, 35), gold) == pytest.approx(10 / 20)
    assert polnear.fragment_overlap((10, 30), gold) == 0.0
    assert polnear.spans_touch((9, 12), gold) and not polnear.spans_touch((10, 30), gold)


# -- scoring with hand-computed figures ---------------------------------------

def fixture_predictions(docs: pd.DataFrame) -> pd.DataFrame:
    """Predictions on raw offsets whose scores are worked out in the test below."""
    a = docs.set_index("doc_id").loc[HARBOUR, "raw_text"]
    b = docs.set_index("doc_id").loc[VELMAR, "raw_text"]
    he = (a.index("He added"), a.index("He added") + 2)
    rows = [
        # P1: first half of the split quote, speaker "Ada Quill" → matches E1 (both annotators), source right
        pred_row(HARBOUR, span(a, "“We will not sign a deal that gives away the eastern docks,”"), span(a, "Ada Quill")),
        # P2: Oduya's reported speech, but speaker mention "He" → matches E2 (both), source wrong
        pred_row(HARBOUR, span(a, "that the harbour tolls must be cut before any agreement"), he),
        # P3: the sourceless "reportedly" attribution → neither right nor wrong
        pred_row(HARBOUR, span(a, "A second round is reportedly planned for March")),
        # P4: the headline sentence → wrong
        pred_row(HARBOUR, span(a, "Talks over the Alder harbour stalled on Tuesday.")),
        # P5: "added that …" (cue included) → matches a1b2's E3 (source "He" right); c3d4 has no such attribution
        pred_row(HARBOUR, span(a, "added that his delegation would return next week"), he),
        # Q1: Reyk's reported speech, speaker mention "Reyk" inside "Finance minister Tomas Reyk" → right
        pred_row(VELMAR, span(b, "that the new plan would  protect pensions"), span(b, "Reyk")),
        # Q2: the quote without its quotation marks, speaker "Reyk" after it → right
        pred_row(VELMAR, span(b, "Nobody will lose a cent,"), span(b, "Reyk", after="cent")),
        # (the opposition's accusation is missed)
    ]
    return pd.DataFrame(rows)


def test_score_mean_over_annotators(corpus):
    docs, gold = corpus
    r = polnear.score(fixture_predictions(docs), gold, docs, policy="mean")
    # harbour, annotator a1b2 (weight 1/2): 4 scored predictions (P3 left out), 3 right (P1 P2 P5);
    #   4 gold with source, 3 found (E1 E2 E3), sources right for E1 and E3.
    # harbour, annotator c3d4 (weight 1/2): 4 scored, 2 right (P1 P2); 2 gold, 2 found, 1 source right (E1).
    # velmar, e5f6 (weight 1): 2 scored, 2 right; 3 gold, 2 found, 2 sources right.
    # precision = (1.5 + 1 + 2) / (2 + 2 + 2) = 0.75; recall = (1.5 + 1 + 2) / (2 + 1 + 3) = 0.75
    # source accuracy = (1 + 0.5 + 2) / 4.5
    assert r["documents"] == 2
    assert r["predicted"] == 7
    assert r["predicted_on_no_source_gold"] == 1.0
    assert r["gold_attributions"] == 6.0
    assert r["content_precision"] == 0.75
    assert r["content_recall"] == 0.75
    assert r["content_f1"] == 0.75
    assert r["source_accuracy"] == round(3.5 / 4.5, 4)


def test_score_first_annotator_only(corpus):
    docs, gold = corpus
    r = polnear.score(fixture_predictions(docs), gold, docs, policy="first")
    # harbour a1b2 only: 4 scored, 3 right; 4 gold, 3 found, 2 sources. velmar: 2, 2; 3, 2, 2.
    p, rec = 5 / 6, 5 / 7
    assert r["gold_attributions"] == 7.0
    assert r["content_precision"] == round(p, 4)
    assert r["content_recall"] == round(rec, 4)
    assert r["content_f1"] == round(2 * p * rec / (p + rec), 4)
    assert r["source_accuracy"] == 0.8


def test_score_edge_cases(corpus):
    docs, gold = corpus
    empty = fixture_predictions(docs).iloc[0:0]
    r = polnear.score(empty, gold, docs)
    assert (r["predicted"], r["content_precision"], r["content_recall"], r["content_f1"]) == (0, 0.0, 0.0, 0.0)
    with pytest.raises(Exception, match="policy 'all'"):
        polnear.score(empty, gold, docs, policy="all")
    # a text nobody annotated is not scored at all
    extra = pd.concat([docs, docs.iloc[[0]].assign(doc_id="unannotated", annotators="")], ignore_index=True)
    assert polnear.score(fixture_predictions(docs), gold, extra)["documents"] == 2


# -- speaker mentions -----------------------------------------------------------

def test_speaker_span_heuristics():
    from stancemap.text import sentence_spans
    text = ("Tomas Reyk spoke first. “Nobody will lose a cent,” Reyk said. He added that pensions were safe. "
            "The plan was approved. It would pass, the council insisted.")
    sents = sentence_spans(text)

    def find(stmt_text, speaker, cue="said", kind="direct"):
        s = text.index(stmt_text)
        return polnear.speaker_span(text, {"char_start": s, "char_end": s + len(stmt_text), "speaker": speaker,
                                           "cue": cue, "kind": kind}, sents, None)

    s, e, how = find("Nobody will lose a cent,", "Tomas Reyk")
    assert (text[s:e], how) == ("Reyk", "name")                          # surname, same sentence
    s, e, how = find("that pensions were safe", "Tomas Reyk", cue="added")
    assert (text[s:e], how) == ("He", "pronoun")
    s, e, how = find("The plan was approved.", "Tomas Reyk", cue="")
    assert (text[s:e], how) == ("Reyk", "earlier_mention")               # nearest earlier mention
    assert find("The plan was approved.", "", cue="")[2] == "none"
    assert find("The plan was approved.", "Kremlin", kind="official")[2] == "none"
    s = text.index("pensions")
    given_span = {"char_start": s, "char_end": s + 8, "speaker": "x", "speaker_start": 0, "speaker_end": 5}
    assert polnear.speaker_span(text, given_span, sents, None) == (0, 5, "extractor")


def test_speaker_span_uses_registry_aliases(tiny_registry_yaml):
    from stancemap.actors import load_actors
    from stancemap.text import sentence_spans
    text = "The Northland leader said the harbour would stay open."
    reg = load_actors(tiny_registry_yaml)
    stmt = {"char_start": 26, "char_end": len(text), "speaker": "Ada Quill", "cue": "said", "kind": "indirect"}
    s, e, how = polnear.speaker_span(text, stmt, sentence_spans(text), reg)
    assert (text[s:e], how) == ("The Northland leader", "name")


# -- the whole benchmark with a stand-in extractor -------------------------------

def stand_in_extract(documents, actors=None):
    """A trivial extractor for tests: finds fixed statements in the cleaned text."""
    wanted = {
        HARBOUR: [("We will not sign a deal that gives away the eastern docks,", "Ada Quill", "said"),
                  ("that the harbour tolls must be cut before any agreement", "Ada Quill", "insisted"),
                  ("that his delegation would return next week", "Bram Oduya", "added"),
                  ("Talks over the Alder harbour stalled on Tuesday.", "Ada Quill", "")],
        VELMAR: [("Nobody will lose a cent,", "Tomas Reyk", "said"),
                 ("the government of hiding the true cost", "opposition", "accused")],
    }
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents["text"]):
        for stmt, speaker, cue in wanted.get(doc_id, []):
            s = text.index(stmt)
            rows.append({"statement_id": f"{doc_id}:{s}", "doc_id": doc_id, "actor": UNATTRIBUTED,
                         "speaker": speaker, "cue": cue, "kind": "indirect", "text": stmt, "char_start": s,
                         "char_end": s + len(stmt), "sentence": "", "extractor": "stand-in", "confidence": 1.0})
    return pd.DataFrame(rows)


def test_predictions_are_mapped_from_cleaned_to_raw_text(corpus):
    docs, _ = corpus
    with pytest.warns(UserWarning, match="Advertisement"):
        cleaned = clean(docs)
    assert (cleaned["text"] != cleaned["raw_text"]).all()      # the Velmar text loses "Advertisement", quotes change
    stmts = stand_in_extract(cleaned)
    pred, notes = polnear.predictions_on_raw(stmts, cleaned)
    assert notes == {"span_text_mismatches": 0, "spans_unmapped": 0}
    raw = dict(zip(docs["doc_id"], docs["raw_text"]))
    for p, st_text in zip(pred.to_dict("records"), stmts["text"]):
        assert raw[p["doc_id"]][p["char_start"]:p["char_end"]].replace("  ", " ") == st_text
    speakers = [raw[p["doc_id"]][p["speaker_start"]:p["speaker_end"]] for p in pred.to_dict("records")]
    assert speakers == ["Ada Quill", "Ada Quill", "He", "", "Reyk", "opposition"]
    assert list(pred["speaker_method"]) == ["name", "earlier_mention", "pronoun", "none", "name", "name"]


def test_main_with_stand_in_extractor(monkeypatch, capsys):
    monkeypatch.setattr(polnear, "run_extractor", stand_in_extract)
    assert polnear.main(["--data", str(FIXTURE), "--split", "test"]) == 0
    out = json.loads(capsys.readouterr().out.strip())
    # harbour a1b2 (weight 1/2): 4 predictions, 3 right (quote E1, Oduya E2, "that his delegation…" E3);
    #   4 gold, 3 found; sources right for E1 and E3 (E2's speaker "Ada Quill" is found only earlier).
    # harbour c3d4 (weight 1/2): 2 of 4 right; 2 gold, 2 found; source right for E1 only.
    # velmar (weight 1): 2 of 2 right; 3 gold, 2 found; both sources right ("Reyk", "opposition").
    assert out["benchmark"] == "attribution_polnear" and out["split"] == "test"
    assert out["documents"] == 2 and out["predicted"] == 6 and out["gold_attributions"] == 6.0
    assert out["content_precision"] == round(4.5 / 6, 4)
    assert out["content_recall"] == round(4.5 / 6, 4)
    assert out["source_accuracy"] == round(3.5 / 4.5, 4)
    assert out["annotator_policy"] == "mean" and out["annotation_files"] == 3
    assert out["predicted_unattributed"] == 6
    assert out["extractor"] == "stand-in"
    assert polnear.main(["--data", str(FIXTURE), "--annotators", "first", "--limit", "1"]) == 0
    first = json.loads(capsys.readouterr().out.strip())
    # harbour, a1b2 only: 3 of 4 right; 4 gold, 3 found; sources right for E1 and E3
    assert (first["documents"], first["gold_attributions"], first["content_precision"],
            first["content_recall"], first["source_accuracy"]) == (1, 4.0, 0.75, 0.75, round(2 / 3, 4))


# -- the scripts as a user runs them --------------------------------------------

def run(script: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PY, str(ROOT / "benchmarks" / script), *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={**os.environ, **(env or {})})


def test_polnear_missing_data_fails_clearly(tmp_path, capsys):
    assert polnear.main(["--data", str(tmp_path), "--split", "test"]) == 2
    captured = capsys.readouterr()
    assert str(tmp_path / "test") in captured.err and "PolNeAR" in captured.err
    assert captured.out == ""
    assert polnear.main(["--data", str(FIXTURE), "--split", "dev"]) == 2
    assert "Splits found" in capsys.readouterr().err


@pytest.mark.skipif(not has_extractor(), reason="stancemap.extract is not written yet")
def test_polnear_script_on_fixture_prints_one_json_line():
    r = run("attribution_polnear.py", "--data", str(FIXTURE), "--split", "test", "--limit", "2")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1
    out = json.loads(lines[0])
    for key in ("benchmark", "split", "documents", "gold_attributions", "predicted", "content_precision",
                "content_recall", "content_f1", "source_accuracy", "seconds", "annotator_policy"):
        assert key in out
    assert out["documents"] == 2 and out["gold_attributions"] == 6.0
    assert all(0.0 <= out[k] <= 1.0 for k in ("content_precision", "content_recall", "content_f1", "source_accuracy"))
    assert out["span_text_mismatches"] == 0 and out["spans_unmapped"] == 0


def test_throughput_script_skips_without_data(tmp_path):
    r = run("extract_throughput.py", "--data", str(tmp_path))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip())
    assert out["benchmark"] == "extract_throughput" and "press releases not found" in out["skipped"]


def test_throughput_default_data_dir_from_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STANCEMAP_DATA", str(tmp_path))
    assert throughput.main([]) == 0
    assert str(tmp_path) in json.loads(capsys.readouterr().out)["skipped"]


def test_throughput_documents_table(datasets_dir):
    docs = throughput.load_press_releases(datasets_dir, limit=None)
    assert len(docs) == 1796
    assert docs["doc_id"].is_unique
    assert set(docs["doc_kind"]) == {"official"}
    assert docs.groupby("doc_actor").size().to_dict() == {"russia": 816, "ukraine": 980}


@pytest.mark.skipif(not has_extractor(), reason="stancemap.extract is not written yet")
def test_throughput_on_real_press_releases(datasets_dir, capsys):
    assert throughput.main(["--data", str(datasets_dir), "--limit", "40"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    out = json.loads(lines[0])
    assert out["documents"] == 40 and out["statements"] > 0
    assert out["documents_per_s"] > 0 and out["documents_per_cpu_s"] > 0 and out["peak_memory_mb"] > 0
    assert sum(out["statements_by_actor"].values()) == out["statements"]
    assert set(out["statements_by_actor"]) <= {"russia", "ukraine", "us", "europe", "unattributed"}


def test_linearity_script_skips_without_data(tmp_path):
    r = run("extract_linearity.py", "--data", str(tmp_path))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip())
    assert out["benchmark"] == "extract_linearity" and "press releases not found" in out["skipped"]


@pytest.mark.skipif(not has_extractor(), reason="stancemap.extract is not written yet")
def test_linearity_measure_on_a_constructed_document(tiny_registry_yaml):
    raw = ('Ada Quill said that the harbour talks would resume on Monday. "We are ready," Quill said.\n'
           "The Ministry welcomes the talks.")
    doc = pd.DataFrame({"doc_id": ["fixture-1"], "raw_text": [raw], "text": [raw], "doc_kind": ["official"],
                        "doc_actor": ["north"], "doc_speaker": ["the Ministry"], "date": ["2025-03-01"]})
    assert linearity.repeated(doc, 3)["text"].iloc[0].count("Ada Quill said") == 3
    out = linearity.measure(doc, copies=(1, 2), repeat=1, actors=tiny_registry_yaml)
    assert out["copies"] == [1, 2] and out["statements"][1] == 2 * out["statements"][0] > 0
    assert out["characters"][1] == 2 * out["characters"][0] + 2
    assert out["cpu_ratio"][0] == 1.0 and abs(out["cpu_per_copy_ratio"][1] - out["cpu_ratio"][1] / 2) <= 0.01


def test_linearity_on_real_press_releases(datasets_dir, capsys):
    assert linearity.main(["--data", str(datasets_dir), "--doc", "kremlin-0479", "--copies", "1,2",
                           "--repeat", "1"]) == 0
    out = json.loads(capsys.readouterr().out.strip())
    assert out["doc_id"] == "kremlin-0479" and out["copies"] == [1, 2]
    assert out["statements"][1] == 2 * out["statements"][0] > 0 and len(out["cpu_seconds"]) == 2


survey = _load("unattributed_speakers")


def test_unattributed_survey_skips_without_data(tmp_path):
    r = run("unattributed_speakers.py", "--data", str(tmp_path))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip())
    assert out["benchmark"] == "unattributed_speakers" and "datasets not found" in out["skipped"]


def test_unattributed_survey_counts_a_table():
    table = pd.DataFrame({"actor": [UNATTRIBUTED] * 4 + ["north"],
                          "speaker": ["Q", "OPENING THE PORTS", "Lena Voss", "Lena Voss", "Ada Quill"],
                          "kind": ["question", "direct", "indirect", "direct", "direct"]})
    out = survey.survey(table, top=5)
    assert out == {"statements": 5, "by_actor": {"north": 1, UNATTRIBUTED: 4}, "unattributed": 4, "questions": 1,
                   "heading_speakers": 1, "top_speakers": [["Lena Voss", 2], ["OPENING THE PORTS", 1]]}


def test_unattributed_survey_on_the_white_house_pages(datasets_dir, capsys):
    assert survey.main(["--data", str(datasets_dir), "--datasets", "whitehouse-2021-2026", "--top", "3"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["datasets"]["whitehouse-2021-2026"]
    assert out["heading_speakers"] == 0 and out["statements"] > 10_000
    assert sum(out["by_actor"].values()) == out["statements"] and len(out["top_speakers"]) == 3

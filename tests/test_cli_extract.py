"""Tests for ``stancemap extract`` (the command line)."""
from __future__ import annotations

import pandas as pd
import pytest

from stancemap.cli import main
from stancemap.schema import STATEMENT_COLUMNS

ARTICLE = ("Quill insisted that the river was low.\n"
           "“We will not open the dam,” Oduya said on Monday.\n"
           "Tomas Reyk, a grain trader, said prices had tripled.\n")


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "river.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_extract_writes_csv_and_prints_a_summary(docs, tmp_path, tiny_registry_yaml, capsys):
    out = tmp_path / "out" / "statements.csv"
    assert main(["extract", str(docs), "--actors", str(tiny_registry_yaml), "--out", str(out)]) == 0
    line = capsys.readouterr().out.strip()
    assert "\n" not in line
    assert line.startswith("1 document(s), 3 statement(s): north 1, south 1; unattributed 1")
    df = pd.read_csv(out, keep_default_na=False)
    assert list(df.columns) == STATEMENT_COLUMNS
    assert sorted(df["actor"]) == ["north", "south", "unattributed"]
    assert (df["doc_id"] == "river").all()


def test_extract_writes_parquet_by_extension(docs, tmp_path, tiny_registry_yaml, capsys):
    out = tmp_path / "statements.parquet"
    assert main(["extract", str(docs), "--actors", str(tiny_registry_yaml), "--out", str(out)]) == 0
    df = pd.read_parquet(out)
    assert list(df.columns) == STATEMENT_COLUMNS and len(df) == 3


def test_official_texts_from_the_command_line(tmp_path, tiny_registry_yaml, capsys):
    f = tmp_path / "release.txt"
    f.write_text("The Ministry held talks on water rights.\n“Not yet,” Oduya said.\n", encoding="utf-8")
    out = tmp_path / "s.csv"
    assert main(["extract", str(f), "--actors", str(tiny_registry_yaml), "--kind", "official",
                 "--actor", "north", "--speaker", "Northland Ministry", "--out", str(out)]) == 0
    df = pd.read_csv(out, keep_default_na=False)
    assert df[["actor", "kind"]].values.tolist() == [["north", "official"], ["south", "direct"]]


def test_bad_output_extension_is_explained(docs, tmp_path, capsys):
    assert main(["extract", str(docs), "--out", str(tmp_path / "s.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "'.xlsx'" in err and ".csv, .parquet" in err


def test_missing_registry_is_explained(docs, tmp_path, capsys):
    assert main(["extract", str(docs), "--actors", str(tmp_path / "nope.yaml"), "--out",
                 str(tmp_path / "s.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_bundled_corpus_extracts(root, tmp_path, capsys):
    out = tmp_path / "statements.csv"
    assert main(["extract", str(root / "corpora" / "ceasefire-2025-03"), "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("1 document(s), ")
    df = pd.read_csv(out, keep_default_na=False)
    assert set(df["actor"]) >= {"us", "russia", "ukraine", "europe"}
    assert (df["doc_id"] == "ceasefire-talks-stall").all()


def test_jobs_give_the_same_table(tmp_path, tiny_registry_yaml, monkeypatch, capsys):
    import stancemap.extract as ex

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(5):
        (folder / f"river-{i}.txt").write_text(ARTICLE.replace("Monday", f"day {i}"), encoding="utf-8")
    monkeypatch.setattr(ex, "DOCS_PER_JOB", 2)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["extract", str(folder), "--actors", str(tiny_registry_yaml), "--out", str(one)]) == 0
    assert main(["extract", str(folder), "--actors", str(tiny_registry_yaml), "--out", str(two), "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes() and len(pd.read_csv(two)) == 15
    assert main(["extract", str(folder), "--out", str(two), "--jobs", "0"]) == 2
    assert "n_jobs must be a positive number" in capsys.readouterr().err


def test_extract_parquet_is_what_score_and_sample_read(docs, tmp_path, tiny_registry_yaml, capsys):
    """`stancemap extract --out x.parquet` writes a table `score` and `sample` read (any order of formats)."""
    statements = tmp_path / "statements.parquet"
    assert main(["extract", str(docs), "--actors", str(tiny_registry_yaml), "--out", str(statements)]) == 0
    scored_pq, scored_csv = tmp_path / "scored.parquet", tmp_path / "scored.csv"
    assert main(["score", str(statements), "--out", str(scored_pq)]) == 0
    assert main(["score", str(statements), "--out", str(scored_csv)]) == 0
    a, b = pd.read_parquet(scored_pq), pd.read_csv(scored_csv, keep_default_na=False)
    assert list(a.columns) == list(b.columns) and list(a.columns)[:len(STATEMENT_COLUMNS)] == STATEMENT_COLUMNS
    assert a["statement_id"].tolist() == b["statement_id"].tolist() and len(a) == 3
    assert a["char_start"].dtype == "int64"  # Parquet keeps the column types
    pd.testing.assert_series_equal(a["frame_blame"], b["frame_blame"], check_exact=False, rtol=1e-12)
    assert main(["sample", str(scored_pq), "--n", "2", "--out", str(tmp_path / "sample.parquet")]) == 0
    assert len(pd.read_parquet(tmp_path / "sample.parquet")) == 2


def test_a_file_that_is_not_parquet_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "statements.parquet"
    bad.write_text("text\nhello\n", encoding="utf-8")
    assert main(["score", str(bad), "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "as a Parquet file" in err and ".csv extension" in err


def test_extract_on_dask_writes_the_same_table(tmp_path):
    """`stancemap extract --engine dask` runs the same pipeline function as the pandas engine."""
    from stancemap.cli import main

    a, b = tmp_path / "pandas.csv", tmp_path / "dask.csv"
    assert main(["extract", "corpora/ceasefire-2025-03", "--out", str(a)]) == 0
    assert main(["extract", "corpora/ceasefire-2025-03", "--out", str(b), "--engine", "dask",
                 "--scheduler", "sync"]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_jobs_zero_is_refused_by_score_too(tmp_path, capsys):
    """Bug: the shared engine options turned --jobs 0 into 1 (score and report ran anyway)."""
    st = tmp_path / "st.csv"
    st.write_text("text\nWe want talks.\n", encoding="utf-8")
    assert main(["score", str(st), "--out", str(tmp_path / "sc.csv"), "--jobs", "0"]) == 2
    assert "n_jobs must be a positive number" in capsys.readouterr().err

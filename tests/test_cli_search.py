"""Tests for ``stancemap search`` (the command line), on constructed statements by fictional people."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from stancemap.cli import main
from stancemap.schema import SEARCH_COLUMNS
from stancemap.tables import write_table

from test_search import HOSTILE, hostile_table, scored_table, statements_table

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def scored_csv(tmp_path) -> Path:
    return write_table(scored_table(), tmp_path / "scored.csv")


def test_prints_a_readable_table(scored_csv, capsys):
    assert main(["search", str(scored_csv), "sanctions", "--actor", "north", "--actor", "east"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("3 matches of “sanctions” in 3 statements (of 4 searched); whole words; filters: "
                        "actor = north or east.")
    assert [ln.split()[0] for ln in lines[2:]] == ["2022-03-01", "2022-03-01", "undated"]
    assert all("[sanctions]" in ln for ln in lines[2:])


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_writes_every_column(scored_csv, tmp_path, capsys, suffix):
    out = tmp_path / "out" / f"kwic{suffix}"
    assert main(["search", str(scored_csv), "sanctions", "--frame", "economic", "--stance", "sanctions=against",
                 "--between", "2022-02-24", "2022-06-30", "--width", "12", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "3 matches of “sanctions” in 2 statements (of 2 searched)" in err and str(out) in err
    df = pd.read_csv(out, keep_default_na=False) if suffix == ".csv" else pd.read_parquet(out)
    assert list(df.columns) == SEARCH_COLUMNS
    assert df["statement_id"].tolist() == ["s6", "s2", "s2"]
    assert (df["left"].str.len() <= 12).all()


def test_undated_statements_are_counted(scored_csv, capsys):
    assert main(["search", str(scored_csv), "sanctions", "--between", "2022-01-01", "2022-12-31"]) == 0
    assert "warning: 1 of 6 statements have no usable date; left out by the date range (--between)" in \
        capsys.readouterr().err


def test_html_page_escapes_hostile_statements(tmp_path, capsys):
    table = write_table(hostile_table(), tmp_path / "hostile.parquet")
    out = tmp_path / "kwic.html"
    assert main(["search", str(table), "sanctions", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "onerror=" not in page.replace("onerror=alert", "")
    assert "<img" not in page and "<b>bold</b>" not in page and 'href="javascript' not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert re.search(r"<mark>sanctions</mark>", page)
    assert '<a href="https://example.org/d1" rel="noopener noreferrer">' in page
    assert HOSTILE not in page


@pytest.mark.parametrize("args, message", [
    (["--frame", "econ"], r"Frame 'econ' not found\..*Did you mean 'economic'\? Pass --frame one of"),
    (["--actor", "nort"], r"Actor 'nort' is not in this table\..*Pass --actor one of them"),
    (["--stance", "sanctions"], r"--stance TARGET=VALUE: 'sanctions' is not TARGET=VALUE"),
    (["--between", "2022-03-01", "March"], r"The end date of --between is 'March'"),
    (["--out", "kwic.xlsx"], r"--out 'kwic.xlsx': cannot write '\.xlsx' files\. Give a file ending in "
                             r"\.csv, \.parquet, \.html"),
    (["--regex"], None),
])
def test_errors_name_the_option(scored_csv, capsys, args, message):
    code = main(["search", str(scored_csv), "sanctions(", *args]) if message is None else \
        main(["search", str(scored_csv), "sanctions", *args])
    err = capsys.readouterr().err
    assert code == 2
    assert re.search(message or r"not a valid regular expression.*leave out --regex", err), err


def test_statements_table_refuses_frame_filter_with_the_fix(tmp_path, capsys):
    table = write_table(statements_table(), tmp_path / "statements.csv")
    assert main(["search", str(table), "sanctions", "--frame", "blame"]) == 2
    err = capsys.readouterr().err
    assert "--frame needs a 'frames' column" in err and "`stancemap score STATEMENTS.csv --out scored.csv`" in err
    assert main(["search", str(table), "sanctions", "--kind", "direct"]) == 0


def test_readme_documents_the_command():
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    assert any(line.strip().startswith("stancemap search ") for b in blocks for line in b.splitlines())
    assert "## Find the statements behind a number" in README

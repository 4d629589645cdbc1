"""``stancemap cues`` (the command line): how actors are quoted, on constructed statements by fictional
people, and on the bundled article (extracted first)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from stancemap import schema
from stancemap.cli import main
from stancemap.tables import write_table

from test_cues import statements

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "corpora" / "ceasefire-2025-03"


@pytest.fixture
def table_csv(tmp_path) -> Path:
    rows = [("north", "Mara Quill", c, "Daily A") for c in ["said", "says", "insisted", "insisted", "warned", ""]]
    rows += [("south", "Tomas Oduya", c, "Weekly B") for c in ["said", "said", "admitted", "turn"]]
    return write_table(statements(rows), tmp_path / "statements.csv")


def test_prints_each_groups_verbs_with_intervals(table_csv, capsys):
    assert main(["cues", str(table_csv)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith("north (n=5): insist 2 (40%, 12–77%); say 2 (40%, 12–77%); warn 1 (20%")
    assert lines[1].startswith("south (n=3): say 2 (67%")
    assert "2 of 10 statements have no attribution verb (1 official texts with an empty cue, 1 transcript " \
           "turns)" in err and "--all-statements" in err      # the fix in the CLI's words


def test_all_statements_keeps_the_unintroduced(table_csv, capsys):
    assert main(["cues", str(table_csv), "--all-statements", "--top", "10"]) == 0
    out, err = capsys.readouterr()
    assert "(no verb) 1" in out and "(turn) 1" in out and "no attribution verb" not in err


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_writes_the_tables_and_the_chart(table_csv, tmp_path, capsys, suffix):
    out, key, fig = tmp_path / "o" / f"verbs{suffix}", tmp_path / "o" / f"key{suffix}", tmp_path / "f" / "v.html"
    assert main(["cues", str(table_csv), "--split", "outlet", "--out", str(out), "--keyness", str(key),
                 "--figure", str(fig)]) == 0
    read = (lambda p: pd.read_csv(p, keep_default_na=False)) if suffix == ".csv" else pd.read_parquet
    counts, keys = read(out), read(key)
    assert list(counts.columns) == schema.table_columns("cue_counts", split="outlet")
    assert list(keys.columns) == schema.table_columns("cue_keyness", split="outlet")
    assert fig.is_file() and (fig.parent / "plotly-figures.min.js").is_file()
    assert "How each actor is quoted" in fig.read_text(encoding="utf-8")
    assert str(out) in capsys.readouterr().err


def test_min_count_pools_rare_verbs(table_csv, capsys):
    assert main(["cues", str(table_csv), "--min-count", "2"]) == 0
    out = capsys.readouterr().out
    assert "(other)" in out and "warn" not in out


def test_by_speaker(table_csv, capsys):
    assert main(["cues", str(table_csv), "--by", "speaker"]) == 0
    assert capsys.readouterr().out.startswith("Mara Quill (n=5)")


@pytest.mark.parametrize("argv, words", [
    (["--by", "actr"], ["--by 'actr' is not a column", "Did you mean 'actor'", "Pass --by one of them"]),
    (["--split", "actor"], ["--split 'actor' is the same column as --by", "--split outlet"]),
    (["--split", "outlt"], ["--split 'outlt' is not a column", "'outlet'"]),
    (["--min-count", "0"], ["--min-count 0", "≥ 1", "--min-count 2"]),
    (["--top", "0"], ["--top 0", "--top 6"]),
    (["--out", "v.txt"], ["--out", "'.txt'", ".csv, .parquet"]),
    (["--figure", "v.pdf"], ["--figure", "'.pdf'", ".html, .png, .svg"]),
])
def test_errors_name_the_value_and_the_fix(table_csv, tmp_path, capsys, argv, words):
    argv = [a if not a.startswith("v.") else str(tmp_path / a) for a in argv]
    assert main(["cues", str(table_csv), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1
    for w in words:
        assert w in err


def test_a_table_that_is_neither_statements_nor_documents(tmp_path, capsys):
    path = write_table(pd.DataFrame({"group": ["a"], "share": [0.5]}), tmp_path / "shares.csv")
    assert main(["cues", str(path)]) == 2
    err = capsys.readouterr().err
    assert "neither a statements table (it has no 'cue' column) nor a documents table" in err
    assert "group, share" in err


def test_documents_are_extracted_first(capsys):
    """The bundled article: every actor is introduced by a verb (no official text, no turn)."""
    assert main(["cues", str(ARTICLE), "--top", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [ln.split(" (n=")[0] for ln in out[:4]] == ["United States", "Russia", "Ukraine", "European leaders"]
    assert out[2].startswith("Ukraine (n=3): accuse 2 (67%")

"""stancemap.tables: one reader and one writer for CSV and Parquet, chosen by extension."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from stancemap.errors import StancemapError
from stancemap.tables import TABLE_FORMATS, read_table, write_table


def table() -> pd.DataFrame:
    return pd.DataFrame({"statement_id": ["007", "010"], "text": ["Quill said so.", ""], "char_start": [3, 40],
                         "confidence": [0.9, 0.5]})


def test_csv_round_trip_reads_text_exactly_as_written(tmp_path):
    p = write_table(table(), tmp_path / "sub" / "t.csv")
    assert p.read_bytes() == table().to_csv(index=False).encode("utf-8")
    back = read_table(p, "statements")
    assert back["statement_id"].tolist() == ["007", "010"]  # ids are not turned into numbers
    assert back["text"].tolist() == ["Quill said so.", ""]  # empty cells stay ""
    assert back["char_start"].tolist() == ["3", "40"]  # every cell is text


def test_csv_with_a_byte_order_mark(tmp_path):
    p = tmp_path / "excel.csv"
    p.write_bytes("\ufefftext,actor\nhi,north\n".encode("utf-8"))
    assert list(read_table(p).columns) == ["text", "actor"]


def test_parquet_round_trip_keeps_types(tmp_path):
    p = write_table(table(), tmp_path / "t.PARQUET")
    back = read_table(p)
    pd.testing.assert_frame_equal(back, table())
    assert TABLE_FORMATS == (".csv", ".parquet")


def test_errors_name_the_file_and_the_fix(tmp_path):
    with pytest.raises(StancemapError, match=r"The labels file '.*nothing.csv' does not exist. Check the path."):
        read_table(tmp_path / "nothing.csv", "labels")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("text\ncaf\xe9\n".encode("latin-1"))
    with pytest.raises(StancemapError, match=r"Cannot read the coder '.*latin1.csv' as a UTF-8 CSV file.*"
                                             r"pass encoding='cp1252', or save it as UTF-8"):
        read_table(bad, "coder")
    notpq = tmp_path / "x.parquet"
    notpq.write_text("text\nhi\n", encoding="utf-8")
    with pytest.raises(StancemapError, match=r"Cannot read the table '.*x.parquet' as a Parquet file"):
        read_table(notpq)
    mixed = pd.DataFrame({"v": [1, "a", 2.5]})
    with pytest.raises(StancemapError, match=r"Cannot write '.*m.parquet' as Parquet.*\.csv extension"):
        write_table(mixed, tmp_path / "m.parquet")


def test_a_cp1252_table_reads_with_encoding_and_the_error_says_so(tmp_path):
    """Issue 14.5: a CSV saved by Excel on Windows was refused with no hint; now the error names the
    encoding it reads as, and ``encoding=`` reads it."""
    p = tmp_path / "excel.csv"
    p.write_bytes("text,actor\n\u201cWe want talks\u201d \u2013 Quill,us\n".encode("cp1252"))
    with pytest.raises(StancemapError, match=r"byte 0x93 .* reads as Windows Western \(cp1252\).*encoding='cp1252'"):
        read_table(p, "statements")
    assert read_table(p, encoding="cp1252")["text"].tolist() == ["\u201cWe want talks\u201d \u2013 Quill"]
    with pytest.raises(StancemapError, match="Unknown encoding 'klingon'"):
        read_table(p, encoding="klingon")


def test_an_interrupted_write_leaves_the_earlier_table_and_no_temporary_file(tmp_path, monkeypatch):
    """Issue 14.1: a write stopped half-way left a truncated table that pandas read without complaint."""
    p = write_table(table(), tmp_path / "t.csv")
    before = p.read_bytes()

    def half_then_interrupt(self, path, *args, **kwargs):
        Path(path).write_text("text\nhalf", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_csv", half_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_table(table(), p)
    assert p.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["t.csv"]
    with pytest.raises(KeyboardInterrupt):
        write_table(table(), tmp_path / "new.csv")
    assert sorted(x.name for x in tmp_path.iterdir()) == ["t.csv"]

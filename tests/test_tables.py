"""stancemap.tables: one reader and one writer for CSV and Parquet, chosen by extension."""
from __future__ import annotations

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
    with pytest.raises(StancemapError, match=r"Cannot read the coder '.*latin1.csv' as a UTF-8 CSV file.*Save it as"):
        read_table(bad, "coder")
    notpq = tmp_path / "x.parquet"
    notpq.write_text("text\nhi\n", encoding="utf-8")
    with pytest.raises(StancemapError, match=r"Cannot read the table '.*x.parquet' as a Parquet file"):
        read_table(notpq)
    mixed = pd.DataFrame({"v": [1, "a", 2.5]})
    with pytest.raises(StancemapError, match=r"Cannot write '.*m.parquet' as Parquet.*\.csv extension"):
        write_table(mixed, tmp_path / "m.parquet")

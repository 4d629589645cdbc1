from __future__ import annotations

import pandas as pd
import pytest

from stancemap.errors import StancemapError, unknown_value
from stancemap.schema import STATEMENT_COLUMNS, empty_statements, require_columns, validate_statements


def test_unknown_value_names_value_lists_valid_and_suggests():
    msg = str(unknown_value("Column", "actr", ["actor", "speaker"], "Pass by='actor'."))
    assert "'actr'" in msg and "actor, speaker" in msg and "Did you mean 'actor'?" in msg and msg.endswith("Pass by='actor'.")


def test_require_columns_message():
    df = pd.DataFrame({"actor": [], "txt": []})
    with pytest.raises(StancemapError, match=r"missing column\(s\) 'text'.*Columns are: actor, txt.*Did you mean 'txt'"):
        require_columns(df, ["actor", "text"], "statements table")
    with pytest.raises(StancemapError, match="Expected a pandas DataFrame"):
        require_columns([1, 2], ["text"])


def test_validate_statements():
    df = empty_statements()
    assert list(df.columns) == STATEMENT_COLUMNS
    validate_statements(df)
    bad = pd.DataFrame({"doc_id": ["d"], "actor": ["us"], "speaker": ["x"], "kind": ["quote"], "text": ["t"]})
    with pytest.raises(StancemapError, match="kind"):
        validate_statements(bad)


def test_text_values_fast_path_for_strings_equals_the_rule_and_copies():
    from stancemap.schema import text_value, text_values

    class Sub(str):
        pass

    plain = ["a", "", " b ", Sub("c")]
    got = text_values(plain)
    assert got == plain and got is not plain and [type(v) for v in got] == [str, str, str, Sub]
    mixed = ["a", None, float("nan"), pd.NA, pd.NaT, 3, 2.5, Sub("c")]
    assert text_values(mixed) == [text_value(v) for v in mixed] == ["a", "", "", "", "", "3", "2.5", "c"]
    assert text_values(iter(["x", None])) == ["x", ""] and text_values(()) == []

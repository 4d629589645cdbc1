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

"""Labels tables: frame indicators from per-frame columns or a ``frames`` column."""
from __future__ import annotations

import pandas as pd
import pytest

from stancemap.codebook import load_codebook
from stancemap.errors import StancemapError
from stancemap.labels import frame_labels


@pytest.fixture(scope="module")
def cb():
    return load_codebook()


def test_frames_column_and_per_frame_columns_give_the_same_indicators(cb):
    a = pd.DataFrame({"frames": ["diplomacy;blame", "", "none", "security"]}, index=[10, 10, 11, 12])  # repeated index
    got = frame_labels(a, cb)
    assert list(got.index) == [10, 10, 11, 12]
    assert got["frame_diplomacy"].tolist() == [1, 0, 0, 0] and got["frame_blame"].tolist() == [1, 0, 0, 0]
    assert got["frame_security"].tolist() == [0, 0, 0, 1]
    b = pd.DataFrame({"frame_diplomacy": ["yes", "", "0", "no"], "frame_blame": ["x", None, "", "0"],
                      "frame_security": ["0", "", "", "1"]}, index=[10, 10, 11, 12])
    got_b = frame_labels(b, cb)
    pd.testing.assert_frame_equal(got_b[["frame_diplomacy", "frame_blame", "frame_security"]],
                                  got[["frame_diplomacy", "frame_blame", "frame_security"]])


def test_a_per_frame_row_left_blank_takes_the_frames_column(cb):
    t = pd.DataFrame({"frame_security": ["1", ""], "frames": ["", "morality"]})
    got = frame_labels(t, cb)
    assert got["frame_security"].tolist() == [1, 0] and got["frame_morality"].tolist() == [0, 1]


def test_bad_codes_and_unknown_frames_name_the_value_and_row(cb):
    with pytest.raises(StancemapError, match=r"Value 'maybe' in column 'frame_blame' \(row 1\)"):
        frame_labels(pd.DataFrame({"frame_blame": ["1", "maybe"]}), cb)
    with pytest.raises(StancemapError, match=r"weather.*row 'b'"):
        frame_labels(pd.DataFrame({"frames": ["blame", "weather"]}, index=["a", "b"]), cb)

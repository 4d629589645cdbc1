"""stancemap.interface: a fix is phrased in the words of the interface the user is in."""
from __future__ import annotations

import pytest

from stancemap.interface import ANY, current, option, using


def test_option_in_python_and_on_the_command_line():
    assert current() == "python"
    assert option("text_column", "body") == "text_column='body'"
    assert option("encoding", ANY) == "encoding='…'"
    with using("cli"):
        assert current() == "cli"
        assert option("text_column", "body") == "--text-column body"
        assert option("speaker", "the Kremlin") == "--speaker 'the Kremlin'"
        assert option("encoding", ANY) == "--encoding …"
        assert option("out_dir") == "--out"
    assert current() == "python"


def test_using_restores_the_interface_after_an_error():
    with pytest.raises(KeyError), using("cli"):
        raise KeyError
    assert current() == "python"
    with pytest.raises(ValueError, match="interface must be one of"):
        with using("web"):
            pass

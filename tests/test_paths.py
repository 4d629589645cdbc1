"""The one data-directory policy (paths.data_dir) and the three callers that use it."""
from __future__ import annotations

from pathlib import Path

import pytest

from stancemap import case_studies, paths, real_eval
from stancemap import datasets as ds
from stancemap.errors import StancemapError


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv(paths.DATA_ENV, raising=False)


def test_argument_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "env"))
    assert paths.data_dir(tmp_path / "arg") == tmp_path / "arg"
    assert paths.data_dir("") == paths.data_dir(None) == tmp_path / "env"
    assert paths.data_dir_origin(tmp_path) == "argument" and paths.data_dir_origin() == "environment"
    assert paths.data_dir("~/x") == Path("~/x").expanduser()
    for caller in (ds.resolve_data_dir, case_studies.find_data_dir):
        assert caller() == tmp_path / "env" and caller(tmp_path / "arg") == tmp_path / "arg"


def test_defaults_checkout_copy_then_user_cache(no_env, monkeypatch, tmp_path):
    assert paths.data_dir_origin() == "default"
    assert paths.data_dir(checkout=False) == paths.user_cache_dir()
    monkeypatch.setattr(paths, "checkout_datasets_dir", lambda: tmp_path)
    assert paths.data_dir() == tmp_path == case_studies.find_data_dir() == real_eval.resolve_data_dir()
    assert ds.resolve_data_dir() == paths.user_cache_dir()   # fetch never writes into the checkout's copy
    monkeypatch.setattr(paths, "checkout_datasets_dir", lambda: None)
    assert paths.data_dir() == paths.user_cache_dir() == case_studies.find_data_dir()
    assert paths.data_dir(cache=False) is None
    with pytest.raises(StancemapError, match="STANCEMAP_DATA is not set and ../shared/datasets was not found"):
        real_eval.resolve_data_dir()


def test_one_environment_variable():
    assert ds.DATA_ENV is real_eval.DATA_ENV is paths.DATA_ENV == "STANCEMAP_DATA"

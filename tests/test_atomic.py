"""stancemap.atomic: files and folders written whole, and output paths checked before any work."""
from __future__ import annotations

import os
import stat

import pytest

from stancemap.atomic import (TMP_MARK, check_output_file, check_output_folder, replace_file, replace_folder,
                              write_bytes, write_text)
from stancemap.errors import StancemapError
from stancemap.interface import using


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_replace_file_renames_into_place_only_when_complete(tmp_path):
    target = tmp_path / "sub" / "t.csv"
    with replace_file(target) as tmp:
        assert tmp.parent == target.parent and tmp.suffix == ".csv" and TMP_MARK in tmp.name
        tmp.write_text("a\n1\n", encoding="utf-8")
        assert not target.exists()
    assert target.read_text(encoding="utf-8") == "a\n1\n" and names(target.parent) == ["t.csv"]
    for exc in (RuntimeError, KeyboardInterrupt):
        with pytest.raises(exc), replace_file(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise exc
        assert target.read_text(encoding="utf-8") == "a\n1\n" and names(target.parent) == ["t.csv"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_new_files_get_the_usual_mode_and_replaced_ones_keep_theirs(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    p = write_text(tmp_path / "a.txt", "x")
    assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~mask  # not mkstemp's private 0600
    p.chmod(0o640)
    write_bytes(p, b"y")
    assert stat.S_IMODE(p.stat().st_mode) == 0o640 and p.read_bytes() == b"y"


def test_replace_folder_swaps_the_whole_folder(tmp_path):
    target = tmp_path / "report"
    target.mkdir()
    (target / "old.png").write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt), replace_folder(target) as tmp:
        (tmp / "index.html").write_text("new", encoding="utf-8")
        raise KeyboardInterrupt
    assert names(target) == ["old.png"] and names(tmp_path) == ["report"]
    with replace_folder(target) as tmp:
        (tmp / "index.html").write_text("new", encoding="utf-8")
        assert names(target) == ["old.png"]
    assert names(target) == ["index.html"] and names(tmp_path) == ["report"]
    with replace_folder(tmp_path / "fresh") as tmp:
        (tmp / "a").write_text("a", encoding="utf-8")
    assert names(tmp_path / "fresh") == ["a"]


def test_check_output_file(tmp_path):
    assert check_output_file(tmp_path / "new" / "deeper" / "t.csv") == tmp_path / "new" / "deeper" / "t.csv"
    assert not (tmp_path / "new").exists()  # checking creates nothing
    with pytest.raises(StancemapError, match=r"Cannot write out '.*': it is a folder, and a file is needed. "
                                             r"Name a file, e.g. out='.*out.csv'"):
        check_output_file(tmp_path)
    with using("cli"), pytest.raises(StancemapError, match=r"Cannot write --out '.*x.xlsx': unknown format '.xlsx'.*"
                                                           r"valid: .csv, .parquet. Name it e.g. x.csv"):
        check_output_file(tmp_path / "x.xlsx", suffixes=(".csv", ".parquet"))
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(StancemapError, match=r"'.*f' is a file, so the folder '.*f/sub' cannot be created"):
        check_output_file(tmp_path / "f" / "sub" / "t.csv")
    assert names(tmp_path) == ["f"]  # the probe file is gone


def test_check_output_folder(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StancemapError, match="it is a file, and a folder is needed"):
        check_output_folder(tmp_path / "file")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(StancemapError, match=r"holds files that are not an earlier report \(notes.md\)"):
        check_output_folder(mine, what="report")
    assert check_output_folder(mine, replaceable=lambda p: True) == mine
    assert check_output_folder(mine, whole=False) == mine  # written into, not replaced
    assert check_output_folder(tmp_path / "empty-or-new") == tmp_path / "empty-or-new"
    cwd = os.getcwd()
    try:
        os.chdir(mine)
        with pytest.raises(StancemapError, match="is the current folder or holds it"):
            check_output_folder(mine)
    finally:
        os.chdir(cwd)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_reported(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with pytest.raises(StancemapError, match=r"the folder '.*ro' is not writable \(Permission denied\)"):
            check_output_file(ro / "t.csv")
        with pytest.raises(StancemapError, match="is not writable"):
            check_output_folder(ro / "report")
    finally:
        ro.chmod(0o755)


def test_a_model_save_stopped_half_way_leaves_no_loadable_mix(tmp_path, monkeypatch):
    """model.json goes last and is removed first: a save stopped half-way never loads as a mix of two models."""
    import shutil
    from pathlib import Path

    import stancemap.modelfile as mf

    shipped = Path(__file__).resolve().parents[1] / "models" / "default"
    model = mf.StanceMapModel.load(shipped)
    d = tmp_path / "model"
    shutil.copytree(shipped, d)
    real, calls = mf.write_npz, []

    def stop_on_first(*args):  # model.npz, the first file written
        calls.append(args)
        if len(calls) == 1:
            raise KeyboardInterrupt
        real(*args)

    monkeypatch.setattr(mf, "write_npz", stop_on_first)
    with pytest.raises(KeyboardInterrupt):
        model.save(d)
    assert not (d / "model.json").exists() and not [p for p in d.iterdir() if TMP_MARK in p.name]
    with pytest.raises(StancemapError, match="model.json is missing"):
        mf.StanceMapModel.load(d)
    monkeypatch.setattr(mf, "write_npz", real)
    model.save(d)
    assert mf.StanceMapModel.load(d).targets == model.targets

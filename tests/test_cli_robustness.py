"""Mistakes a new user makes, run through the command line as a subprocess (issue 14).

Each test runs ``python -m stancemap …`` and checks the exit code, that stderr is one
line with no traceback, and that no partial output is left (no file that looks done,
no temporary file). The constructed texts name fictional people and places.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "ceasefire-2025-03"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "toolkit"), os.environ.get("PYTHONPATH", "")]),
       "PYTHONWARNINGS": "ignore::DeprecationWarning"}

#: The command line with a writer that stops half-way, as Ctrl-C during a write would.
PATCHED = """
import sys
import pandas as pd
import stancemap.report as R

def half_then_interrupt(self, path, *args, **kwargs):
    open(path, "w", encoding="utf-8").write("statement_id,text\\n1,half")
    raise KeyboardInterrupt

def interrupt(*args, **kwargs):
    raise KeyboardInterrupt

pd.DataFrame.to_csv = half_then_interrupt
R.render_page = interrupt
from stancemap.cli import main
sys.exit(main(sys.argv[1:]))
"""


def stancemap(*args, cwd: Path | None = None, timeout: float = 300, code: str | None = None):
    """Run the CLI in a fresh interpreter; returns (exit code, stdout, stderr lines)."""
    cmd = [sys.executable, "-c", code, *map(str, args)] if code else [sys.executable, "-m", "stancemap",
                                                                      *map(str, args)]
    r = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)
    return r.returncode, r.stdout, r.stderr.splitlines()


def one_line(err: list[str]) -> str:
    assert len(err) == 1, "stderr should be one line:\n" + "\n".join(err)
    assert "Traceback" not in err[0]
    return err[0]


def leftovers(folder: Path) -> list[str]:
    """Files in ``folder`` (recursively), temporary ones included."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture
def statements(tmp_path) -> Path:
    p = tmp_path / "in" / "statements.csv"
    p.parent.mkdir()
    pd.DataFrame({"statement_id": ["1", "2"],
                  "text": ["We will never accept a ceasefire that rewards the aggressor, Quill said.",
                           "Sanctions must stay until talks begin in Vellmar, the ministry insisted."]}
                 ).to_csv(p, index=False)
    return p


@pytest.fixture
def unwritable(tmp_path) -> Path:
    """A folder nobody can create files in: chmod 555, or /sys for root (who ignores the mode)."""
    if os.name != "nt" and os.geteuid() != 0:
        d = tmp_path / "readonly"
        d.mkdir()
        d.chmod(0o555)
        yield d
        d.chmod(0o755)
        return
    sysfs = Path("/sys")
    if not sysfs.is_dir() or os.access(sysfs, os.W_OK) and _can_create(sysfs):
        pytest.skip("running as root with no read-only folder to try")
    yield sysfs


def _can_create(folder: Path) -> bool:
    try:
        (folder / ".stancemap-probe").touch()
    except OSError:
        return False
    (folder / ".stancemap-probe").unlink()
    return True


# -- 2. output paths checked before any work ------------------------------------------------

@pytest.mark.parametrize("command", ["score", "extract", "sample"])
def test_out_naming_a_folder_is_one_line_before_any_work(command, statements, tmp_path):
    folder = tmp_path / "existing"
    folder.mkdir()
    src = CORPUS if command == "extract" else statements
    code, _, err = stancemap(command, src, "--out", folder)
    line = one_line(err)
    assert code == 2 and line.startswith(f"error: Cannot write --out '{folder}': it is a folder, and a file is needed")
    assert "e.g. --out" in line and leftovers(folder) == []


@pytest.mark.parametrize("command", ["score", "extract", "report"])
def test_out_in_a_read_only_folder_is_one_line(command, statements, unwritable, tmp_path):
    out = unwritable / ("r" if command == "report" else "out.csv")
    src = statements if command == "score" else CORPUS
    # the input does not exist for score: the output is checked first, before any reading
    args = (tmp_path / "missing.csv",) if command == "score" else (src,)
    code, _, err = stancemap(command, *args, "--out", out)
    line = one_line(err)
    assert code == 2 and f"Cannot write --out '{out}'" in line and "not writable" in line
    assert not out.exists()


def test_report_out_naming_a_file_is_one_line(tmp_path):
    f = tmp_path / "report.html"
    f.write_text("mine", encoding="utf-8")
    code, _, err = stancemap("report", tmp_path / "no-such-folder", "--out", f)
    line = one_line(err)
    assert code == 2 and "it is a file, and a folder is needed" in line and "--out" in line
    assert f.read_text(encoding="utf-8") == "mine"


def test_report_refuses_a_folder_of_other_files(tmp_path):
    d = tmp_path / "mine"
    d.mkdir()
    (d / "notes.md").write_text("keep me", encoding="utf-8")
    code, _, err = stancemap("report", CORPUS, "--out", d)
    line = one_line(err)
    assert code == 2 and "not an earlier report (notes.md)" in line and "Name a new or empty folder" in line
    assert leftovers(d) == ["notes.md"]


def test_a_parent_that_is_a_file_is_one_line(statements, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = stancemap("score", statements, "--out", blocker / "sub" / "scored.csv")
    line = one_line(err)
    assert code == 2 and f"'{blocker}' is a file, so the folder" in line


# -- 5. document options, no abbreviations, errors in the interface's words -----------------

def test_report_actor_is_not_taken_as_actors(tmp_path):
    """``--actor russia`` was matched to ``--actors`` and failed with "Actor registry 'russia' does not exist"."""
    code, _, err = stancemap("report", CORPUS, "--out", tmp_path / "r", "--actor", "russia")
    line = one_line(err)
    assert code == 2 and "Actor registry" not in line
    assert "--actor russia marks official texts" in line and "--kind official" in line
    assert not (tmp_path / "r").exists()


def test_abbreviated_options_are_refused(statements, tmp_path):
    code, _, err = stancemap("score", statements, "--out", tmp_path / "s.csv", "--mod", tmp_path)
    assert code == 2 and err[-1].endswith(f"error: unrecognized arguments: --mod {tmp_path}")
    assert not (tmp_path / "s.csv").exists()


def test_a_missing_text_column_names_the_flag(tmp_path):
    src = tmp_path / "press.csv"
    pd.DataFrame({"body": ["Quill said the talks would resume in Vellmar."], "title": ["Talks"]}).to_csv(src,
                                                                                                       index=False)
    out = tmp_path / "s.csv"
    code, _, err = stancemap("extract", src, "--out", out)
    line = one_line(err)
    assert code == 2 and "Pass --text-column body" in line and "text_column=" not in line
    assert not out.exists()
    code, _, err = stancemap("report", src, "--out", tmp_path / "r")
    assert code == 2 and "Pass --text-column body" in one_line(err)


def test_score_reads_a_cp1252_table_with_encoding(tmp_path):
    src = tmp_path / "excel.csv"
    src.write_bytes('statement_id,text\n1,"\u201cWe will never accept it\u201d, Quill said."\n'.encode("cp1252"))
    out = tmp_path / "scored.csv"
    code, _, err = stancemap("score", src, "--out", out)
    line = one_line(err)
    assert code == 2 and "reads as Windows Western (cp1252) text: pass --encoding cp1252" in line
    assert not out.exists()
    code, _, err = stancemap("score", src, "--out", out, "--encoding", "cp1252")
    assert code == 0, err
    assert pd.read_csv(out)["text"].tolist() == ["\u201cWe will never accept it\u201d, Quill said."]


# -- 1. interrupted runs: one line, exit 130, nothing that looks done -------------------------

def test_an_interrupted_write_leaves_no_table(statements, tmp_path):
    out = tmp_path / "out" / "scored.csv"
    code, _, err = stancemap("score", statements, "--out", out, code=PATCHED)
    assert code == 130 and one_line(err) == f"Interrupted; nothing was written to {out} (an earlier copy, if any, " \
                                            "is unchanged)."
    assert leftovers(tmp_path / "out") == []


def test_an_interrupted_report_keeps_the_earlier_one_whole(tmp_path):
    out = tmp_path / "r"
    code, _, err = stancemap("report", CORPUS, "--out", out, "--formats", "html", "--n-boot", "100", "--quiet")
    assert code == 0, err
    before = {p: (out / p).read_bytes() for p in leftovers(out) if (out / p).is_file()}
    code, _, err = stancemap("report", CORPUS, "--out", out, "--formats", "html", "--n-boot", "100", "--quiet",
                             code=PATCHED.replace("pd.DataFrame.to_csv = half_then_interrupt", ""))
    assert code == 130 and one_line(err).startswith("Interrupted; nothing was written to")
    assert {p: (out / p).read_bytes() for p in leftovers(out) if (out / p).is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]


@pytest.mark.slow
def test_ctrl_c_during_score_is_one_line_and_leaves_nothing(tmp_path):
    """SIGINT to a real ``stancemap score`` run on a table large enough to take a while."""
    texts = ["We will never accept a ceasefire that rewards the aggressor, Quill said.",
             "Sanctions must stay until talks begin in Vellmar, the ministry insisted.",
             "Aid deliveries will continue, the spokesperson for Northland said on Tuesday."]
    src = tmp_path / "big.csv"
    n = 200_000                       # minutes of scoring on any machine: SIGINT always lands mid-run
    pd.DataFrame({"statement_id": [str(i) for i in range(n)],
                  "text": [f"{texts[i % 3]} ({i})" for i in range(n)]}).to_csv(src, index=False)
    out = tmp_path / "out" / "scored.csv"
    out.parent.mkdir()
    p = subprocess.Popen([sys.executable, "-m", "stancemap", "score", str(src), "--out", str(out)], env=ENV,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(6)
    assert p.poll() is None, "score finished before it could be interrupted: use a larger table"
    p.send_signal(signal.SIGINT)
    _, stderr = p.communicate(timeout=120)
    assert p.returncode == 130
    assert one_line(stderr.splitlines()) == (f"Interrupted; nothing was written to {out} (an earlier copy, if any, "
                                             "is unchanged).")
    assert leftovers(out.parent) == []


@pytest.mark.slow
def test_rerunning_a_report_with_html_only_drops_the_old_pngs(tmp_path):
    if shutil.which("chromium") is None and shutil.which("google-chrome") is None and not os.environ.get(
            "BROWSER_PATH"):
        pytest.skip("no Chrome/Chromium to write PNGs with")
    out = tmp_path / "r"
    code, _, err = stancemap("report", CORPUS, "--out", out, "--formats", "html,png", "--n-boot", "100", "--quiet")
    assert code == 0, err
    assert list((out / "figures").glob("*.png"))
    code, _, err = stancemap("report", CORPUS, "--out", out, "--formats", "html", "--n-boot", "100", "--quiet")
    assert code == 0, err
    assert not list((out / "figures").glob("*.png"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]


def test_no_parser_matches_abbreviations():
    """Every parser and subparser is built with abbreviations off (argparse reads the attribute at parse time)."""
    from stancemap.cli import build_parser, walk_parsers

    parsers = list(walk_parsers(build_parser()))
    assert len(parsers) > 15 and all(p.allow_abbrev is False for p in parsers)


def test_the_encoding_fallback_warning_names_the_flag(tmp_path):
    """``extract`` fell back to cp1252 with a warning naming ``encoding=``, which the CLI did not have."""
    src = tmp_path / "docs" / "note.txt"
    src.parent.mkdir()
    src.write_bytes("Talks in Vellmar\n\nAda Quill said: \u201cWe want talks now.\u201d\n".encode("cp1252"))
    out = tmp_path / "s.csv"
    code, _, err = stancemap("extract", src.parent, "--out", out)
    assert code == 0 and out.is_file()
    decoded = [e for e in err if "decoded as cp1252" in e]
    assert len(decoded) == 1 and "pass --encoding …" in decoded[0] and "encoding='" not in decoded[0]
    code, _, err = stancemap("extract", src.parent, "--out", out, "--encoding", "cp1252")
    assert code == 0 and not any("decoded as" in e for e in err)


def test_a_full_disk_while_writing_is_one_line(statements, tmp_path, monkeypatch, capsys):
    """An OSError during the write (disk full) is one line, exit 2, and leaves no partial file."""
    import errno

    from stancemap.cli import main

    def full(self, path, *args, **kwargs):
        Path(path).write_text("statement_id,text\n1,half", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    out = tmp_path / "out" / "sample.csv"
    assert main(["sample", str(statements), "--n", "1", "--out", str(out)]) == 2
    line = one_line(capsys.readouterr().err.splitlines())
    assert line.startswith("error: No space left on device: ") and line.endswith(
        f"Nothing was written to {out} (an earlier copy, if any, is unchanged).")
    assert leftovers(tmp_path / "out") == []

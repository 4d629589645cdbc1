"""Every command in the README runs (datasette-style tested docs)."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def _commands(prefix: str) -> list[str]:
    out = []
    for block in _blocks("bash"):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith(prefix):
                out.append(line)
    return out


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A scratch folder that looks like the checkout (corpora/, notebooks/ linked)."""
    for name in ("corpora", "notebooks"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_readme_starts_with_the_two_commands():
    first = _blocks("bash")[0]
    assert [line.split()[:2] for line in first.strip().splitlines()] == [["make", "demo"], ["make", "test"]]


def test_stancemap_commands_in_readme_run(workdir, monkeypatch, capsys):
    """Every `stancemap …` line of the README, in order. The first runs as the installed program;
    the others through :func:`stancemap.cli.main`, what the program calls, in this process (no
    Python start-up and model load per line; `make demo` and the `.venv/bin/stancemap` test run it too)."""
    from stancemap import cli

    cmds = _commands("stancemap ")
    assert len(cmds) >= 5
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    r = subprocess.run(shlex.split(cmds[0]), cwd=workdir, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, f"{cmds[0]}\n{r.stdout}\n{r.stderr}"
    monkeypatch.setattr("warnings.showwarning", warnings.showwarning)  # main() sets its own for the program
    for cmd in cmds[1:]:
        code = cli.main(shlex.split(cmd)[1:])
        out, err = capsys.readouterr()
        assert code == 0, f"{cmd}\n{out}\n{err}"
    assert (workdir / "out/readme/report/index.html").is_file()
    assert (workdir / "out/readme/sample.csv").is_file()


def test_python_example_in_readme_runs(workdir):
    code = _blocks("python")[0]
    ns: dict = {}
    exec(compile(code, "README.md", "exec"), ns)  # noqa: S102 - our own documentation
    assert (workdir / "out/frames.html").is_file()
    assert len(ns["scored"]) == len(ns["statements"]) > 0


def test_classroom_command_in_readme_runs(readme_student_version):
    """The command runs as the installed program (tests/test_classroom.py checks the notebook it writes)."""
    assert readme_student_version, "README documents the student-version command"
    cmd, r, work = readme_student_version
    assert r.returncode == 0, r.stderr
    assert (work / "student.ipynb").is_file()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo(tmp_path):
    """`make demo` (reusing the current environment) writes the report and says where it is."""
    venv = Path(sys.prefix)
    (tmp_path / "stamp").touch()  # newer than pyproject.toml: make must not reinstall
    r = subprocess.run(["make", "-s", "demo", f"OUT={tmp_path / 'demo'}", f"VENV={venv}",
                        f"STAMP={tmp_path / 'stamp'}"], cwd=ROOT, capture_output=True, text=True, timeout=600,
                       env={**os.environ, "CI": "1"}, input="")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "demo" / "index.html").is_file()
    assert "index.html" in r.stdout


def test_make_targets_documented():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("demo:", "test:", "test-fast:", "lab:", "figures:"):
        assert target in makefile, target


@pytest.mark.skipif(os.name == "nt" or shutil.which("bash") is None, reason="needs bash")
def test_readme_says_how_to_run_stancemap_after_make_demo(tmp_path):
    """Issue 14.8: after `make demo`, `stancemap …` gave "command not found": the README now says to
    activate .venv or call .venv/bin/stancemap. Both lines run, with .venv standing for this environment."""
    lines = [line.split("  #")[0].strip() for block in _blocks("bash") for line in block.splitlines()]
    activate = [x for x in lines if x.startswith("source .venv/bin/activate")]
    by_path = [x for x in lines if x.startswith(".venv/bin/stancemap ")]
    assert activate and by_path, "README shows `source .venv/bin/activate` and `.venv/bin/stancemap …`"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "VENV   ?= .venv" in makefile and "$(BIN)/stancemap report" in makefile  # where make demo installs it
    venv = Path(sys.prefix)
    if not (venv / "bin" / "activate").is_file():
        pytest.skip("the tests do not run in a virtual environment")
    (tmp_path / ".venv").symlink_to(venv)
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if Path(p) != BIN)
    env = {**os.environ, "PATH": path or "/usr/bin:/bin"}
    env.pop("VIRTUAL_ENV", None)
    script = f"{activate[0]} && stancemap --version && {by_path[0]}"
    r = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("stancemap ") and "COMMAND" in r.stdout


def test_readme_quotes_the_model_cards_test_figures():
    """The README's "How far to trust the scores" table gives the card's real-test figures, so a rebuilt
    model whose card changes them fails here until the README says the same."""
    import re

    card = (ROOT / "models" / "default" / "MODEL_CARD.md").read_text(encoding="utf-8")
    readme = README
    table = readme[readme.index("**How far to trust the scores.**"):readme.index("More labelled sentences help")]

    def card_value(pattern):
        m = re.search(pattern, card, re.MULTILINE)
        assert m, pattern
        return m.group(1)

    quoted = {
        "frames, micro-F1": card_value(r"^\| frames micro-F1 ≥ [\d.]+ \| ([\d.]+ \[[\d.]+, [\d.]+\]) \|"),
        "stance, F_avg pooled": card_value(r"^\| stance F_avg ≥ [\d.]+ \| ([\d.]+ \[[\d.]+, [\d.]+\]) \|"),
        "stance toward sanctions": card_value(r"^\| sanctions \| ([\d.]+ \[[\d.]+, [\d.]+\]) \|"),
        "stance toward territorial concessions": card_value(r"^\| territorial_concessions \| ([\d.]+ \[[\d.]+, [\d.]+\]) \|"),
        "stance toward military aid": card_value(r"^\| military_aid \| ([\d.]+ \[[\d.]+, [\d.]+\]) \|"),
        "stance toward a full ceasefire": card_value(r"^\| full_ceasefire \| ([\d.]+ \[[\d.]+, [\d.]+\]) \|"),
        "stance, Russia's statements": card_value(r"^\| russia \| [\d,]+ \| [\d,]+ \| [\d,]+ \| ([\d.]+ \[[\d.]+, [\d.]+\]) \|"),
    }
    for row, value in quoted.items():
        assert f"| {row} | {value} |" in table, (row, value)
    n = card_value(r"^([\d,]+) sentences from [\d,]+ documents: the TEST part")
    assert f"On the {int(n.replace(',', '')):,} real test sentences" in readme  # the README writes 1,333


def test_readme_quotes_the_kremlin_kyiv_unseen_sanctions_shares():
    """The README's in-sample example (Russia's favor share on sanctions with and without the statements the
    model learned from) is the committed case-study tables' figure, so a rebuilt model updates it here."""
    import pandas as pd

    tables = ROOT / "figures" / "case-studies" / "kremlin-kyiv" / "tables"
    shares = []
    for name in ("stance_addressing.csv", "stance_addressing_unseen.csv"):
        t = pd.read_csv(tables / name)
        row = t[(t["group"] == "russia") & (t["target"] == "sanctions") & (t["measure"] == "favor")]
        shares.append(round(100 * float(row["share"].iloc[0])))
    text = " ".join(README.split())
    assert f"Russia's `favor` share on sanctions is {shares[0]} % with them and {shares[1]} % without" in text


def test_readme_quotes_the_ceasefire_studys_test_figure_for_the_white_house():
    """The README's White House F_avg in this period is the committed ceasefire notebook's finding, so a rebuilt
    model or new labels update it here."""
    import re

    nb = (ROOT / "notebooks" / "case-studies" / "ceasefire-2025.ipynb").read_text(encoding="utf-8")
    m = re.search(r"How well the classifiers read these very sources in this period: .*?White House: [\d,]+ "
                  r"sentences of [\d,]+ documents, [\d,]+ labels with a side, stance F_avg ([\d.]+)", nb)
    assert m, "the ceasefire notebook no longer gives the White House's test figure in its period"
    text = " ".join(README.split())
    assert f"for the White House, stance F_avg {m.group(1)}," in text


def test_readme_counts_the_article_pages_words_as_the_ceasefire_notebook_does():
    """Stop 49: the README's count of the administration's words quoted on the left-out article pages is the
    committed ceasefire notebook's note."""
    import re

    nb = (ROOT / "notebooks" / "case-studies" / "ceasefire-2025.ipynb").read_text(encoding="utf-8")
    m = re.search(r"White House article pages left out \(interviews, round-ups, columns\) quote the administration's "
                  r"people in ([\d,]+) statements", nb)
    assert m, "the ceasefire notebook no longer counts what the left-out article pages quote"
    assert f"the administration's words those articles quote, {m.group(1)} statements" in " ".join(README.split())


def test_no_placeholder_left_in_the_documentation():
    """A name in capitals with an underscore, standing alone where a figure should be, is a
    placeholder left by an edit (benchmarks/README.md once said "scoring … SPEED_NOTE.")."""
    docs = [ROOT / "README.md", ROOT / "corpora" / "README.md", *sorted((ROOT / "docs").glob("*.md")),
            *sorted((ROOT / "benchmarks").glob("*.md"))]
    found = []
    for path in docs:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"(?<![\w`.'\"/$-])(?:[A-Z]+_)+(?:NOTE|TODO|TBD|FIGURE|HERE|XXX)\b(?![`\w])", text):
            found.append(f"{path.relative_to(ROOT)}: {text[max(0, m.start() - 40):m.end() + 10]!r}")
        for m in re.finditer(r"\b(?:TODO|FIXME|TBD)\b", text):
            found.append(f"{path.relative_to(ROOT)}: {text[max(0, m.start() - 40):m.end() + 10]!r}")
    assert not found, "placeholders in the documentation:\n" + "\n".join(found)


def test_the_dataset_loader_commands_in_the_readme_give_its_figures(workdir, datasets_dir, monkeypatch, capsys):
    """The README's `stancemap datasets load … --sources kyiv` and `stancemap report kyiv.csv` run, and
    give the Ukrainian statements it states; the raw zelenskyy.csv read as articles gives the fewer it
    states, with the warning that points to the loader."""
    from stancemap import cli
    from stancemap.corpus import load
    from stancemap.errors import StancemapWarning
    from stancemap.extract import extract

    text = " ".join(README.split())
    load_cmd = re.search(r"`(stancemap datasets load kremlin-kyiv-press-2021-2022 [^`]+)`", text).group(1)
    report_cmd = re.search(r"`(stancemap report kyiv\.csv [^`]+)`", text).group(1)
    loaded, raw = (int(n.replace(",", "")) for n in re.search(
        r"\(([\d,]+) statements of Ukraine's; the raw `zelenskyy\.csv` read as articles gives ([\d,]+)", text).groups())
    monkeypatch.setenv("STANCEMAP_DATA", str(datasets_dir))
    monkeypatch.setattr("warnings.showwarning", warnings.showwarning)
    for cmd in (load_cmd, report_cmd + " --formats html --quiet"):
        assert cli.main(shlex.split(cmd)[1:]) == 0, capsys.readouterr()
    import pandas as pd

    statements = pd.read_csv(workdir / "out/kyiv/statements.csv", dtype=str, keep_default_na=False)
    assert (statements["actor"] == "ukraine").sum() == loaded
    with pytest.warns(StancemapWarning, match="public dataset's"):
        docs = load(datasets_dir / "kremlin-kyiv-press-2021-2022/press_release_data/zelenskyy.csv", text_column="body")
    assert (extract(docs)["actor"] == "ukraine").sum() == raw

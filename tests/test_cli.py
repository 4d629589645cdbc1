"""The command line's own work: the report starting Chrome before its heavy imports."""
from __future__ import annotations

from pathlib import Path

import pytest

from stancemap import cli
from stancemap import figures as F
from stancemap import imagebrowser as IB

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "ceasefire-2025-03"


@pytest.mark.parametrize(("argv", "starts"), [
    (["report", "in", "--out", "x"], True),                       # the default formats: html,png
    (["report", "in", "--out", "x", "--formats", "html,svg"], True),
    (["report", "in", "--out", "x", "--formats=PNG"], True),
    (["report", "in", "--out", "x", "--formats", "html"], False),
    (["report", "in", "--out", "x", "--formats", "png", "--formats", "html"], False),  # the last one counts
    (["report", "--help"], False),
    (["score", "in", "--out", "x"], False),
    ([], False),
])
def test_the_report_starts_chrome_first_only_when_it_writes_images(argv, starts, monkeypatch):
    calls = []
    monkeypatch.setattr(IB, "start_early", lambda: calls.append(1) or True)
    assert cli._start_images_early(argv) is starts
    assert len(calls) == int(starts)


def test_the_default_formats_are_the_parsers(tmp_path):
    args = cli.build_parser().parse_args(["report", "in", "--out", str(tmp_path)])
    assert args.formats == cli.DEFAULT_FORMATS == "html,png"


class FakeBrowser:
    started: list = []

    def __init__(self, path):
        self.closed = False
        FakeBrowser.started.append(self)

    def close(self):
        self.closed = True


def test_a_report_that_fails_closes_the_browser_it_started(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(IB, "ImageBrowser", FakeBrowser)
    monkeypatch.setattr(IB, "find_browser", lambda: "/usr/bin/chromium")
    FakeBrowser.started.clear()
    assert cli.main(["report", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2
    assert "error:" in capsys.readouterr().err
    assert [b.closed for b in FakeBrowser.started] == [True]
    assert IB.take_early("/usr/bin/chromium") is None


@pytest.mark.skipif(F.find_browser() is None, reason="no Chrome/Chromium found (CI installs Debian chromium)")
def test_the_report_renders_its_images_with_the_browser_started_first(tmp_path, monkeypatch):
    monkeypatch.setenv(IB.CACHE_ENV, "off")
    made = []

    class Counted(IB.ImageBrowser):
        def __init__(self, path):
            made.append(path)
            super().__init__(path)

    monkeypatch.setattr(IB, "ImageBrowser", Counted)
    monkeypatch.setattr(F, "ImageBrowser", Counted)
    assert cli.main(["report", str(CORPUS), "--out", str(tmp_path / "r"), "--quiet", "--n-boot", "200"]) == 0
    assert len(made) == 1                           # started before the imports, then used for every image
    pngs = sorted(p.name for p in (tmp_path / "r" / "figures").glob("*.png"))
    assert pngs and all((tmp_path / "r" / "figures" / n).read_bytes()[:4] == b"\x89PNG" for n in pngs)
    assert IB.take_early(F.find_browser()) is None

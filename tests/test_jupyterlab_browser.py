"""JupyterLab in a real browser: open 01-quickstart.ipynb, run all cells, see the charts.

Starts ``jupyter lab`` on loopback (no token, ``--allow-root``) in a temporary copy
of notebooks/, with its own config, data, settings and workspace folders (so
nothing of the user's set-up is read or written), drives headless Chromium
through Playwright, and stops the server by its process id. Skips when
/usr/bin/chromium (or ``STANCEMAP_CHROMIUM``) or Playwright is missing.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("STANCEMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
NOTEBOOK = "01-quickstart.ipynb"
#: Lab settings: render every cell (no virtual scrolling), no news or update pop-ups.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                       "checkForUpdates": False},
}
ERROR_TEXT = re.compile(r"Traceback \(most recent call last\)|^\w*(Error|Exception)\b", re.M)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"jupyter lab exited with code {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    pytest.fail(f"jupyter lab did not answer {url} within {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    """Stop the server by its process group (the server shuts its kernels down on SIGTERM)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on a free loopback port serving a copy of notebooks/; yields its URL."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; or set STANCEMAP_CHROMIUM)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    pytest.importorskip("jupyterlab", reason="jupyterlab is not installed")
    root = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    home = tmp_path / "jupyter"
    for rel, value in SETTINGS.items():
        f = home / "settings" / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(value), encoding="utf-8")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"), JUPYTER_PLATFORM_DIRS="1")
    port = free_port()
    log = tmp_path / "jupyterlab.log"
    cmd = [sys.executable, "-m", "jupyter", "lab", "--allow-root", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--IdentityProvider.token=",
           "--ServerApp.password=", f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=root, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_server(f"{url}/api/status", proc, log)
        yield url
    finally:
        stop(proc)
    assert proc.returncode is not None, f"jupyter lab (pid {proc.pid}) is still running"


def test_quickstart_runs_in_jupyterlab_and_shows_plotly_charts(lab, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(90_000)  # a busy CI machine can be slow to start Lab and the kernel
            page.goto(f"{lab}/lab/tree/{NOTEBOOK}")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
            _accept_kernel_dialog(page)
            # Start from a blank notebook, so every output seen below comes from this run.
            _menu(page, "Edit", "Clear Outputs of All Cells")
            page.wait_for_function("() => document.querySelectorAll('.jp-OutputArea-output').length === 0",
                                   timeout=30_000)
            _menu(page, "Run", "Run All Cells")
            _accept_kernel_dialog(page)
            # Done when some cell has run, none is queued or running ([*]) and the kernel is idle
            # (after an error JupyterLab stops and leaves the remaining cells unrun).
            page.wait_for_function(
                """() => {
                    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                        .map(e => e.textContent.trim());
                    const idle = document.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']");
                    return idle && prompts.some(p => /^\\[\\d+\\]:$/.test(p)) && !prompts.some(p => p.includes('*'));
                }""", timeout=240_000)
            page.wait_for_timeout(1_000)  # let plotly finish drawing
            page.screenshot(path=str(tmp_path / "01-quickstart.png"))
            prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
            errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            stderr = [errors.nth(i).inner_text() for i in range(errors.count())]
            failed = [t for t in stderr if ERROR_TEXT.search(t)]
            assert not failed, f"a cell shows an error:\n{failed[0][:2000]}"
            unrun = [i + 1 for i, p in enumerate(prompts) if not re.fullmatch(r"\[\d+\]:", p.strip())]
            assert not unrun, f"code cells {unrun} did not run (prompts: {prompts})"
            page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2",
                                   timeout=60_000)
            n_plots = page.locator(".js-plotly-plot").count()
            page.locator(".js-plotly-plot").first.screenshot(path=str(tmp_path / "01-quickstart-chart.png"))
        finally:
            browser.close()
    assert n_plots >= 2, f"expected the two plotly charts of {NOTEBOOK}, found {n_plots}"
    assert len(prompts) >= 8


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).first.click()


def _accept_kernel_dialog(page) -> None:
    """JupyterLab may ask which kernel to start; accept its choice (the notebook's python3)."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    try:
        dialog.wait_for(timeout=3_000)
    except Exception:  # noqa: BLE001 - no dialog is the usual case
        return
    dialog.locator("button.jp-mod-accept").click()

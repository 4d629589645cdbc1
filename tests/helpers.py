"""Shared test helpers: fictional registries, synthetic scored tables, and browser checks.

Import them in a test module with ``from helpers import ...`` (pytest puts tests/ on
``sys.path``). Nothing here names a real person; every text is constructed.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from stancemap.actors import ActorRegistry
from stancemap.errors import StancemapError
from stancemap import figures

FRAMES = ["diplomacy", "security", "blame"]
TARGETS = ["truce", "aid"]
WORDS = ("Quill", "Oduya", "Vento", "truce", "strikes", "energy", "talks", "grain", "ports")

_MEMBERS = {
    "north": ("Northland", "#117733", {"name": "Ada Quill", "aliases": ["Quill", "Northland"]}),
    "south": ("Southland", "#AA4499", {"name": "Bram Oduya", "aliases": ["Oduya", "Southland"]}),
    "east": ("Eastland", "#DDCC77", {"name": "Cy Vento", "aliases": ["Vento", "Eastland"]}),
}


def fictional_registry(groups=("north", "south", "east")) -> ActorRegistry:
    """Fictional actors (no real person) in a deliberate, non-alphabetical order."""
    actors = {}
    for g in groups:
        label, color, member = _MEMBERS[g]
        actors[g] = {"label": label, "color": color, "members": [dict(member)]}
    return ActorRegistry.from_dict({"actors": actors}, "<fictional>")


def make_scored(n: int = 400, actors=("north", "south", "east"), seed: int = 1, frames=FRAMES, targets=TARGETS,
                *, words=None, n_words: int = 6, text: str = "constructed statement",
                speaker: str = "Speaker of {}", kind: str = "direct", per_doc: int = 4,
                outlets=("Daily A", "Weekly B"), source_title: str | None = None,
                start: str = "2025-03-08", days: int = 20, decimals: int | None = 3,
                stance_p: bool = True) -> pd.DataFrame:
    """A synthetic scored table: random frame probabilities and stance labels, fictional
    groups, constructed text (``words``: random ``n_words``-word texts from these words,
    else ``text``; ``outlets``: drawn at random, one fixed string, or None for no column). The random draws
    come in a fixed order, so a seed always gives the same table."""
    rng = np.random.default_rng(seed)
    actor = rng.choice(list(actors), n)
    cols = {
        "statement_id": [f"s{i}" for i in range(n)], "doc_id": [f"d{i // per_doc}" for i in range(n)],
        "actor": actor, "speaker": [speaker.format(a) for a in actor], "kind": kind,
        "text": [" ".join(rng.choice(list(words), n_words)) for _ in range(n)] if words else text,
    }
    if source_title is not None:
        cols["source_title"] = source_title
    if outlets is not None:
        cols["outlet"] = rng.choice(list(outlets), n) if isinstance(outlets, (tuple, list)) else outlets
    cols["date"] = pd.Series(pd.date_range(start, periods=days).strftime("%Y-%m-%d")).to_numpy()[
        rng.integers(0, days, n)]
    df = pd.DataFrame(cols)
    rnd = (lambda a: a.round(decimals)) if decimals is not None else (lambda a: a)
    for f in frames:
        df[f"frame_{f}"] = rnd(rng.random(n))
    on = np.column_stack([df[f"frame_{f}"].to_numpy() >= 0.5 for f in frames])
    df["frames"] = [";".join(f for f, o in zip(frames, row) if o) for row in on]
    for t in targets:
        df[f"stance_{t}"] = rng.choice(["favor", "against", "none"], n)
        if stance_p:
            df[f"stance_{t}_p"] = rnd(rng.random(n))
    df["tone"] = rnd(rng.uniform(-1, 1, n))
    return df


# -- browser checks (need Playwright and a Chrome/Chromium) ---------------------

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def has_random_ids(text: str) -> bool:
    """True when ``text`` contains a uuid (what makes plotly HTML differ between runs)."""
    return bool(_UUID.search(text))


def check_html_renders(path: str | os.PathLike, *, screenshot: str | os.PathLike | None = None,
                       browser: str | None = None, timeout_ms: int = 20000) -> dict:
    """Open an HTML page in headless Chromium (Playwright) and report what rendered.

    Returns {"figures": number of plotly divs, "rendered": how many drew an SVG,
    "errors": console errors, page exceptions and any alert/confirm dialog (a
    sign that statement text was executed as script)}. Needs the ``playwright``
    package and a Chromium (``browser`` or :func:`find_browser`); raises
    StancemapError when either is missing.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise StancemapError("check_html_renders needs Playwright: pip install playwright.") from None
    exe = browser or figures.find_browser()
    if exe is None:
        raise StancemapError(figures.no_browser_message().replace("PNG/SVG export skipped", "Cannot check rendering"))
    path = Path(path).resolve()
    if not path.is_file():
        raise StancemapError(f"HTML file {str(path)!r} does not exist.")
    errors: list[str] = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = b.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
            page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
            page.goto(path.as_uri(), wait_until="load", timeout=timeout_ms)
            n = page.locator(".plotly-graph-div").count()
            if n:
                try:
                    page.wait_for_function(
                        "() => [...document.querySelectorAll('.plotly-graph-div')]"
                        ".every(d => d.classList.contains('js-plotly-plot') && d.querySelector('.main-svg'))",
                        timeout=timeout_ms)
                except Exception as e:  # noqa: BLE001 - report what did render instead of raising
                    errors.append(f"timeout: not every figure rendered within {timeout_ms} ms ({type(e).__name__})")
            rendered = page.evaluate(
                "() => [...document.querySelectorAll('.plotly-graph-div')]"
                ".filter(d => d.classList.contains('js-plotly-plot') && d.querySelector('.main-svg')).length")
            if screenshot:
                Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshot), full_page=True)
        finally:
            b.close()
    return {"figures": int(n), "rendered": int(rendered), "errors": errors}

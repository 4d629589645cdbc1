"""Save figures: byte-identical offline HTML, and PNG/SVG through kaleido when Chrome is found.

HTML figures get a fixed ``div_id`` derived from the file name (plotly would
otherwise use a random uuid), so the same figure gives the same bytes on every
run. By default they reference one ``plotly.min.js`` written next to them
(``include_plotlyjs="directory"``): viewable offline, without a 4.6 MB copy of
plotly.js in every file. PNG/SVG/PDF go through kaleido 1.x, which drives a
Chrome/Chromium (``BROWSER_PATH``, or chromium/google-chrome on ``PATH``); when
none is found, a one-line :class:`ImageExportWarning` says so and the HTML is
still written. :func:`save_figures` exports many figures with one browser.
Every file is written whole (:func:`stancemap.atomic.replace_file`).
"""
from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

import plotly.graph_objects as go

from .atomic import replace_file, write_bytes
from .errors import ImageExportWarning, StancemapError, StancemapWarning, unknown_value

PLOTLYJS_NAME = "plotly.min.js"
HTML_FORMATS = ("html",)
IMAGE_FORMATS = ("png", "svg", "pdf", "jpeg", "webp")
FORMATS = (*HTML_FORMATS, *IMAGE_FORMATS)
#: plotly.js config for every saved figure (no plotly logo, PNG button saves at 2×).
CONFIG = {"displaylogo": False, "responsive": True,
          "toImageButtonOptions": {"format": "png", "scale": 2}}
DEFAULT_WIDTH = 1000
DEFAULT_HEIGHT = 600
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


# -- browser -----------------------------------------------------------------

def find_browser() -> str | None:
    """Path of a Chrome/Chromium for kaleido: ``BROWSER_PATH``, then PATH, then kaleido's own download."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        return env if os.path.isfile(env) and os.access(env, os.X_OK) else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    try:
        from choreographer.browsers.chromium import Chromium

        return Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - best effort: no browser means no images, not a crash
        return None


def no_browser_message() -> str:
    env = os.environ.get("BROWSER_PATH")
    where = f"BROWSER_PATH={env!r} is not an executable" if env else "no Chrome/Chromium found"
    return (f"PNG/SVG export skipped: {where}. Install one (Debian/Ubuntu: apt-get install chromium) "
            "or set BROWSER_PATH; the HTML figures were written.")


# -- HTML --------------------------------------------------------------------

def div_id_for(name: str | os.PathLike) -> str:
    """A stable HTML id from a file name: ``figures/Frame profile.html`` → ``fig-frame-profile``."""
    stem = Path(str(name)).name
    for fmt in FORMATS:
        if stem.lower().endswith("." + fmt):
            stem = stem[: -len(fmt) - 1]
    slug = re.sub(r"[^a-z0-9_]+", "-", stem.lower()).strip("-")
    return f"fig-{slug or 'figure'}"


def _title_text(fig: go.Figure) -> str:
    t = fig.layout.title.text if fig.layout.title is not None else None
    return html.unescape(re.sub(r"<[^>]+>", " ", t)).strip() if t else "stancemap figure"


def figure_to_html_div(fig: go.Figure, div_id: str, *, include_plotlyjs: bool | str = False,
                       config: Mapping | None = None) -> str:
    """The figure as an HTML ``<div>`` (with its script) for embedding in a report page.

    The page must load plotly.js once (e.g. ``<script src="plotly.min.js">`` after
    :func:`write_plotlyjs`). Deterministic: the id is ``div_id``, never a uuid.
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", div_id or ""):
        raise StancemapError(f"div_id {div_id!r} is not a valid HTML id; use letters, digits, '-' and '_', "
                             "starting with a letter (div_id_for(name) makes one).")
    out = fig.to_html(full_html=False, include_plotlyjs=include_plotlyjs, div_id=div_id,
                      config=dict(config or CONFIG))
    return out


def plotlyjs_bytes() -> bytes:
    """The plotly.js bundled with the installed plotly (what the figures were made for)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().encode("utf-8")


def write_plotlyjs(outdir: str | os.PathLike) -> Path:
    """Write ``plotly.min.js`` into ``outdir`` unless an identical copy is already there."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    target = outdir / PLOTLYJS_NAME
    data = plotlyjs_bytes()
    if not (target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data):
        write_bytes(target, data)
    return target


def figure_html(fig: go.Figure, div_id: str, *, include_plotlyjs: bool | str = "directory",
                config: Mapping | None = None) -> str:
    """A whole HTML page for the figure, with a ``<title>`` and a fixed div id."""
    if include_plotlyjs == "cdn":
        warnings.warn("include_plotlyjs='cdn' needs internet to view the figure; "
                      "'directory' (default) keeps it offline.", StancemapWarning, stacklevel=3)
    page = fig.to_html(full_html=True, include_plotlyjs=include_plotlyjs, div_id=div_id,
                       config=dict(config or CONFIG))
    title = html.escape(_title_text(fig))
    page = page.replace("<head>", f'<head>\n    <title>{title}</title>', 1)
    return page


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """The figure formats as lower-case names (``jpg`` → ``jpeg``, duplicates dropped); an
    unknown one raises a StancemapError listing the valid ones."""
    if isinstance(formats, str):
        formats = (formats,)
    out = []
    for f in formats:
        f = str(f).lower().lstrip(".")
        f = "jpeg" if f == "jpg" else f
        if f not in FORMATS:
            raise unknown_value("Figure format", f, FORMATS, "HTML is always available; images need Chrome.")
        if f not in out:
            out.append(f)
    if not out:
        raise StancemapError(f"No figure format given. Choose from {', '.join(FORMATS)}.")
    return tuple(out)


def _write_html(fig: go.Figure, path: Path, include_plotlyjs, config) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    page = figure_html(fig, div_id_for(path.name), include_plotlyjs=include_plotlyjs, config=config)
    if include_plotlyjs == "directory":
        write_plotlyjs(path.parent)
    return write_bytes(path, page.encode("utf-8"))


# -- images ------------------------------------------------------------------

_SESSION = {"active": False}


@contextlib.contextmanager
def export_session(browser: str | None = None):
    """Keep one kaleido browser open for every image saved inside the ``with`` block.

    Yields True when a browser was started, False when none was found (a
    one-line warning is given and images are skipped).
    """
    import kaleido

    if _SESSION["active"]:
        yield True
        return
    path = browser or find_browser()
    if path is None:
        warnings.warn(no_browser_message(), ImageExportWarning, stacklevel=3)
        yield False
        return
    kaleido.start_sync_server(path=path, mathjax=False, silence_warnings=True)
    _SESSION["active"] = True
    try:
        yield True
    finally:
        _SESSION["active"] = False
        kaleido.stop_sync_server(silence_warnings=True)


def _image_size(fig: go.Figure, width: int | None, height: int | None) -> tuple[int, int]:
    w = width or fig.layout.width or DEFAULT_WIDTH
    h = height or fig.layout.height or DEFAULT_HEIGHT
    return int(w), int(h)


def _export_images(jobs: list[tuple[go.Figure, Path, str]], *, width, height, scale) -> list[Path]:
    """Render (figure, path, format) jobs with one browser; warn in one line on failure."""
    if not jobs:
        return []
    import kaleido

    if not _SESSION["active"] and find_browser() is None:
        warnings.warn(no_browser_message(), ImageExportWarning, stacklevel=3)
        return []
    try:
        # kaleido writes temporary files, renamed into place only when every image is complete
        with contextlib.ExitStack() as stack:
            specs = []
            for fig, path, fmt in jobs:
                tmp = stack.enter_context(replace_file(path))
                w, h = _image_size(fig, width, height)
                specs.append({"fig": fig.to_dict(), "path": str(tmp),
                              "opts": {"format": fmt, "width": w, "height": h, "scale": scale}})
            try:
                if _SESSION["active"]:
                    kaleido.write_fig_from_object_sync(specs)
                else:
                    kaleido.write_fig_from_object_sync(specs, kopts={"path": find_browser(), "mathjax": False})
                empty = [s["path"] for s in specs if not os.path.getsize(s["path"])]
                if empty:
                    raise RuntimeError(f"{len(empty)} image(s) came out empty")
            except Exception as e:  # noqa: BLE001 - the HTML is the primary output; images are a bonus
                raise _ImagesFailed(e) from None
    except _ImagesFailed as failed:
        e = failed.args[0]
        first = (str(e).strip().splitlines() or [""])[0][:200]
        warnings.warn(f"PNG/SVG export failed ({type(e).__name__}: {first}); the HTML figures were written.",
                      ImageExportWarning, stacklevel=3)
        return []
    return [p for _, p, _ in jobs if p.is_file()]


class _ImagesFailed(Exception):
    """Raised through the temporary files so that none of them is renamed into place."""


# -- public ------------------------------------------------------------------

def save_figure(fig: go.Figure, path: str | os.PathLike, *, formats: Iterable[str] | None = None,
                include_plotlyjs: bool | str = "directory", width: int | None = None,
                height: int | None = None, scale: float = 2, config: Mapping | None = None) -> dict[str, Path]:
    """Save one figure; returns {format: path} of the files written.

    ``path`` with an extension (``figures/frames.png``) gives that format;
    without one, ``formats`` (default ``("html",)``) are written beside each
    other (``figures/frames.html``, ``figures/frames.png`` …). HTML is
    byte-identical across runs; ``include_plotlyjs``: ``"directory"`` (one shared
    plotly.min.js next to the file, offline), ``True`` (inline, self-contained,
    +4.6 MB) or ``"cdn"`` (needs internet). Images need Chrome (see module doc).
    """
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS or suffix == "jpg":
        base = path.with_suffix("")
        formats = check_formats(formats or (suffix,))
    else:
        base = path
        formats = check_formats(formats or HTML_FORMATS)
    return save_figures({base.name: fig}, base.parent, formats=formats, include_plotlyjs=include_plotlyjs,
                        width=width, height=height, scale=scale, config=config)[base.name]


def save_figures(figures: Mapping[str, go.Figure], outdir: str | os.PathLike, *,
                 formats: Iterable[str] = ("html",), include_plotlyjs: bool | str = "directory",
                 width: int | None = None, height: int | None = None, scale: float = 2,
                 config: Mapping | None = None) -> dict[str, dict[str, Path]]:
    """Save many figures as ``outdir/<name>.<format>``; one shared plotly.min.js and one
    browser for all images. Returns {name: {format: path}} of the files written."""
    formats = check_formats(formats)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written: dict[str, dict[str, Path]] = {}
    jobs = []
    for name, fig in figures.items():
        if not isinstance(fig, go.Figure):
            raise StancemapError(f"Figure {name!r} is a {type(fig).__name__}, not a plotly Figure.")
        if not name or Path(name).name != name:
            raise StancemapError(f"Figure name {name!r} must be a plain file name without folders.")
        written[name] = {}
        for fmt in formats:
            target = outdir / f"{name}.{fmt}"
            if fmt == "html":
                written[name]["html"] = _write_html(fig, target, include_plotlyjs, config)
            else:
                jobs.append((name, fig, target, fmt))
    done = set(_export_images([(f, p, fmt) for _, f, p, fmt in jobs], width=width, height=height, scale=scale))
    for name, _, target, fmt in jobs:
        if target in done:
            written[name][fmt] = target
    return written

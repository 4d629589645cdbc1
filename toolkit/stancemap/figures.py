"""Save figures: byte-identical offline HTML, and PNG/SVG through kaleido when Chrome is found.

HTML figures get a fixed ``div_id`` derived from the file name (plotly would
otherwise use a random uuid), so the same figure gives the same bytes on every
run. By default they reference one plotly.js written next to them
(``include_plotlyjs="directory"``): viewable offline, without a copy of plotly.js in
every file. It is ``plotly-figures.min.js`` (1.3 MB, only the trace types stancemap's
figures draw; :func:`plotlyjs_for`) where a figure draws with it, else plotly's own
``plotly.min.js`` (4.8 MB). PNG/SVG/PDF go through kaleido 1.x, which drives a
Chrome/Chromium (``BROWSER_PATH``, or chromium/google-chrome on ``PATH``); when
none is found, a one-line :class:`ImageExportWarning` says so and the HTML is
still written. :func:`save_figures` exports many figures with one browser, and
:func:`export_session` keeps one open across calls (:mod:`stancemap.imagebrowser`:
the browser keeps its disk cache in the user cache so that it starts quickly).
Every file is written whole (:func:`stancemap.atomic.write_bytes`).
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import html
import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go

from .atomic import write_bytes
from .errors import ImageExportWarning, StancemapError, StancemapWarning, unknown_value
from .imagebrowser import (FIGURE_BUNDLE, ImageBrowser, figure_bundle_matches, find_browser, needs_full_bundle,
                           take_early)

PLOTLYJS_NAME = "plotly.min.js"
#: plotly.js with only the trace types stancemap's figures draw (1.3 MB; :data:`~stancemap.imagebrowser.FIGURE_BUNDLE`).
FIGURE_BUNDLE_NAME = FIGURE_BUNDLE.name
HTML_FORMATS = ("html",)
IMAGE_FORMATS = ("png", "svg", "pdf", "jpeg", "webp")
FORMATS = (*HTML_FORMATS, *IMAGE_FORMATS)
#: plotly.js config for every saved figure (no plotly logo, PNG button saves at 2×).
CONFIG = {"displaylogo": False, "responsive": True,
          "toImageButtonOptions": {"format": "png", "scale": 2}}
DEFAULT_WIDTH = 1000
DEFAULT_HEIGHT = 600


# -- browser -----------------------------------------------------------------

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


@lru_cache(maxsize=1)
def plotlyjs_bytes() -> bytes:
    """The plotly.js bundled with the installed plotly (what the figures were made for), read
    once per process: 4.8 MB that :func:`write_plotlyjs` compares for every figure page."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().encode("utf-8")


@lru_cache(maxsize=1)
def figure_bundle_bytes() -> bytes:
    """The small plotly.js (:data:`FIGURE_BUNDLE_NAME`), read once per process."""
    return FIGURE_BUNDLE.read_bytes()


def plotlyjs_for(figures: Iterable[go.Figure]) -> str:
    """The plotly.js a folder of ``figures`` needs: :data:`FIGURE_BUNDLE_NAME` (1.3 MB) when each of
    them draws with it and it is the installed plotly's release, else plotly's ``plotly.min.js`` (4.8 MB)."""
    if figure_bundle_matches() and not any(needs_full_bundle(fig) for fig in figures):
        return FIGURE_BUNDLE_NAME
    return PLOTLYJS_NAME


def write_plotlyjs(outdir: str | os.PathLike, name: str = PLOTLYJS_NAME) -> Path:
    """Write plotly's ``plotly.min.js`` (or, ``name`` = :data:`FIGURE_BUNDLE_NAME`, the small bundle)
    into ``outdir`` unless an identical copy is already there."""
    if name not in (PLOTLYJS_NAME, FIGURE_BUNDLE_NAME):
        raise unknown_value("plotly.js bundle", name, (PLOTLYJS_NAME, FIGURE_BUNDLE_NAME))
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    target = outdir / name
    data = plotlyjs_bytes() if name == PLOTLYJS_NAME else figure_bundle_bytes()
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
    if include_plotlyjs == "directory":  # the plotly.js this figure needs, written beside it
        name = plotlyjs_for([fig])
        write_plotlyjs(path.parent, name)
        include_plotlyjs = "directory" if name == PLOTLYJS_NAME else name
    page = figure_html(fig, div_id_for(path.name), include_plotlyjs=include_plotlyjs, config=config)
    return write_bytes(path, page.encode("utf-8"))


# -- images ------------------------------------------------------------------

#: The open :func:`export_session`: its browser's path (None: no session), the browser for the next
#: images (None: one starts when needed), and the browsers shutting down, closed when it ends.
_SESSION: dict = {"path": None, "browser": None, "closing": []}


@contextlib.contextmanager
def export_session(browser: str | None = None):
    """Keep one kaleido browser open for every image saved inside the ``with`` block.

    The browser starts in the background: work done inside the block overlaps
    its start. Yields True when a browser was found, False when none was (a
    one-line warning is given and images are skipped).
    """
    if _SESSION["path"] is not None:
        yield True
        return
    path = browser or find_browser()
    if path is None:
        warnings.warn(no_browser_message(), ImageExportWarning, stacklevel=3)
        yield False
        return
    _SESSION.update(path=path, browser=take_early(path) or ImageBrowser(path), closing=[])
    try:
        yield True
    finally:
        started = [b for b in (_SESSION["browser"], *_SESSION["closing"]) if b is not None]
        _SESSION.update(path=None, browser=None, closing=[])
        for b in started:
            b.close()


def _image_size(fig: go.Figure, width: int | None, height: int | None) -> tuple[int, int]:
    w = width or fig.layout.width or DEFAULT_WIDTH
    h = height or fig.layout.height or DEFAULT_HEIGHT
    return int(w), int(h)


class PendingImages:
    """Figures being rendered to images in the background (:func:`start_images`; :meth:`add`
    starts more); :meth:`collect` waits and writes them into a folder, :meth:`discard` drops them."""

    def __init__(self, jobs: list[tuple[str, go.Figure, str]], *, width=None, height=None, scale: float = 2,
                 last: bool = False):
        self._jobs: list[tuple[str, go.Figure, str]] = []
        self._futures: list[concurrent.futures.Future] = []
        self._browser, self._own, self._tmp, self._off = None, False, None, False
        self._size = (width, height, scale)
        self._add(jobs, last)

    def add(self, figures: Mapping[str, go.Figure], formats: Iterable[str], *, last: bool = False) -> None:
        """Start rendering the image ``formats`` of more ``figures`` (HTML is left out), as
        :func:`start_images` does; ``last=True``: no more follow, so a session's browser shuts down
        once every image started is done."""
        formats = [f for f in check_formats(formats) if f != "html"]
        self._add([(name, fig, fmt) for name, fig in _checked(figures).items() for fmt in formats], last)

    def _add(self, jobs: list[tuple[str, go.Figure, str]], last: bool) -> None:
        if self._off:  # no browser, or a render failed: nothing more is rendered
            return
        if self._browser is None:
            if not jobs:
                return
            if _SESSION["path"] is None and find_browser() is None:
                warnings.warn(no_browser_message(), ImageExportWarning, stacklevel=4)
                self._off = True
                return
            self._tmp = Path(tempfile.mkdtemp(prefix="stancemap-images-"))
            if _SESSION["path"] is not None:
                if _SESSION["browser"] is None:
                    _SESSION["browser"] = ImageBrowser(_SESSION["path"])
                self._browser = _SESSION["browser"]
            else:  # a browser of its own, closed by discard() (or after the last images)
                self._browser, self._own = ImageBrowser(find_browser()), True
        width, height, scale = self._size
        specs = []
        for i, (_, fig, fmt) in enumerate(jobs, start=len(self._jobs)):
            w, h = _image_size(fig, width, height)
            specs.append({"fig": fig.to_dict(), "path": str(self._tmp / f"{i}.{fmt}"),
                          "opts": {"format": fmt, "width": w, "height": h, "scale": scale}})
        self._jobs += jobs
        if last and _SESSION["browser"] is self._browser:  # it shuts down after these, while the caller works on
            _retire(self._browser)
        try:
            self._futures.append(self._browser.submit(specs, close_after=last))
        except Exception as e:  # noqa: BLE001 - the HTML is the primary output; images are a bonus
            self._failed(e)

    def _failed(self, e: BaseException) -> None:
        if self._browser is not None and _SESSION["browser"] is self._browser:
            # a failed render may leave the page in any state: the next images get a fresh browser
            _retire(self._browser)
        first = (str(e).strip().splitlines() or [""])[0][:200]
        warnings.warn(f"PNG/SVG export failed ({type(e).__name__}: {first}); the HTML figures were written.",
                      ImageExportWarning, stacklevel=4)
        self._off = True

    def collect(self, outdir: str | os.PathLike) -> dict[str, dict[str, Path]]:
        """Wait for the images and write them as ``outdir/<name>.<format>`` (each file whole);
        returns {name: {format: path}}, empty after a one-line warning when rendering failed."""
        try:
            if self._off or not self._futures:
                return {}
            files = [self._tmp / f"{i}.{fmt}" for i, (_, _, fmt) in enumerate(self._jobs)]
            try:
                for future in self._futures:
                    future.result()
                empty = sum(not f.stat().st_size for f in files)
                if empty:
                    raise RuntimeError(f"{empty} image(s) came out empty")
            except Exception as e:  # noqa: BLE001 - the HTML is the primary output; images are a bonus
                self._failed(e)
                return {}
            written: dict[str, dict[str, Path]] = {}
            for (name, _, fmt), f in zip(self._jobs, files):
                written.setdefault(name, {})[fmt] = write_bytes(Path(outdir) / f"{name}.{fmt}", f.read_bytes())
            return written
        finally:
            self.discard()

    def discard(self) -> None:
        """Drop the images: wait for their rendering (and a browser of their own to close), remove
        their temporary folder."""
        futures, self._futures = self._futures, []
        for future in futures:
            with contextlib.suppress(Exception):
                future.result()
        if self._own and self._browser is not None:
            self._browser.close()
        self._browser, self._own = None, False
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None


def _retire(browser: ImageBrowser) -> None:
    """No more images for the session's ``browser``: it is closed when the session ends."""
    _SESSION["browser"] = None
    _SESSION["closing"].append(browser)


def start_images(figures: Mapping[str, go.Figure], formats: Iterable[str], *, width: int | None = None,
                 height: int | None = None, scale: float = 2, last: bool = False) -> PendingImages:
    """Start rendering the image ``formats`` of ``figures`` (HTML is left out) in the background.

    Inside :func:`export_session` its browser renders them; ``last=True`` says no more images
    follow, so the browser shuts down right after them, while the caller works on.
    """
    formats = [f for f in check_formats(formats) if f != "html"]
    return PendingImages([(name, fig, fmt) for name, fig in _checked(figures).items() for fmt in formats],
                         width=width, height=height, scale=scale, last=last)


def _checked(figures: Mapping[str, go.Figure]) -> Mapping[str, go.Figure]:
    for name, fig in figures.items():
        if not isinstance(fig, go.Figure):
            raise StancemapError(f"Figure {name!r} is a {type(fig).__name__}, not a plotly Figure.")
        if not name or Path(name).name != name:
            raise StancemapError(f"Figure name {name!r} must be a plain file name without folders.")
    return figures


# -- public ------------------------------------------------------------------

def save_figure(fig: go.Figure, path: str | os.PathLike, *, formats: Iterable[str] | None = None,
                include_plotlyjs: bool | str = "directory", width: int | None = None,
                height: int | None = None, scale: float = 2, config: Mapping | None = None) -> dict[str, Path]:
    """Save one figure; returns {format: path} of the files written.

    ``path`` with an extension (``figures/frames.png``) gives that format;
    without one, ``formats`` (default ``("html",)``) are written beside each
    other (``figures/frames.html``, ``figures/frames.png`` …). HTML is
    byte-identical across runs; ``include_plotlyjs``: ``"directory"`` (one shared
    plotly.js next to the file, offline: :func:`plotlyjs_for`), ``True`` (inline, self-contained,
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
                 config: Mapping | None = None, images: PendingImages | None = None) -> dict[str, dict[str, Path]]:
    """Save many figures as ``outdir/<name>.<format>``; one shared plotly.js and one
    browser for all images. Returns {name: {format: path}} of the files written.

    ``images``: their images, already started with :func:`start_images` (rendered while the
    caller did other work); otherwise they are rendered here, while the HTML is written."""
    formats = check_formats(formats)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written: dict[str, dict[str, Path]] = {name: {} for name in _checked(figures)}
    # outside a session the images get a browser of their own, which shuts down right after them
    pending = images if images is not None else start_images(figures, formats, width=width, height=height,
                                                             scale=scale, last=_SESSION["path"] is None)
    try:
        if "html" in formats:
            for name, fig in figures.items():
                written[name]["html"] = _write_html(fig, outdir / f"{name}.html", include_plotlyjs, config)
        for name, paths in pending.collect(outdir).items():
            written[name].update(paths)
    finally:
        pending.discard()
    return {name: {fmt: got[fmt] for fmt in formats if fmt in got} for name, got in written.items()}

"""The Chrome that renders PNG/SVG/PDF figures: kaleido 1.x, made quick to start and to reuse.

kaleido drives a headless Chrome through choreographer. Out of the box every
start spends about 1.1 s compiling plotly.js (4.8 MB) on a ``file://`` page with
a throw-away profile, and every image is followed by a page reload (about
0.15 s). Here:

* the page's plotly.js holds only the trace types stancemap's figures draw
  (:data:`FIGURE_TRACES`; ``vendor/plotly-figures.min.js``, 1.3 MB, built from
  the same plotly.js release by ``toolkit/plotly-bundle/build.sh``): a new
  browser is ready about 1 s sooner than with plotly's full 4.8 MB bundle, whose
  compiling dominated the first report on a machine. A figure with any other
  trace type (or a geo, polar, ternary, 3-D or map subplot) switches the
  browser to a page with the full bundle, for good; a plotly whose plotly.js is
  another release than the small bundle's gets the full page from the start.
  The images are the same bytes either way.
* the page and its two scripts come from a loopback-only HTTP server (a fixed
  host name mapped to its port; the script URLs carry the files' hashes), and
  Chrome keeps its disk cache in a cache folder. Chrome then reuses its
  compiled plotly.js (V8's code cache, which ``file://`` pages do not get) from
  the third start on: the browser is ready in about 0.7 s instead of 1.7 s.
  ``STANCEMAP_BROWSER_CACHE`` names the folder (default ``browser/`` in the
  per-user cache; about 8 MB); ``off`` turns it off. One process at a time uses
  it (a lock file); another one meanwhile runs without it. Chrome connects
  directly, whatever proxy the environment names: the page is on this machine.
* the page is not reloaded between images: plotly's ``toImage`` of a figure
  object draws into an element it purges again, so nothing of one image is
  left for the next. A PDF is printed from the page itself, so a batch with a
  PDF reloads after each image as kaleido does.
* :meth:`ImageBrowser.submit` renders in the background and can close the
  browser when done, so rendering and shutting Chrome down overlap other work.
* :func:`start_early` starts it before the caller's heavy imports (the ``report``
  command: Chrome starts at about 0.1 s instead of 0.7 s, while pandas and the
  pipeline load); :func:`take_early` hands it over.

Images come out as kaleido's own do (``tests/test_imagebrowser.py``).
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

#: Environment variable: the folder for the browser's disk cache, or "off" for none.
CACHE_ENV = "STANCEMAP_BROWSER_CACHE"
#: Host name of the page server inside the browser (mapped to 127.0.0.1:<port>; never resolved).
HOST = "stancemap-images.invalid"
#: Seconds to wait for the browser to start and load its page (kaleido's own limit for one image is 90).
START_TIMEOUT = 90
#: Names of a Chrome/Chromium looked for on ``PATH``.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


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


def cache_dir() -> Path | None:
    """The browser's cache folder: ``$STANCEMAP_BROWSER_CACHE``, None when "off", else the user cache's ``browser/``."""
    env = os.environ.get(CACHE_ENV, "").strip()
    if env.lower() in ("off", "0", "no", "false"):
        return None
    if env:
        return Path(env).expanduser()
    from .paths import user_cache_dir

    return user_cache_dir() / "browser"


class CacheLock:
    """The cache folder for one process at a time (an exclusive ``flock``); ``path`` is None when
    the folder is off, unwritable, in use by another process, or file locks are unavailable."""

    def __init__(self, folder: Path | None):
        self.path: Path | None = None
        self._file = None
        if folder is None:
            return
        try:
            import fcntl

            folder.mkdir(parents=True, exist_ok=True)
            handle = open(folder.with_name(folder.name + ".lock"), "a+b")  # noqa: SIM115 - held until release()
        except (ImportError, OSError):
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return
        self._file, self.path = handle, folder

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the file releases the flock
            self._file, self.path = None, None


#: The trace types of every figure stancemap draws: all that ``vendor/plotly-figures.min.js`` holds
#: (``toolkit/plotly-bundle/entry.js``; ``tests/test_imagebrowser.py`` checks stancemap's figures use no other).
FIGURE_TRACES = frozenset({"scatter", "bar", "heatmap", "table"})
#: plotly.js with only :data:`FIGURE_TRACES`, built by ``toolkit/plotly-bundle/build.sh``.
FIGURE_BUNDLE = Path(__file__).parent / "vendor" / "plotly-figures.min.js"
#: Layout keys of subplots that need a plotly.js part the small bundle lacks ("geo", "polar2", ...).
_OTHER_SUBPLOT = re.compile(r"(geo|polar|ternary|scene|map|mapbox|smith)\d*")
_VERSION = re.compile(rb"plotly\.js v(\d[\w.+-]*)")


def plotly_version(path: Path) -> str | None:
    """The plotly.js release named in a bundle's opening comment ("4.1.1"), or None."""
    try:
        with open(path, "rb") as f:
            found = _VERSION.search(f.read(512))
    except OSError:
        return None
    return found.group(1).decode("ascii") if found else None


def plotly_bundle() -> Path:
    """The installed plotly's own plotly.js (all trace types)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def figure_bundle_matches() -> bool:
    """Whether :data:`FIGURE_BUNDLE` is the plotly.js release of the installed plotly (a plotly of
    another release gets its own full bundle)."""
    small = plotly_version(FIGURE_BUNDLE)
    return small is not None and small == plotly_version(plotly_bundle())


def needs_full_bundle(fig) -> bool:
    """Whether a figure (a plotly figure or its dict) has a trace type outside :data:`FIGURE_TRACES`,
    or a subplot the small bundle cannot draw."""
    if isinstance(fig, dict):
        types = [t.get("type") or "scatter" for t in fig.get("data") or []]
        layout = fig.get("layout") or {}
    else:  # the trace types without copying the traces' data (a statements figure holds every statement)
        types, layout = [t.type for t in fig.data], fig.layout.to_plotly_json()
    return any(t not in FIGURE_TRACES for t in types) or any(_OTHER_SUBPLOT.fullmatch(k) for k in layout)


def _page_files() -> dict[str, tuple[str, bytes, bool]]:
    """{URL path: (content type, bytes, cacheable)} of kaleido's pages: the scripts under their content
    hash (immutable), ``/index.html`` with :data:`FIGURE_BUNDLE` and kaleido's script, and
    ``/full.html`` with plotly's full bundle instead (pages are never cached). When the small bundle
    is missing or of another plotly.js release than plotly's own, ``/index.html`` is the full page."""
    import kaleido

    def script(name: str, path: Path) -> str:
        body = path.read_bytes()
        url = f"/{name}-{hashlib.sha256(body).hexdigest()[:16]}.js"
        files[url] = ("text/javascript; charset=utf-8", body, True)
        return url

    def page(*urls: str) -> tuple[str, bytes, bool]:
        tags = "".join(f'<script src="{url}" charset="utf-8"></script>' for url in urls)
        html = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>stancemap images</title><link rel="icon" href="data:,">'
                f'<style id="head-style"></style>{tags}</head>'
                '<body style="margin:0;padding:0"><img id="kaleido-image"></body></html>')
        return "text/html; charset=utf-8", html.encode("utf-8"), False

    files: dict[str, tuple[str, bytes, bool]] = {}
    full = plotly_bundle()
    scopes = script("kaleido_scopes", Path(kaleido.__file__).parent / "vendor" / "kaleido_scopes.js")
    files["/full.html"] = page(script("plotly", full), scopes)
    files["/index.html"] = (page(script("plotly-figures", FIGURE_BUNDLE), scopes) if figure_bundle_matches()
                            else files["/full.html"])
    return files


class PageServer:
    """A loopback-only HTTP server of :func:`_page_files` (anything else is 404), on its own thread."""

    def __init__(self):
        files = _page_files()
        #: whether the page kaleido loads (:attr:`url`) has plotly's full bundle (or there is no other page)
        self.full = files.get("/full.html", files["/index.html"]) is files["/index.html"]
        self.url = f"http://{HOST}/index.html"
        self.served: list[str] = []
        served = self.served

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                served.append(self.path)
                found = files.get(self.path)
                if found is None:
                    self.send_error(404)
                    return
                kind, body, cacheable = found
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "public, max-age=31536000, immutable" if cacheable else "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        # shutdown() waits for the serving loop's next poll: a short interval keeps closing quick
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="stancemap-page-server", daemon=True)
        self._thread.start()

    def use_full(self) -> None:
        """Make the page with plotly's full bundle the one kaleido loads from now on."""
        self.full, self.url = True, f"http://{HOST}/full.html"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def kaleido_class(server: PageServer, cache: Path | None):
    """A ``kaleido.Kaleido`` whose tabs load ``server``'s page, whose Chrome keeps its disk cache in
    ``cache`` (None: in its throw-away profile), and whose page is reloaded after an image only
    when ``reload_page`` is set."""
    from choreographer import Browser
    from choreographer.browsers.chromium import Chromium
    from kaleido import Kaleido

    class ServedPageChromium(Chromium):
        def get_cli(self):
            # the page is on this machine: a proxy (http_proxy, CHOREO_PROXY_SERVER) would never find it
            extra = [f"--host-resolver-rules=MAP {HOST} 127.0.0.1:{server.port}", "--no-proxy-server"]
            if cache is not None:
                extra.append(f"--disk-cache-dir={cache}")
            return [*super().get_cli(), *extra]

    class PageEventsFirst(Browser):
        # kaleido subscribes to a tab's load event, navigates, and only then enables the tab's page
        # events: a page that loads before that (this one, its scripts compiled from Chrome's cache,
        # while the process is busy) never reports its load, and kaleido waits forever. Enabling them
        # on every tab before kaleido navigates closes the gap; the tab's first page (still loading
        # when Chrome has just started) must then have reported its own load, or kaleido takes that
        # for its page's and calls into a page whose scripts have not run ("kaleido_scopes is not
        # defined"), so each tab loads a blank page first and waits for it. Between kaleido's
        # populate_targets and choreographer's in the method order: after the tabs are known,
        # before kaleido's navigation.
        async def populate_targets(self):
            await super().populate_targets()
            for tab in list(self.tabs.values()):
                await tab.send_command("Page.enable")
                await _load_blank(tab)

    class ServedPageKaleido(Kaleido, PageEventsFirst):
        reload_page = False

        def __init__(self, *args, **kwargs):
            super().__init__(*args, browser_cls=ServedPageChromium, **kwargs)

        # kaleido navigates its tabs to ``self._index``, which it sets to a file:// page in open()
        @property
        def _index(self):
            return server.url

        @_index.setter
        def _index(self, value):
            pass

        async def _conform_tabs(self, tabs=None):
            # kaleido takes the first page load and script context after its navigation for its page's;
            # under load a late event of the blank page can still come first, and the first image then
            # fails ("kaleido_scopes is not defined", seen once in CI with two test processes). Each
            # tab is checked before it is handed out, and loads the page again (up to 3 times) until it
            # has them.
            await super()._conform_tabs(tabs)
            for ktab in _idle_tabs(self):
                await _ensure_scripts(ktab, server.url)
                await self.tabs_ready.put(ktab)

        async def _return_kaleido_tab(self, tab):
            if self.reload_page:
                await super()._return_kaleido_tab(tab)
            else:
                await self.tabs_ready.put(tab)

    return ServedPageKaleido


#: Seconds to wait for a blank page's load event before asking the page whether it has loaded.
BLANK_WAIT = 0.5


async def _load_blank(tab) -> None:
    """Navigate a choreographer tab (page events enabled) to about:blank and wait until it has loaded.

    Chromium at times reports no load event for it (about one start in 40 with Chromium 150; the
    report then hung for :data:`START_TIMEOUT`, and a test for ever): after :data:`BLANK_WAIT`
    seconds without one, the page's ``document.readyState`` says whether it has loaded."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_TIMEOUT
    loaded = tab.subscribe_once("Page.loadEventFired")
    try:
        await tab.send_command("Page.navigate", params={"url": "about:blank"})
        while True:
            try:
                await asyncio.wait_for(asyncio.shield(loaded), BLANK_WAIT)
                return
            except asyncio.TimeoutError:
                got = await tab.send_command("Runtime.evaluate", params={
                    "expression": "document.readyState + ' ' + location.href", "returnByValue": True})
                if (got or {}).get("result", {}).get("result", {}).get("value") == "complete about:blank":
                    return
                if loop.time() > deadline:
                    raise
    finally:
        loaded.cancel()


def _idle_tabs(k) -> list:
    """Take every tab waiting in kaleido's queue (``tabs_ready``) out of it; the caller puts them back."""
    tabs = []
    while not k.tabs_ready.empty():
        tabs.append(k.tabs_ready.get_nowait())
    return tabs


async def _has_scripts(ktab) -> bool:
    """Whether the script context a kaleido tab will render in has kaleido's functions (the tab's
    ``_current_js_id``, which kaleido 1.x sets when it navigates or reloads)."""
    got = await ktab.tab.send_command("Runtime.evaluate", params={
        "expression": "typeof kaleido_scopes", "contextId": ktab._current_js_id, "returnByValue": True})
    return (got or {}).get("result", {}).get("result", {}).get("value") == "object"


async def _ensure_scripts(ktab, url: str, tries: int = 3) -> bool:
    """Load ``url`` in a kaleido tab again (up to ``tries`` times) until :func:`_has_scripts`;
    whether it has them."""
    for _ in range(tries):
        if await _has_scripts(ktab):
            return True
        await asyncio.wait_for(ktab.navigate(url), START_TIMEOUT)
    return await _has_scripts(ktab)


class ImageBrowser:
    """One kaleido Chrome on its own event-loop thread. It starts at once, in the background;
    :meth:`submit` queues images, :meth:`write` waits for them. Close it with :meth:`close`."""

    def __init__(self, path: str):
        self._lock = CacheLock(cache_dir())
        self.cache = self._lock.path
        self._server = PageServer()
        self._closing = False
        self._submitted: list[concurrent.futures.Future] = []
        self._turn = asyncio.Lock()  # one batch at a time: a switch to the full page finds every tab idle
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="stancemap-kaleido", daemon=True)
        self._thread.start()
        self._kaleido = asyncio.run_coroutine_threadsafe(self._open(path), self._loop)

    async def _open(self, path):
        k = kaleido_class(self._server, self.cache)(path=path, mathjax=False)
        await k.__aenter__()
        return k

    @property
    def served(self) -> list[str]:
        """URL paths the browser fetched from the page server, in order."""
        return list(self._server.served)

    def ready(self, timeout: float | None = START_TIMEOUT) -> None:
        """Wait until the browser has started and loaded its page (raises if it failed to)."""
        self._kaleido.result(timeout)

    def submit(self, specs: list[dict], *, close_after: bool = False) -> concurrent.futures.Future:
        """Render kaleido specs ({"fig", "path", "opts"}) in the background; the future raises the
        first render's error. ``close_after``: then, once every image submitted is done, shut the
        browser down (nothing more may be submitted; :meth:`close` still ends the thread)."""
        if self._closing:
            raise RuntimeError("this browser was asked to close after its last images")
        self._closing = close_after
        earlier = list(self._submitted) if close_after else None
        future = asyncio.run_coroutine_threadsafe(self._render(specs, earlier), self._loop)
        self._submitted.append(future)
        return future

    async def _render(self, specs, close_after: list[concurrent.futures.Future] | None):
        """Render ``specs``; then, if ``close_after`` is a list, wait for those earlier renders
        and shut the browser down."""
        k = await asyncio.wait_for(asyncio.wrap_future(self._kaleido), START_TIMEOUT)
        # the page is reloaded after each image while a batch with a PDF is being rendered
        pdf = any(s["opts"]["format"] == "pdf" for s in specs)
        try:
            async with self._turn:
                if not self._server.full and any(needs_full_bundle(s["fig"]) for s in specs):
                    await self._use_full_page(k)
                k.reload_page = pdf     # one batch at a time: only this one's formats count
                try:
                    await k.write_fig_from_object(specs, cancel_on_error=True)
                finally:
                    k.reload_page = False
        finally:
            if close_after is not None:
                await asyncio.gather(*(asyncio.wrap_future(f) for f in close_after), return_exceptions=True)
                await k.__aexit__(None, None, None)

    async def _use_full_page(self, k) -> None:
        """Load the page with plotly's full bundle in every tab (all idle: :attr:`_turn` is held), and
        keep it for every later image and reload."""
        self._server.use_full()
        tabs = _idle_tabs(k)
        try:
            for ktab in tabs:
                await asyncio.wait_for(ktab.navigate(self._server.url), START_TIMEOUT)
                if not await _ensure_scripts(ktab, self._server.url):
                    raise RuntimeError("the image page with plotly's full bundle did not load")
        finally:
            for ktab in tabs:
                await k.tabs_ready.put(ktab)

    def write(self, specs: list[dict]) -> None:
        """Render kaleido specs and wait for them; raises the first render's error."""
        self.submit(specs).result()

    def close(self) -> None:
        """Close the browser (unless :meth:`submit` did; waiting for it to finish starting), the
        server and the thread."""
        try:
            # the images submitted (and a shutdown asked for with them) finish first
            concurrent.futures.wait(self._submitted)
            if not self._closing:
                self._closing = True
                try:
                    k = self._kaleido.result(START_TIMEOUT)
                except Exception:  # noqa: BLE001 - it never started (or never finished starting): nothing to close
                    self._kaleido.cancel()
                    k = None
                if k is not None:
                    asyncio.run_coroutine_threadsafe(k.__aexit__(None, None, None), self._loop).result()
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()
            self._server.close()
            self._lock.release()


#: A browser started ahead of need (:func:`start_early`) until :func:`take_early` hands it over.
_EARLY: dict = {"path": None, "browser": None}


def start_early() -> bool:
    """Start the image browser now, in the background, for work that will soon need it: the
    ``report`` command calls this first, so that Chrome starts while Python imports pandas and
    the rest. :func:`take_early` hands the browser over; :func:`close_early` closes it when
    nothing took it. False (and nothing started) when no browser is found or one is waiting."""
    if _EARLY["browser"] is not None:
        return False
    path = find_browser()
    if path is None:
        return False
    try:
        browser = ImageBrowser(path)
    except Exception:  # noqa: BLE001 - images are a bonus: the report starts its own browser later, or warns
        return False
    _EARLY.update(path=path, browser=browser)
    return True


def take_early(path: str) -> ImageBrowser | None:
    """The browser :func:`start_early` started, if it is ``path``'s (it is then the caller's to
    close); else None."""
    if _EARLY["browser"] is None or _EARLY["path"] != path:
        return None
    browser = _EARLY["browser"]
    _EARLY.update(path=None, browser=None)
    return browser


def close_early() -> None:
    """Close the browser :func:`start_early` started if nothing took it."""
    browser = take_early(_EARLY["path"])
    if browser is not None:
        browser.close()

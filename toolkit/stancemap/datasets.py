"""Public dataset registry: describe, fetch, verify and load real statement corpora.

The registry (``corpora/datasets.yaml``) describes each dataset — upstream
repository pinned to a commit, raw URL and sha256 of every file, licence,
attribution and citation — and never holds the texts. Files live in a data
directory that mirrors the upstream layout::

    DATA/<dataset name>/<relative path>

``DATA`` is the ``data_dir`` argument, else the ``STANCEMAP_DATA`` environment
variable, else a per-user cache (``pooch.os_cache("stancemap")``). Offline and in
CI, ``STANCEMAP_DATA=../shared/datasets`` serves them.

Nothing here touches the network unless you call :func:`fetch` (or
``stancemap datasets fetch``) with downloads allowed; every file is checked
against its sha256 before it is read, and a changed file is refused.

Loaders turn each dataset into the documents table (``schema.DOCUMENT_COLUMNS``,
then a few dataset-specific columns), with provenance on every row::

    >>> docs = load_dataset("ungdc-2014-2024", countries=["UKR"])   # doctest: +SKIP
"""
from __future__ import annotations

import functools
import hashlib
import inspect
import os
import re
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .errors import StancemapError, unknown_value
from .paths import bundled
from .schema import DOCUMENT_COLUMNS, UNATTRIBUTED, require_columns

DATA_ENV = "STANCEMAP_DATA"
RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"
USER_AGENT = "stancemap-datasets-fetch (python urllib)"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class DataFile:
    """One file of a dataset: path relative to the dataset folder, raw URL, sha256."""

    path: str
    url: str
    sha256: str
    size: int | None = None


@dataclass(frozen=True)
class Dataset:
    """A dataset as the registry describes it."""

    name: str
    description: str
    repo: str
    commit: str
    license: str
    attribution: str
    citation: str
    files: tuple[DataFile, ...]
    loader: str = ""
    license_note: str = ""
    options: dict = field(default_factory=dict, hash=False, compare=False)
    source: str = ""

    @property
    def upstream_url(self) -> str:
        return f"https://github.com/{self.repo}/tree/{self.commit}"

    def file(self, path: str) -> DataFile:
        for f in self.files:
            if f.path == path:
                return f
        raise unknown_value(f"File of dataset {self.name!r}", path, [f.path for f in self.files][:20])


def raw_url(repo: str, commit: str, path: str) -> str:
    """The raw.githubusercontent.com URL of ``path`` at ``commit`` (spaces → %20)."""
    return RAW_URL.format(repo=repo, commit=commit, path=urllib.parse.quote(path, safe="/"))


def _file_url(base_url: str, repo: str, commit: str, rel: str) -> str:
    if base_url:  # a mirror: base_url + URL-encoded path
        return base_url.rstrip("/") + "/" + urllib.parse.quote(rel, safe="/")
    return raw_url(repo, commit, rel)


def _read_manifest(path: Path, ds_name: str) -> list[tuple[str, str]]:
    """(sha256, relative path) pairs from a ``sha256sum``-format file."""
    if not path.is_file():
        raise StancemapError(f"The manifest {str(path)!r} of dataset {ds_name!r} is missing. "
                             "It is part of the stancemap checkout (corpora/datasets/); reinstall or restore it.")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        m = re.match(r"^([0-9a-fA-F]{64}) [ *](.+)$", line)
        if not m:
            raise StancemapError(f"{path}:{n}: not a sha256sum line (\"<64 hex>  <path>\"): {line[:80]!r}")
        out.append((m.group(1).lower(), m.group(2)))
    return out


def _parse_registry(data: object, source: str, base: Path) -> dict[str, Dataset]:
    if not isinstance(data, dict) or not isinstance(data.get("datasets"), dict):
        raise StancemapError(f"{source}: a dataset registry needs a top-level 'datasets:' mapping "
                             "of name -> {repo, commit, license, files, ...}.")
    out: dict[str, Dataset] = {}
    for name, spec in data["datasets"].items():
        name = str(name)
        if not isinstance(spec, dict):
            raise StancemapError(f"{source}: dataset {name!r} must be a mapping.")
        missing = [k for k in ("repo", "commit", "license") if not spec.get(k)]
        if missing:
            raise StancemapError(f"{source}: dataset {name!r} lacks {', '.join(missing)}. "
                                 "Every dataset needs its upstream repo, pinned commit and licence.")
        repo, commit = str(spec["repo"]), str(spec["commit"])
        base_url = str(spec.get("base_url") or "")
        url_of = functools.partial(_file_url, base_url, repo, commit)
        files: list[DataFile] = []
        for f in spec.get("files") or []:
            if not isinstance(f, dict) or not f.get("path") or not f.get("sha256"):
                raise StancemapError(f"{source}: a file of dataset {name!r} lacks 'path' or 'sha256': {f!r}")
            files.append(DataFile(str(f["path"]), str(f.get("url") or url_of(str(f["path"]))),
                                  str(f["sha256"]).lower(), int(f["size"]) if f.get("size") else None))
        if spec.get("manifest"):
            for digest, rel in _read_manifest(base / str(spec["manifest"]), name):
                files.append(DataFile(rel, url_of(rel), digest))
        if not files:
            raise StancemapError(f"{source}: dataset {name!r} lists no files. Add 'files:' or 'manifest:'.")
        bad = [f.path for f in files if not _SHA256.match(f.sha256)]
        if bad:
            raise StancemapError(f"{source}: dataset {name!r} has malformed sha256 for {bad[:3]}; "
                                 "each must be 64 hex digits.")
        seen: set[str] = set()
        dup = [f.path for f in files if f.path in seen or seen.add(f.path)]
        if dup:
            raise StancemapError(f"{source}: dataset {name!r} lists {dup[:3]} more than once.")
        out[name] = Dataset(
            name=name, description=" ".join(str(spec.get("description", "")).split()), repo=repo, commit=commit,
            license=str(spec["license"]), attribution=" ".join(str(spec.get("attribution", "")).split()),
            citation=" ".join(str(spec.get("citation", "")).split()), files=tuple(files),
            loader=str(spec.get("loader") or ""), license_note=" ".join(str(spec.get("license_note", "")).split()),
            options=dict(spec.get("options") or {}), source=source)
    return out


@functools.lru_cache(maxsize=8)
def _registry_cached(path: str, mtime: int, size: int) -> dict[str, Dataset]:
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise StancemapError(f"Dataset registry {path!r} is not valid YAML: {e}") from None
    return _parse_registry(data, path, p.parent)


def load_registry(registry: str | Path | Mapping | None = None) -> dict[str, Dataset]:
    """The datasets a registry describes, by name (``None``: the bundled corpora/datasets.yaml)."""
    if isinstance(registry, Mapping):
        return _parse_registry(dict(registry), "<dict>", Path.cwd())
    path = Path(registry) if registry is not None else bundled("datasets.yaml")
    if not path.is_file():
        raise StancemapError(f"Dataset registry {str(path)!r} does not exist. Omit it to use the bundled "
                             "corpora/datasets.yaml, or pass a YAML file of the same shape.")
    st = path.stat()
    return _registry_cached(str(path.resolve()), st.st_mtime_ns, st.st_size)


def get_dataset(name: str, registry: str | Path | Mapping | None = None) -> Dataset:
    """The registry entry for ``name``; an unknown name lists the valid ones."""
    reg = load_registry(registry)
    if name not in reg:
        err = unknown_value("Dataset", name, sorted(reg), "List them with `stancemap datasets list`.")
        starts = [n for n in sorted(reg) if n.startswith(str(name)) and name]
        if "Did you mean" not in str(err) and len(starts) == 1:
            err = StancemapError(str(err).replace(" List them", f" Did you mean {starts[0]!r}? List them"))
        raise err
    return reg[name]


# ---------------------------------------------------------------------------
# Data directory, hashes, fetch
# ---------------------------------------------------------------------------

def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    """The data directory: ``data_dir``, else ``$STANCEMAP_DATA``, else the user cache."""
    if data_dir is not None and str(data_dir) != "":
        return Path(data_dir).expanduser()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    import pooch  # light import; only for the platform's cache folder

    return Path(pooch.os_cache("stancemap"))


def dataset_path(name: str, data_dir: str | Path | None = None,
                 registry: str | Path | Mapping | None = None) -> Path:
    """Folder of dataset ``name`` in the data directory (it may not exist yet)."""
    ds = get_dataset(name, registry)
    return resolve_data_dir(data_dir) / ds.name


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    """Hex sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def _fetch_command(name: str) -> str:
    return f"stancemap datasets fetch {name}"


def _check_files(ds: Dataset, root: Path, files: Iterable[DataFile], verify: bool = True) -> list[DataFile]:
    """Raise on any changed file; return the missing ones."""
    missing, bad = [], []
    for f in files:
        p = root / f.path
        if not p.is_file():
            missing.append(f)
        elif verify:
            actual = sha256_file(p)
            if actual != f.sha256:
                bad.append((f, actual))
    if bad:
        f, actual = bad[0]
        p = root / f.path
        more = f" ({len(bad) - 1} more file(s) differ too, e.g. {', '.join(repr(b[0].path) for b in bad[1:4])})" \
            if len(bad) > 1 else ""
        raise StancemapError(
            f"File {f.path!r} of dataset {ds.name!r} does not match the registry: expected sha256 "
            f"{f.sha256}, got {actual}{more}. It was changed or corrupted, so stancemap refuses to read it. "
            f"Delete it and fetch it again: rm {str(p)!r} && {_fetch_command(ds.name)}")
    return missing


def _missing_error(ds: Dataset, root: Path, missing: list[DataFile]) -> StancemapError:
    total = len(ds.files)
    where = ("does not exist" if not root.exists()
             else f"lacks {len(missing)} of {total} file(s), e.g. {missing[0].path!r}")
    return StancemapError(
        f"Dataset {ds.name!r} is not available offline: {str(root)!r} {where}. Download it with "
        f"`{_fetch_command(ds.name)}` (needs internet; files are checked against their sha256), or set "
        f"{DATA_ENV} to a folder that already holds <dataset>/<files>, e.g. {DATA_ENV}=../shared/datasets.")


def _download(url: str, dest: Path, sha256: str, timeout: float = 60.0) -> None:
    """Download ``url`` to ``dest`` via a temporary file, keeping it only if its sha256 matches."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(prefix=dest.name + ".", suffix=".part", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
            try:
                with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (https/file URLs from the registry)
                    while block := resp.read(1 << 20):
                        h.update(block)
                        out.write(block)
            except (urllib.error.URLError, OSError) as e:
                raise StancemapError(
                    f"Could not download {url}: {getattr(e, 'reason', e)}. Check the internet connection "
                    f"(or proxy), then run the fetch again; offline, set {DATA_ENV} to a folder that already "
                    "holds the files.") from None
        actual = h.hexdigest()
        if actual != sha256:
            raise StancemapError(
                f"Downloaded {url} but its sha256 is {actual}, expected {sha256}; nothing was saved. The "
                "download was corrupted or the upstream file changed. Run the fetch again; if it keeps "
                "failing, the registry entry needs updating (report it).")
        os.replace(tmp, dest)
        tmp = ""
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


def fetch(name: str, data_dir: str | Path | None = None, download: bool = True, *,
          registry: str | Path | Mapping | None = None, workers: int = 8, progress: bool = False) -> Path:
    """Make dataset ``name`` available and verified; return its folder.

    Every present file is checked against its sha256 (a changed file raises a
    StancemapError naming it, both hashes and the fix). Missing files are
    downloaded from their pinned raw URLs when ``download`` is true, else a
    StancemapError says how to get them. Only this function uses the network.
    """
    ds = get_dataset(name, registry)
    root = resolve_data_dir(data_dir) / ds.name
    missing = _check_files(ds, root, ds.files)
    if not missing:
        return root
    if not download:
        raise _missing_error(ds, root, missing)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(missing), desc=f"fetch {ds.name}", unit="file")

    def one(f: DataFile) -> None:
        _download(f.url, root / f.path, f.sha256)
        if bar is not None:
            bar.update(1)

    try:
        if workers <= 1 or len(missing) == 1:
            for f in missing:
                one(f)
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for fut in [pool.submit(one, f) for f in missing]:
                    fut.result()
    finally:
        if bar is not None:
            bar.close()
    return root


def verify_dataset(name: str, data_dir: str | Path | None = None, *,
                   registry: str | Path | Mapping | None = None) -> pd.DataFrame:
    """One row per file: path, status (ok | missing | changed), expected and actual sha256."""
    ds = get_dataset(name, registry)
    root = resolve_data_dir(data_dir) / ds.name
    rows = []
    for f in ds.files:
        p = root / f.path
        actual = sha256_file(p) if p.is_file() else ""
        status = "missing" if not actual else ("ok" if actual == f.sha256 else "changed")
        rows.append({"path": f.path, "status": status, "expected_sha256": f.sha256, "actual_sha256": actual})
    return pd.DataFrame(rows, columns=["path", "status", "expected_sha256", "actual_sha256"])


# ---------------------------------------------------------------------------
# Describing datasets
# ---------------------------------------------------------------------------

def list_datasets(data_dir: str | Path | None = None, *,
                  registry: str | Path | Mapping | None = None) -> pd.DataFrame:
    """One row per dataset: name, description, licence, files, upstream, and whether
    its files are present in the data directory (``complete`` / ``partial`` /
    ``missing``; presence only — :func:`fetch` checks the hashes)."""
    root = resolve_data_dir(data_dir)
    rows = []
    for ds in sorted(load_registry(registry).values(), key=lambda d: d.name):
        present = sum((root / ds.name / f.path).is_file() for f in ds.files)
        local = "complete" if present == len(ds.files) else ("missing" if present == 0 else "partial")
        rows.append({"name": ds.name, "description": ds.description, "license": ds.license,
                     "files": len(ds.files), "upstream": f"{ds.repo}@{ds.commit[:7]}", "local": local,
                     "path": str(root / ds.name)})
    return pd.DataFrame(rows, columns=["name", "description", "license", "files", "upstream", "local", "path"])


def dataset_info(name: str, *, registry: str | Path | Mapping | None = None) -> dict:
    """Everything the registry says about ``name`` (files as a list of dicts)."""
    ds = get_dataset(name, registry)
    sizes = [f.size for f in ds.files if f.size]
    return {
        "name": ds.name, "description": ds.description, "repo": ds.repo, "commit": ds.commit,
        "upstream_url": ds.upstream_url, "license": ds.license, "license_note": ds.license_note,
        "attribution": ds.attribution, "citation": ds.citation, "loader": ds.loader,
        "n_files": len(ds.files), "size_bytes_listed": sum(sizes),
        "files": [{"path": f.path, "url": f.url, "sha256": f.sha256} for f in ds.files],
    }


# ---------------------------------------------------------------------------
# Text clean-up shared by the loaders
# ---------------------------------------------------------------------------

_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad")
_ODD_SPACES = ("\t", "\x0b", "\x0c", "\u00a0", *(chr(c) for c in range(0x2000, 0x200B)), "\u202f", "\u205f",
               "\u3000")


def clean_whitespace(text: str) -> str:
    """Normalise line endings and spaces, drop zero-width characters; keep line breaks.

    Tabs, no-break and other Unicode spaces become spaces, runs of spaces one
    space; spaces at line ends go; runs of blank lines become one blank line.
    (Plain string methods only: about 1 s for the 27 MB of the UNGDC.)
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch in _ZERO_WIDTH:
        if ch in text:
            text = text.replace(ch, "")
    for ch in _ODD_SPACES:
        if ch in text:
            text = text.replace(ch, " ")
    while "  " in text:
        text = text.replace("    ", " ").replace("  ", " ")
    if " \n" in text or "\n " in text:
        text = text.replace(" \n", "\n").replace("\n ", "\n")
    while "\n\n\n" in text:
        text = text.replace("\n\n\n\n", "\n\n").replace("\n\n\n", "\n\n")
    return text.strip()


_TRAILING = " \t\u00a0\u2003\x0b\x0c"


def unwrap_lines(text: str) -> str:
    """Undo the hard line wrapping of PDF-derived text.

    A line break followed by a line starting in lower case (or with , ; or ))
    is a wrap: the lines are joined with a space, even across blank lines (a
    page break mid-sentence). A line ending in spaces is also a wrap (the
    UNGDC's 2014 PDF conversions mark wrapped lines so) when the next line
    follows directly; before a blank line and a capitalised line it is a
    paragraph break. A word hyphenated at a line end is joined without a space
    (``post-\\n2015`` → ``post-2015``). Other line breaks are kept.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    n = len(lines)
    out: list[str] = []
    i = 0
    while i < n:
        line = lines[i]
        out.append(line)
        if i == n - 1:
            break
        body = line.rstrip(_TRAILING)
        if not body:
            out.append("\n")
            i += 1
            continue
        soft = len(body) < len(line)
        j = i + 1
        while j < n - 1 and not lines[j].strip():
            j += 1
        nxt = lines[j].lstrip(_TRAILING)
        first = nxt[:1]
        lower = first.islower() or first in (",", ";", ")")
        if body.endswith("-") and body[-2:-1].isalnum() and first.isalnum() \
                and (soft or j == i + 1):
            sep = ""
        elif lower or (soft and j == i + 1):
            sep = " "
        elif soft:
            sep = "\n\n"
        else:
            out.append("\n")
            i += 1
            continue
        out[-1] = body
        lines[j] = nxt
        out.append(sep)
        i = j
    return "".join(out)


# Speaker-turn labels in flattened transcripts ("… thank you. Vladimir Putin: Colleagues, …").
_CAP = r"(?:[A-Z][\w'’-]*|[A-Z]\.)"
_TOK = rf"(?:{_CAP}|of|the|and|for|on|in|de|da|von|der|van|al|bin|ibn)"
_SINGLE = ("Question|Remark|Remarks|Reply|Answer|Response|Comment|Journalist|Voice|Voices|"
           "Correspondent|Interpreter|Moderator|Participant|Audience")
_LABEL_BODY = (rf"(?P<label>(?:{_CAP}(?: {_TOK}){{0,16}} {_CAP}|(?:{_SINGLE}))"
               r"(?: ?\([a-z][a-z ]{0,30}\))?):(?= ?[(…\"“«A-Z0-9])")
_LABEL = re.compile(r"(?:^|(?<=\n)|(?<=[.?!…\"”)\]*>] ))" + _LABEL_BODY)
# A transcript heading flattened into the text before a label: "… at the BRICS+ meeting President of
# Russia Vladimir Putin: …", "Beginning of Russian-Indian talks Prime Minister of India Narendra Modi(retranslated): …"
_TITLES = ("President|Prime Minister|Federal Chancellor|Chancellor|King|Emir|Amir|Crown Prince|Chairman|"
           "Chairperson|Secretary General|Secretary-General")
_HEAD_LABEL = re.compile(rf"(?<=[a-z0-9] )(?P<label>(?:{_TITLES})(?: {_TOK}){{0,13}} {_CAP} {_CAP}"
                         r"(?: ?\([a-z][a-z ]{0,30}\))?):(?= ?[(…\"“«A-Z])")
_SECTION = re.compile(r"\s*(?:\* \* \*|\*\*\*)\s*")
# The en.kremlin.ru name tooltip leaked into labels: "Sergei Shoigu Shoigu SergeiDefence Minister :" → "Sergei Shoigu:"
_TOOLTIP = re.compile(r"\b(?P<last>[A-Z][\w'’-]+) (?P=last) [A-Z][^:\n]{0,160}?"
                      r"(?P<tail> ?\([a-z][a-z ]{0,30}\))?\s?(?=:)")


def _drop_tooltip(label: str) -> str:
    """Cut the name tooltip the Kremlin site leaks into labels:
    "Defence Minister Sergei Shoigu Shoigu SergeiDefence Minister" → "Defence Minister Sergei Shoigu"."""
    suffix = ""
    m = re.search(r" ?\([a-z][a-z ]{0,30}\)$", label)
    if m:
        label, suffix = label[:m.start()], m.group(0)
    words = label.split(" ")
    for i in range(1, len(words)):
        if words[i] == words[i - 1] and words[i][:1].isupper():
            return " ".join(words[:i]) + suffix
    return label + suffix


def restore_turn_breaks(text: str) -> str:
    """Put each speaker turn of a flattened transcript on its own line.

    The Kremlin bodies in kremlin-kyiv-press-2021-2022 have no line breaks: turns
    run on as "… Thank you. Vladimir Putin: Colleagues, …" and sections are
    separated by "* * *". This starts a new line before every turn label
    ("Vladimir Putin:", "President of Russia Vladimir Putin:", "Question:",
    "Prime Minister of Greece Kyriakos Mitsotakis (retranslated):"), puts "* * *"
    on a line of its own between blank lines, and removes the duplicated
    name-tooltip text the site leaks into some labels. Everything else is kept.
    """
    text = _SECTION.sub("\n\n* * *\n\n", text).strip()
    if ":" in text:
        text = _TOOLTIP.sub(lambda m: m["last"] + (m["tail"] or ""), text)
    spans = {m.start("label"): m for m in _LABEL.finditer(text)}
    for m in _HEAD_LABEL.finditer(text):
        spans.setdefault(m.start("label"), m)
    if not spans:
        return text
    out, pos = [], 0
    for start in sorted(spans):
        m = spans[start]
        if start < pos:
            continue
        before = text[pos:start]
        if before.endswith(" "):
            before = before[:-1] + "\n"
        out.append(before)
        out.append(_drop_tooltip(m.group("label")))
        pos = m.end("label")
    out.append(text[pos:])
    return "".join(out)


_LINE_LABEL = re.compile(r"^" + _LABEL_BODY, re.M)


def turn_labels(text: str) -> list[tuple[str, int, int]]:
    """Speaker-turn labels at line starts, as (label, label_start, turn_start).

    ``turn_start`` is where the turn's words begin (after ``": "``); the turn
    runs to the next label. Use it on texts from :func:`restore_turn_breaks`
    (the Kremlin loader applies it): "Vladimir Putin: Colleagues, …" →
    ("Vladimir Putin", 0, 16). Labels can carry a title ("President of Russia
    Vladimir Putin") or "(retranslated)"; "Question"/"Remark" are anonymous.
    """
    out = []
    for m in _LINE_LABEL.finditer(text):
        start = m.end() + 1
        while start < len(text) and text[start] == " ":
            start += 1
        out.append((m.group("label"), m.start("label"), start))
    return out


def normalize_url(url: str) -> str:
    """URL key for de-duplication: no scheme, no ``www.``, lower-case host, no query,
    fragment or trailing slash (``https://www.x.org/a/?q=1`` → ``x.org/a``)."""
    url = str(url or "").strip()
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url if "://" in url else "//" + url)
    host = parts.netloc.lower()
    host = host[4:] if host.startswith("www.") else host
    return host + parts.path.rstrip("/")


# ---------------------------------------------------------------------------
# Documents tables
# ---------------------------------------------------------------------------

def _warn(message: str) -> None:
    """warnings.warn pointing at the first caller outside this module (the user's line)."""
    frame, level = sys._getframe(1), 2
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame, level = frame.f_back, level + 1
    warnings.warn(message, UserWarning, stacklevel=level)


def _documents(rows: list[dict], extra: list[str] = ()) -> pd.DataFrame:
    cols = [*DOCUMENT_COLUMNS, *extra]
    df = pd.DataFrame(rows, columns=cols) if rows else pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    for c in DOCUMENT_COLUMNS:
        df[c] = df[c].fillna("").astype(str)
    return df


def _unique_ids(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        n = seen.get(i, 0)
        seen[i] = n + 1
        out.append(i if n == 0 else f"{i}-{n + 1}")
    return out


def _iso_date_prefix(value: str) -> str:
    m = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", str(value))
    return m.group(1) if m else ""


_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}


def parse_pgu_date(value: str) -> str:
    """``"24 July 2022 - 22:02"`` → ``"2022-07-24"`` (``""`` when it does not parse)."""
    m = re.match(r"^\s*(\d{1,2}) ([A-Za-z]+) (\d{4})\b", str(value))
    if not m or m.group(2).lower() not in _MONTHS:
        return ""
    return f"{int(m.group(3)):04d}-{_MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"


def _provenance(ds: Dataset, path: str, where: str) -> str:
    return f"{ds.name} dataset ({ds.repo}@{ds.commit}), {path}, {where}"


def _ready(ds: Dataset, data_dir, files: Iterable[DataFile], verify: bool) -> Path:
    root = resolve_data_dir(data_dir) / ds.name
    missing = _check_files(ds, root, files, verify=verify)
    if missing:
        raise _missing_error(ds, root, missing)
    return root


def _read_csv(path: Path, columns: list[str], ds: Dataset) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    require_columns(df, columns, f"file {path.name} of dataset {ds.name}",
                    "The file does not look like the registry's version; re-fetch it with "
                    f"`{_fetch_command(ds.name)}`.")
    return df


_PRESS = {
    "kremlin": dict(file="press_release_data/putin.csv", prefix="kremlin", id_re=r"/news/(\d+)/?$",
                    actor="russia", speaker="Kremlin", outlet="Kremlin press service (en.kremlin.ru)"),
    "kyiv": dict(file="press_release_data/zelenskyy.csv", prefix="pgu", id_re=r"-(\d+)/?$",
                 actor="ukraine", speaker="Office of the President of Ukraine",
                 outlet="Office of the President of Ukraine (president.gov.ua)"),
}


def _link_ids(links: pd.Series, prefix: str, id_re: str) -> list[str]:
    ids = []
    for link in links:
        m = re.search(id_re, str(link))
        ids.append(f"{prefix}-{m.group(1)}" if m else
                   f"{prefix}-{hashlib.sha1(str(link).encode()).hexdigest()[:10]}")
    return ids


def load_kremlin_kyiv(data_dir: str | Path | None = None, *, sources: Iterable[str] = ("kremlin", "kyiv"),
                      verify: bool = True, registry: str | Path | Mapping | None = None,
                      name: str = "kremlin-kyiv-press-2021-2022") -> pd.DataFrame:
    """Documents of kremlin-kyiv-press-2021-2022: Kremlin items → ``russia``
    (speaker "Kremlin"), president.gov.ua items → ``ukraine`` (speaker "Office of
    the President of Ukraine"); all ``doc_kind="official"``.

    ``text`` is the summary (Kremlin items have one) then the body, with each
    transcript turn on its own line (see :func:`restore_turn_breaks`), so turns
    by journalists or visiting leaders can be told from the Kremlin's own text.
    ``doc_id`` comes from the link: ``kremlin-68700``, ``pgu-76045``.
    ``date`` is the date part of the feed's timestamp as written: the ``Z``
    timestamps are the sites' local times (they equal the Kyiv times printed in
    zelensky-speeches-2022), so no time-zone shift is applied. The Kremlin's
    ``location`` becomes ``dateline``. ``sources`` picks the halves
    (``"kremlin"``, ``"kyiv"``).
    """
    sources = [sources] if isinstance(sources, str) else list(sources)
    for s in sources:
        if s not in _PRESS:
            raise unknown_value("Source", s, list(_PRESS), "Pass sources=('kremlin',), ('kyiv',) or both.")
    ds = get_dataset(name, registry)
    root = _ready(ds, data_dir, [ds.file(_PRESS[s]["file"]) for s in sources], verify)
    rows: list[dict] = []
    bad_dates = 0
    for s in sources:
        cfg = _PRESS[s]
        cols = ["link", "headline", "date", "body"] + (["location", "summary"] if s == "kremlin" else [])
        df = _read_csv(root / cfg["file"], cols, ds)
        ids = _link_ids(df["link"], cfg["prefix"], cfg["id_re"])
        summaries = df["summary"] if "summary" in df else pd.Series([""] * len(df))
        locations = df["location"] if "location" in df else pd.Series([""] * len(df))
        for i, (doc_id, link, head, date, body, summ, loc) in enumerate(
                zip(ids, df["link"], df["headline"], df["date"], df["body"], summaries, locations), 1):
            raw = "\n\n".join(p for p in (summ.strip(), body) if p.strip())
            iso = _iso_date_prefix(date)
            bad_dates += not iso
            rows.append({
                "doc_id": doc_id, "path": f"{ds.name}/{cfg['file']}", "title": head.strip(),
                "text": restore_turn_breaks(clean_whitespace(raw)), "raw_text": raw,
                "dateline": "" if loc.strip() in ("", "NA") else loc.strip(), "date": iso,
                "source_title": head.strip(), "source_url": link.strip(), "outlet": cfg["outlet"], "author": "",
                "language": "en", "license": ds.license,
                "provenance": _provenance(ds, cfg["file"], f"record {i}"),
                "doc_kind": "official", "doc_actor": cfg["actor"], "doc_speaker": cfg["speaker"]})
    if bad_dates:
        _warn(f"{bad_dates} of {len(rows)} {ds.name} items had no ISO date; kept with date=''.")
    out = _documents(rows)
    out["doc_id"] = _unique_ids(out["doc_id"].tolist())
    return out.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)


def load_zelensky_speeches(data_dir: str | Path | None = None, *, verify: bool = True,
                           registry: str | Path | Mapping | None = None,
                           name: str = "zelensky-speeches-2022") -> pd.DataFrame:
    """Documents of zelensky-speeches-2022: Zelenskyy's addresses → ``ukraine``,
    speaker "Volodymyr Zelenskyy", ``doc_kind="official"``; the date
    ``"24 July 2022 - 22:02"`` (Kyiv time) becomes ``"2022-07-24"``; ``doc_id``
    ``pgu-<number>`` from the URL, as in the Kyiv half of kremlin-kyiv-press."""
    ds = get_dataset(name, registry)
    f = ds.files[0]
    root = _ready(ds, data_dir, [f], verify)
    df = _read_csv(root / f.path, ["url", "date", "title", "text"], ds)
    ids = _link_ids(df["url"], "pgu", _PRESS["kyiv"]["id_re"])
    rows, bad_dates = [], 0
    for i, (doc_id, url, date, title, text) in enumerate(zip(ids, df["url"], df["date"], df["title"], df["text"]), 1):
        iso = parse_pgu_date(date)
        bad_dates += not iso
        rows.append({
            "doc_id": doc_id, "path": f"{ds.name}/{f.path}", "title": title.strip(),
            "text": clean_whitespace(text), "raw_text": text, "dateline": "", "date": iso,
            "source_title": title.strip(), "source_url": url.strip(),
            "outlet": "Office of the President of Ukraine (president.gov.ua)", "author": "",
            "language": "en", "license": ds.license, "provenance": _provenance(ds, f.path, f"record {i}"),
            "doc_kind": "official", "doc_actor": "ukraine", "doc_speaker": "Volodymyr Zelenskyy"})
    if bad_dates:
        _warn(f"{bad_dates} of {len(rows)} speeches had a date not like '24 July 2022 - 22:02'; "
              "kept with date=''.")
    out = _documents(rows)
    out["doc_id"] = _unique_ids(out["doc_id"].tolist())
    return out.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)


def dedupe_by_url(docs: pd.DataFrame, column: str = "source_url") -> pd.DataFrame:
    """Drop documents whose URL (normalised, see :func:`normalize_url`) repeats an
    earlier row's; keeps the first, warns with the count, and records it in
    ``result.attrs["duplicates_removed"]``. Rows without a URL are all kept."""
    require_columns(docs, [column], "documents table")
    keys = docs[column].map(normalize_url)
    dup = keys.duplicated(keep="first") & keys.ne("")
    out = docs.loc[~dup].reset_index(drop=True)
    n = int(dup.sum())
    if n:
        _warn(f"{n} of {len(docs)} documents repeat an earlier document's URL and were removed "
              f"(kept the first copy); {len(out)} remain.")
    out.attrs["duplicates_removed"] = n
    return out


def load_ukraine_official(data_dir: str | Path | None = None, *, verify: bool = True,
                          registry: str | Path | Mapping | None = None) -> pd.DataFrame:
    """All president.gov.ua documents: zelensky-speeches-2022 plus the Kyiv half of
    kremlin-kyiv-press-2021-2022, deduplicated by URL. Where both hold an item the
    speeches copy is kept (its speaker is Zelenskyy himself, not the Office).
    The number removed is warned and kept in ``attrs["duplicates_removed"]``."""
    speeches = load_zelensky_speeches(data_dir, verify=verify, registry=registry)
    press = load_kremlin_kyiv(data_dir, sources=("kyiv",), verify=verify, registry=registry)
    both = pd.concat([speeches, press], ignore_index=True)
    out = dedupe_by_url(both)
    n = out.attrs["duplicates_removed"]
    out = out.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)
    out.attrs["duplicates_removed"] = n
    return out


# ---------------------------------------------------------------------------
# UN General Debate Corpus
# ---------------------------------------------------------------------------

UNGDC_EXTRA_COLUMNS = ["country_code", "country", "session", "year", "speaker_post"]
_UNGDC_FILE = re.compile(r"TXT/Session (\d+) - (\d{4})/([A-Z]{2,3})_(\d+)_(\d{4})\.txt$")
_UNGDC_SPEAKERS = "data/data_original/Speakers_by_session.xlsx"
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mme|Mister)\.?\s+")


@dataclass(frozen=True)
class UngdcActors:
    """ISO3 code → actor group, and what to do with codes not listed."""

    codes: dict[str, str]
    unmapped: str = "skip"  # or "unattributed"
    source: str = "<dict>"


def load_ungdc_actors(actors_map: str | Path | Mapping | None = None) -> UngdcActors:
    """Read the UNGDC country → actor mapping (default: corpora/ungdc-actors.yaml).

    A file or dict shaped ``{actors: {group: [ISO3, …]}, unmapped: skip|unattributed}``;
    a plain ``{group: [ISO3, …]}`` or ``{ISO3: group}`` dict also works.
    """
    source = "<dict>"
    if actors_map is None or isinstance(actors_map, (str, Path)):
        path = bundled("ungdc-actors.yaml") if actors_map is None else Path(actors_map)
        if not path.is_file():
            raise StancemapError(f"UNGDC actor map {str(path)!r} does not exist. Pass a YAML file shaped like "
                                 "corpora/ungdc-actors.yaml, a dict such as {'us': ['USA']}, or nothing for "
                                 "the default.")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            raise StancemapError(f"UNGDC actor map {str(path)!r} is not valid YAML: {e}") from None
        source = str(path)
    elif isinstance(actors_map, Mapping):
        data = dict(actors_map)
    else:
        raise StancemapError(f"actors_map must be a path or a dict, not {type(actors_map).__name__}.")
    if not isinstance(data, dict):
        raise StancemapError(f"{source}: expected a mapping with an 'actors:' key.")
    unmapped = str(data.get("unmapped", "skip"))
    groups = data.get("actors", data if "actors" not in data else None)
    if not isinstance(groups, dict) or not groups:
        raise StancemapError(f"{source}: 'actors:' must map actor groups to lists of ISO3 codes, e.g. us: [USA].")
    codes: dict[str, str] = {}
    for key, value in groups.items():
        if key == "unmapped":
            continue
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2,3}", str(key)) and "actors" not in data:
            pairs = [(str(key).upper(), value)]          # {ISO3: group}
        elif isinstance(value, (list, tuple)):
            pairs = [(str(c).upper(), str(key)) for c in value]
        else:
            raise StancemapError(f"{source}: group {key!r} must list ISO3 codes, e.g. {key}: [USA], not {value!r}.")
        for code, group in pairs:
            if group == UNATTRIBUTED:
                raise StancemapError(f"{source}: {UNATTRIBUTED!r} is not a group; leave code {code} out instead.")
            if code in codes and codes[code] != group:
                raise StancemapError(f"{source}: code {code} is mapped to both {codes[code]!r} and {group!r}. "
                                     "Keep it under one group.")
            codes[code] = group
    if unmapped not in ("skip", "unattributed"):
        raise unknown_value(f"{source}: 'unmapped' policy", unmapped, ["skip", "unattributed"])
    return UngdcActors(codes, unmapped, source)


def _ungdc_files(ds: Dataset) -> pd.DataFrame:
    rows = []
    for f in ds.files:
        m = _UNGDC_FILE.search(f.path)
        if m:
            rows.append({"file": f, "code": m.group(3), "session": int(m.group(4)), "year": int(m.group(5))})
    return pd.DataFrame(rows, columns=["file", "code", "session", "year"])


@functools.lru_cache(maxsize=4)
def _speakers_cached(path: str, mtime: int, size: int) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=0, engine="openpyxl", dtype={"ISO Code": str})


def ungdc_speakers(path: str | Path, code_fixes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Speakers_by_session.xlsx as a tidy table: code, session, year, country,
    speaker (honorific "Mr."/"Mrs."/"Ms." removed), post. ``code_fixes`` corrects
    mistyped codes (xlsx code → file code)."""
    p = Path(path)
    st = p.stat()
    raw = _speakers_cached(str(p.resolve()), st.st_mtime_ns, st.st_size)
    require_columns(raw, ["Year", "Session", "ISO Code", "Country", "Name of Person Speaking", "Post"],
                    f"speaker table {p.name}", "Re-fetch the dataset: the file differs from the registry's.")
    fixes = {str(k): str(v) for k, v in (code_fixes or {}).items()}
    strip = lambda s: s.fillna("").astype(str).str.replace(r"\s+", " ", regex=True).str.strip()  # noqa: E731
    code = strip(raw["ISO Code"])
    out = pd.DataFrame({
        "code": code.map(lambda c: fixes.get(c, c)),
        "session": pd.to_numeric(raw["Session"], errors="coerce").astype("Int64"),
        "year": pd.to_numeric(raw["Year"], errors="coerce").astype("Int64"),
        "country": strip(raw["Country"]),
        "speaker": strip(raw["Name of Person Speaking"]).str.replace(_HONORIFIC, "", regex=True),
        "post": strip(raw["Post"]),
    })
    return out


def load_ungdc(data_dir: str | Path | None = None, *, actors_map: str | Path | Mapping | None = None,
               countries: Iterable[str] | None = None, all_countries: bool = False,
               years: Iterable[int] | None = None, verify: bool = True,
               registry: str | Path | Mapping | None = None, name: str = "ungdc-2014-2024") -> pd.DataFrame:
    """Documents of the UN General Debate Corpus 2014–2024 (Baturo, Dasandi &
    Mikhaylov 2017; Jankin, Baturo & Dasandi): one speech per row, ``doc_kind="official"``.

    - ``doc_actor`` from the country code through ``actors_map`` (default
      corpora/ungdc-actors.yaml: USA → us, RUS → russia, UKR → ukraine, the EU and
      DEU/FRA/GBR/ITA/ESP/POL → europe). By default only mapped countries are
      loaded; ``all_countries=True`` keeps the rest as ``unattributed``;
      ``countries=["CHN", …]`` loads exactly those (unmapped → ``unattributed``).
    - ``doc_speaker`` and ``speaker_post`` from Speakers_by_session.xlsx, matched
      on code, session and year (speeches without a row are warned about).
    - ``date`` is the opening day of that year's general debate (from the
      registry; approximate: the debate lasts about a week).
    - ``text`` has the PDF line wrapping undone (:func:`unwrap_lines`).
    Extra columns: country_code, country, session, year, speaker_post.
    """
    ds = get_dataset(name, registry)
    amap = load_ungdc_actors(actors_map)
    opts = ds.options
    index = _ungdc_files(ds)
    if index.empty:
        raise StancemapError(f"Dataset {ds.name!r} lists no files named like "
                             "'TXT/Session NN - YYYY/ISO_NN_YYYY.txt'; is this the UNGDC?")
    available = sorted(index["code"].unique())
    if years is not None:
        years = [int(y) for y in ([years] if isinstance(years, (int, str)) else years)]
        valid_years = sorted(index["year"].unique())
        for y in years:
            if y not in valid_years:
                raise unknown_value("Year", str(y), [str(v) for v in valid_years])
        index = index[index["year"].isin(years)]
    if countries is not None:
        countries = [str(c).upper() for c in ([countries] if isinstance(countries, str) else countries)]
        for c in countries:
            if c not in available:
                raise unknown_value("Country code", c, available,
                                    "Codes are ISO 3166-1 alpha-3 as in the file names (EU for the European Union).")
        index = index[index["code"].isin(countries)]
    elif not (all_countries or amap.unmapped == "unattributed"):
        index = index[index["code"].isin(list(amap.codes))]
    index = index.sort_values(["year", "code"], kind="stable")
    speakers_file = ds.file(_UNGDC_SPEAKERS)
    root = _ready(ds, data_dir, [speakers_file, *index["file"]], verify)
    speakers = ungdc_speakers(root / speakers_file.path, opts.get("speaker_code_fixes"))
    # a stable country name per code: the most frequent spelling in these sessions, ties → the latest
    span = speakers[speakers["year"].between(int(index["year"].min() if len(index) else 0),
                                             int(index["year"].max() if len(index) else 0))]
    names = (span.groupby(["code", "country"]).agg(n=("year", "size"), last=("year", "max")).reset_index()
             .sort_values(["code", "n", "last"], ascending=[True, False, False]).drop_duplicates("code")
             .set_index("code")["country"].to_dict())
    first = speakers.drop_duplicates(["code", "session", "year"])
    by_key = {(c, int(s), int(y)): (sp, po) for c, s, y, sp, po in zip(
        first["code"], first["session"].fillna(-1), first["year"].fillna(-1), first["speaker"], first["post"])}
    dates = {int(k): str(v) for k, v in (opts.get("debate_dates") or {}).items()}
    rows, unmatched, undated = [], [], set()
    for f, code, session, year in index.itertuples(index=False, name=None):
        raw = (root / f.path).read_text(encoding="utf-8")
        key = (code, session, year)
        if key in by_key:
            speaker, post = by_key[key]
        else:
            speaker = post = ""
            unmatched.append(f"{code} {year}")
        country = names.get(code, code)
        date = dates.get(year, "")
        if not date:
            undated.add(year)
        rows.append({
            "doc_id": f"ungdc-{code}_{session}_{year}", "path": f"{ds.name}/{f.path}",
            "title": f"UN General Debate {year}: {country}", "text": clean_whitespace(unwrap_lines(raw)),
            "raw_text": raw, "dateline": "New York", "date": date,
            "source_title": f"UN General Debate Corpus, session {session} ({year})", "source_url": f.url,
            "outlet": "United Nations General Assembly (UN General Debate Corpus)", "author": "",
            "language": "en", "license": ds.license,
            "provenance": _provenance(ds, f.path, "speaker from Speakers_by_session.xlsx; date = opening day "
                                                  f"of the {year} general debate (approximate)"),
            "doc_kind": "official", "doc_actor": amap.codes.get(code, UNATTRIBUTED), "doc_speaker": speaker,
            "country_code": code, "country": country, "session": session, "year": year, "speaker_post": post})
    if unmatched:
        _warn(f"{len(unmatched)} of {len(rows)} UNGDC speeches have no row in Speakers_by_session.xlsx "
              f"({', '.join(unmatched[:5])}{', …' if len(unmatched) > 5 else ''}); kept with doc_speaker=''.")
    if undated:
        _warn(f"No general-debate date in the registry for {sorted(undated)}; those rows have date=''. "
              "Add them under options.debate_dates in the registry.")
    n_un = sum(r["doc_actor"] == UNATTRIBUTED for r in rows)
    if n_un:
        _warn(f"{n_un} of {len(rows)} UNGDC speeches are from countries not in the actor map "
              f"({amap.source}); kept as doc_actor='{UNATTRIBUTED}'.")
    out = _documents(rows, UNGDC_EXTRA_COLUMNS)
    out["session"] = out["session"].astype("int64")
    out["year"] = out["year"].astype("int64")
    out["country_code"] = out["country_code"].astype(str)
    out.attrs["unmatched_speakers"] = len(unmatched)
    return out


# ---------------------------------------------------------------------------
# One entry point
# ---------------------------------------------------------------------------

LOADERS = {"load_kremlin_kyiv": load_kremlin_kyiv, "load_zelensky_speeches": load_zelensky_speeches,
           "load_ungdc": load_ungdc}


def load_dataset(name: str, data_dir: str | Path | None = None, *,
                 registry: str | Path | Mapping | None = None, **opts) -> pd.DataFrame:
    """Load dataset ``name`` from the data directory into the documents table.

    No network: a missing file raises a StancemapError with the fetch command.
    ``opts`` go to the dataset's loader (e.g. ``countries=``, ``actors_map=``,
    ``all_countries=``, ``years=`` for the UNGDC; ``sources=`` for
    kremlin-kyiv-press; ``verify=False`` skips the sha256 check).
    """
    ds = get_dataset(name, registry)
    loader = LOADERS.get(ds.loader)
    if loader is None:
        where = dataset_path(name, data_dir, registry)
        raise StancemapError(f"Dataset {ds.name!r} has no loader (registry says {ds.loader!r}; known: "
                             f"{', '.join(LOADERS)}). Fetch it and read its files from {where}.")
    params = inspect.signature(loader).parameters
    valid = [p for p in params if p not in ("data_dir", "registry", "name")]
    for k in opts:
        if k not in valid:
            raise unknown_value(f"Option for {ds.name!r}", k, valid)
    return loader(data_dir, registry=registry, name=ds.name, **opts)

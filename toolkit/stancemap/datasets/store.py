"""The data directory: where each dataset's files live, their sha256 checks, fetch, verify, list, info.

Only :func:`fetch` touches the network.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from ..atomic import replace_file
from ..errors import StancemapError
from ..paths import DATA_ENV
from ..paths import data_dir as data_dir_policy
from .registry import DataFile, Dataset, get_dataset, load_registry

USER_AGENT = "stancemap-datasets-fetch (python urllib)"


# ---------------------------------------------------------------------------
# Data directory, hashes, fetch
# ---------------------------------------------------------------------------

def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    """The data directory: ``data_dir``, else ``$STANCEMAP_DATA``, else the user cache
    (:func:`stancemap.paths.data_dir` without the checkout's shared copy)."""
    return data_dir_policy(data_dir, checkout=False)


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


def registered_files(paths: Iterable[str | Path], registry=None) -> list[tuple[str, str, str]]:
    """``(path, dataset, file)`` for each of ``paths`` that is, byte for byte, a file of a dataset
    in the registry: the size first (files whose size the registry gives), then the sha256."""
    sized: dict[int, list[tuple[str, DataFile]]] = {}
    for ds in load_registry(registry).values():
        for f in ds.files:
            if f.size:
                sized.setdefault(f.size, []).append((ds.name, f))
    out = []
    for path in dict.fromkeys(str(p) for p in paths):
        try:
            candidates = sized.get(os.stat(path).st_size, [])
        except OSError:
            continue
        digest = sha256_file(path) if candidates else ""
        out.extend((path, name, f.path) for name, f in candidates if f.sha256 == digest)
    return out


def fetch_command(name: str) -> str:
    return f"stancemap datasets fetch {name}"


def check_files(ds: Dataset, root: Path, files: Iterable[DataFile], verify: bool = True) -> list[DataFile]:
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
            f"Delete it and fetch it again: rm {str(p)!r} && {fetch_command(ds.name)}")
    return missing


def missing_error(ds: Dataset, root: Path, missing: list[DataFile]) -> StancemapError:
    total = len(ds.files)
    where = ("does not exist" if not root.exists()
             else f"lacks {len(missing)} of {total} file(s), e.g. {missing[0].path!r}")
    return StancemapError(
        f"Dataset {ds.name!r} is not available offline: {str(root)!r} {where}. Download it with "
        f"`{fetch_command(ds.name)}` (needs internet; files are checked against their sha256), or set "
        f"{DATA_ENV} to a folder that already holds <dataset>/<files>, e.g. {DATA_ENV}=../shared/datasets.")


def download_file(url: str, dest: Path, sha256: str, timeout: float = 60.0) -> None:
    """Download ``url`` to ``dest`` via a temporary file (:func:`stancemap.atomic.replace_file`),
    keeping it only if its sha256 matches."""
    import urllib.error  # here, not at import: only a download needs them (15 ms)
    import urllib.request

    h = hashlib.sha256()
    with replace_file(dest) as tmp, open(tmp, "wb") as out:
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
    missing = check_files(ds, root, ds.files)
    if not missing:
        return root
    if not download:
        raise missing_error(ds, root, missing)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(missing), desc=f"fetch {ds.name}", unit="file")

    def one(f: DataFile) -> None:
        download_file(f.url, root / f.path, f.sha256)
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


def require_files(ds: Dataset, data_dir, files: Iterable[DataFile], verify: bool) -> Path:
    """The dataset's folder, once ``files`` are present (and, with ``verify``, unchanged);
    else the StancemapError that says how to fetch them."""
    root = resolve_data_dir(data_dir) / ds.name
    missing = check_files(ds, root, files, verify=verify)
    if missing:
        raise missing_error(ds, root, missing)
    return root


# ---------------------------------------------------------------------------
# Describing datasets
# ---------------------------------------------------------------------------

def list_datasets(data_dir: str | Path | None = None, *, registry: str | Path | Mapping | None = None,
                  verify: bool = False) -> pd.DataFrame:
    """One row per dataset: name, description, licence, files, upstream, and whether
    its files are present in the data directory (``complete`` / ``partial`` /
    ``missing``; presence only — :func:`fetch` checks the hashes). With ``verify``
    a last column ``verified`` says ``ok`` (every file present and matching its
    sha256), ``changed: N file(s)`` or ``not complete`` (reads every file)."""
    root = resolve_data_dir(data_dir)
    rows = []
    for ds in sorted(load_registry(registry).values(), key=lambda d: d.name):
        present = sum((root / ds.name / f.path).is_file() for f in ds.files)
        local = "complete" if present == len(ds.files) else ("missing" if present == 0 else "partial")
        row = {"name": ds.name, "description": ds.description, "license": ds.license,
               "files": len(ds.files), "upstream": f"{ds.repo}@{ds.commit[:7]}", "local": local,
               "path": str(root / ds.name)}
        if verify:
            if local != "complete":
                row["verified"] = "not complete"
            else:
                changed = sum(sha256_file(root / ds.name / f.path) != f.sha256 for f in ds.files)
                row["verified"] = "ok" if not changed else f"changed: {changed} file(s)"
        rows.append(row)
    cols = ["name", "description", "license", "files", "upstream", "local", "path"] + (["verified"] if verify else [])
    return pd.DataFrame(rows, columns=cols)


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


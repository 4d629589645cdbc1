"""The dataset registry (``corpora/datasets.yaml``): what each dataset is and where its files come from."""
from __future__ import annotations

import functools
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


from ..configcheck import check_dataset_registry
from ..errors import StancemapError, unknown_value
from ..paths import bundled

RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


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
    #: The exact attribution line the licence asks for, shown with every use (in ``provenance``).
    credit: str = ""

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
            options=dict(spec.get("options") or {}), source=source,
            credit=" ".join(str(spec.get("credit", "")).split()))
    return out


@functools.lru_cache(maxsize=8)
def _registry_cached(path: str, mtime: int, size: int) -> dict[str, Dataset]:
    p = Path(path)
    data = check_dataset_registry(p)  # unknown keys and wrong types: errors with file, line and fix
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


"""Write files and folders whole: a reader sees the old output or the new one, never half of one.

Every file the package writes goes through :func:`replace_file`: it is written under a
hidden temporary name in the same folder and renamed into place when complete
(``os.replace``, atomic within a file system), so a run stopped by Ctrl-C, a crash or
a full disk leaves the earlier file — or none — and never a truncated table that
pandas reads without complaint. A folder written as a whole (a report) is built in a
temporary sibling by :func:`replace_folder` and swapped in at the end, so files of two
runs are never presented as one. :func:`check_output_file` and
:func:`check_output_folder` say before any work starts when an output cannot be written.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import StancemapError
from .interface import option

#: Part of every temporary name this module makes (a leftover from a killed run carries it).
TMP_MARK = ".stancemap-tmp-"


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once: setting it is process-wide, so not done while threads write


def _mode_for(path: Path, default: int) -> int:
    """The mode a new file or folder at ``path`` gets: that of the one it replaces, else
    ``default`` less the umask (``mkstemp``/``mkdtemp`` would leave it private)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return default & ~_UMASK


def _tmp_prefix(path: Path) -> str:
    return f".{path.stem}{TMP_MARK}"


@contextlib.contextmanager
def replace_file(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` (same extension); when the ``with`` block
    ends without an exception the file is renamed to ``path``, else it is deleted.

    >>> with replace_file("out/table.csv") as tmp:           # doctest: +SKIP
    ...     df.to_csv(tmp, index=False)
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=_tmp_prefix(path), suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, _mode_for(path, 0o666))
        yield tmp
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole (:func:`replace_file`); returns the path."""
    path = Path(path)
    with replace_file(path) as tmp:
        tmp.write_bytes(data)
    return path


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` whole (:func:`replace_file`); returns the path."""
    return write_bytes(path, text.encode(encoding))


def _swap(new: Path, target: Path) -> None:
    """Put folder ``new`` at ``target``; an existing ``target`` is moved aside first and removed after."""
    if not target.exists():
        os.replace(new, target)
        return
    old = target.with_name(f".{target.name}{TMP_MARK}old-{uuid.uuid4().hex[:8]}")
    os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def replace_folder(path: str | os.PathLike) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``path``; when the ``with`` block ends without
    an exception it replaces ``path`` as a whole (nothing of an older ``path`` is kept),
    else it is deleted and ``path`` is left as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=_tmp_prefix(path), dir=path.parent))
    try:
        os.chmod(tmp, _mode_for(path, 0o777))
        yield tmp
        _swap(tmp, path)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


# -- checks before any work --------------------------------------------------------

def _where(name: str, value: object = None) -> str:
    """The argument as the user types it (``--out x`` / ``out='x'``); a name that is not an identifier as is."""
    if not name.isidentifier():
        return name if value is None else f"{name} {value}"
    return option(name, value)


def _cannot(name: str, path: Path, why: str, fix: str) -> StancemapError:
    return StancemapError(f"Cannot write {_where(name)} {str(path)!r}: {why}. {fix}")


def _check_folder_writable(name: str, target: Path, folder: Path) -> None:
    """``folder`` (an existing ancestor of ``target``, or its parent) must be a folder we can create files in."""
    probe = folder
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        raise _cannot(name, target, f"{str(probe)!r} is a file, so the folder {str(folder)!r} cannot be created",
                      f"Choose another {_where(name)}, or rename that file.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".stancemap-probe{TMP_MARK}", dir=probe)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise _cannot(name, target, f"the folder {str(probe)!r} is not writable ({why})",
                      f"Choose a folder you can write to for {_where(name)}.") from None
    os.close(fd)
    os.unlink(tmp)


def check_output_file(path: str | os.PathLike, name: str = "out", *,
                      suffixes: Iterable[str] | None = None, example: str = "out.csv") -> Path:
    """Check, before any work, that a file can be written at ``path`` (its folder may not exist
    yet). ``name``: the argument (``"out"`` → ``--out`` on the command line, ``out=`` in
    Python). ``suffixes``: the valid extensions. Returns the path."""
    p = Path(path)
    if str(path).endswith(("/", os.sep)) or p.is_dir():
        raise _cannot(name, p, "it is a folder, and a file is needed",
                      f"Name a file, e.g. {_where(name, str(p / example))}.")
    if suffixes is not None:
        valid = tuple(suffixes)
        if p.suffix.lower() not in valid:
            raise _cannot(name, p, f"unknown format {p.suffix or '(none)'!r} (the extension); valid: {', '.join(valid)}",
                          f"Name it e.g. {p.with_suffix(valid[0]).name}.")
    _check_folder_writable(name, p, p.parent)
    return p


def check_output_folder(path: str | os.PathLike, name: str = "out_dir", *, whole: bool = True,
                        replaceable: Callable[[Path], bool] | None = None, what: str = "output") -> Path:
    """Check, before any work, that folder ``path`` can be written: it is not a file and it (or
    the nearest folder above it) can be written. ``whole=True`` (:func:`replace_folder`): an
    existing ``path`` must be empty or ``replaceable(path)`` (say, an older report: it is
    replaced, and nothing else may be lost); ``whole=False``: files are written into it."""
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise _cannot(name, p, "it is a file, and a folder is needed",
                      f"Name a new folder, e.g. {_where(name, str(p.with_suffix('')) + '-' + what)}.")
    if not whole:
        _check_folder_writable(name, p, p)
        return p
    if p.is_dir():
        here = Path.cwd().resolve()
        if p.resolve() == here or p.resolve() in here.parents:
            raise _cannot(name, p, f"it is the current folder or holds it, and the {what} replaces the whole folder",
                          "Name a new folder inside it instead.")
        entries = sorted(e.name for e in p.iterdir())
        if entries and not (replaceable and replaceable(p)):
            shown = ", ".join(entries[:5]) + (f" and {len(entries) - 5} more" if len(entries) > 5 else "")
            raise _cannot(name, p, f"it holds files that are not an earlier {what} ({shown}), and the {what} "
                                   "replaces the whole folder", "Name a new or empty folder.")
    _check_folder_writable(name, p, p.parent)
    return p


__all__ = ["TMP_MARK", "check_output_file", "check_output_folder", "replace_file", "replace_folder",
           "write_bytes", "write_text"]

"""Which interface the user is in — Python or the command line — so a fix names what they type.

The command line sets it for the length of a command (:func:`using`); a function that
phrases a fix calls :func:`option`: ``option("text_column", "body")`` is
``text_column='body'`` in Python and ``--text-column body`` in the shell.
"""
from __future__ import annotations

import contextlib
import shlex
from collections.abc import Iterator
from contextvars import ContextVar

INTERFACES = ("python", "cli")

_CURRENT: ContextVar[str] = ContextVar("stancemap_interface", default="python")

#: Python argument → command-line flag, where the flag is not ``--`` + the name with dashes.
FLAGS = {"out_dir": "--out", "path": "--out"}

#: A placeholder value, shown as is in both interfaces.
ANY = "…"

#: The command line's default ``--formats`` (figure formats).
DEFAULT_FORMATS = "html,png"


def current() -> str:
    """"python" (the default) or "cli" (inside :func:`using("cli") <using>`)."""
    return _CURRENT.get()


@contextlib.contextmanager
def using(interface: str) -> Iterator[None]:
    """Phrase fixes for ``interface`` ("python" or "cli") inside the ``with`` block."""
    if interface not in INTERFACES:
        raise ValueError(f"interface must be one of {INTERFACES}, not {interface!r}")
    token = _CURRENT.set(interface)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def option(name: str, value: object = None) -> str:
    """How the user passes argument ``name`` (with ``value``) in the current interface:
    ``text_column='body'`` in Python, ``--text-column body`` on the command line."""
    if current() == "cli":
        flag = FLAGS.get(name, "--" + name.replace("_", "-"))
        if value is None:
            return flag
        return f"{flag} {value if value == ANY else shlex.quote(str(value))}"
    if value is None:
        return name
    return f"{name}={value!r}"


__all__ = ["ANY", "FLAGS", "INTERFACES", "current", "option", "using"]

"""The ``stancemap`` command line. ``stancemap --help`` lists the commands;
``stancemap COMMAND --help`` is the reference for each.

Each command lives in its own module under ``stancemap.commands`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a function
taking the parsed arguments and returning an exit code. Options several commands
share are defined once, in ``stancemap.commands.options``.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import warnings

from . import __version__, commands
from .errors import StancemapError
from .interface import DEFAULT_FORMATS, using


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        allow_abbrev=False,
        prog="stancemap",
        description="Compare what political actors say: extract who said what from articles, "
                    "score framing and stance, and plot the differences between actors.")
    parser.add_argument("--version", action="version", version=f"stancemap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(module, "register"):  # options, docs: helpers, not commands
            module.register(sub)
    for p in walk_parsers(parser):  # argparse reads allow_abbrev when parsing: --actor is never --actors
        p.allow_abbrev = False
    return parser


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The sub-parsers of ``parser`` by name (empty when it has none)."""
    for action in parser._actions:  # noqa: SLF001 - argparse keeps sub-parsers on their action's choices
        if isinstance(getattr(action, "choices", None), dict) and all(
                isinstance(p, argparse.ArgumentParser) for p in action.choices.values()):
            return dict(action.choices)
    return {}


def walk_parsers(parser: argparse.ArgumentParser):
    """``parser`` and every sub-parser under it, depth first in the order they were added."""
    yield parser
    for _, sub in subcommands(parser).items():
        yield from walk_parsers(sub)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    print(f"warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code: 0 done, 2 a problem explained in one line on
    stderr (``error: …``), 130 interrupted (Ctrl-C), with one line saying what was left."""
    args = None
    early = _start_images_early(sys.argv[1:] if argv is None else list(argv))
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        warnings.showwarning = _show_warning
        with using("cli"):
            return int(args.func(args) or 0)
    except StancemapError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"Interrupted; {_outputs(args)}", file=sys.stderr)
        return 130
    except OSError as e:  # a disk that fills up, a folder made read-only during the run
        where = f": {e.filename!r}" if e.filename else ""
        left = _outputs(args)
        print(f"error: {e.strerror or e}{where}. {left[0].upper()}{left[1:]}", file=sys.stderr)
        return 2
    finally:
        if early:
            from .imagebrowser import close_early

            close_early()


def _start_images_early(argv: list[str]) -> bool:
    """``stancemap report`` with images (a ``--formats`` other than html; html,png by default):
    start Chrome before anything else (:func:`stancemap.imagebrowser.start_early`), so that it
    starts while pandas and the pipeline are imported rather than after. True if it started."""
    if not argv or argv[0] != "report" or "-h" in argv or "--help" in argv:
        return False
    formats = DEFAULT_FORMATS
    for i, a in enumerate(argv):  # the last --formats wins, as in argparse
        if a == "--formats" and i + 1 < len(argv):
            formats = argv[i + 1]
        elif a.startswith("--formats="):
            formats = a.split("=", 1)[1]
    if not {f.strip().lower() for f in formats.split(",") if f.strip()} - {"html"}:
        return False
    from .imagebrowser import start_early

    return start_early()


def _outputs(args) -> str:
    """What a stopped command left. Every file is written whole (``stancemap.atomic``); a command
    whose output is not (a model folder) says what it leaves with ``set_defaults(interrupted=...)``."""
    out = getattr(args, "out", None) or getattr(args, "output", None)
    note = getattr(args, "interrupted", None)
    if args is None:
        return "nothing was written."
    if note:
        return note.format(out=out)
    if out:
        return f"nothing was written to {out} (an earlier copy, if any, is unchanged)."
    return "no file was left half-written."


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

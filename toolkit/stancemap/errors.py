"""Errors that tell the user what was wrong, what is valid and how to fix it."""
from __future__ import annotations

import difflib
from collections.abc import Iterable


class StancemapError(ValueError):
    """A problem with the user's input, explained in plain words."""


class StancemapWarning(UserWarning):
    """Base class of every warning stancemap gives: filter them all with
    ``warnings.simplefilter("ignore", StancemapWarning)``."""


class LossyStepWarning(StancemapWarning):
    """A step kept, replaced or left out rows, and says how many ("3 of 41
    statements had no attributable speaker; kept as actor='unattributed'")."""


class SmallSampleWarning(StancemapWarning):
    """A group has too few statements for its share to be read with confidence."""


class ImageExportWarning(StancemapWarning):
    """PNG/SVG export was skipped (no Chrome/Chromium found); the HTML was written."""


def did_you_mean(value: str, valid: Iterable[str]) -> str:
    """Return " Did you mean 'x'?" for the closest valid value, or ""."""
    match = difflib.get_close_matches(str(value), [str(v) for v in valid], n=1, cutoff=0.6)
    return f" Did you mean {match[0]!r}?" if match else ""


def unknown_value(what: str, value: object, valid: Iterable[str], fix: str = "") -> StancemapError:
    """Build the error for a value that is not one of ``valid``.

    >>> str(unknown_value("Column", "actr", ["actor", "speaker"]))
    "Column 'actr' not found. Valid: actor, speaker. Did you mean 'actor'?"
    """
    valid = list(valid)
    msg = f"{what} {value!r} not found. Valid: {', '.join(map(str, valid)) or '(none)'}.{did_you_mean(str(value), valid)}"
    if fix:
        msg += f" {fix}"
    return StancemapError(msg)

"""Transcript turns under their first name: the label grammar lives in :mod:`stancemap.extract.turns`
(re-exports)."""
from .extract.turns import Turn, find_turns, resolve_label, role_of, speech_spans, stage_directions

__all__ = ["Turn", "find_turns", "resolve_label", "role_of", "speech_spans", "stage_directions"]

"""The values the extraction stages hand on: a speaker, a subject noun phrase, an attribution
(subject + cue + content, after Pareti's 2016 source–cue–content triples) and a statement row.
All are immutable: a later stage makes a new value. They are named tuples, not frozen
dataclasses, because the rules make tens of thousands of them and a named tuple is built
about four times faster."""
from __future__ import annotations

from typing import NamedTuple

from ..actors import Member

__all__ = ["Attribution", "Speaker", "Subject", "member_speaker", "row"]


class Speaker(NamedTuple):
    """Who speaks: an actor group and a name (a registry member, or kept ``unattributed``)."""
    actor: str
    name: str
    kind: str              # person | institution | group | generic | unknown
    resolved: bool = True  # False: a pronoun/title we could not resolve
    span: tuple[int, int] = (-1, -1)   # where the speaker is named (the subject, a pronoun, a label)


class Subject(NamedTuple):
    """A syntactic subject: what stands before (or after) the cue."""
    kind: str              # mention|pronoun|doc|office|role|generic|title|name|elided|coord|none
    start: int
    end: int
    text: str
    member: Member | None = None
    owner: "Subject | None" = None
    hint: str | None = None        # actor group of "the President of <X>"
    ptype: str = ""                # pronoun type: person|institution|group
    title: str = ""
    parts: tuple["Subject", ...] = ()   # coordinated subjects


class Attribution(NamedTuple):
    """One attribution: subject + cue + content span; speakers once resolved."""
    head: int              # position used for ordering and salience (subject start)
    subj: Subject | None
    cue: str
    cue_start: int
    cue_end: int
    kind: str              # direct | indirect | mixed | continuation
    start: int             # content span
    end: int
    rule: str = ""
    speakers: tuple[Speaker, ...] | list[Speaker] = ()
    confidence: float = 0.0


def member_speaker(m: Member) -> Speaker:
    """A registry member as a speaker."""
    return Speaker(m.actor, m.name, m.kind)


def row(start: int, end: int, sp: Speaker, cue: str, kind: str, ss: int, se: int, conf: float) -> tuple:
    """A statement row: (start, end, actor, speaker, cue, kind, sentence start, sentence end,
    confidence, speaker start, speaker end), spans in the document's text."""
    return (start, end, sp.actor, sp.name, cue, kind, ss, se, float(conf), *sp.span)

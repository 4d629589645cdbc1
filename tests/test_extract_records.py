"""Tests for stancemap.extract.records: the immutable values the stages hand on."""
from __future__ import annotations

import pytest

from stancemap.actors import Member
from stancemap.extract.records import Attribution, Speaker, Subject, member_speaker, row


def test_values_are_frozen():
    sp = Speaker("north", "Ada Quill", "person")
    with pytest.raises(AttributeError):
        sp.name = "Bram Oduya"
    subj = Subject("mention", 0, 5, "Quill")
    att = Attribution(0, subj, "said", 6, 10, "indirect", 11, 20)
    with pytest.raises(AttributeError):
        att.start = 3
    assert att._replace(start=3).start == 3 and att.start == 11 and att.speakers == ()


def test_row_order_and_member_speaker():
    m = Member(name="Ada Quill", actor="north", kind="person")
    sp = member_speaker(m)._replace(span=(0, 9))
    assert sp == Speaker("north", "Ada Quill", "person", True, (0, 9))
    assert row(10, 20, sp, "said", "direct", 0, 25, 0.95) == \
        (10, 20, "north", "Ada Quill", "said", "direct", 0, 25, 0.95, 0, 9)

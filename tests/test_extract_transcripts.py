"""Tests for stancemap.extract.transcripts: turns as statements (constructed transcripts, fictional people)."""
from __future__ import annotations

import pytest

from stancemap.actors import load_actors
from stancemap.extract.matchers import matchers_for
from stancemap.extract.transcripts import find_labels, preamble_end, turn_rows

TRANSCRIPT = ("Press conference in Eastport\n"
              "12:33 P.M.\n"
              "Ada Quill: Good morning. The harbour stays open.\n"
              "(Laughter.)\n"
              "Question (State Radio): Is Veldra preparing a new offensive?\n"
              "PRIME MINISTER ODUYA: Not that we know.\n"
              "Lena Voss: Thank you all.")


@pytest.fixture
def matchers(tiny_registry_yaml):
    return matchers_for(load_actors(tiny_registry_yaml))


def test_labels_speakers_and_kinds(matchers):
    labels = find_labels(TRANSCRIPT, matchers, None, single=False)
    assert [(lb.speaker.actor, lb.speaker.name, lb.kind, TRANSCRIPT[slice(*lb.speaker.span)]) for lb in labels] == [
        ("north", "Ada Quill", "direct", "Ada Quill"),
        ("unattributed", "State Radio", "question", "Question (State Radio)"),
        ("south", "Bram Oduya", "direct", "PRIME MINISTER ODUYA"),
        ("unattributed", "Lena Voss", "direct", "Lena Voss"),
    ]
    assert TRANSCRIPT[labels[0].body:].startswith("Good morning")


def test_preamble_ends_before_its_stage_directions(matchers):
    labels = find_labels(TRANSCRIPT, matchers, None, single=False)
    assert TRANSCRIPT[:preamble_end(TRANSCRIPT, labels)].rstrip() == "Press conference in Eastport"
    assert preamble_end("No turns here.", []) == len("No turns here.")


def test_turn_rows_leave_stage_directions_out(matchers):
    rows = turn_rows(TRANSCRIPT, find_labels(TRANSCRIPT, matchers, None, single=False))
    assert [(r[3], r[4], r[5], TRANSCRIPT[r[0]:r[1]]) for r in rows] == [
        ("Ada Quill", "turn", "direct", "Good morning."),
        ("Ada Quill", "turn", "direct", "The harbour stays open."),
        ("State Radio", "turn", "question", "Is Veldra preparing a new offensive?"),
        ("Bram Oduya", "turn", "direct", "Not that we know."),
        ("Lena Voss", "turn", "direct", "Thank you all."),
    ]


def test_a_turn_is_split_at_every_sentence(matchers):
    sentence = "The harbour of Eastport stays open to every ship that carries grain this winter. "
    text = "Ada Quill: " + sentence * 25
    rows = turn_rows(text, find_labels(text, matchers, None, single=False))
    assert len(rows) == 25 and all(text[r[0]:r[1]] == sentence.strip() for r in rows)
    assert all((r[6], r[7]) == (r[0], r[1]) for r in rows)


def test_a_fact_sheets_headings_are_no_turns(matchers):
    """Stop 53 (audit): "**THE PROSPEROUS PATH FORWARD:** President … continues …" in a White House fact sheet was a
    speaker's turn (27 sentences of three fact sheets under "LONG TERM RETURNS FOR BOTH COUNTRIES", "TARIFFS
    WORK" …). A fact sheet is never a transcript; the same lines elsewhere still are."""
    text = ("Ferries will run daily.\n\nTHE PROSPEROUS PATH FORWARD: The harbour opens.\n\n"
            "HARBOUR RETURNS FOR BOTH COUNTRIES: Trade grows.")
    assert find_labels(text, matchers, None, single=True, title="Fact Sheet: Northland and Southland Agree") == []
    assert len(find_labels(text, matchers, None, single=True, title="Harbour news")) == 2

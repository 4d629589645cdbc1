"""Tests for stancemap.extract.names: names out of title runs and transcript labels (fictional people)."""
from __future__ import annotations

import pytest

from stancemap.extract.names import after_place, label_name, person_name, remarks_authors, title_authors, title_key


@pytest.fixture
def resolve(tiny_registry_yaml):
    """A label resolver of the tiny registry, undated (what :func:`title_authors` is given)."""
    from stancemap.actors import load_actors
    from stancemap.extract.matchers import matchers_for

    m = matchers_for(load_actors(tiny_registry_yaml))
    return lambda label: m.resolve_label(label, None)


@pytest.mark.parametrize("run, expected", [
    ("Prime Minister of Northland Ada Quill", ("Ada Quill", "person")),
    ("Foreign Minister of Southland Bram Oduya", ("Bram Oduya", "person")),
    ("Minister of Trade of Eastport Lena Voss", ("Lena Voss", "person")),
    ("Envoy Eastport Lena Marie Voss", ("Lena Marie Voss", "person")),
    ("Lena  Voss", ("Lena Voss", "person")),
    ("Northland Ministry of Defence", ("Northland Ministry of Defence", "institution")),
    # a field, a region, a society or an institution's name before the holder is not a first name (bug:
    # "Societies Francesco Rocca", "Education Valery Falkov", "Rosatom Alexei Likhachev" in the Kremlin labels)
    ("Minister of Science and Higher Education Lena Voss", ("Lena Voss", "person")),
    ("Governor of Eastport Region Lena Voss", ("Lena Voss", "person")),
    ("President of the Northland Red Cross and Red Crescent Societies Lena Voss", ("Lena Voss", "person")),
    ("Director General of the Harbour Corporation Portatom Lena Voss", ("Lena Voss", "person")),
    ("Election Commission Chairperson Lena Voss", ("Lena Voss", "person")),
    # three-word names after a place stay whole
    ("President of Southland Ana Maria Voss", ("Ana Maria Voss", "person")),
    # a two-word place before a two-word name (bug, stop 42: "Africa Brett McGurk", a White House quote roundup's
    # "Coordinator for the Middle East and North Africa Brett McGurk:")
    ("Former Harbour Council Coordinator for the Middle East and North Eastport Lena Voss", ("Lena Voss", "person")),
])
def test_person_name(run, expected):
    assert person_name(run) == expected


@pytest.mark.parametrize("words, expected", [
    ("Eastport Lena Voss", "Lena Voss"), ("South Eastport Lena Voss", "Lena Voss"),
    ("Eastport Ana Maria Voss", "Ana Maria Voss"), ("South Eastport Lena", "Eastport Lena")])
def test_after_place_drops_a_one_or_two_word_place(words, expected):
    """The capitalised words after "of": the place, one word or two when the first opens a two-word place name
    ("South Africa"), then the name (bug, stop 42: "Africa Cyril Ramaphosa" in Kremlin readouts)."""
    assert " ".join(after_place(words.split())) == expected


def test_label_name_cuts_a_scraped_repeat_and_keeps_roles():
    assert label_name("Defence Minister Lena Voss Voss LenaDefence Minister") == "Lena Voss"
    assert label_name("Question") == "Question"
    assert label_name("Moderator of the Forum") == "Moderator of the Forum"
    assert label_name("President of Southland Bram Oduya") == "Bram Oduya"


def test_title_key():
    assert title_key("the Southland Head of  State") == "head of state"
    assert title_key("the Vice President") == "vice president"
    assert title_key("the chief") == "leader"


@pytest.mark.parametrize("title, expected", [
    ("Statement by President Quill on the River Treaty", ["Ada Quill"]),
    ("Statement from President Quill and Prime Minister Oduya on Ferries", ["Ada Quill", "Bram Oduya"]),
    ("Joint Statement by Press Secretary Lena Voss", ["Lena Voss"]),
    # stop 52: "Statement of …" as "by" (5 White House pages of Joe Biden's, a Zelenskyy–Rutte joint statement)
    ("Statement of President Quill on the River Treaty", ["Ada Quill"]),
    ("Joint Statement of President Quill and Prime Minister Oduya", ["Ada Quill", "Bram Oduya"]),
    ("Joint Statement of the Leaders of the Harbour Group on Ferries", []),
    ("Statement of Principles on Ferries", []),
    # stop 53: a verb in -ing after the name ends it ("Statement from President Joe Biden Welcoming Finland to
    # NATO" had given "Biden Welcoming Finland"; "… Jake Sullivan Announcing Support …", "… Congratulating Nobel
    # Peace Prize Winners" gave "Peace Prize Winners")
    ("Statement from President Quill Welcoming Southland to the Harbour Group", ["Ada Quill"]),
    ("Statement by Press Secretary Lena Voss Announcing Support for Ferry Crews", ["Lena Voss"]),
    ("Statement by President Quill Congratulating Harbour Prize Winners", ["Ada Quill"]),
    ("Statement from Secretary of Ports Tomas Brenn Commemorating Ten Years of Ferries", ["Tomas Brenn"]),
    # a readout is the publisher describing a meeting, not the person's words (attribution gold convention)
    ("Readout of Prime Minister Oduya’s Call with President Quill", []),
    ("Readout of Third Meeting of the Eastport Harbour Committee", []),
    ("Statement by the Leaders of the Harbour Group", []),
    ("Harbour talks in Eastport", []),
    # stop 51: a speech, address or greeting in the person's name (Kyiv's "Speech by President of Ukraine …",
    # "… - address by the President of Ukraine", "… - President Volodymyr Zelenskyy's address …")
    ("Speech by President Quill in the Harbour Parliament", ["Ada Quill"]),
    ("Ports will open - address by President Quill", ["Ada Quill"]),
    ("Stand firm: Address by President Quill", ["Ada Quill"]),
    ("Ports will open – the address of President Quill", ["Ada Quill"]),
    ("Ports will open - President Quill's address to the people of Southland", ["Ada Quill"]),
    ("Easter congratulations by President Quill", ["Ada Quill"]),
    # stop 53: a person's article, essay or open letter, and "…: President Quill's address to …" after a colon
    ("Article by President Quill \"Harbours of the Future\" for Harbour Radio", ["Ada Quill"]),
    ("Essay by Press Secretary Lena Voss for The Harbour Times", ["Lena Voss"]),
    ("An Open Letter to the Global Media by President Quill", ["Ada Quill"]),
    ("Letter to the Speaker of the Harbour Council on Ferries", []),
    ("Drive them out: President Quill's address to the residents of the ports", ["Ada Quill"]),
    ("President Quill addressed the Harbour Parliament", []),     # a report of the speech: the publisher's
    ("Interview of President Quill to Harbour Radio", []),
])
def test_title_authors(resolve, title, expected):
    """Issue #11: a page titled "Statement by <role> <Name>" speaks in that person's voice."""
    assert [name for _, name in title_authors(title, resolve)] == expected


def test_a_title_opening_with_a_role_word_still_gives_the_name():
    assert label_name("Speaker of the Eastport Council Lena Voss") == "Lena Voss"
    assert label_name("Audience member") == "Audience member"


@pytest.mark.parametrize("title, opening, expected", [
    # stop 53 (audit): Kyiv's evening addresses under a headline that ends with his name gave 305 sentences of
    # four addresses to the Office; a headline of the same form over a report of an interview stays the Office's
    ("Ports will open soon - President Ada Quill", "Southlanders! All our sailors! The day is over.", ["Ada Quill"]),
    ("Ports will open soon - President Ada Quill", "Good health to you! The long day is over.", ["Ada Quill"]),
    ("Ports will open soon - President Ada Quill", "Ports will open soon. This was stated by Ada Quill.", []),
    ("Ports will open soon - Harbour Radio", "Southlanders! The day is over.", []),     # no registry person
    ("Ports will open - President Ada Quill during the Harbour Gala", "Ladies and gentlemen! Greetings!", ["Ada Quill"]),
    ("President Ada Quill at the Harbour Forum: ports will open", "Good afternoon! Thank you!", ["Ada Quill"]),
    ("President Ada Quill at the Harbour Forum: ports will open", "The forum opened today.", []),
    ("Ports will open soon", "Southlanders! The day is over.", []),
])
def test_a_headline_ending_with_a_person_is_their_address_when_the_text_addresses_listeners(
        resolve, title, opening, expected):
    assert [name for _, name in title_authors(title, resolve, opening)] == expected


@pytest.mark.parametrize("title, expected", [
    # stop 53: 39 White House pages of remarks as prepared for delivery, without turn labels (three State of the
    # Union addresses, Jake Sullivan's speeches …) gave 4,883 sentences to the White House
    ("Remarks by President Quill at the Harbour Forum", ["Ada Quill"]),
    ("Remarks as Prepared for Delivery by President Quill at the Harbour Forum", ["Ada Quill"]),
    ("Remarks of President Quill – State of the Harbour Address as Prepared for Delivery", ["Ada Quill"]),
    ("Remarks on a Modern Harbour Strategy by Press Secretary Lena Voss", ["Lena Voss"]),
    ("Remarks by President Quill and Prime Minister Oduya in Joint Press Conference", ["Ada Quill", "Bram Oduya"]),
    ("Remarks by Press Secretary Lena Voss Assessing the Harbour Recovery", ["Lena Voss"]),
    ("Remarks at a Harbour Reception", []),
    ("Statement by President Quill", []),
])
def test_remarks_authors(resolve, title, expected):
    assert [name for _, name in remarks_authors(title, resolve)] == expected

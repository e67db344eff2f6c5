"""Sector words: our own list first, then those derived from PETRARCH2's agents dictionary."""

from __future__ import annotations

from helpers import shared_path
from storyline.entities.petrarch import rows
from storyline.events import build_agents
from storyline.events.sectors import sector_of


def test_derived_words_give_a_sector_and_ours_keep_theirs():
    assert sector_of("the surgeons") == "MED" and sector_of("local fishermen") == "AGR"
    assert sector_of("Scientists") is not None
    assert sector_of("riot police") == "COP" and sector_of("the Defense Minister") == "GOV"  # our list
    assert sector_of("fireworks") is None


def test_the_shipped_table_is_what_the_build_script_derives_from_the_dictionary():
    source = shared_path("reference", "petrarch2", "Phoenix.agents.txt")
    derived = build_agents.derive(source.read_text(encoding="utf-8", errors="replace"))
    shipped = dict(rows(build_agents.TABLE))
    assert shipped == derived and len(shipped) > 900
    assert "MIT License" in build_agents.TABLE.read_text(encoding="utf-8")


def test_plurals_and_person_forms_are_added():
    table = build_agents.derive("FARMER [~AGR]\nDAIRY!PERSON! [~AGR]\nSURGEON [~HLH]\nPARTY [~PTY]\n#BANK [~BUS]\n")
    assert table == {"dairyman": "AGR", "dairymen": "AGR", "dairywoman": "AGR", "dairywomen": "AGR",
                     "farmer": "AGR", "farmers": "AGR", "parties": "PTY", "party": "PTY",
                     "surgeon": "MED", "surgeons": "MED"}  # fmt: skip

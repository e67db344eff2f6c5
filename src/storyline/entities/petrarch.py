"""What the build scripts share about PETRARCH2's dictionaries: where they are, the MIT notice
our derived tables carry, and how CAMEO's actor and agent codes map to the codes we write.

PETRARCH2 is the Open Event Data Alliance's rule-based CAMEO coder (openeventdata/petrarch2,
MIT licence); ../shared/reference/petrarch2 holds its dictionaries at the commit below. The
tables derived from them (agents.tsv, actors.tsv) are data shipped with the notice, not code.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDER = HERE.parents[3] / "shared" / "reference" / "petrarch2"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"

# CAMEO agent code (three letters) -> PLOVER sector; codes not here are dropped
SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "BUS": "BUS", "CVL": "CVL", "JUD": "JUD",
    "COP": "COP", "MED": "JRN", "LEG": "LEG", "HLH": "MED", "EDU": "EDU", "UAF": "UAF", "SPY": "SPY",
    "AGR": "AGR", "LAB": "LAB", "REF": "REF", "PTY": "PTY", "ELI": "ELI", "CRM": "CRM", "NGO": "NGO",
    "REL": "REL", "BUD": "REL", "CHR": "REL", "MUS": "REL", "JEW": "REL", "HIN": "REL", "CTH": "REL",
}  # fmt: skip


def notice(what: str, source: str, script: str, columns: str) -> str:
    """The header of a derived table: what it is, where it came from, the MIT notice, its columns."""
    return f"""\
# {what} derived from PETRARCH2's {source} (openeventdata/petrarch2
# commit {COMMIT}) by storyline/{script}.
#
# The MIT License (MIT)
# Copyright (c) 2014 Open Event Data Alliance
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
# associated documentation files (the "Software"), to deal in the Software without restriction,
# including without limitation the rights to use, copy, modify, merge, publish, distribute,
# sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions: The above copyright notice and this
# permission notice shall be included in all copies or substantial portions of the Software.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
#
# {columns}
"""


def rows(table: Path) -> list[list[str]]:
    """A derived table's rows (its tab-separated lines below the notice)."""
    return [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]  # fmt: skip

"""Build `agents.tsv`, the sector words derived from PETRARCH2's agents dictionary.

    .venv/bin/python -m storyline.events.build_agents [../shared/reference/petrarch2/Phoenix.agents.txt]

PETRARCH2 (the Open Event Data Alliance's CAMEO coder, MIT licence) lists about 2,000 nouns
that name who an actor is: "farmer [~AGR]", "rancher [~AGR]", "surgeon [~MED]". We keep the
single words (a phrase's head word carries the sector, as `sectors.sector_of` reads it), add
their regular plurals (the dictionary leaves them to its coder), and map CAMEO's agent codes to
the PLOVER sectors Storyline writes (HLH is MED; the religions are REL; a compound code such as
GOVMED is its first part). Words Storyline's own list (`sectors._SECTOR_WORDS`) already has keep
its sector: the derived table only adds words. The table is data, not their code, shipped with
the MIT notice; run this again to rebuild it from a newer dictionary.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..entities.petrarch import FOLDER, SECTORS, notice

SOURCE = FOLDER / "Phoenix.agents.txt"
TABLE = Path(__file__).resolve().with_name("agents.tsv")
NOTICE = notice("Sector words", "agents dictionary, Phoenix.agents.txt", "events/build_agents.py", "word<TAB>sector")
_ENTRY = re.compile(r"^([A-Z][A-Z'\-]*(?:!PERSON!)?)\s*\[~([A-Z]+)\]")


def derive(text: str) -> dict[str, str]:
    """word -> sector for the dictionary's single-word agents and their regular plurals."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = _ENTRY.match(line.strip())
        if not m:
            continue
        word, code = m.group(1), m.group(2)
        sector = SECTORS.get(code[:3])
        if sector is None:
            continue
        stems = [word.replace("!PERSON!", p) for p in ("MAN", "MEN", "WOMAN", "WOMEN")] if "!PERSON!" in word else [word]
        for stem in stems:
            for form in _forms(stem.lower()):
                out.setdefault(form, sector)
    return dict(sorted(out.items()))


def _forms(word: str) -> list[str]:
    if word.endswith(("men", "s")):
        return [word]
    if word.endswith("man"):
        return [word, word[:-3] + "men"]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return [word, word[:-1] + "ies"]
    if word.endswith(("ch", "sh", "x", "z")):
        return [word, word + "es"]
    return [word, word + "s"]


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else SOURCE
    table = derive(source.read_text(encoding="utf-8", errors="replace"))
    TABLE.write_text(NOTICE + "".join(f"{w}\t{s}\n" for w, s in table.items()), encoding="utf-8")
    print(f"{len(table)} words -> {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

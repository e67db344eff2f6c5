"""The house rules of src/storyline: small folders, and imports that follow the README's diagram.

Every `import`, `from ... import` and `importlib.import_module("storyline...")` of a storyline
module, at any depth of a file (the lazy imports inside functions too), is read from the source
with `ast` and checked against `MAY_IMPORT`: a stage never imports the store, spark or a face;
the store never imports spark; nothing but a face imports a face. A new arrow fails here until
the table says it is meant.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"

FOUNDATION = {"record", "errors", "config"}  # what every part may read
STAGES = {"readers", "clean", "nlp", "entities", "dates", "quotes", "events", "stories", "storylines", "compare",
          "export"}  # fmt: skip

# top-level part -> the other parts it may import (besides FOUNDATION and itself)
MAY_IMPORT: dict[str, set[str]] = {
    "record": set(),
    "errors": set(),
    "config": {"errors"},
    "readers": set(),
    "clean": set(),
    "nlp": {"entities", "dates", "quotes", "events"},  # the one parse, then the stages that read it
    "entities": set(),
    "dates": set(),
    "quotes": {"entities"},  # who a speaker is (entities/coreference.py)
    "events": {"entities"},  # the gazetteer
    "store": set(),
    "stories": set(),
    "storylines": {"stories"},  # stories are what storylines are made of
    "compare": {"dates"},  # weekday and number words
    "export": set(),
    "sample": set(),
    "pipeline": {"readers", "clean", "nlp", "entities", "stories", "storylines", "store"},
    "spark": {"readers", "clean", "nlp", "entities", "stories", "storylines", "store", "pipeline"},
    "evaluation": {"readers", "clean", "nlp", "entities", "dates", "quotes", "events", "stories", "storylines", "compare",
                   "store", "pipeline", "sample"},  # fmt: skip
    "alerts": {"events"},  # the PLOVER types an alert may name
    "watch": {"readers", "pipeline", "store"},  # polls feeds, ingests what is new
    "faces": STAGES | {"store", "pipeline", "spark", "evaluation", "sample", "watch", "alerts"},
}


def _part(module: str) -> str:
    """The top-level part of a dotted storyline module: 'storyline.dates.rules' -> 'dates'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _module_of(path: Path, root: Path = PACKAGE) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


_DYNAMIC = {"import_module", "__import__"}  # importlib.import_module("storyline.x"), __import__(...)


def _imports(path: Path, root: Path = PACKAGE) -> set[tuple[int, str]]:
    """(line, absolute module) for every storyline module the file imports."""
    module = _module_of(path, root)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {(node.lineno, a.name) for a in node.names if a.name.startswith("storyline")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("storyline"):
                continue
            if node.module is None or target == "storyline":  # `from .. import faces`: modules
                found |= {(node.lineno, f"{target}.{a.name}") for a in node.names}
            else:
                found.add((node.lineno, target))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in _DYNAMIC:
            name = node.args[0] if node.args else None
            if isinstance(name, ast.Constant) and str(name.value).startswith("storyline"):
                found.add((node.lineno, name.value))
    return found


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_part_is_in_the_table():
    parts = {_part(_module_of(p)) for p in _sources()} - {""}
    assert parts <= set(MAY_IMPORT), f"parts missing from MAY_IMPORT: {sorted(parts - set(MAY_IMPORT))}"


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_diagram(path):
    own = _part(_module_of(path))
    allowed = MAY_IMPORT.get(own, set()) | FOUNDATION | {own, ""}
    wrong = [f"line {line}: {target}" for line, target in _imports(path) if _part(target) not in allowed]
    assert not wrong, f"{path.relative_to(PACKAGE)} ({own}) imports upward: {wrong}"


def test_no_folder_holds_more_than_a_dozen_modules():
    folders = {p.parent for p in _sources()}
    crowded = {str(f.relative_to(PACKAGE.parent)): n for f in folders if (n := len(list(f.glob("*.py")))) > 12}
    assert not crowded, f"folders of more than 12 modules: {crowded}"


def test_the_checker_sees_relative_lazy_and_module_imports(tmp_path):
    # an import inside a function, `from .. import` of modules and an absolute import are all found
    package = tmp_path / "storyline"
    (package / "dates").mkdir(parents=True)
    source = package / "dates" / "stage.py"
    source.write_text(
        "import storyline.spark.job\n"
        "def f():\n    from ..store import Store\n"
        "from .. import faces, record\n"
        "from storyline import pipeline\n"
        "import importlib\nimportlib.import_module('storyline.evaluation')\n"
    )
    assert _imports(source, package) == {
        (1, "storyline.spark.job"), (3, "storyline.store"), (4, "storyline.faces"), (4, "storyline.record"),
        (5, "storyline.pipeline"), (7, "storyline.evaluation"),
    }

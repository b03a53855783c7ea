"""The tests stand on the repository alone: no test or notebook reads data from outside it.

A source scan: every path a test names must resolve inside the repository. It looks for
the ways a path can leave it: a string that climbs with ``../``, a ``shared`` folder
(where the project's private data used to live), ``REPO.parent``, and
``Path(__file__).parents[n]`` above the repository's root.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

OUTSIDE = re.compile(
    r"""(?x)
      ["']\.\./            # a string literal that starts by climbing out
    | \bshared/            # a path through a folder named shared
    | /\s*["']shared["']   # the same, built with pathlib: ... / "shared"
    | \bREPO\.parent\b     # the folder that holds the repository
    """
)
PARENTS = re.compile(r"Path\(__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]")
ALLOWED = {
    ("tests/test_repository.py", None),  # this scan's own patterns and examples
}
"""(file, line prefix) pairs the scan accepts; None accepts the whole file."""


def _sources() -> list[Path]:
    return sorted([*(REPO / "tests").rglob("*.py"), *(REPO / "notebooks").glob("*.ipynb")])


def _lines(path: Path) -> list[str]:
    """The lines of a Python file, or of a notebook's code cells."""
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8").splitlines()
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [
        line.rstrip("\n")
        for cell in cells
        if cell["cell_type"] == "code"
        for line in cell["source"]
    ]


def _allowed(name: str, line: str) -> bool:
    return any(
        name == file and (prefix is None or line.lstrip().startswith(prefix))
        for file, prefix in ALLOWED
    )


def outside_references(name: str, lines: list[str]) -> list[str]:
    """``name:line: text`` for every line of file ``name`` (a path relative to the
    repository) that names a place outside the repository."""
    depth = len(Path(name).parts)  # Path(__file__).parents[depth - 1] is the repository
    found = []
    for number, line in enumerate(lines, 1):
        climbs = [int(n) for n in PARENTS.findall(line) if int(n) >= depth]
        if (OUTSIDE.search(line) or climbs) and not _allowed(name, line):
            found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_repository_tests_read_no_data_outside_the_repository() -> None:
    sources = _sources()
    assert any(p.suffix == ".ipynb" for p in sources) and len(sources) > 30
    found = [
        hit
        for path in sources
        for hit in outside_references(path.relative_to(REPO).as_posix(), _lines(path))
    ]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    "line",
    [
        'GOLD = Path("../shared/gold/dev")',
        'SEED = REPO.parent / "seeds" / "000.txt"',
        'DATA = ROOT / "shared" / "data"',
        "TOOL = Path(__file__).parents[3] / 'tool'",
        "corpus = '/work/shared/data/bbc/bbc_news.jsonl'",
    ],
)
def test_repository_scan_catches_a_path_outside(line: str) -> None:
    """The scan has teeth: each way out is reported, the repository's own root is not."""
    inside = "HERE = Path(__file__).parents[2] / 'data'"
    name = "tests/rdf/test_probe.py"
    assert outside_references(name, [inside, line]) == [f"{name}:2: {line}"]
    assert outside_references("tests/test_probe.py", ["Path(__file__).parents[2]"]) != []

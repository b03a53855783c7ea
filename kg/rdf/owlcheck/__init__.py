"""Would these RDF/OWL files load cleanly into Protégé? Our own check on the OWL API.

`OwlCheck.java` (beside this file) loads each file with the OWL API 5.1 (the library Protégé
is built on; Debian's ``libowlapi-java``) with Protégé's lenient loader settings and reports,
as JSON, everything Protégé would drop or misread: load errors, missing imports, unparsed
triples, undeclared (guessed) entities and OWL 2 DL profile violations (e.g. punning).
Java's single-file source launcher runs it, so there is no build step. For example,
``check([Path("ontology/kg.ttl")])`` gives a :class:`Report` whose ``ok`` is True and
whose ``files[0].counts`` count the ontology's classes, properties and axioms.

Command line: ``python -m kg.rdf.owlcheck FILE...`` (exit 0 ok, 1 problems, 2 usage, 3 setup).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

SOURCE = Path(__file__).with_name("OwlCheck.java")
INSTALL = "apt-get update && apt-get install -y libowlapi-java default-jre-headless"
#: The jars the OWL API needs, by Debian's unversioned names (a glob over /usr/share/java would
#: also pull in other SLF4J bindings and a second copy of the OWL API).
JARS = (
    "owlapi-distribution guava caffeine commons-io commons-rdf-api atinject-jsr330-api hppcrt xz "
    "slf4j-api slf4j-nop rdf4j-model-api rdf4j-model rdf4j-model-vocabulary rdf4j-util "
    "rdf4j-rio-api rdf4j-rio-turtle rdf4j-rio-rdfxml rdf4j-rio-ntriples rdf4j-rio-jsonld "
    "rdf4j-rio-n3 rdf4j-rio-trig rdf4j-rio-nquads jsonld-java jackson-core jackson-databind "
    "jackson-annotations httpclient httpclient-cache httpcore commons-codec commons-logging"
).split()
#: Short JVM start: the check is short-lived, so skip the optimising compiler.
JAVA_OPTS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


class SetupError(RuntimeError):
    """Java or the OWL API jars are missing (the message names the install command)."""


@dataclass(frozen=True)
class FileReport:
    """What the OWL API made of one file; ``problems`` lists what Protégé would lose."""

    file: str
    ok: bool
    format: str | None = None
    ontology: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    missing_imports: list[str] = field(default_factory=list)
    unparsed_triples: list[str] = field(default_factory=list)
    undeclared: list[str] = field(default_factory=list)
    dl_violations: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Every problem as one labelled line, e.g. ``UNPARSED TRIPLE: <a> <b> <c>.``."""
        labelled = (
            ("ERROR", self.errors),
            ("MISSING IMPORT", self.missing_imports),
            ("UNPARSED TRIPLE", self.unparsed_triples),
            ("UNDECLARED", self.undeclared),
            ("DL VIOLATION", self.dl_violations),
        )
        return [f"{label}: {item}" for label, items in labelled for item in items]

    def summary(self) -> str:
        """One line: ``owlcheck: OK graph.ttl axioms=… individuals=…`` or ``owlcheck: FAIL …``."""
        if self.ok:
            counts = " ".join(f"{key}={value}" for key, value in self.counts.items())
            return f"owlcheck: OK {self.file} {counts}"
        kinds = ", ".join(sorted({line.split(":", 1)[0] for line in self.problems}))
        count = len(self.problems)
        return f"owlcheck: FAIL {self.file}: {count} problem{'' if count == 1 else 's'} ({kinds})"


@dataclass(frozen=True)
class Report:
    """The reports of all files checked in one run."""

    files: list[FileReport]

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files)

    def by_name(self) -> dict[str, FileReport]:
        """The file reports keyed by file name (``graph.ttl``)."""
        return {Path(f.file).name: f for f in self.files}

    def text(self) -> str:
        """A readable report: per file its problems, then one summary line."""
        lines: list[str] = []
        for f in self.files:
            lines += [f"== {f.file}", *(f"  {p}" for p in f.problems), f.summary()]
        return "\n".join(lines)


def classpath(jar_dir: Path | None = None) -> str:
    """The OWL API classpath from ``jar_dir`` (default ``$OWLCHECK_JAR_DIR`` or /usr/share/java)."""
    directory = jar_dir or Path(os.environ.get("OWLCHECK_JAR_DIR", "/usr/share/java"))
    missing = [f"{name}.jar" for name in JARS if not (directory / f"{name}.jar").is_file()]
    if missing:
        raise SetupError(
            f"OWL API jars missing in {directory} ({', '.join(missing[:3])}"
            f"{', …' if len(missing) > 3 else ''}); install with: {INSTALL}"
        )
    return os.pathsep.join(str(directory / f"{name}.jar") for name in JARS)


def find_java() -> str:
    """The java executable on PATH, or a SetupError naming the install command."""
    java = shutil.which("java")
    if java is None:
        raise SetupError(f"java not found on PATH; install with: {INSTALL}")
    return java


def _file_report(data: dict) -> FileReport:
    return FileReport(
        file=data["file"],
        ok=bool(data["ok"]),
        format=data.get("format"),
        ontology=data.get("ontology"),
        counts=dict(data.get("counts", {})),
        errors=list(data.get("errors", [])),
        missing_imports=list(data.get("missingImports", [])),
        unparsed_triples=list(data.get("unparsedTriples", [])),
        undeclared=list(data.get("undeclared", [])),
        dl_violations=list(data.get("dlViolations", [])),
    )


def check(files: list[Path], *, timeout: float = 600, jar_dir: Path | None = None) -> Report:
    """Check ``files`` in one JVM run (pass several at once: the JVM start costs ~2 s).

    Raises SetupError when java or the jars are missing, or the checker itself fails.
    """
    if not files:
        return Report([])
    command = [find_java(), *JAVA_OPTS, "-cp", classpath(jar_dir), str(SOURCE), *map(str, files)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    stderr = run.stderr.strip().splitlines()
    detail = stderr[0] if stderr else "no output on stderr"
    if run.returncode not in (0, 1):
        raise SetupError(f"owlcheck failed to run (exit {run.returncode}): {detail}")
    try:
        data = json.loads(run.stdout)
    except json.JSONDecodeError:
        raise SetupError(f"owlcheck printed no JSON report: {detail}") from None
    return Report([_file_report(item) for item in data["files"]])


USAGE = "usage: python -m kg.rdf.owlcheck [--json] FILE..."


def main(argv: list[str] | None = None) -> int:
    """Check the files named in ``argv``, print the report and return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in args
    files = [arg for arg in args if arg != "--json"]
    if not files or any(arg.startswith("-") for arg in files):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        report = check([Path(f) for f in files])
    except SetupError as error:
        print(f"owlcheck: {error}", file=sys.stderr)
        return 3
    if as_json:
        files_json = [dataclasses.asdict(f) for f in report.files]
        print(json.dumps({"ok": report.ok, "files": files_json}, indent=2))
    else:
        print(report.text())
    return 0 if report.ok else 1

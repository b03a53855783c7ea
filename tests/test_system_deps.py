"""scripts/system-deps.sh: the preflight of ``make test`` (Java, OWL API jars, Chromium).

Each case runs the script with PATH set to a folder of chosen tools: a fake ``id`` decides
whether we are root, and a fake ``apt-get`` only records its arguments, so nothing is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parents[1] / "scripts/system-deps.sh"
JAR_DIR = "/usr/share/java"


def fake(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


def run(
    tmp_path: Path,
    mode: str,
    *,
    root: bool,
    java: bool = True,
    jars: bool = True,
    apt: bool = True,
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run the script in a PATH of only the tools asked for; return it and apt-get's log."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("grep", *(("java",) if java else ())):
        found = shutil.which(tool)
        assert found, f"{tool} is needed to run this test"
        (bin_dir / tool).symlink_to(found)
    fake(bin_dir, "id", f"echo {0 if root else 1000}")
    log = tmp_path / "apt-get.log"
    if apt:
        fake(bin_dir, "apt-get", f'echo "$@" >> {log}')
    chromium = fake(tmp_path, "chromium", "echo Chromium 1.0")
    jar_dir = JAR_DIR if jars else str(tmp_path)
    env = {"PATH": str(bin_dir), "OWLCHECK_JAR_DIR": jar_dir, "SYSTEM_DEPS_CHROMIUM": str(chromium)}
    bash = shutil.which("bash")
    assert bash
    result = subprocess.run(
        [bash, str(SCRIPT), mode], env=env, capture_output=True, text=True, timeout=60
    )
    return result, log


@pytest.mark.parametrize("mode", ["--check", "--install"])
def test_all_present_passes_quietly(tmp_path: Path, mode: str) -> None:
    result, log = run(tmp_path, mode, root=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert not log.exists()


def test_missing_java_as_user_names_the_sudo_command(tmp_path: Path) -> None:
    result, log = run(tmp_path, "--install", root=False, java=False)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "run: sudo apt-get update && sudo apt-get install -y default-jre-headless" in lines[0]
    assert not log.exists()


def test_check_never_installs_even_as_root(tmp_path: Path) -> None:
    result, log = run(tmp_path, "--check", root=True, jars=False)
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "run: apt-get update && apt-get install -y libowlapi-java"
    )
    assert not log.exists()


def test_install_as_root_calls_apt_get_for_what_is_missing(tmp_path: Path) -> None:
    result, log = run(tmp_path, "--install", root=True, java=False, jars=False)
    calls = log.read_text().splitlines()
    assert calls[0] == "update -qq"
    assert calls[1] == "install -y -qq default-jre-headless libowlapi-java"
    # the fake apt-get installed nothing, so the script says so instead of running the tests
    assert result.returncode == 1
    assert (
        "still missing after apt-get install: default-jre-headless libowlapi-java" in result.stderr
    )


def test_without_apt_get_it_says_what_to_install(tmp_path: Path) -> None:
    result, _ = run(tmp_path, "--install", root=True, jars=False, apt=False)
    assert result.returncode == 1
    assert "missing libowlapi-java" in result.stderr and "no apt-get" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_usage(tmp_path: Path) -> None:
    result, _ = run(tmp_path, "--bogus", root=False)
    assert result.returncode == 2 and result.stderr.startswith("usage:")

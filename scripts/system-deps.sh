#!/usr/bin/env bash
# The system programs `make test` needs beyond Python: Java (HermiT and our OWL API check),
# Debian's OWL API jars (kg/rdf/owlcheck) and Chromium at /usr/bin/chromium (Playwright's
# browser tests). Python packages come from pip (.venv); these come from apt.
#
#   scripts/system-deps.sh --check     exit 0 if all present, else 1 with the command to run
#   scripts/system-deps.sh --install   install what is missing when root on Debian (apt-get),
#                                      otherwise the same as --check
#
# Overrides (for tests): OWLCHECK_JAR_DIR (default /usr/share/java, as kg.rdf.owlcheck),
# SYSTEM_DEPS_CHROMIUM (default /usr/bin/chromium, the path tests/export/test_browser.py uses).
set -euo pipefail

mode="${1:-}"
if [[ $# -ne 1 || ( "$mode" != --check && "$mode" != --install ) ]]; then
  echo "usage: $0 --check|--install" >&2
  exit 2
fi
jar_dir="${OWLCHECK_JAR_DIR:-/usr/share/java}"
chromium="${SYSTEM_DEPS_CHROMIUM:-/usr/bin/chromium}"

# Prints the Debian packages whose programs are missing or broken, one per line.
missing_packages() {
  # Java's single-file source launcher (OwlCheck.java) needs the jdk.compiler module.
  if ! command -v java >/dev/null 2>&1 \
    || ! java --list-modules 2>/dev/null | grep -q '^jdk\.compiler@'; then
    echo default-jre-headless
  fi
  local jar
  for jar in owlapi-distribution rdf4j-rio-turtle jsonld-java slf4j-nop; do
    if [[ ! -f "$jar_dir/$jar.jar" ]]; then
      echo libowlapi-java
      break
    fi
  done
  if [[ ! -x "$chromium" ]] || ! "$chromium" --version >/dev/null 2>&1; then
    echo chromium
  fi
}

mapfile -t packages < <(missing_packages)
if ((${#packages[@]} == 0)); then
  exit 0
fi

install="apt-get update && apt-get install -y ${packages[*]}"
if [[ "$mode" == --install && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${packages[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${packages[@]}" >/dev/null
  mapfile -t packages < <(missing_packages)
  if ((${#packages[@]} == 0)); then
    exit 0
  fi
  echo "system-deps: still missing after apt-get install: ${packages[*]}" >&2
  exit 1
fi

if [[ "$(id -u)" != 0 ]]; then
  install="sudo apt-get update && sudo apt-get install -y ${packages[*]}"
fi
if command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: missing ${packages[*]}; run: $install" >&2
else
  echo "system-deps: missing ${packages[*]} (Debian names; no apt-get here: install Java 17+," \
    "the OWL API 5.1 jars into OWLCHECK_JAR_DIR and Chromium at $chromium)" >&2
fi
exit 1

# Two commands for a fresh machine with Python 3.11:
#   make run   - set up .venv and build the graph of the example article into output/
#   make test  - check (as root on Debian: install) Java, the OWL API jars and Chromium,
#                set up .venv and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test system-deps owlcheck lint clean docs shapes

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	$(VENV)/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/kg build examples/ -o output/

output/graph.ttl: $(STAMP)
	$(VENV)/bin/kg build examples/ -o output/

# Before pip and pytest, so a missing system package stops the run at once with one command.
system-deps:
	scripts/system-deps.sh --install

test: system-deps $(STAMP)
	$(VENV)/bin/pytest -q

# Would Protégé load the built graph and the ontology cleanly? (our OWL API check)
owlcheck: output/graph.ttl
	$(VENV)/bin/python -m kg.rdf.owlcheck output/graph.ttl ontology/kg.ttl

docs: $(STAMP)
	$(VENV)/bin/python -m kg.rdf.docs ontology/kg.ttl docs/ontology.html

shapes: $(STAMP)
	$(VENV)/bin/python -m kg.rdf.shapes ontology/shapes.ttl

lint: $(STAMP)
	$(VENV)/bin/ruff check kg tests bench scripts

clean:
	rm -rf $(VENV) output/graph.* output/extractions.jsonl

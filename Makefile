# Two commands for a fresh machine with Python 3.11:
#   make run   - set up .venv and build the graph of the example article into output/
#   make test  - set up .venv and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test lint clean docs shapes

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	$(VENV)/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/kg build examples/ -o output/

test: $(STAMP)
	$(VENV)/bin/pytest -q

docs: $(STAMP)
	$(VENV)/bin/python -m kg.rdf.docs ontology/kg.ttl docs/ontology.html

shapes: $(STAMP)
	$(VENV)/bin/python -m kg.rdf.shapes ontology/shapes.ttl

lint: $(STAMP)
	$(VENV)/bin/ruff check kg tests

clean:
	rm -rf $(VENV) output/graph.* output/extractions.jsonl

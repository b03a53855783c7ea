"""``python -m kg.rdf.owlcheck [--json] FILE...``: exit 0 ok, 1 problems, 2 usage, 3 setup."""

import sys

from kg.rdf.owlcheck import main

sys.exit(main())

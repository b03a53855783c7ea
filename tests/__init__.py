"""kg's tests; fixtures in conftest.py and factories.py."""

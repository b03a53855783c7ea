"""The one exception kg raises for problems a user can fix, with its exit code."""

from __future__ import annotations


class KgError(Exception):
    """A clear, one-line problem with the user's input or environment.

    ``exit_code``: 2 for bad input or usage, 3 for an output that cannot be written,
    4 for a query error, 5 for an endpoint that cannot be reached or refuses the data,
    1 otherwise.
    """

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class InputError(KgError):
    """An input file or folder that kg cannot read as an article."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=2)


class EndpointError(KgError):
    """A SPARQL endpoint that cannot be reached or refuses what kg sends (exit 5)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=5)

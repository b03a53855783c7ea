"""The one exception kg raises for problems a user can fix, with its exit code."""

from __future__ import annotations


class KgError(Exception):
    """A clear, one-line problem with the user's input or environment.

    ``exit_code``: 2 for bad input or usage, 3 for an output that cannot be written,
    4 for a query error, 5 for an endpoint that cannot be reached or refuses the data,
    1 otherwise. ``setting`` names the library setting that fixes or caused the problem
    (e.g. ``"max_chars"``, ``"endpoint"``), so that a front end can word its own hint
    (a command line names its option); the message itself names no option.

    >>> KgError("too long", 2, setting="max_chars").setting
    'max_chars'
    """

    def __init__(self, message: str, exit_code: int = 1, *, setting: str | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.setting = setting


class InputError(KgError):
    """An input file or folder that kg cannot read as an article."""

    def __init__(self, message: str, *, setting: str | None = None) -> None:
        super().__init__(message, exit_code=2, setting=setting)


class EndpointError(KgError):
    """A SPARQL endpoint that cannot be reached or refuses what kg sends (exit 5)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=5)

"""Typed library errors. The CLI turns each into a one-line message and an exit code."""

from __future__ import annotations


class WartaError(Exception):
    """Base class of every error warta raises on purpose."""

    exit_code = 1


class InputError(WartaError):
    """A record or file of input could not be read; names the file and line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = path or ""
        if path and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class QueryError(WartaError):
    """A SPARQL query is malformed, refused (an update) or failed."""

    exit_code = 2


class StoreError(WartaError):
    """The graph store cannot be opened, read or written."""

    exit_code = 2

"""Errors a user can meet and fix: the CLI prints them as one line and exits non-zero, never a traceback."""


class UserError(Exception):
    """Bad input, a missing file or release, a query that fails: something the user can act on."""

"""Errors that end a command with exit status 2 and one line for the user."""


class UserError(Exception):
    """One line for the user (file, field or option named); exit 2, no traceback."""

"""The one exception type for bad user input.

Its message is shown to the user as-is (no traceback), so it must name the culprit
(file, field, line) and must never contain identifiers, credentials or raw rows.
"""


class UserError(Exception):
    """A problem with the user's input: schema, SQL, path, option."""

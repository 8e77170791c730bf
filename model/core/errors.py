"""The one exception type every interface catches and shows as a single line."""


class ModelInputError(ValueError):
    """Bad input: names the file (or option), the parameter and what was expected.

    ``str(err)`` is a complete one-line message fit for a CLI's stderr or an app's error box.
    """

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


def write_crash_log(exc: BaseException) -> str:
    """Write the traceback of an unexpected ``exc`` to a new file in the temp folder; returns its path (the
    command line and the app show one line naming it, never the traceback itself)."""
    import tempfile
    import traceback
    fd, path = tempfile.mkstemp(prefix="sescdp-crash-", suffix=".log")
    with open(fd, "w", encoding="utf-8") as fh:
        fh.write("".join(traceback.format_exception(exc)))
    return path

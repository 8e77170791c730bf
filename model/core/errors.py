"""The one exception type every interface catches and shows as a single line."""


class ModelInputError(ValueError):
    """Bad input: names the file (or option), the parameter and what was expected.

    ``str(err)`` is a complete one-line message fit for a CLI's stderr or an app's error box.
    """

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))

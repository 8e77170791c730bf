"""The vocabulary of the results: coaching modes, levels, framings. Plain names with no imports, so that
the command line can list its choices (``sescdp --help``) without loading numpy, pandas or the model.
``model.core.parameters``, ``model.core.stream``, ``model.core.regimes`` and ``model.api`` re-export them."""

MODES = ("internal", "external", "mixed")
LEVELS = ("agency", "government")
AS_PUBLISHED = "as_published"
INCREMENTAL = "incremental"
FRAMINGS = (AS_PUBLISHED, INCREMENTAL)

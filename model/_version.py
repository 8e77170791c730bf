"""The model's version: the one place it is written (``pyproject.toml`` reads it from here, and every export
records it). A module of its own so that any layer can read it without importing the package's public API."""

__version__ = "0.2.0"

import pytest

from model.core.parameters import load_assumptions


@pytest.fixture(scope="session")
def primary():
    """The NPRM primary assumptions, loaded once from assumptions/."""
    return load_assumptions()

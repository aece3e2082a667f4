import pytest

from accounts.roles import Role
from tests.factories import UserFactory
from translations import layer
from translations.groups import translators_group


@pytest.fixture(autouse=True)
def _no_corrections_left_over():
    """A correction lives in this process's catalogues until told otherwise; the database that held it
    is rolled back after each test, so the catalogues forget it too."""
    layer.reset()
    yield
    layer.reset()


@pytest.fixture
def translator(db):
    """Tomás, a resident the council asked to review the Spanish."""
    person = UserFactory(email="tomas@example.org", display_name="Tomás", role=Role.RESIDENT)
    person.groups.add(translators_group())
    return person

import pytest

from questions import services
from tests.factories import CycleFactory


@pytest.fixture
def cycle(db):
    return CycleFactory(title="Youth services 2027", slug="youth-services-2027", is_published=True)


@pytest.fixture
def asked(db, resident, cycle):
    return services.question_ask(
        user=resident,
        subject_kind="cycle",
        subject_id=cycle.pk,
        service_area="children_young_people",
        title="When does the youth club open?",
    )

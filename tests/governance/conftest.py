import pytest
from django.contrib.auth.models import Group, Permission

from accounts.roles import Role
from commissioning.models import Stage
from governance.models import Commission
from tests.factories import CommissionFactory, CycleFactory, OutcomeFactory, UserFactory, complete_equality_assessment


@pytest.fixture
def cycle(db, officer):
    outcome = OutcomeFactory(title="Young people thrive")
    cycle = CycleFactory(
        title="Youth services 2027", slug="youth-services-2027", stage=Stage.ANALYSE, created_by=officer
    )
    cycle.outcomes.add(outcome)
    return cycle


@pytest.fixture
def councillors(db, councillor):
    return [
        councillor,
        UserFactory(email="dev@example.org", full_name="Dev Patel", role=Role.COUNCILLOR),
        UserFactory(email="ife@example.org", full_name="Ife Adebayo", role=Role.COUNCILLOR),
    ]


@pytest.fixture
def submitted_commission(db, officer, councillors, cycle):
    """A commission awaiting three councillors' decision, quorum two."""
    cycle.stage = Stage.DO
    cycle.save()
    commission = CommissionFactory(
        cycle=cycle, title="Late-night youth club", drafted_by=officer, status=Commission.Status.SUBMITTED, quorum=2
    )
    commission.deciders.set(councillors)
    complete_equality_assessment(commission)
    return commission


@pytest.fixture
def override_group(db):
    group = Group.objects.create(name="Duty to involve override")
    group.permissions.add(Permission.objects.get(codename="override_duty_to_involve"))
    return group
